package org.samsde.core.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.samsde.core.InvalidInputException;

/**
 * IDX files, plain and gzipped: byte layout, every element type, and defective files (bad magic
 * numbers, truncation, trailing bytes, headers that announce more data than the file holds, which
 * must fail with a one-line message rather than an attempt to allocate what the header claims).
 */
class IdxTest {
    @TempDir
    Path dir;

    /** The header bytes of an IDX file: 0, 0, type, rank, then the sizes big-endian. */
    static byte[] header(int type, int... shape) {
        ByteBuffer b = ByteBuffer.allocate(4 + 4 * shape.length);
        b.putInt((type << 8) | shape.length);
        for (int s : shape) {
            b.putInt(s);
        }
        return b.array();
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(data);
        }
        return out.toByteArray();
    }

    private Path file(String name, byte[] content) throws IOException {
        Path p = dir.resolve(name);
        Files.write(p, content);
        return p;
    }

    private String fails(Path p) {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> Idx.read(p));
        assertTrue(e.getMessage().contains(p.toString()), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
        return e.getMessage();
    }

    @Test
    void readsTheMnistLayoutByteForByte() throws IOException {
        byte[] pixels = new byte[2 * 3 * 4];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (byte) (i * 11);
        }
        byte[] raw = concat(new byte[] {0, 0, 8, 3, 0, 0, 0, 2, 0, 0, 0, 3, 0, 0, 0, 4}, pixels);
        for (Path p : new Path[] {file("images", raw), file("images.gz", gzip(raw)), file("gz-without-suffix", gzip(raw))}) {
            Idx.Array a = Idx.read(p);
            assertEquals(Idx.Type.UNSIGNED_BYTE, a.type());
            assertArrayEquals(new int[] {2, 3, 4}, a.shape());
            assertArrayEquals(pixels, a.payload());
            assertEquals(253.0, a.get(23), 0.0); // 23·11 = 253, unsigned
        }
    }

    @ParameterizedTest
    @EnumSource(Idx.Type.class)
    void everyTypeRoundTripsPlainAndGzipped(Idx.Type type) throws IOException {
        int n = 6;
        ByteBuffer b = ByteBuffer.allocate(n * type.bytes());
        double[] expected = {0, 1, -2, 100, -128, 127};
        for (double v : expected) {
            switch (type) {
                case UNSIGNED_BYTE -> b.put((byte) Math.abs(v));
                case BYTE -> b.put((byte) v);
                case SHORT -> b.putShort((short) (v * 200));
                case INT -> b.putInt((int) (v * 1e6));
                case FLOAT -> b.putFloat((float) (v / 4));
                case DOUBLE -> b.putDouble(v / 3);
            }
        }
        Idx.Array a = new Idx.Array(type, new int[] {2, 3}, b.array());
        for (String name : new String[] {"a.idx", "a.idx.gz"}) {
            Path p = dir.resolve(name);
            Idx.write(p, a);
            assertEquals(a, Idx.read(p));
        }
        Idx.Array back = Idx.read(dir.resolve("a.idx"));
        for (int i = 0; i < n; i++) {
            double v = expected[i];
            double want = switch (type) {
                case UNSIGNED_BYTE -> Math.abs(v);
                case BYTE -> v;
                case SHORT -> v * 200;
                case INT -> v * 1e6;
                case FLOAT -> (float) (v / 4);
                case DOUBLE -> v / 3;
            };
            assertEquals(want, back.get(i), 0.0, type + " element " + i);
        }
        assertEquals(4 + 8 + n * type.bytes(), Files.size(dir.resolve("a.idx")));
    }

    @Test
    void badMagicNumbersAreRejected() throws IOException {
        assertTrue(fails(file("png", new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 0, 0, 0})).contains("not an IDX file"));
        assertTrue(fails(file("type", concat(header(0x07, 1), new byte[] {1}))).contains("magic number 0x00000701"));
        assertTrue(fails(file("rank0", header(0x08))).contains("not an IDX file"));
        assertTrue(fails(file("short", new byte[] {0, 0, 8})).contains("ends inside the IDX header"));
        assertTrue(fails(file("dims", new byte[] {0, 0, 8, 2, 0, 0, 0, 5})).contains("ends inside the IDX header"));
        assertTrue(fails(file("empty", new byte[0])).contains("ends inside the IDX header"));
        assertTrue(fails(dir.resolve("absent")).contains("not found"));
    }

    @Test
    void sizesThatDisagreeWithThePlainFileAreRejectedBeforeAllocating() throws IOException {
        byte[] data = new byte[12];
        assertTrue(fails(file("truncated", concat(header(0x08, 4, 4), data))).contains("the file holds 12 data bytes"));
        assertTrue(fails(file("trailing", concat(header(0x08, 2, 5), data))).contains("the file holds 12 data bytes"));
        // a lying header: 60000 x 28 x 28 doubles (376 MB) over a 40-byte file, and a product beyond any array
        assertTrue(fails(file("liar", concat(header(0x0E, 60000, 28, 28), data))).contains("the file holds 12 data bytes"));
        assertTrue(fails(file("huge", concat(header(0x0E, 2_000_000_000, 2_000_000_000), data))).contains("more than one array can hold"));
        assertTrue(fails(file("negative", concat(header(0x08, -1), data))).contains("4294967295"));
    }

    @ParameterizedTest
    @ValueSource(ints = {100_000_000, 1_000_000_000})
    void aGzippedFileWhoseHeaderClaimsTooMuchFailsWithoutExhaustingMemory(int rows) throws IOException {
        // a small gzip whose header announces up to 2^30 bytes: the reader grows its buffer only with the data it finds
        Path p = file("liar.gz", gzip(concat(header(0x08, rows, 2), new byte[1000])));
        assertTrue(fails(p).contains("the data ends after 1000 bytes"));
    }

    @Test
    void gzippedTruncationTrailingBytesAndCorruptionAreRejected() throws IOException {
        byte[] raw = concat(header(0x08, 2, 2), new byte[] {1, 2, 3, 4});
        assertTrue(fails(file("short.gz", gzip(java.util.Arrays.copyOf(raw, raw.length - 1)))).contains("the data ends after 3 bytes"));
        assertTrue(fails(file("long.gz", gzip(concat(raw, new byte[] {9})))).contains("more data follows"));
        byte[] gz = gzip(raw);
        byte[] cut = java.util.Arrays.copyOf(gz, gz.length - 6);
        assertTrue(fails(file("cut.gz", cut)).contains(p("cut.gz")));
        byte[] corrupt = gz.clone();
        corrupt[12] ^= (byte) 0xff;
        fails(file("corrupt.gz", corrupt));
    }

    private String p(String name) {
        return dir.resolve(name).toString();
    }

    @Test
    void arraysCheckTheirShapeAgainstThePayload() {
        assertThrows(IllegalArgumentException.class, () -> Idx.Array.ofUnsignedBytes(new byte[5], 2, 3));
        assertThrows(IllegalArgumentException.class, () -> Idx.Array.ofUnsignedBytes(new byte[0]));
        assertThrows(IllegalArgumentException.class, () -> new Idx.Array(Idx.Type.INT, new int[] {2}, new byte[4]));
        assertEquals(6, Idx.Array.ofUnsignedBytes(new byte[6], 2, 3).size());
    }
}
