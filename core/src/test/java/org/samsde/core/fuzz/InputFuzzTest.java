package org.samsde.core.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

import org.samsde.core.InvalidInputException;
import org.samsde.core.data.Blobs;
import org.samsde.core.data.DataFiles;
import org.samsde.core.data.TeacherStudent;
import org.samsde.core.io.Npy;
import org.samsde.core.io.NpyArray;
import org.samsde.core.io.Npz;
import org.samsde.core.model.ModelSpec;

/**
 * Property tests of everything that reads user input: random, truncated, mutated and lying files
 * and random specification strings give a result or an {@link InvalidInputException}, never any
 * other exception, a hang, or an allocation the file size does not justify.
 */
class InputFuzzTest {

    /** Runs the reader; anything but success or InvalidInputException fails the property. */
    private static void clean(Runnable reader) {
        try {
            reader.run();
        } catch (InvalidInputException expected) {
            // a clean, one-line rejection
            assertEquals(1, expected.getMessage().lines().count(), "one-line message: " + expected.getMessage());
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

    @Property(tries = 400)
    void randomBytesAreRejectedCleanly(@ForAll @Size(max = 600) byte[] bytes) {
        clean(() -> Npy.read(new ByteArrayInputStream(bytes), "fuzz.npy"));
    }

    @Property(tries = 300)
    void truncatedFilesAreRejectedCleanly(@ForAll @IntRange(min = 0, max = 175) int length) {
        byte[] cut = java.util.Arrays.copyOf(VALID, Math.min(length, VALID.length));
        if (cut.length < VALID.length) {
            assertThrows(InvalidInputException.class, () -> Npy.read(new ByteArrayInputStream(cut), "cut.npy"));
        }
    }

    @Property(tries = 500)
    void mutatedHeadersAreRejectedCleanly(@ForAll @IntRange(min = 0, max = 127) int position, @ForAll byte value) {
        byte[] copy = VALID.clone();
        copy[position] = value;
        clean(() -> Npy.read(new ByteArrayInputStream(copy), "mutated.npy"));
    }

    @Provide
    Arbitrary<String> shapes() {
        return Arbitraries.longs().between(-5, Long.MAX_VALUE).list().ofMaxSize(5)
                .map(l -> "(" + String.join(", ", l.stream().map(String::valueOf).toList()) + (l.size() == 1 ? ",)" : ")"));
    }

    @Property(tries = 300)
    void lyingHeadersAreRefusedBeforeAllocating(@ForAll("shapes") String shape) throws IOException {
        String dict = "{'descr': '<f8', 'fortran_order': False, 'shape': " + shape + ", }";
        StringBuilder header = new StringBuilder(dict);
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
        Path file = Files.createTempFile("lying", ".npy");
        try {
            Files.write(file, out.toByteArray());
            clean(() -> Npy.read(file));
        } finally {
            Files.delete(file);
        }
    }

    @Property(tries = 200)
    void randomArchivesAreRejectedCleanly(@ForAll @Size(max = 3) java.util.List<@Size(max = 200) byte[]> entries,
                                         @ForAll boolean npySuffix) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (int i = 0; i < entries.size(); i++) {
                zip.putNextEntry(new ZipEntry((i == 0 ? "X" : i == 1 ? "y" : "e" + i) + (npySuffix ? ".npy" : "")));
                zip.write(entries.get(i));
                zip.closeEntry();
            }
        }
        Path file = Files.createTempFile("fuzz", ".npz");
        try {
            Files.write(file, bytes.toByteArray());
            clean(() -> Npz.read(file));
            clean(() -> DataFiles.load(file));
        } finally {
            Files.delete(file);
        }
    }

    @Property(tries = 200)
    void dataFilesWithWrongArraysAreRejectedCleanly(@ForAll @IntRange(min = 0, max = 4) int xRows, @ForAll @IntRange(min = 0, max = 3) int xCols,
                                                    @ForAll @IntRange(min = 0, max = 5) int yRows, @ForAll boolean intLabels,
                                                    @ForAll boolean nan) throws IOException {
        Map<String, NpyArray> arrays = new LinkedHashMap<>();
        double[] x = new double[xRows * xCols];
        if (nan && x.length > 0) {
            x[0] = Double.NaN;
        }
        arrays.put("X", NpyArray.ofDoubles(x, xRows, xCols));
        arrays.put("y", intLabels ? NpyArray.ofInts(new int[yRows], yRows) : NpyArray.ofDoubles(new double[yRows], yRows));
        Path file = Files.createTempFile("data", ".npz");
        try {
            Npz.write(file, arrays);
            clean(() -> DataFiles.load(file));
        } finally {
            Files.delete(file);
        }
    }

    @Provide
    Arbitrary<String> specLike() {
        Arbitrary<String> pieces = Arbitraries.of("mlp", ":", "-", "tanh", "relu", "gelu", "0", "1", "3", "99999999999", "-1", "linreg",
                "logreg", "poly", "quadratic", "blobs", "teacher", "k=", "n=", "d=", "sep=", "seed=", "h=", ",", "=", "NaN", "1e9", " ", "");
        return Arbitraries.oneOf(pieces.list().ofMaxSize(8).map(l -> String.join("", l)), Arbitraries.strings().ofMaxLength(30));
    }

    @Property(tries = 1000)
    void specificationStringsAreParsedOrRejectedCleanly(@ForAll("specLike") String spec) {
        clean(() -> ModelSpec.parse(spec));
        clean(() -> Blobs.parse("blobs:" + spec));
        clean(() -> TeacherStudent.parse("teacher:" + spec));
        clean(() -> DataFiles.resolve(spec.startsWith("blobs") || spec.startsWith("teacher") ? spec : "blobs:" + spec));
    }
}
