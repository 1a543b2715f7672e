package org.samsde.core.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.samsde.core.io.Fixtures.assertInvalid;
import static org.samsde.core.io.Fixtures.f8Dict;
import static org.samsde.core.io.Fixtures.npy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.samsde.core.InvalidInputException;

/** Round trips and the rejection of malformed {@code .npy} input crafted byte by byte. */
class NpyTest {

    private static final String SOURCE = "stream.npy";

    /** Characters that keep a corrupted header close to valid Python. */
    private static final String PUNCTUATION = "(),:'\"{}[]#L-+0123456789 \n";

    @TempDir
    Path dir;

    /** Arrays of every dtype in shapes from 0-d to 4-d, including empty ones. */
    static Stream<NpyArray> arrays() {
        int[][] shapes = {{}, {0}, {1}, {5}, {2, 3}, {2, 0, 3}, {1, 1, 1, 1}, {3, 1, 4}};
        List<NpyArray> arrays = new ArrayList<>();
        for (int[] shape : shapes) {
            int n = Arrays.stream(shape).reduce(1, (a, b) -> a * b);
            double[] doubles = Fixtures.doubles(n, i -> (i - 2.5) / 3.0);
            float[] floats = new float[n];
            int[] ints = new int[n];
            for (int i = 0; i < n; i++) {
                floats[i] = (float) doubles[i];
                ints[i] = i % 2 == 0 ? Integer.MIN_VALUE + i : Integer.MAX_VALUE - i;
            }
            arrays.add(NpyArray.ofDoubles(doubles, shape));
            arrays.add(NpyArray.ofFloats(floats, shape));
            arrays.add(NpyArray.ofLongs(Fixtures.longs(n, i -> Long.MIN_VALUE / (i + 1)), shape));
            arrays.add(NpyArray.ofInts(ints, shape));
        }
        return arrays.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("arrays")
    void roundTripsThroughFile(NpyArray array) throws IOException {
        Path path = dir.resolve("a.npy");
        Npy.write(path, array);
        assertEquals(array, Npy.read(path));
        long dataBytes = (long) array.size() * array.dtype().itemSize();
        assertEquals(0, (Files.size(path) - dataBytes) % 64, "data starts on a 64-byte boundary");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("arrays")
    void roundTripsThroughStream(NpyArray array) {
        byte[] bytes = Fixtures.toBytes(array);
        assertEquals(array, Npy.read(new ByteArrayInputStream(bytes), SOURCE));
    }

    @Test
    void roundTripsLargeArrayAcrossManyChunks() throws IOException {
        int n = 300_001;
        NpyArray array = NpyArray.ofDoubles(Fixtures.doubles(n, i -> Math.sin(i)), 1, n);
        Path path = dir.resolve("large.npy");
        Npy.write(path, array);
        assertEquals(array, Npy.read(path));
        try (InputStream in = Files.newInputStream(path)) {
            assertEquals(array, Npy.read(in, path.toString()));
        }
    }

    @Test
    void formatsHeaderLikeNumpy() {
        String header = new String(Fixtures.toBytes(NpyArray.ofDoubles(new double[6], 2, 3)),
                0, 128, StandardCharsets.ISO_8859_1);
        assertEquals("\u0093NUMPY\u0001\u0000v\u0000{'descr': '<f8', 'fortran_order': False,"
                + " 'shape': (2, 3), }" + " ".repeat(58) + "\n", header);
        String scalar = new String(Fixtures.toBytes(NpyArray.ofLongs(new long[1])), 10, 118,
                StandardCharsets.ISO_8859_1);
        assertEquals("{'descr': '<i8', 'fortran_order': False, 'shape': (), }"
                + " ".repeat(62) + "\n", scalar);
    }

    @Test
    void readsNativeOrderPython2AndBigEndianDescriptors() {
        byte[] one = ByteBuffer.allocate(8).order(ByteOrder.nativeOrder()).putDouble(1.5).array();
        for (String order : new String[] {"|", "=", ""}) {
            String dict = "{'descr': '" + order + "f8', 'fortran_order': False, 'shape': (1L,), }";
            assertEquals(NpyArray.ofDoubles(new double[] {1.5}, 1),
                    Npy.read(new ByteArrayInputStream(npy(dict, one)), SOURCE));
        }
        byte[] big = ByteBuffer.allocate(8).order(ByteOrder.BIG_ENDIAN).putLong(-3).array();
        String dict = "{\"shape\": (), \"fortran_order\": False, \"descr\": \">i8\"}";
        assertEquals(NpyArray.ofLongs(new long[] {-3}),
                Npy.read(new ByteArrayInputStream(npy(2, dict, big)), SOURCE));
    }

    @Test
    void readsVersionThreeUtf8Header() {
        String dict = "{'descr': '<i4', 'fortran_order': False, 'shape': (0,), } # \u00e9";
        assertEquals(NpyArray.ofInts(new int[0], 0),
                Npy.read(new ByteArrayInputStream(npy(3, dict, new byte[0])), SOURCE));
    }

    @Test
    void missingFileAndDirectoryAreReported() {
        Path missing = dir.resolve("missing.npy");
        assertInvalid(() -> Npy.read(missing), missing.toString(), "file not found");
        assertInvalid(() -> Npy.read(dir), dir.toString(), "is a directory");
    }

    @Test
    void emptyFileIsNotAnNpyFile() throws IOException {
        Path empty = Files.createFile(dir.resolve("empty.npy"));
        assertInvalid(() -> Npy.read(empty), empty.toString(), "not an npy file", "empty");
    }

    @Test
    void zipArchiveIsNotAnNpyFile() {
        Path npz = Fixtures.path("savez.npz");
        assertInvalid(() -> Npy.read(npz), "not an npy file", "Npz.read");
    }

    @ParameterizedTest(name = "{0}.{1}")
    @CsvSource({"0, 0", "1, 1", "4, 0", "2, 5", "255, 255"})
    void unsupportedVersionIsReported(int major, int minor) {
        byte[] bytes = npy(f8Dict("()"), new byte[8]);
        bytes[6] = (byte) major;
        bytes[7] = (byte) minor;
        assertInvalid(() -> read(bytes), SOURCE,
                "unsupported npy format version " + major + "." + minor);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "[1, 2]                                                      | not a dictionary",
        "{'descr': '<f8', 'fortran_order': False, 'shape': (1,)     | malformed npy header",
        "{'descr': '<f8', 'fortran_order': False, 'shape': (1,), }} | malformed npy header",
        "{'descr': '<f8', 'fortran_order': False}                    | expected the keys",
        "{'descr': '<f8', 'fortran_order': False, 'shape': (1,), 'x': 1} | expected the keys",
        "{'descr': '<f8', 'fortran_order': False, 'shape': 1}        | shape 1 is not a tuple",
        "{'descr': '<f8', 'fortran_order': False, 'shape': [1]}      | is not a tuple",
        "{'descr': '<f8', 'fortran_order': False, 'shape': (1.5,)}   | malformed npy header",
        "{'descr': '<f8', 'fortran_order': False, 'shape': ('1',)}   | shape element 1 is not",
        "{'descr': '<f8', 'fortran_order': 0, 'shape': (1,)}         | fortran_order is 0",
        "{'descr': '<f8', 'fortran_order': false, 'shape': (1,)}     | unexpected name 'false'",
        "{'descr': '<f8\\q', 'fortran_order': False, 'shape': (1,)}  | unsupported escape",
        "{'descr': '<f8', 'fortran_order': False, 'shape': (-1,)}    | negative extent -1",
        "{'descr': '<f8', 'fortran_order': False, 'shape': (2147483648,)} | exceeds 2147483647",
        "{'descr': <f8, 'fortran_order': False, 'shape': (1,)}       | malformed npy header",
        "{'descr': '<u8', 'fortran_order': False, 'shape': (1,)}     | unsupported dtype '<u8'",
        "{'descr': '<f2', 'fortran_order': False, 'shape': (1,)}     | unsupported dtype '<f2'",
        "{'descr': 'float64', 'fortran_order': False, 'shape': (1,)} | unsupported dtype 'float64'",
        "{'descr': [('x', '<f8')], 'fortran_order': False, 'shape': (1,)} | structured",
        "{'descr': '<f8', 'fortran_order': True, 'shape': (1,)}      | fortran_order True is not",
        "(((((((((((((((((((((((((((((((((((((((1)))))))))))))))))))))))))))))))))))))) | nested",
    })
    void malformedHeaderIsReported(String dict, String problem) {
        assertInvalid(() -> read(npy(dict, new byte[8])), SOURCE, problem);
    }

    @Test
    void tooManyDimensionsAreReported() {
        String shape = "(" + "1, ".repeat(NpyArray.MAX_RANK + 1) + ")";
        assertInvalid(() -> read(npy(f8Dict(shape), new byte[8])), "65 dimensions");
    }

    @Test
    void shapeWhoseSizeOverflowsIsReported() {
        String shape = "(2147483647, 2147483647, 2147483647)";
        assertInvalid(() -> read(npy(f8Dict(shape), new byte[8])), SOURCE,
                "invalid shape", "more elements than any file can hold");
    }

    @Test
    void shapeTooLargeForJavaIsReportedWhenTheDataIsNotChecked() {
        assertInvalid(() -> read(npy(f8Dict("(2147483647, 2)"), new byte[8])), SOURCE,
                "4294967294 elements, more than a Java array can hold");
    }

    @Test
    void lyingHeaderOnTinyFileFailsFast() throws IOException {
        Path liar = dir.resolve("liar.npy");
        Files.write(liar, npy(f8Dict("(1000000, 1000000)"), new byte[16]));
        InvalidInputException e = assertTimeoutPreemptively(Duration.ofSeconds(5),
                () -> assertInvalid(() -> Npy.read(liar), liar.toString(), "truncated data",
                        "(1000000, 1000000)", "needs 8000000000000 bytes but only 16"));
        assertTrue(e.getMessage().contains("follow the header"), e.getMessage());
    }

    @Test
    void lyingHeaderOnStreamFailsWithoutAllocatingTheClaimedSize() {
        // 2^31 - 9 doubles would need 16 GiB; the stream holds 24 bytes.
        String shape = "(" + NpyArray.MAX_ELEMENTS + ",)";
        assertTimeoutPreemptively(Duration.ofSeconds(5),
                () -> assertInvalid(() -> read(npy(f8Dict(shape), new byte[24])), SOURCE,
                        "truncated data", "needs 17179869112 bytes but only 24"));
    }

    @Test
    void truncatedStreamReportsBytesPresent() {
        byte[] bytes = Fixtures.toBytes(NpyArray.ofLongs(new long[200_000], 200_000));
        byte[] cut = Arrays.copyOf(bytes, bytes.length - 3);
        assertInvalid(() -> read(cut), SOURCE, "truncated data",
                "needs 1600000 bytes but only 1599997");
    }

    @Test
    void trailingBytesInStreamAreReported() {
        byte[] bytes = Fixtures.toBytes(NpyArray.scalar(1));
        byte[] longer = Arrays.copyOf(bytes, bytes.length + 1);
        assertInvalid(() -> read(longer), SOURCE, "trailing garbage");
    }

    @Test
    void truncatedHeaderIsReported() throws IOException {
        byte[] bytes = Fixtures.toBytes(NpyArray.scalar(1));
        for (int length : new int[] {7, 9, 50}) {
            Path cut = dir.resolve("cut" + length + ".npy");
            Files.write(cut, Arrays.copyOf(bytes, length));
            assertInvalid(() -> Npy.read(cut), cut.toString(), "truncated npy header");
        }
    }

    @Test
    void overlongHeaderIsRefused() {
        String dict = f8Dict("()") + " ".repeat(20_000);
        assertInvalid(() -> read(npy(2, dict, new byte[8])), SOURCE,
                "longer than 10000 bytes");
    }

    @Test
    void invalidUtf8InVersionThreeHeaderIsReported() {
        byte[] bytes = npy(3, f8Dict("()") + " \u00e9", new byte[8]);
        int accent = new String(bytes, StandardCharsets.ISO_8859_1).indexOf('\u00c3');
        bytes[accent] = (byte) 0xff;
        assertInvalid(() -> read(bytes), SOURCE, "not valid UTF-8");
    }

    @Test
    void readFailureIsWrapped() {
        InputStream failing = new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("device unplugged");
            }
        };
        assertInvalid(() -> Npy.read(failing, SOURCE), SOURCE, "device unplugged");
    }

    /** Every prefix and many random corruptions of valid files fail cleanly or read. */
    @Test
    void corruptInputOnlyEverThrowsInvalidInputException() {
        Random random = new Random(20240501);
        List<byte[]> valid = List.of(Fixtures.toBytes(NpyArray.ofInts(new int[] {1, 2, 3}, 3)),
                Fixtures.toBytes(NpyArray.ofDoubles(new double[6], 2, 3)),
                npy(3, "{'descr': '>f4', 'fortran_order': False, 'shape': (2,), }", new byte[8]));
        for (byte[] bytes : valid) {
            for (int length = 0; length < bytes.length; length++) {
                byte[] prefix = Arrays.copyOf(bytes, length);
                assertInvalid(() -> read(prefix), SOURCE);
            }
            for (int trial = 0; trial < 3000; trial++) {
                byte[] corrupt = bytes.clone();
                for (int k = random.nextInt(3); k >= 0; k--) {
                    int at = random.nextInt(Math.min(corrupt.length, 80));
                    corrupt[at] = (byte) (random.nextBoolean() ? random.nextInt(256)
                            : PUNCTUATION.charAt(random.nextInt(PUNCTUATION.length())));
                }
                try {
                    read(corrupt);
                } catch (InvalidInputException expected) {
                    assertTrue(expected.getMessage().startsWith(SOURCE + ": "));
                }
            }
        }
    }

    @Test
    void writeCreatesParentDirectories() throws IOException {
        Path nested = dir.resolve("a/b/c.npy");
        Npy.write(nested, NpyArray.scalar(3));
        assertArrayEquals(new double[] {3}, Npy.read(nested).doubles());
    }

    private static NpyArray read(byte[] bytes) {
        return Npy.read(new ByteArrayInputStream(bytes), SOURCE);
    }
}
