package org.samsde.core.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.CharBuffer;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Objects;
import org.samsde.core.InvalidInputException;

/**
 * Reads and writes NumPy {@code .npy} files holding one {@link NpyArray}.
 *
 * <p>Reading accepts format versions 1.0, 2.0 and 3.0, the dtypes of {@link NpyType} in little-
 * or big-endian order, C order only, and requires the data to end exactly where the file ends.
 * Before allocating the elements, the reader compares the size the header claims with the bytes
 * really present (the file size, or for a stream the bytes as they arrive), so that a corrupt or
 * hostile header cannot exhaust memory. Headers longer than 10000 bytes are refused, like NumPy's
 * default {@code max_header_size}.
 *
 * <p>Writing produces format version 1.0 with a little-endian dtype, byte for byte what {@code
 * np.save} writes for the same array.
 */
public final class Npy {

    /** The longest header accepted, NumPy's default {@code max_header_size}. */
    static final int MAX_HEADER_BYTES = 10_000;

    /** Elements move between streams and arrays in chunks of this many bytes. */
    private static final int CHUNK_BYTES = 1 << 16;

    /** Without a known stream length, the element array starts at most this large and grows. */
    private static final int INITIAL_CAPACITY = 1 << 16;

    private Npy() {}

    /**
     * Reads a {@code .npy} file.
     *
     * @param path the file
     * @return the array it holds
     * @throws InvalidInputException if the file is missing or unreadable or is not a valid
     *     {@code .npy} file of a supported dtype; the message names the file and the problem
     */
    public static NpyArray read(Path path) {
        String source = path.toString();
        if (Files.isDirectory(path)) {
            throw invalid(source, "is a directory, not an npy file");
        }
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            return read(Channels.newInputStream(channel), source, channel.size());
        } catch (IOException e) {
            throw ioFailure(source, e);
        }
    }

    /**
     * Reads a {@code .npy} array from a stream that holds that array and nothing more. The stream
     * is read to its end and not closed.
     *
     * @param in the stream, positioned at the magic string
     * @param sourceName what to call the stream in messages, e.g. its file or URL
     * @return the array
     * @throws InvalidInputException if reading fails or the content is not a valid {@code .npy}
     *     array of a supported dtype
     */
    public static NpyArray read(InputStream in, String sourceName) {
        try {
            return read(in, sourceName, -1);
        } catch (IOException e) {
            throw ioFailure(sourceName, e);
        }
    }

    /**
     * Writes a {@code .npy} file atomically (see {@link AtomicFiles#write}), creating missing
     * parent directories.
     *
     * @param path the file, replaced if it exists
     * @param array the array, written with its own dtype
     * @throws IOException if the file cannot be written; an existing file is then left as it was
     */
    public static void write(Path path, NpyArray array) throws IOException {
        Objects.requireNonNull(array, "array");
        AtomicFiles.write(path, out -> write(out, array));
    }

    /**
     * Writes an array in {@code .npy} format (version 1.0, little-endian, C order) to a stream,
     * which is neither flushed nor closed.
     *
     * @param out the stream
     * @param array the array, written with its own dtype
     * @throws IOException if writing to the stream fails
     */
    public static void write(OutputStream out, NpyArray array) throws IOException {
        NpyType dtype = array.dtype();
        out.write(NpyHeader.format(dtype, array.shape()));
        int itemSize = dtype.itemSize();
        int perChunk = CHUNK_BYTES / itemSize;
        ByteBuffer chunk = ByteBuffer.allocate(CHUNK_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (int start = 0; start < array.size(); start += perChunk) {
            int count = Math.min(perChunk, array.size() - start);
            encode(array, start, count, chunk);
            out.write(chunk.array(), 0, count * itemSize);
        }
    }

    /**
     * Reads one array from a stream that must end with it.
     *
     * @param length the exact number of bytes in the stream, or -1 if unknown
     */
    static NpyArray read(InputStream in, String source, long length) throws IOException {
        byte[] magic = in.readNBytes(NpyHeader.MAGIC.length);
        if (!Arrays.equals(magic, NpyHeader.MAGIC)) {
            throw invalid(source, "not an npy file (" + describeBadMagic(magic) + ")");
        }
        int major = in.read();
        int minor = in.read();
        if (minor < 0) {
            throw invalid(source, "truncated npy header: the file ends inside the version");
        }
        if (major < 1 || major > 3 || minor != 0) {
            throw invalid(source, "unsupported npy format version " + major + "." + minor
                    + " (supported: 1.0, 2.0, 3.0)");
        }
        int lengthBytes = major == 1 ? 2 : 4;
        byte[] lengthField = in.readNBytes(lengthBytes);
        if (lengthField.length < lengthBytes) {
            throw invalid(source, "truncated npy header: the file ends inside the header length");
        }
        long headerLength = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN)
                .put(lengthField).getLong(0);
        long preamble = NpyHeader.MAGIC.length + 2L + lengthBytes + headerLength;
        if (headerLength > MAX_HEADER_BYTES) {
            throw invalid(source, "npy header of " + headerLength + " bytes is longer than "
                    + MAX_HEADER_BYTES + " bytes, NumPy's limit (max_header_size)");
        }
        byte[] headerBytes = in.readNBytes((int) headerLength);
        if (headerBytes.length < headerLength) {
            throw invalid(source, "truncated npy header: it claims " + headerLength
                    + " bytes but the file ends after " + headerBytes.length);
        }
        NpyHeader header = NpyHeader.parse(decodeHeader(headerBytes, major, source), source);
        if (length >= 0) {
            checkDataLength(header, length - preamble, source);
        }
        if (header.elementCount() > NpyArray.MAX_ELEMENTS) {
            throw invalid(source, header.describe() + " has " + header.elementCount()
                    + " elements, more than a Java array can hold (" + NpyArray.MAX_ELEMENTS + ")");
        }
        NpyArray array = readData(in, header, length >= 0, source);
        if (in.read() >= 0) {
            throw invalid(source, "trailing garbage: unexpected bytes after the "
                    + header.dataBytes() + " bytes of data of " + header.describe());
        }
        return array;
    }

    private static String describeBadMagic(byte[] magic) {
        if (magic.length == 0) {
            return "the file is empty";
        }
        if (magic.length >= 2 && magic[0] == 'P' && magic[1] == 'K') {
            return "bad magic: this is a zip archive; read .npz files with Npz.read";
        }
        return "bad magic: it does not start with \\x93NUMPY";
    }

    private static String decodeHeader(byte[] bytes, int major, String source) {
        if (major < 3) {
            return new String(bytes, StandardCharsets.ISO_8859_1);
        }
        try {
            CharBuffer text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes));
            return text.toString();
        } catch (CharacterCodingException e) {
            throw invalid(source, "malformed npy header: not valid UTF-8", e);
        }
    }

    /** Compares the data size the header claims with the bytes that follow the header. */
    private static void checkDataLength(NpyHeader header, long remaining, String source) {
        if (header.dataBytes() > remaining) {
            throw truncatedData(header, remaining, source);
        }
        if (header.dataBytes() < remaining) {
            throw invalid(source, "trailing garbage: " + (remaining - header.dataBytes())
                    + " bytes follow the " + header.dataBytes() + " bytes of data of "
                    + header.describe());
        }
    }

    private static InvalidInputException truncatedData(NpyHeader h, long present, String source) {
        return invalid(source, "truncated data: " + h.describe() + " needs " + h.dataBytes()
                + " bytes but only " + present + " follow the header");
    }

    /**
     * Reads the elements. With a verified length the element array is allocated at once;
     * otherwise it starts small and grows only as data arrives.
     */
    private static NpyArray readData(InputStream in, NpyHeader header, boolean lengthVerified,
            String source) throws IOException {
        int count = (int) header.elementCount();
        NpyType dtype = header.dtype();
        int itemSize = dtype.itemSize();
        int perChunk = CHUNK_BYTES / itemSize;
        int capacity = lengthVerified ? count : Math.min(count, INITIAL_CAPACITY);
        double[] floats = dtype.isFloatingPoint() ? new double[capacity] : null;
        long[] integers = dtype.isFloatingPoint() ? null : new long[capacity];
        ByteBuffer chunk = ByteBuffer.allocate(CHUNK_BYTES).order(header.order());
        for (int done = 0; done < count; done += perChunk) {
            int n = Math.min(perChunk, count - done);
            int got = in.readNBytes(chunk.array(), 0, n * itemSize);
            if (got < n * itemSize) {
                throw truncatedData(header, (long) done * itemSize + got, source);
            }
            if (done + n > capacity) {
                capacity = (int) Math.min(count, Math.max(done + n, 2L * capacity));
                floats = floats == null ? null : Arrays.copyOf(floats, capacity);
                integers = integers == null ? null : Arrays.copyOf(integers, capacity);
            }
            decode(chunk, dtype, n, floats, integers, done);
        }
        int[] shape = header.shape();
        return floats != null ? NpyArray.wrapFloats(dtype, shape, floats)
                : NpyArray.wrapIntegers(dtype, shape, integers);
    }

    /** Decodes {@code n} elements from the start of {@code chunk} into the array at offset. */
    private static void decode(ByteBuffer chunk, NpyType dtype, int n, double[] floats,
            long[] integers, int offset) {
        switch (dtype) {
            case FLOAT64 -> chunk.asDoubleBuffer().get(floats, offset, n);
            case INT64 -> chunk.asLongBuffer().get(integers, offset, n);
            case FLOAT32 -> {
                FloatBuffer values = chunk.asFloatBuffer();
                for (int i = 0; i < n; i++) {
                    floats[offset + i] = values.get(i);
                }
            }
            case INT32 -> {
                IntBuffer values = chunk.asIntBuffer();
                for (int i = 0; i < n; i++) {
                    integers[offset + i] = values.get(i);
                }
            }
            default -> throw new AssertionError(dtype);
        }
    }

    /** Encodes {@code n} elements from the array at offset to the start of {@code chunk}. */
    private static void encode(NpyArray array, int offset, int n, ByteBuffer chunk) {
        double[] floats = array.floatData();
        long[] integers = array.integerData();
        switch (array.dtype()) {
            case FLOAT64 -> chunk.asDoubleBuffer().put(floats, offset, n);
            case INT64 -> chunk.asLongBuffer().put(integers, offset, n);
            case FLOAT32 -> {
                FloatBuffer values = chunk.asFloatBuffer();
                for (int i = 0; i < n; i++) {
                    values.put(i, (float) floats[offset + i]);
                }
            }
            case INT32 -> {
                IntBuffer values = chunk.asIntBuffer();
                for (int i = 0; i < n; i++) {
                    values.put(i, (int) integers[offset + i]);
                }
            }
            default -> throw new AssertionError(array.dtype());
        }
    }

    /** Builds the exception for a bad input: {@code "<source>: <problem>"}. */
    static InvalidInputException invalid(String source, String problem) {
        return new InvalidInputException(source + ": " + problem);
    }

    /** Like {@link #invalid(String, String)}, keeping the underlying failure. */
    static InvalidInputException invalid(String source, String problem, Throwable cause) {
        return new InvalidInputException(source + ": " + problem, cause);
    }

    /** Turns a failure of the file system or stream into a one-line {@link InvalidInputException}. */
    static InvalidInputException ioFailure(String source, IOException e) {
        if (e instanceof NoSuchFileException) {
            return invalid(source, "file not found", e);
        }
        if (e instanceof AccessDeniedException) {
            return invalid(source, "permission denied", e);
        }
        return invalid(source, "cannot read (" + e.getClass().getSimpleName() + ": "
                + e.getMessage() + ")", e);
    }
}
