package org.samsde.core.io;

import java.util.Arrays;
import java.util.Objects;

/**
 * An immutable n-dimensional array as stored in a NumPy {@code .npy} file: an element type
 * ({@link NpyType}), a shape and the elements in C (row-major) order.
 *
 * <p>Floating-point elements are held as {@code double} (float32 widened, which is exact) and
 * integer elements as {@code long} (int32 widened). A 0-d array (a NumPy scalar array) has the
 * shape {@code {}} and one element; a shape with a zero extent gives an empty array.
 *
 * <p>Factory methods copy their arguments and accessors return copies, so an instance never
 * changes. Two arrays are {@link #equals equal} when type, shape and elements are equal, with
 * doubles compared bit for bit (NaN equals NaN, {@code -0.0} differs from {@code 0.0}).
 */
public final class NpyArray {

    /** The largest rank NumPy supports (its {@code NPY_MAXDIMS}). */
    public static final int MAX_RANK = 64;

    /** The most elements a Java array can reliably hold. */
    static final int MAX_ELEMENTS = Integer.MAX_VALUE - 8;

    /** 2^63 as a double: the one double that {@code (long)} clamps instead of converting. */
    private static final double TWO_TO_63 = 0x1p63;

    private final NpyType dtype;
    private final int[] shape;
    private final double[] floats;
    private final long[] integers;

    private NpyArray(NpyType dtype, int[] shape, double[] floats, long[] integers) {
        this.dtype = dtype;
        this.shape = shape;
        this.floats = floats;
        this.integers = integers;
    }

    /**
     * Wraps arrays without copying them; for readers that built them. The caller guarantees that
     * the shape is valid and matches the data.
     */
    static NpyArray wrapFloats(NpyType dtype, int[] shape, double[] data) {
        return new NpyArray(dtype, shape, data, null);
    }

    /** Like {@link #wrapFloats} for the integer types. */
    static NpyArray wrapIntegers(NpyType dtype, int[] shape, long[] data) {
        return new NpyArray(dtype, shape, null, data);
    }

    /**
     * Creates a {@link NpyType#FLOAT64} array.
     *
     * @param data the elements in C order; copied
     * @param shape the extents; none for a 0-d array, which then needs exactly one element
     * @return the array
     * @throws IllegalArgumentException if an extent is negative, the rank exceeds {@link
     *     #MAX_RANK} or the product of the extents differs from {@code data.length}
     */
    public static NpyArray ofDoubles(double[] data, int... shape) {
        return new NpyArray(NpyType.FLOAT64, checkedShape(shape, data.length), data.clone(), null);
    }

    /**
     * Creates a {@link NpyType#FLOAT32} array.
     *
     * @param data the elements in C order; copied
     * @param shape the extents; none for a 0-d array
     * @return the array
     * @throws IllegalArgumentException as {@link #ofDoubles}
     */
    public static NpyArray ofFloats(float[] data, int... shape) {
        double[] widened = new double[data.length];
        for (int i = 0; i < data.length; i++) {
            widened[i] = data[i];
        }
        return new NpyArray(NpyType.FLOAT32, checkedShape(shape, data.length), widened, null);
    }

    /**
     * Creates an {@link NpyType#INT64} array.
     *
     * @param data the elements in C order; copied
     * @param shape the extents; none for a 0-d array
     * @return the array
     * @throws IllegalArgumentException as {@link #ofDoubles}
     */
    public static NpyArray ofLongs(long[] data, int... shape) {
        return new NpyArray(NpyType.INT64, checkedShape(shape, data.length), null, data.clone());
    }

    /**
     * Creates an {@link NpyType#INT32} array.
     *
     * @param data the elements in C order; copied
     * @param shape the extents; none for a 0-d array
     * @return the array
     * @throws IllegalArgumentException as {@link #ofDoubles}
     */
    public static NpyArray ofInts(int[] data, int... shape) {
        long[] widened = new long[data.length];
        for (int i = 0; i < data.length; i++) {
            widened[i] = data[i];
        }
        return new NpyArray(NpyType.INT32, checkedShape(shape, data.length), null, widened);
    }

    /**
     * Creates a 0-d {@link NpyType#FLOAT64} array, what {@code np.save(f, np.float64(value))}
     * stores.
     *
     * @param value the single element
     * @return the array, of shape {@code {}}
     */
    public static NpyArray scalar(double value) {
        return ofDoubles(new double[] {value});
    }

    /** @return the element type */
    public NpyType dtype() {
        return dtype;
    }

    /** @return a copy of the shape; empty for a 0-d array */
    public int[] shape() {
        return shape.clone();
    }

    /** @return the number of dimensions, 0 for a 0-d array */
    public int rank() {
        return shape.length;
    }

    /** @return the number of elements: the product of the extents (1 for a 0-d array) */
    public int size() {
        return floats != null ? floats.length : integers.length;
    }

    /**
     * Returns the elements as doubles, in C order. Integer elements are converted exactly.
     *
     * @return a new array of {@link #size()} elements
     * @throws ArithmeticException if an integer element has no exact double (its magnitude
     *     exceeds 2^53 and it is not a multiple of the spacing of doubles there)
     */
    public double[] doubles() {
        if (floats != null) {
            return floats.clone();
        }
        double[] converted = new double[integers.length];
        for (int i = 0; i < integers.length; i++) {
            double d = integers[i];
            if (d == TWO_TO_63 || (long) d != integers[i]) {
                throw new ArithmeticException("element " + i + " of an " + dtype + " array, "
                        + integers[i] + ", has no exact double representation");
            }
            converted[i] = d;
        }
        return converted;
    }

    /**
     * Returns the elements of an integer array as longs, in C order.
     *
     * @return a new array of {@link #size()} elements
     * @throws IllegalStateException if the array has a floating-point type
     */
    public long[] longs() {
        return requireIntegers("longs()").clone();
    }

    /**
     * Returns the elements of an integer array as ints, in C order.
     *
     * @return a new array of {@link #size()} elements
     * @throws IllegalStateException if the array has a floating-point type
     * @throws ArithmeticException if an element lies outside the range of {@code int}
     */
    public int[] ints() {
        long[] source = requireIntegers("ints()");
        int[] narrowed = new int[source.length];
        for (int i = 0; i < source.length; i++) {
            if (source[i] != (int) source[i]) {
                throw new ArithmeticException("element " + i + " of an " + dtype + " array, "
                        + source[i] + ", lies outside the range of int");
            }
            narrowed[i] = (int) source[i];
        }
        return narrowed;
    }

    /** The floating-point elements without copying, or null for an integer array. */
    double[] floatData() {
        return floats;
    }

    /** The integer elements without copying, or null for a floating-point array. */
    long[] integerData() {
        return integers;
    }

    private long[] requireIntegers(String accessor) {
        if (integers == null) {
            throw new IllegalStateException(accessor + " needs an integer array but this one has"
                    + " dtype " + dtype + "; use doubles()");
        }
        return integers;
    }

    /**
     * Formats a shape as Python writes a tuple: {@code ()}, {@code (5,)}, {@code (2, 3)}; the
     * form used in {@code .npy} headers and in messages.
     */
    static String shapeToString(long[] shape) {
        if (shape.length == 1) {
            return "(" + shape[0] + ",)";
        }
        StringBuilder text = new StringBuilder("(");
        for (int i = 0; i < shape.length; i++) {
            text.append(i == 0 ? "" : ", ").append(shape[i]);
        }
        return text.append(')').toString();
    }

    /** Like {@link #shapeToString(long[])} for an int shape. */
    static String shapeToString(int[] shape) {
        return shapeToString(Arrays.stream(shape).asLongStream().toArray());
    }

    private static int[] checkedShape(int[] shape, int length) {
        if (shape.length > MAX_RANK) {
            throw new IllegalArgumentException("rank " + shape.length + " exceeds the maximum "
                    + MAX_RANK);
        }
        long count = 1;
        for (int extent : shape) {
            if (extent < 0) {
                throw new IllegalArgumentException("negative extent in shape "
                        + shapeToString(shape));
            }
            count = Math.min(count * extent, Integer.MAX_VALUE + 1L);
        }
        if (count != length) {
            throw new IllegalArgumentException("shape " + shapeToString(shape) + " needs "
                    + count + " elements but the data has " + length
                    + (shape.length == 0 ? "; pass the shape, e.g. (data, data.length)" : ""));
        }
        return shape.clone();
    }

    @Override
    public boolean equals(Object other) {
        if (this == other) {
            return true;
        }
        if (!(other instanceof NpyArray)) {
            return false;
        }
        NpyArray that = (NpyArray) other;
        return dtype == that.dtype && Arrays.equals(shape, that.shape)
                && Arrays.equals(floats, that.floats) && Arrays.equals(integers, that.integers);
    }

    @Override
    public int hashCode() {
        return Objects.hash(dtype, Arrays.hashCode(shape), Arrays.hashCode(floats),
                Arrays.hashCode(integers));
    }

    /** @return the dtype descriptor and shape, e.g. {@code NpyArray['<f8', (2, 3)]} */
    @Override
    public String toString() {
        return "NpyArray['" + dtype.descr() + "', " + shapeToString(shape) + "]";
    }
}
