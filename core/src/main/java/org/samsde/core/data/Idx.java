package org.samsde.core.data;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipException;

import org.samsde.core.InvalidInputException;
import org.samsde.core.io.AtomicFiles;

/**
 * Reading and writing IDX files, the format of MNIST and Fashion-MNIST, plain or gzipped.
 *
 * <p>Format (all integers big-endian): two zero bytes; a type byte ({@code 0x08} unsigned byte,
 * {@code 0x09} signed byte, {@code 0x0B} 16-bit integer, {@code 0x0C} 32-bit integer, {@code 0x0D}
 * 32-bit float, {@code 0x0E} 64-bit float); the number of dimensions r (≥ 1); r 32-bit sizes; then
 * the product of the sizes values, row-major, big-endian. MNIST's image files have magic number
 * {@code 0x00000803} (unsigned bytes, 3 dimensions: n, rows, columns) and its label files
 * {@code 0x00000801} (unsigned bytes, n).
 *
 * <p>A gzipped file is recognised by its content (bytes {@code 1f 8b}), not its name. The header
 * is checked before any large allocation: a plain file must hold exactly the bytes the header
 * announces; a gzipped one is decompressed into a buffer that grows with the data actually read,
 * so a header that claims more than the file holds ends in an {@link InvalidInputException}, never
 * in an {@link OutOfMemoryError}. Trailing bytes after the announced data are an error too.
 */
public final class Idx {
    /** The first two bytes of every gzip stream. */
    private static final int GZIP_MAGIC = 0x1f8b;
    /** Payloads are held in one byte array. */
    private static final long MAX_BYTES = Integer.MAX_VALUE - 8;
    /** Element counts saturate here, far above what one array can hold. */
    private static final long CAP = Long.MAX_VALUE / 16;
    /** Initial decompression buffer, grown by doubling up to the announced size. */
    private static final int INITIAL_BUFFER = 1 << 20;

    private Idx() {
    }

    /** The element types of IDX files, with their type byte and size in bytes. */
    public enum Type {
        /** Unsigned 8-bit integers, type byte {@code 0x08} (MNIST's pixels and labels). */
        UNSIGNED_BYTE(0x08, 1),
        /** Signed 8-bit integers, type byte {@code 0x09}. */
        BYTE(0x09, 1),
        /** Signed 16-bit integers, type byte {@code 0x0B}. */
        SHORT(0x0B, 2),
        /** Signed 32-bit integers, type byte {@code 0x0C}. */
        INT(0x0C, 4),
        /** 32-bit IEEE floats, type byte {@code 0x0D}. */
        FLOAT(0x0D, 4),
        /** 64-bit IEEE floats, type byte {@code 0x0E}. */
        DOUBLE(0x0E, 8);

        private final int code;
        private final int bytes;

        Type(int code, int bytes) {
            this.code = code;
            this.bytes = bytes;
        }

        /** @return the type byte of the magic number */
        public int code() {
            return code;
        }

        /** @return bytes per element */
        public int bytes() {
            return bytes;
        }

        static Type of(int code) {
            for (Type t : values()) {
                if (t.code == code) {
                    return t;
                }
            }
            return null;
        }
    }

    /**
     * The contents of an IDX file: element type, shape and the big-endian payload.
     *
     * @param type the element type
     * @param shape the sizes, outermost first (at least one)
     * @param payload the values, row-major and big-endian, exactly size()·type.bytes() bytes
     */
    public record Array(Type type, int[] shape, byte[] payload) {

        /**
         * Validates the shape against the payload. * @throws IllegalArgumentException if the shape is empty or negative or does not match the payload length.
         *
         * @param type the element type
         * @param shape the sizes, outermost first (at least one)
         * @param payload the values, row-major and big-endian, exactly size()·type.bytes() bytes
         */
        public Array {
            if (type == null || shape.length == 0 || shape.length > 255) {
                throw new IllegalArgumentException("an IDX array needs a type and 1 to 255 dimensions");
            }
            long size = 1;
            for (int s : shape) {
                if (s < 0) {
                    throw new IllegalArgumentException("negative size in IDX shape " + Arrays.toString(shape));
                }
                size = saturatingProduct(size, s);
            }
            if (size * type.bytes() != payload.length) {
                throw new IllegalArgumentException("IDX shape " + Arrays.toString(shape) + " of " + type + " needs "
                        + size * type.bytes() + " bytes, got " + payload.length);
            }
            shape = shape.clone();
        }

        /**
         * @param values unsigned bytes, row-major; not copied
         * @param shape the sizes
         * @return an {@link Type#UNSIGNED_BYTE} array
         */
        public static Array ofUnsignedBytes(byte[] values, int... shape) {
            return new Array(Type.UNSIGNED_BYTE, shape, values);
        }

        /** @return a copy of {@code shape} */
        @Override
        public int[] shape() {
            return shape.clone();
        }

        /** @return the number of elements, the product of the sizes */
        public int size() {
            return payload.length / type.bytes();
        }

        /**
         * @param index a row-major element index
         * @return that element as a double (exact for every type)
         */
        public double get(int index) {
            int b = index * type.bytes();
            ByteBuffer buf = ByteBuffer.wrap(payload).order(ByteOrder.BIG_ENDIAN);
            return switch (type) {
                case UNSIGNED_BYTE -> payload[index] & 0xff;
                case BYTE -> payload[index];
                case SHORT -> buf.getShort(b);
                case INT -> buf.getInt(b);
                case FLOAT -> buf.getFloat(b);
                case DOUBLE -> buf.getDouble(b);
            };
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Array a && type == a.type && Arrays.equals(shape, a.shape) && Arrays.equals(payload, a.payload);
        }

        @Override
        public int hashCode() {
            return (type.hashCode() * 31 + Arrays.hashCode(shape)) * 31 + Arrays.hashCode(payload);
        }

        @Override
        public String toString() {
            return "Idx.Array[" + type + " " + Arrays.toString(shape) + "]";
        }
    }

    /**
     * Reads an IDX file, plain or gzipped.
     *
     * @param file the file
     * @return its contents
     * @throws InvalidInputException naming the file if it is missing or unreadable, is not an IDX
     *     file (bad magic number, unknown type), or its header disagrees with its data (truncated,
     *     trailing bytes, more data announced than the file can hold)
     */
    public static Array read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new InvalidInputException("IDX file not found: " + file);
        }
        try {
            long fileSize = Files.size(file);
            boolean gzip = isGzip(file);
            try (InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
                 InputStream in = gzip ? new GZIPInputStream(raw, 1 << 16) : raw) {
                DataInputStream data = new DataInputStream(in);
                int magic = data.readInt();
                Type type = Type.of((magic >>> 8) & 0xff);
                int rank = magic & 0xff;
                if ((magic >>> 16) != 0 || type == null || rank == 0) {
                    throw invalid(file, String.format("not an IDX file (magic number 0x%08x; expected 0x0000TTRR with a type "
                            + "TT of 08, 09, 0b, 0c, 0d, 0e and RR >= 1 dimensions)", magic));
                }
                int[] shape = new int[rank];
                long count = 1;
                for (int i = 0; i < rank; i++) {
                    shape[i] = data.readInt();
                    if (shape[i] < 0) {
                        throw invalid(file, "dimension " + i + " has the size " + Integer.toUnsignedString(shape[i])
                                + ", more than 2^31 - 1");
                    }
                    count = saturatingProduct(count, shape[i]);
                }
                long bytes = count * type.bytes();
                String header = "the header announces " + Arrays.toString(shape) + " " + type + " values (" + bytes + " bytes)";
                if (bytes > MAX_BYTES) {
                    throw invalid(file, header + ", more than one array can hold");
                }
                long headerBytes = 4L + 4L * rank;
                if (!gzip && bytes != fileSize - headerBytes) {
                    throw invalid(file, header + " but the file holds " + (fileSize - headerBytes) + " data bytes");
                }
                byte[] payload = gzip ? readGrowing(in, (int) bytes, file, header) : readExactly(data, (int) bytes, file, header);
                if (in.read() != -1) {
                    throw invalid(file, header + " but more data follows");
                }
                return new Array(type, shape, payload);
            }
        } catch (EOFException e) {
            throw invalid(file, "ends inside the IDX header");
        } catch (ZipException e) {
            throw invalid(file, "is not a valid gzip file (" + e.getMessage() + ")");
        } catch (IOException e) {
            throw invalid(file, "cannot be read (" + e.getMessage() + ")");
        }
    }

    private static boolean isGzip(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            int a = in.read();
            int b = in.read();
            return a >= 0 && b >= 0 && ((a << 8) | b) == GZIP_MAGIC;
        }
    }

    private static byte[] readExactly(DataInputStream in, int bytes, Path file, String header) throws IOException {
        byte[] payload = new byte[bytes];
        try {
            in.readFully(payload);
        } catch (EOFException e) {
            throw invalid(file, header + " but the file is shorter");
        }
        return payload;
    }

    /** Decompresses up to {@code bytes}, allocating only as much as the data actually read needs (doubling). */
    private static byte[] readGrowing(InputStream in, int bytes, Path file, String header) throws IOException {
        byte[] buf = new byte[Math.min(bytes, INITIAL_BUFFER)];
        int filled = 0;
        while (filled < bytes) {
            if (filled == buf.length) {
                buf = Arrays.copyOf(buf, (int) Math.min(bytes, 2L * buf.length));
            }
            int r = in.read(buf, filled, buf.length - filled);
            if (r < 0) {
                throw invalid(file, header + " but the data ends after " + filled + " bytes");
            }
            filled += r;
        }
        return buf;
    }

    /**
     * Writes an IDX file atomically, gzipped when the name ends in {@code .gz}.
     *
     * @param file the file, replaced if it exists
     * @param array the contents
     * @throws IOException if the file cannot be written; an existing file is then left as it was
     */
    public static void write(Path file, Array array) throws IOException {
        boolean gzip = file.getFileName().toString().endsWith(".gz");
        AtomicFiles.write(file, out -> {
            OutputStream os = gzip ? new GZIPOutputStream(out, 1 << 16) : out;
            int[] shape = array.shape();
            ByteBuffer header = ByteBuffer.allocate(4 + 4 * shape.length).order(ByteOrder.BIG_ENDIAN);
            header.putInt((array.type().code() << 8) | shape.length);
            for (int s : shape) {
                header.putInt(s);
            }
            os.write(header.array());
            os.write(array.payload());
            if (gzip) {
                ((GZIPOutputStream) os).finish();
            }
        });
    }

    private static InvalidInputException invalid(Path file, String problem) {
        return new InvalidInputException(file + ": " + problem);
    }

    /**
     * @param count a non-negative element count
     * @param size a non-negative dimension size
     * @return count·size, saturating at {@link #CAP} so that large sizes cannot overflow to a small
     *     or negative count
     */
    private static long saturatingProduct(long count, long size) {
        return size == 0 ? 0 : count > CAP / size ? CAP : count * size;
    }
}
