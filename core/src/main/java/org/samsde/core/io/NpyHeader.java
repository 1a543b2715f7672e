package org.samsde.core.io;

import static org.samsde.core.io.Npy.invalid;

import java.math.BigInteger;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.samsde.core.InvalidInputException;

/**
 * The header of a {@code .npy} file: element type, byte order and shape. Parses the header
 * dictionary of files being read and formats the complete preamble of files being written, the
 * latter byte for byte as NumPy's {@code np.save} does.
 *
 * @param dtype the element type
 * @param order the byte order of the elements in the file
 * @param shape the extents, each in {@code [0, Integer.MAX_VALUE]}
 * @param elementCount the product of the extents
 */
record NpyHeader(NpyType dtype, ByteOrder order, int[] shape, long elementCount) {

    /** The six bytes every {@code .npy} file starts with. */
    static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};

    /** NumPy aligns the start of the data to this many bytes. */
    private static final int ARRAY_ALIGN = 64;

    /**
     * NumPy pads the header after the dict so that the first extent can grow to this many digits
     * in place ({@code GROWTH_AXIS_MAX_DIGITS} in {@code numpy/lib/format.py}).
     */
    private static final int GROWTH_AXIS_MAX_DIGITS = 21;

    private static final Set<String> KEYS = Set.of("descr", "fortran_order", "shape");

    private static final String SUPPORTED_DTYPES =
            "supported: '<f8', '<f4', '<i8', '<i4' and their '>' big-endian forms";

    /** @return the number of bytes the elements take in the file */
    long dataBytes() {
        return elementCount * dtype.itemSize();
    }

    /** @return the shape as NumPy prints it, with the descriptor, for messages */
    String describe() {
        return "shape " + NpyArray.shapeToString(shape) + " of dtype '" + dtype.descr() + "'";
    }

    /**
     * Parses and checks a header dictionary such as {@code {'descr': '<f8', 'fortran_order':
     * False, 'shape': (2, 3), }}.
     *
     * @param text the dictionary, decoded, with its padding
     * @param source the file name for messages
     * @return the header
     * @throws InvalidInputException if the dictionary is malformed, names an unsupported dtype,
     *     is in Fortran order or has an invalid shape
     */
    static NpyHeader parse(String text, String source) {
        Object literal;
        try {
            literal = PyLiteral.parse(text);
        } catch (ParseException e) {
            throw invalid(source, "malformed npy header (" + e.getMessage() + "): "
                    + abbreviate(text), e);
        }
        if (!(literal instanceof Map)) {
            throw invalid(source, "malformed npy header: not a dictionary: " + abbreviate(text));
        }
        Map<?, ?> dict = (Map<?, ?>) literal;
        if (!dict.keySet().equals(KEYS)) {
            Set<String> found = new TreeSet<>();
            dict.keySet().forEach(key -> found.add(String.valueOf(key)));
            throw invalid(source, "malformed npy header: expected the keys " + new TreeSet<>(KEYS)
                    + " but found " + found);
        }
        Object fortranOrder = dict.get("fortran_order");
        if (!(fortranOrder instanceof Boolean)) {
            throw invalid(source, "malformed npy header: fortran_order is " + fortranOrder
                    + ", not True or False");
        }
        long[] extents = parseShape(dict.get("shape"), source);
        Object descr = dict.get("descr");
        if (!(descr instanceof String)) {
            throw invalid(source, "unsupported dtype " + abbreviate(String.valueOf(descr))
                    + ": structured and other composite dtypes cannot be read ("
                    + SUPPORTED_DTYPES + ")");
        }
        String code = (String) descr;
        NpyType dtype = NpyType.fromKindAndSize(stripByteOrder(code));
        if (dtype == null) {
            throw invalid(source, "unsupported dtype '" + code + "' ("
                    + (code.endsWith("O") ? "object arrays cannot be read; " : "")
                    + SUPPORTED_DTYPES + ")");
        }
        if ((Boolean) fortranOrder) {
            throw invalid(source,
                    "fortran_order True is not supported; save with np.ascontiguousarray");
        }
        return new NpyHeader(dtype, byteOrder(code), toIntShape(extents),
                elementCount(extents, dtype, source));
    }

    private static long[] parseShape(Object shape, String source) {
        if (!(shape instanceof PyLiteral.Tuple)) {
            throw invalid(source, "malformed npy header: shape " + shape + " is not a tuple");
        }
        List<Object> items = ((PyLiteral.Tuple) shape).items();
        if (items.size() > NpyArray.MAX_RANK) {
            throw invalid(source, "malformed npy header: shape has " + items.size()
                    + " dimensions, more than NumPy's maximum of " + NpyArray.MAX_RANK);
        }
        long[] extents = new long[items.size()];
        for (int i = 0; i < extents.length; i++) {
            Object item = items.get(i);
            if (!(item instanceof BigInteger)) {
                throw invalid(source, "malformed npy header: shape element " + item
                        + " is not an integer");
            }
            BigInteger extent = (BigInteger) item;
            if (extent.signum() < 0) {
                throw invalid(source, "invalid shape in npy header: negative extent " + extent);
            }
            if (extent.bitLength() > 31) {
                throw invalid(source, "invalid shape in npy header: extent " + extent
                        + " exceeds " + Integer.MAX_VALUE);
            }
            extents[i] = extent.longValue();
        }
        return extents;
    }

    private static int[] toIntShape(long[] extents) {
        int[] shape = new int[extents.length];
        for (int i = 0; i < shape.length; i++) {
            shape[i] = Math.toIntExact(extents[i]);
        }
        return shape;
    }

    /** The product of the extents; fails if the data would not fit in 2^63 bytes. */
    private static long elementCount(long[] extents, NpyType dtype, String source) {
        try {
            long count = 1;
            for (long extent : extents) {
                count = Math.multiplyExact(count, extent);
            }
            Math.multiplyExact(count, dtype.itemSize());
            return count;
        } catch (ArithmeticException e) {
            throw invalid(source, "invalid shape in npy header: " + NpyArray.shapeToString(extents)
                    + " has more elements than any file can hold", e);
        }
    }

    private static String stripByteOrder(String code) {
        return !code.isEmpty() && "<>=|".indexOf(code.charAt(0)) >= 0 ? code.substring(1) : code;
    }

    /** {@code '>'} is big-endian, {@code '<'} little-endian; anything else is native order. */
    private static ByteOrder byteOrder(String code) {
        if (code.startsWith(">")) {
            return ByteOrder.BIG_ENDIAN;
        }
        return code.startsWith("<") ? ByteOrder.LITTLE_ENDIAN : ByteOrder.nativeOrder();
    }

    private static String abbreviate(String text) {
        String trimmed = text.strip().replace("\n", "\\n");
        return trimmed.length() <= 120 ? trimmed : trimmed.substring(0, 117) + "...";
    }

    /**
     * Formats the preamble of a version 1.0 {@code .npy} file exactly as {@code np.save}: the
     * magic string, the version, the header length and the dictionary, padded with spaces and a
     * final newline to a multiple of 64 bytes.
     *
     * @param dtype the element type, written little-endian
     * @param shape the extents
     * @return the bytes that precede the data
     */
    static byte[] format(NpyType dtype, int[] shape) {
        StringBuilder dict = new StringBuilder()
                .append("{'descr': '").append(dtype.descr())
                .append("', 'fortran_order': False, 'shape': ")
                .append(NpyArray.shapeToString(shape)).append(", }");
        if (shape.length > 0) {
            dict.append(" ".repeat(GROWTH_AXIS_MAX_DIGITS - Integer.toString(shape[0]).length()));
        }
        byte[] text = dict.toString().getBytes(StandardCharsets.ISO_8859_1);
        int prefix = MAGIC.length + 2 + 2;
        int unpadded = text.length + 1;
        int padding = ARRAY_ALIGN - (prefix + unpadded) % ARRAY_ALIGN;
        int headerLength = unpadded + padding;
        byte[] out = new byte[prefix + headerLength];
        System.arraycopy(MAGIC, 0, out, 0, MAGIC.length);
        out[MAGIC.length] = 1;
        out[MAGIC.length + 1] = 0;
        out[MAGIC.length + 2] = (byte) headerLength;
        out[MAGIC.length + 3] = (byte) (headerLength >>> 8);
        System.arraycopy(text, 0, out, prefix, text.length);
        Arrays.fill(out, prefix + text.length, out.length - 1, (byte) ' ');
        out[out.length - 1] = '\n';
        return out;
    }
}
