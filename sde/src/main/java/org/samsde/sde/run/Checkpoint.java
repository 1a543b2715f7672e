package org.samsde.sde.run;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.zip.CRC32C;
import java.util.zip.CheckedOutputStream;

import org.samsde.core.io.AtomicFiles;
import org.samsde.sde.Dynamics;

/**
 * One trajectory's checkpoint: how far it got, its records so far, the recorder's warm start and
 * the method's state, in one file written atomically (temporary file, fsync, rename), so a process
 * killed at any moment leaves either the previous checkpoint or the new one.
 *
 * <p>Format (big-endian, {@link java.io.DataOutput}): the magic {@value #MAGIC}, the method name,
 * seed index, seed, dimension, steps done, finished and diverged flags, elapsed seconds, the records,
 * the recorder's state, the method's state; then a trailer of 4 bytes, the CRC32C of every byte
 * before it (the magic included).
 *
 * <p>A file is checked in full before anything is restored from it: a byte changed anywhere
 * (bit rot, a copy cut short, an edit) fails the checksum, and a file of an older format (magic
 * {@code samsde-checkpoint-1} or {@code -2}, which had no checksum) is recognised by its magic.
 * Either is refused with a {@link CheckpointException} that names the file and says to delete it;
 * the trajectory is never restarted behind the user's back, and the file is never deleted by the
 * reader. Older files still count as samsde's own for {@link #isOwn}, so a fresh run removes them.
 */
final class Checkpoint {
    static final String MAGIC = "samsde-checkpoint-3";

    /** The magic of every version of the format, this one and older ones: the prefix and the version. */
    private static final Pattern ANY_MAGIC = Pattern.compile("samsde-checkpoint-([0-9]{1,9})");

    /** Bytes of the trailer: the CRC32C of everything before it. */
    private static final int TRAILER = 4;

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
     * that starts with the magic string of this or an older version of the format, or the temporary
     * file of an interrupted atomic write.
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
        try {
            String magic = magic(file);
            return magic != null && ANY_MAGIC.matcher(magic).matches();
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * @param file a file
     * @return the string (DataOutput.writeUTF) it starts with, when it starts with a short one
     *     (at most 64 bytes, ASCII); otherwise null
     * @throws IOException when it cannot be read
     */
    private static String magic(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] length = in.readNBytes(2);
            if (length.length < 2) {
                return null;
            }
            int n = (length[0] & 0xff) << 8 | (length[1] & 0xff);
            if (n == 0 || n > 64) {
                return null;
            }
            byte[] text = in.readNBytes(n);
            if (text.length < n) {
                return null;
            }
            for (byte b : text) {
                if (b < 0x20 || b > 0x7e) {
                    return null;
                }
            }
            return new String(text, StandardCharsets.US_ASCII);
        }
    }

    static <S extends Dynamics.State> void write(Path file, Dynamics<S> dynamics, S state, Recorder recorder, int seedIndex,
                                                long seed, int dimension, Header h) throws IOException {
        AtomicFiles.write(file, raw -> {
            CheckedOutputStream checked = new CheckedOutputStream(raw, new CRC32C());
            DataOutputStream out = new DataOutputStream(new BufferedOutputStream(checked));
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
            // the trailer goes past the checksum, straight to the file
            DataOutputStream trailer = new DataOutputStream(raw);
            trailer.writeInt((int) checked.getChecksum().getValue());
            trailer.flush();
        });
    }

    /**
     * Checks a checkpoint's magic and checksum before anything is read from it.
     *
     * @param file an existing checkpoint file
     * @throws CheckpointException when it is of another version, too short, or its checksum fails
     * @throws IOException when it cannot be read
     */
    private static void verify(Path file) throws IOException {
        String magic = magic(file);
        java.util.regex.Matcher version = magic == null ? null : ANY_MAGIC.matcher(magic);
        if (version != null && version.matches() && !magic.equals(MAGIC)) {
            throw new CheckpointException(file, "was written by " + (Integer.parseInt(version.group(1)) < 3
                    ? "an older samsde (format " + magic + ", without a checksum)" : "a newer samsde (format " + magic + ")")
                    + " and is not read", null);
        }
        long size = Files.size(file);
        long payload = size - TRAILER;
        if (payload < 2 + MAGIC.length()) {
            throw new CheckpointException(file, "is " + (magic == null ? "not a samsde checkpoint, or is " : "")
                    + "corrupt: " + size + " bytes are too few for a checkpoint", null);
        }
        CRC32C crc = new CRC32C();
        byte[] buffer = new byte[1 << 16];
        int stored;
        try (InputStream in = Files.newInputStream(file)) {
            long left = payload;
            while (left > 0) {
                int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
                if (n < 0) {
                    throw new CheckpointException(file, "changed while it was read", null);
                }
                crc.update(buffer, 0, n);
                left -= n;
            }
            byte[] t = in.readNBytes(TRAILER);
            if (t.length < TRAILER) {
                throw new CheckpointException(file, "changed while it was read", null);
            }
            stored = (t[0] & 0xff) << 24 | (t[1] & 0xff) << 16 | (t[2] & 0xff) << 8 | (t[3] & 0xff);
        }
        if (stored != (int) crc.getValue()) {
            throw new CheckpointException(file, MAGIC.equals(magic)
                    ? "is corrupt (its CRC32C checksum does not match its contents)"
                    : "is corrupt or not a samsde checkpoint (it does not start with " + MAGIC + ", and its checksum does not match)",
                    null);
        }
        if (!MAGIC.equals(magic)) {
            throw new CheckpointException(file, "is not a samsde checkpoint (it does not start with " + MAGIC + ")", null);
        }
    }

    /**
     * Reads a checkpoint into a fresh state and recorder, after checking its checksum; nothing is
     * restored from a file that fails the check.
     *
     * @return the header, or null when the file does not exist
     * @throws CheckpointException when it exists but is corrupt, of another format version, or
     *     belongs to another trajectory (the message names the file and says to delete it)
     * @throws IOException when it cannot be read
     */
    static <S extends Dynamics.State> Header read(Path file, Dynamics<S> dynamics, S state, Recorder recorder, int seedIndex,
                                                 long seed, int dimension) throws IOException {
        if (!Files.exists(file)) {
            return null;
        }
        verify(file);
        long payload = Files.size(file) - TRAILER;
        try (InputStream raw = Files.newInputStream(file)) {
            CountingInputStream counted = new CountingInputStream(new BufferedInputStream(raw), payload);
            DataInputStream in = new DataInputStream(counted);
            in.readUTF(); // the magic, checked by verify
            String method = in.readUTF();
            int index = in.readInt();
            long s = in.readLong();
            int d = in.readInt();
            if (!method.equals(dynamics.name()) || index != seedIndex || s != seed || d != dimension) {
                throw new CheckpointException(file, "belongs to " + method + " seed " + index + " (d = " + d + "), not "
                        + dynamics.name() + " seed " + seedIndex + " (d = " + dimension + ")", null);
            }
            int done = in.readInt();
            boolean finished = in.readBoolean();
            boolean diverged = in.readBoolean();
            double seconds = in.readDouble();
            int count = in.readInt();
            if (count < 0 || count > done + 2) {
                throw new CheckpointException(file, "is inconsistent: it holds " + count + " records for " + done + " steps", null);
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
            if (counted.position() != payload) {
                throw new CheckpointException(file, "is inconsistent: " + (payload - counted.position())
                        + " bytes are left after the method's state", null);
            }
            return new Header(done, finished, diverged, seconds, records);
        } catch (CheckpointException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            // the checksum held, so the bytes are as written: a state this build cannot restore
            throw new CheckpointException(file, "cannot be restored by this build of samsde (" + e + ")", e);
        }
    }

    /** Counts the bytes read, and ends the stream at the trailer (a read past the payload is an EOF). */
    private static final class CountingInputStream extends FilterInputStream {
        private final long limit;
        private long position;

        CountingInputStream(InputStream in, long limit) {
            super(in);
            this.limit = limit;
        }

        long position() {
            return position;
        }

        @Override
        public int read() throws IOException {
            if (position >= limit) {
                return -1;
            }
            int b = super.read();
            if (b >= 0) {
                position++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (position >= limit) {
                return -1;
            }
            int n = super.read(b, off, (int) Math.min(len, limit - position));
            if (n > 0) {
                position += n;
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long k = super.skip(Math.min(n, limit - position));
            position += k;
            return k;
        }

        @Override
        public boolean markSupported() {
            return false;
        }
    }
}
