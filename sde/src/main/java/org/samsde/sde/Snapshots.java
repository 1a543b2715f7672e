package org.samsde.sde;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

import org.apache.commons.rng.UniformRandomProvider;
import org.samsde.core.random.RandomStreams;
import org.samsde.core.tensor.Backend;
import org.samsde.core.tensor.Tensor;
import org.samsde.core.tensor.Vectors;

/**
 * Binary encodings of the pieces of a trajectory's state for checkpoints: tensors (exact doubles),
 * random-stream states, integer arrays. Readers check lengths and fail with an IOException naming
 * what does not fit, so a corrupt or foreign checkpoint is refused rather than half applied.
 */
public final class Snapshots {
    private Snapshots() {
    }

    /**
     * @param out the stream
     * @param t a tensor, or null
     * @throws IOException on write failure
     */
    public static void writeTensor(DataOutput out, Tensor t) throws IOException {
        if (t == null) {
            out.writeInt(-1);
            return;
        }
        double[] v = t.toArray();
        out.writeInt(v.length);
        for (double x : v) {
            out.writeDouble(x);
        }
    }

    /**
     * @param in the stream
     * @param backend where a new tensor is made
     * @param expected the required length
     * @return the tensor, or null when null was written
     * @throws IOException when the length differs or the stream ends
     */
    public static Tensor readTensor(DataInput in, Backend backend, int expected) throws IOException {
        int n = in.readInt();
        if (n == -1) {
            return null;
        }
        if (n != expected) {
            throw new IOException("checkpoint holds a vector of " + n + " values, expected " + expected);
        }
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = in.readDouble();
        }
        return backend.upload(v, n);
    }

    /**
     * Reads a tensor that must be present into an existing one.
     *
     * @param in the stream
     * @param into the destination; modified
     * @throws IOException when absent, of another length, or the stream ends
     */
    public static void readTensorInto(DataInput in, Tensor into) throws IOException {
        Tensor t = readTensor(in, into.backend(), into.size());
        if (t == null) {
            throw new IOException("checkpoint lacks a required vector");
        }
        Vectors.set(t, into);
        t.close();
    }

    /**
     * @param out the stream
     * @param rng a restorable stream
     * @throws IOException on write failure
     */
    public static void writeRng(DataOutput out, UniformRandomProvider rng) throws IOException {
        byte[] state = RandomStreams.saveState(rng);
        out.writeInt(state.length);
        out.write(state);
    }

    /**
     * @param in the stream
     * @param rng the stream to restore; modified
     * @throws IOException when the saved state does not fit
     */
    public static void readRng(DataInput in, UniformRandomProvider rng) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > 1 << 16) {
            throw new IOException("checkpoint holds a random state of " + n + " bytes");
        }
        byte[] state = new byte[n];
        in.readFully(state);
        try {
            RandomStreams.restoreState(rng, state);
        } catch (RuntimeException e) {
            throw new IOException("checkpoint random state does not fit: " + e.getMessage(), e);
        }
    }

    /**
     * @param out the stream
     * @param v the values
     * @throws IOException on write failure
     */
    public static void writeInts(DataOutput out, int[] v) throws IOException {
        out.writeInt(v.length);
        for (int x : v) {
            out.writeInt(x);
        }
    }

    /**
     * @param in the stream
     * @param into the destination, of the saved length; modified
     * @throws IOException when the length differs
     */
    public static void readInts(DataInput in, int[] into) throws IOException {
        int n = in.readInt();
        if (n != into.length) {
            throw new IOException("checkpoint holds " + n + " integers, expected " + into.length);
        }
        for (int i = 0; i < n; i++) {
            into[i] = in.readInt();
        }
    }
}
