package org.samsde.core.io;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.IntToDoubleFunction;
import java.util.function.IntToLongFunction;
import org.junit.jupiter.api.function.Executable;
import org.samsde.core.InvalidInputException;

/**
 * The arrays of the fixtures in {@code src/test/resources/npy}, rebuilt with the arithmetic that
 * {@code make_fixtures.py} documents, and helpers to craft {@code .npy} bytes by hand.
 */
final class Fixtures {

    private Fixtures() {}

    /** @return the path of a fixture file */
    static Path path(String name) {
        URL url = Fixtures.class.getResource("/npy/" + name);
        if (url == null) {
            throw new IllegalStateException("missing fixture " + name
                    + "; run src/test/resources/npy/make_fixtures.py");
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The fixtures written by {@code np.save} from little-endian arrays, by file stem. */
    static Map<String, NpyArray> saved() {
        Map<String, NpyArray> arrays = new LinkedHashMap<>();
        arrays.put("f8_2d", f8TwoD());
        arrays.put("f8_0d", NpyArray.scalar(Math.PI));
        arrays.put("f8_1d", NpyArray.ofDoubles(doubles(5, i -> i * i / 7.0), 5));
        arrays.put("f8_special", NpyArray.ofDoubles(new double[] {-0.0, 1e-300, 1e300,
            Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 0.1, 1.0 / 3,
            Double.MIN_VALUE}, 9));
        arrays.put("f8_empty", NpyArray.ofDoubles(new double[0], 0));
        arrays.put("f8_fullpad", NpyArray.ofDoubles(new double[0], 0, 1000, 10000, 10000, 1, 1, 1,
                1, 1, 1, 1));
        float[] f4 = new float[6];
        for (int i = 0; i < f4.length; i++) {
            f4[i] = (float) i / 3f;
        }
        arrays.put("f4_2d", NpyArray.ofFloats(f4, 2, 3));
        arrays.put("f4_special", NpyArray.ofFloats(new float[] {0.5f, -1.25f, (float) 0.1,
            (float) (1.0 / 3), (float) 1e-40, (float) 3.4e38}, 6));
        arrays.put("i8_2d", NpyArray.ofLongs(longs(6, i -> (i - 3) * 1000003L), 3, 2));
        arrays.put("i8_extremes", NpyArray.ofLongs(new long[] {Long.MIN_VALUE, Long.MAX_VALUE,
            0, -1, (1L << 53) + 1}, 5));
        arrays.put("i4_2d", i4TwoD());
        arrays.put("i4_empty", NpyArray.ofInts(new int[0], 2, 0, 3));
        return arrays;
    }

    /** The remaining valid {@code .npy} fixtures: big-endian and format versions 2.0 and 3.0. */
    static Map<String, NpyArray> otherValid() {
        Map<String, NpyArray> arrays = new LinkedHashMap<>();
        arrays.put("be_f8", NpyArray.ofDoubles(doubles(4, i -> i * 1.5), 2, 2));
        int[] beI4 = new int[4];
        for (int i = 0; i < beI4.length; i++) {
            beI4[i] = i * -100000;
        }
        arrays.put("be_i4", NpyArray.ofInts(beI4, 4));
        arrays.put("v2_f8", NpyArray.ofDoubles(doubles(3, i -> i + 0.25), 3));
        arrays.put("v3_i8", NpyArray.ofLongs(longs(2, i -> i - 7L), 2));
        return arrays;
    }

    /** The arrays of {@code savez.npz} and {@code savez_compressed.npz}, in archive order. */
    static Map<String, NpyArray> archive() {
        Map<String, NpyArray> arrays = new LinkedHashMap<>();
        arrays.put("a", f8TwoD());
        arrays.put("b", i4TwoD());
        arrays.put("c", NpyArray.scalar(Math.PI));
        return arrays;
    }

    private static NpyArray f8TwoD() {
        return NpyArray.ofDoubles(doubles(6, i -> i * 0.5 - 1.0), 2, 3);
    }

    private static NpyArray i4TwoD() {
        int[] data = new int[12];
        for (int i = 0; i < data.length; i++) {
            data[i] = (i - 6) * 7;
        }
        return NpyArray.ofInts(data, 3, 4);
    }

    static double[] doubles(int n, IntToDoubleFunction f) {
        double[] data = new double[n];
        for (int i = 0; i < n; i++) {
            data[i] = f.applyAsDouble(i);
        }
        return data;
    }

    static long[] longs(int n, IntToLongFunction f) {
        long[] data = new long[n];
        for (int i = 0; i < n; i++) {
            data[i] = f.applyAsLong(i);
        }
        return data;
    }

    /**
     * Builds a {@code .npy} file from a header dictionary written verbatim (padded with spaces
     * and a newline to 64 bytes) and raw data bytes.
     *
     * @param major the format version's major number; 1 writes a 2-byte header length
     */
    static byte[] npy(int major, String dict, byte[] data) {
        byte[] text = dict.getBytes(major == 3 ? StandardCharsets.UTF_8
                : StandardCharsets.ISO_8859_1);
        int prefix = 8 + (major == 1 ? 2 : 4);
        int headerLength = text.length + 1 + (64 - (prefix + text.length + 1) % 64) % 64;
        ByteBuffer buffer = ByteBuffer.allocate(prefix + headerLength + data.length)
                .order(ByteOrder.LITTLE_ENDIAN);
        buffer.put(NpyHeader.MAGIC).put((byte) major).put((byte) 0);
        if (major == 1) {
            buffer.putShort((short) headerLength);
        } else {
            buffer.putInt(headerLength);
        }
        buffer.put(text);
        for (int i = text.length; i < headerLength - 1; i++) {
            buffer.put((byte) ' ');
        }
        buffer.put((byte) '\n').put(data);
        return buffer.array();
    }

    /** Like {@link #npy(int, String, byte[])} for version 1.0. */
    static byte[] npy(String dict, byte[] data) {
        return npy(1, dict, data);
    }

    /** The header dictionary NumPy writes for a little-endian float64 array of this shape. */
    static String f8Dict(String shape) {
        return "{'descr': '<f8', 'fortran_order': False, 'shape': " + shape + ", }";
    }

    /** @return the bytes {@link Npy#write(java.io.OutputStream, NpyArray)} produces */
    static byte[] toBytes(NpyArray array) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            Npy.write(out, array);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toByteArray();
    }

    /**
     * Asserts that the code fails with an {@link InvalidInputException} whose message is one line
     * containing every fragment (typically the file name and the problem).
     */
    static InvalidInputException assertInvalid(Executable code, String... fragments) {
        InvalidInputException e = assertThrows(InvalidInputException.class, code);
        String message = e.getMessage();
        assertFalse(message.contains("\n"), () -> "message is not one line: " + message);
        for (String fragment : fragments) {
            assertTrue(message.contains(fragment),
                    () -> "message lacks '" + fragment + "': " + message);
        }
        return e;
    }
}
