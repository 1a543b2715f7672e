package org.samsde.sde.run;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.samsde.core.io.AtomicFiles;
import org.samsde.sde.Dynamics;

/**
 * One trajectory's checkpoint: how far it got, its records so far, the recorder's warm start and
 * the method's state, in one file written atomically (temporary file, fsync, rename), so a process
 * killed at any moment leaves either the previous checkpoint or the new one.
 *
 * <p>Format (big-endian, {@link java.io.DataOutput}): the magic {@value #MAGIC}, the method name,
 * seed index, seed, dimension, steps done, finished and diverged flags, elapsed seconds, the records,
 * the recorder's state, the method's state.
 */
final class Checkpoint {
    static final String MAGIC = "samsde-checkpoint-2";

    /** What a checkpoint holds besides the states restored in place. */
    record Header(int done, boolean finished, boolean diverged, double seconds, List<Record> records) {
    }

    private Checkpoint() {
    }

    /** The names of checkpoint files: method index, method name (sanitised), seed index. */
    private static final Pattern NAME = Pattern.compile("[0-9]+-[A-Za-z0-9_-]+-[0-9]+\\.ckpt");
    /** The temporary files of their atomic writes ({@code .NAME.HEX.tmp}, see AtomicFiles). */
    private static final Pattern TEMPORARY = Pattern.compile(
            "\\.[0-9]+-[A-Za-z0-9_-]+-[0-9]+\\.ckpt\\.[0-9a-f]+\\.tmp");

    static Path file(Path dir, int methodIndex, String method, int seedIndex) {
        return dir.resolve(methodIndex + "-" + method.replaceAll("[^A-Za-z0-9_-]", "_") + "-" + seedIndex + ".ckpt");
    }

    /**
     * Whether a file is one this class wrote: a regular file (not a link) named like {@link #file}
     * that starts with the magic string, or the temporary file of an interrupted atomic write.
     *
     * @param file a file
     * @return whether it may be deleted as samsde's own
     */
    static boolean isOwn(Path file) {
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        String name = file.getFileName().toString();
        if (TEMPORARY.matcher(name).matches()) {
            return true;
        }
        if (!NAME.matcher(name).matches()) {
            return false;
        }
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
            return MAGIC.equals(in.readUTF());
        } catch (IOException e) {
            return false;
        }
    }

    static <S extends Dynamics.State> void write(Path file, Dynamics<S> dynamics, S state, Recorder recorder, int seedIndex,
                                                long seed, int dimension, Header h) throws IOException {
        AtomicFiles.write(file, raw -> {
            DataOutputStream out = new DataOutputStream(new BufferedOutputStream(raw));
            out.writeUTF(MAGIC);
            out.writeUTF(dynamics.name());
            out.writeInt(seedIndex);
            out.writeLong(seed);
            out.writeInt(dimension);
            out.writeInt(h.done());
            out.writeBoolean(h.finished());
            out.writeBoolean(h.diverged());
            out.writeDouble(h.seconds());
            out.writeInt(h.records().size());
            for (Record r : h.records()) {
                out.writeInt(r.step());
                out.writeDouble(r.time());
                for (double m : r.metrics()) {
                    out.writeDouble(m);
                }
                out.writeDouble(r.seconds());
                out.writeBoolean(r.diverged());
                out.writeDouble(r.lambdaResidual());
            }
            recorder.save(out);
            dynamics.save(state, out);
            out.flush();
        });
    }

    /**
     * Reads a checkpoint into a fresh state and recorder.
     *
     * @return the header, or null when the file does not exist
     * @throws IOException when it exists but does not belong to this trajectory or is corrupt
     */
    static <S extends Dynamics.State> Header read(Path file, Dynamics<S> dynamics, S state, Recorder recorder, int seedIndex,
                                                 long seed, int dimension) throws IOException {
        if (!Files.exists(file)) {
            return null;
        }
        try (InputStream raw = Files.newInputStream(file)) {
            DataInputStream in = new DataInputStream(new BufferedInputStream(raw));
            if (!MAGIC.equals(in.readUTF())) {
                throw new IOException("not a samsde checkpoint");
            }
            String method = in.readUTF();
            int index = in.readInt();
            long s = in.readLong();
            int d = in.readInt();
            if (!method.equals(dynamics.name()) || index != seedIndex || s != seed || d != dimension) {
                throw new IOException("belongs to " + method + " seed " + index + " (d = " + d + "), not " + dynamics.name()
                        + " seed " + seedIndex + " (d = " + dimension + ")");
            }
            int done = in.readInt();
            boolean finished = in.readBoolean();
            boolean diverged = in.readBoolean();
            double seconds = in.readDouble();
            int count = in.readInt();
            if (count < 0 || count > done + 2) {
                throw new IOException("holds " + count + " records for " + done + " steps");
            }
            List<Record> records = new ArrayList<>(count);
            int metrics = Record.METRICS.size();
            for (int i = 0; i < count; i++) {
                int step = in.readInt();
                double time = in.readDouble();
                double[] m = new double[metrics];
                for (int j = 0; j < metrics; j++) {
                    m[j] = in.readDouble();
                }
                double sec = in.readDouble();
                boolean div = in.readBoolean();
                double residual = in.readDouble();
                records.add(Record.of(step, time, m, sec, div, residual));
            }
            recorder.load(in);
            dynamics.load(state, in);
            return new Header(done, finished, diverged, seconds, records);
        } catch (IOException e) {
            throw new IOException("checkpoint " + file + ": " + e.getMessage(), e);
        }
    }
}
