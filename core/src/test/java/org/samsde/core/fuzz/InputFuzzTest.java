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
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.apache.commons.rng.UniformRandomProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.samsde.core.InvalidInputException;
import org.samsde.core.data.Blobs;
import org.samsde.core.data.DataFiles;
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
