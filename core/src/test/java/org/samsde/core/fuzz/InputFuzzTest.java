package org.samsde.core.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.apache.commons.rng.UniformRandomProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.samsde.core.InvalidInputException;
import org.samsde.core.data.Blobs;
import org.samsde.core.data.Cifar10;
import org.samsde.core.data.DataFiles;
import org.samsde.core.data.Idx;
import org.samsde.core.data.TeacherStudent;
import org.samsde.core.io.Npy;
import org.samsde.core.io.NpyArray;
import org.samsde.core.io.Npz;
import org.samsde.core.model.ModelSpec;
import org.samsde.core.random.RandomStreams;

/**
 * Randomised tests of everything that reads user input: random, truncated, mutated and lying files
 * and random specification strings give a result or an {@link InvalidInputException} with a
 * one-line message, never any other exception, a hang, or an allocation the file size does not
 * justify. Inputs come from seeded streams, so a failure names a reproducible case.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class InputFuzzTest {
    @TempDir
    Path dir;

    /** Runs the reader; anything but success or a one-line InvalidInputException fails. */
    private static void clean(String what, Runnable reader) {
        try {
            reader.run();
        } catch (InvalidInputException expected) {
            assertEquals(1, expected.getMessage().lines().count(), what + ": one-line message: " + expected.getMessage());
        } catch (RuntimeException | Error e) {
            throw new AssertionError(what + ": " + e, e);
        }
    }

    private static byte[] npy(NpyArray a) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            Npy.write(out, a);
            return out.toByteArray();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static final byte[] VALID = npy(NpyArray.ofDoubles(new double[] {1, 2, 3, 4, 5, 6}, 2, 3));

    private static byte[] bytes(UniformRandomProvider rng, int max) {
        byte[] b = new byte[rng.nextInt(max + 1)];
        rng.nextBytes(b);
        return b;
    }

    @Test
    void randomBytesAreRejectedCleanly() {
        UniformRandomProvider rng = RandomStreams.stream(1);
        for (int t = 0; t < 2000; t++) {
            byte[] b = bytes(rng, 600);
            if (t % 3 == 0 && b.length > 8) {
                System.arraycopy(VALID, 0, b, 0, 8); // a valid magic, so the header parser is reached
            }
            clean("case " + t, () -> Npy.read(new ByteArrayInputStream(b), "fuzz.npy"));
        }
    }

    @Test
    void everyTruncationIsRejected() {
        for (int length = 0; length < VALID.length; length++) {
            byte[] cut = java.util.Arrays.copyOf(VALID, length);
            assertThrows(InvalidInputException.class, () -> Npy.read(new ByteArrayInputStream(cut), "cut.npy"), "length " + length);
        }
    }

    @Test
    void everySingleByteMutationOfTheHeaderIsHandledCleanly() {
        UniformRandomProvider rng = RandomStreams.stream(2);
        for (int position = 0; position < 128; position++) {
            for (int t = 0; t < 8; t++) {
                byte[] copy = VALID.clone();
                copy[position] = (byte) rng.nextInt(256);
                int p = position;
                clean("byte " + p, () -> Npy.read(new ByteArrayInputStream(copy), "mutated.npy"));
            }
        }
    }

    @Test
    void lyingHeadersAreRefusedBeforeAllocating() throws IOException {
        UniformRandomProvider rng = RandomStreams.stream(3);
        for (int t = 0; t < 300; t++) {
            int rank = rng.nextInt(6);
            List<String> dims = new ArrayList<>();
            for (int i = 0; i < rank; i++) {
                dims.add(Long.toString(switch (rng.nextInt(4)) {
                    case 0 -> rng.nextLong(6) - 5;
                    case 1 -> rng.nextLong(1 << 20);
                    case 2 -> Integer.MAX_VALUE + rng.nextLong(1 << 20);
                    default -> rng.nextLong() & Long.MAX_VALUE;
                }));
            }
            String shape = "(" + String.join(", ", dims) + (rank == 1 ? ",)" : ")");
            StringBuilder header = new StringBuilder("{'descr': '<f8', 'fortran_order': False, 'shape': " + shape + ", }");
            while ((10 + header.length() + 1) % 64 != 0) {
                header.append(' ');
            }
            header.append('\n');
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.write(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0});
            out.write(header.length() & 0xff);
            out.write(header.length() >> 8);
            out.write(header.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.write(new byte[16]);
            Path file = dir.resolve("lying" + t + ".npy");
            Files.write(file, out.toByteArray());
            clean("shape " + shape, () -> Npy.read(file));
        }
    }

    @Test
    void randomArchivesAreRejectedCleanly() throws IOException {
        UniformRandomProvider rng = RandomStreams.stream(4);
        for (int t = 0; t < 300; t++) {
            ByteArrayOutputStream archive = new ByteArrayOutputStream();
            boolean suffix = rng.nextBoolean();
            try (ZipOutputStream zip = new ZipOutputStream(archive)) {
                int entries = rng.nextInt(4);
                for (int i = 0; i < entries; i++) {
                    zip.putNextEntry(new ZipEntry((i == 0 ? "X" : i == 1 ? "y" : "e" + i) + (suffix ? ".npy" : "")));
                    zip.write(rng.nextInt(3) == 0 ? VALID : bytes(rng, 200));
                    zip.closeEntry();
                }
            }
            byte[] b = archive.toByteArray();
            if (t % 4 == 0 && b.length > 10) {
                b[10 + rng.nextInt(b.length - 10)] ^= (byte) (1 + rng.nextInt(255)); // a corrupt archive
            }
            Path file = dir.resolve("fuzz" + t + ".npz");
            Files.write(file, b);
            clean("archive " + t, () -> Npz.read(file));
            clean("data file " + t, () -> DataFiles.load(file));
        }
    }

    @Test
    void dataFilesWithWrongArraysAreRejectedCleanly() throws IOException {
        UniformRandomProvider rng = RandomStreams.stream(5);
        for (int t = 0; t < 200; t++) {
            int xRows = rng.nextInt(5);
            int xCols = rng.nextInt(4);
            int yRows = rng.nextInt(6);
            Map<String, NpyArray> arrays = new LinkedHashMap<>();
            double[] x = new double[xRows * xCols];
            if (rng.nextBoolean() && x.length > 0) {
                x[0] = rng.nextBoolean() ? Double.NaN : Double.POSITIVE_INFINITY;
            }
            arrays.put("X", NpyArray.ofDoubles(x, xRows, xCols));
            int[] labels = new int[yRows];
            if (yRows > 0 && rng.nextInt(4) == 0) {
                labels[0] = -1;
            }
            arrays.put("y", rng.nextBoolean() ? NpyArray.ofInts(labels, yRows) : NpyArray.ofDoubles(new double[yRows], yRows));
            Path file = dir.resolve("data" + t + ".npz");
            Npz.write(file, arrays);
            clean("data " + t, () -> DataFiles.load(file));
        }
    }

    private static byte[] gzip(byte[] data) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
                gz.write(data);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** A valid IDX file: random type, rank 1..3, small sizes, random payload. */
    private static byte[] idx(UniformRandomProvider rng) {
        Idx.Type type = Idx.Type.values()[rng.nextInt(Idx.Type.values().length)];
        int rank = 1 + rng.nextInt(3);
        java.nio.ByteBuffer header = java.nio.ByteBuffer.allocate(4 + 4 * rank);
        header.putInt((type.code() << 8) | rank);
        long count = 1;
        for (int i = 0; i < rank; i++) {
            int size = rng.nextInt(5);
            header.putInt(size);
            count *= size;
        }
        byte[] payload = new byte[(int) count * type.bytes()];
        rng.nextBytes(payload);
        byte[] out = java.util.Arrays.copyOf(header.array(), header.capacity() + payload.length);
        System.arraycopy(payload, 0, out, header.capacity(), payload.length);
        return out;
    }

    /** Applies 1 to 4 random edits: overwrite a byte, a big-endian int (often a header field), truncate, append. */
    private static byte[] mutate(UniformRandomProvider rng, byte[] b) {
        byte[] out = b.clone();
        for (int edits = 1 + rng.nextInt(4); edits > 0; edits--) {
            switch (rng.nextInt(4)) {
                case 0 -> {
                    if (out.length > 0) {
                        out[rng.nextInt(out.length)] = (byte) rng.nextInt(256);
                    }
                }
                case 1 -> {
                    if (out.length >= 4) {
                        int at = 4 * rng.nextInt(Math.min(out.length / 4, 5));
                        int v = switch (rng.nextInt(4)) {
                            case 0 -> -1 - rng.nextInt(3);
                            case 1 -> Integer.MAX_VALUE - rng.nextInt(3);
                            case 2 -> rng.nextInt(1 << 20);
                            default -> rng.nextInt();
                        };
                        java.nio.ByteBuffer.wrap(out).putInt(at, v);
                    }
                }
                case 2 -> out = java.util.Arrays.copyOf(out, rng.nextInt(out.length + 1));
                default -> {
                    byte[] tail = bytes(rng, 16);
                    byte[] longer = java.util.Arrays.copyOf(out, out.length + tail.length);
                    System.arraycopy(tail, 0, longer, out.length, tail.length);
                    out = longer;
                }
            }
        }
        return out;
    }

    @Test
    void idxFilesRandomMutatedTruncatedAndGzippedAreReadOrRejectedCleanly() throws IOException {
        UniformRandomProvider rng = RandomStreams.stream(7);
        Path file = dir.resolve("fuzz.idx");
        for (int t = 0; t < 1500; t++) {
            byte[] valid = idx(rng);
            byte[] b = switch (t % 5) {
                case 0 -> bytes(rng, 64);
                case 1 -> valid;
                case 2 -> gzip(mutate(rng, valid));
                case 3 -> {
                    byte[] z = gzip(valid);
                    yield mutate(rng, z);
                }
                default -> mutate(rng, valid);
            };
            Files.write(file, b);
            boolean wasValid = t % 5 == 1;
            int c = t;
            clean("idx case " + c, () -> {
                Idx.Array a = Idx.read(file);
                if (wasValid) {
                    assertEquals(valid.length - 4 - 4 * a.shape().length, a.payload().length, "idx case " + c);
                }
            });
        }
    }

    @Test
    void idxHeadersThatOverflowTheElementCountAreRejectedCleanly() throws IOException {
        UniformRandomProvider rng = RandomStreams.stream(8);
        for (int t = 0; t < 300; t++) {
            int rank = 1 + rng.nextInt(8);
            java.nio.ByteBuffer header = java.nio.ByteBuffer.allocate(4 + 4 * rank + 16);
            header.putInt((Idx.Type.values()[rng.nextInt(6)].code() << 8) | rank);
            for (int i = 0; i < rank; i++) {
                header.putInt(switch (rng.nextInt(4)) {
                    case 0 -> 0;
                    case 1 -> Integer.MAX_VALUE;
                    case 2 -> 1 << rng.nextInt(31);
                    default -> rng.nextInt(Integer.MAX_VALUE);
                });
            }
            byte[] b = header.array();
            Path plain = dir.resolve("overflow" + t + ".idx");
            Files.write(plain, b);
            clean("idx header " + t, () -> Idx.read(plain));
            Path gz = dir.resolve("overflow" + t + ".idx.gz");
            Files.write(gz, gzip(b));
            clean("gzipped idx header " + t, () -> Idx.read(gz));
        }
    }

    @Test
    void cifarBatchFilesRandomMutatedAndTruncatedAreReadOrRejectedCleanly() throws IOException {
        UniformRandomProvider rng = RandomStreams.stream(9);
        Path file = dir.resolve("data_batch_1.bin");
        for (int t = 0; t < 300; t++) {
            int n = rng.nextInt(4);
            byte[] valid = new byte[n * Cifar10.RECORD_BYTES];
            rng.nextBytes(valid);
            for (int i = 0; i < n; i++) {
                valid[i * Cifar10.RECORD_BYTES] = (byte) rng.nextInt(Cifar10.CLASSES);
            }
            byte[] b = switch (t % 4) {
                case 0 -> bytes(rng, 2 * Cifar10.RECORD_BYTES);
                case 1 -> valid;
                default -> mutate(rng, valid);
            };
            Files.write(file, b);
            boolean wasValid = t % 4 == 1 && n > 0;
            int c = t;
            clean("cifar case " + c, () -> {
                Cifar10.Batch batch = Cifar10.read(file);
                if (wasValid) {
                    assertEquals(n, batch.size(), "cifar case " + c);
                }
            });
        }
    }

    private static final String[] PIECES = {"mlp", ":", "-", "tanh", "relu", "gelu", "0", "1", "3", "99999999999", "-1", "linreg",
        "logreg", "poly", "quadratic", "cnn", "cnn6", "c16k3p1", "avg2", "d10", "blobs", "teacher", "mnist", "k=", "n=", "d=", "sep=",
        "seed=", "h=", ",", "=", "NaN", "1e9", " ", "", "\n"};

    @Test
    void specificationStringsAreParsedOrRejectedCleanly() {
        UniformRandomProvider rng = RandomStreams.stream(6);
        for (int t = 0; t < 3000; t++) {
            StringBuilder s = new StringBuilder();
            if (t % 5 == 0) {
                for (int i = rng.nextInt(30); i > 0; i--) {
                    s.append((char) rng.nextInt(128));
                }
            } else {
                for (int i = rng.nextInt(9); i > 0; i--) {
                    s.append(PIECES[rng.nextInt(PIECES.length)]);
                }
            }
            String spec = s.toString();
            clean("model '" + spec + "'", () -> ModelSpec.parse(spec));
            clean("blobs '" + spec + "'", () -> Blobs.parse("blobs:" + spec));
            clean("teacher '" + spec + "'", () -> TeacherStudent.parse("teacher:" + spec));
            if (!spec.startsWith("mnist") && !spec.contains("dir=")) {
                clean("data '" + spec + "'", () -> DataFiles.resolve(spec.startsWith("blobs") || spec.startsWith("teacher") ? spec : "blobs:" + spec));
            }
        }
    }
}
