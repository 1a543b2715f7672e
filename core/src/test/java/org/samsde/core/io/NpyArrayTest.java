package org.samsde.core.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class NpyArrayTest {

    @Test
    void factoriesSetTypeShapeAndSize() {
        NpyArray doubles = NpyArray.ofDoubles(new double[] {1, 2, 3, 4, 5, 6}, 2, 3);
        assertEquals(NpyType.FLOAT64, doubles.dtype());
        assertArrayEquals(new int[] {2, 3}, doubles.shape());
        assertEquals(2, doubles.rank());
        assertEquals(6, doubles.size());
        assertEquals(NpyType.FLOAT32, NpyArray.ofFloats(new float[] {1f}, 1).dtype());
        assertEquals(NpyType.INT64, NpyArray.ofLongs(new long[] {1}, 1).dtype());
        assertEquals(NpyType.INT32, NpyArray.ofInts(new int[] {1}, 1).dtype());
    }

    @Test
    void scalarIsZeroDimensional() {
        NpyArray scalar = NpyArray.scalar(2.5);
        assertEquals(0, scalar.rank());
        assertArrayEquals(new int[0], scalar.shape());
        assertEquals(1, scalar.size());
        assertArrayEquals(new double[] {2.5}, scalar.doubles());
    }

    @Test
    void emptyArraysHaveZeroSize() {
        NpyArray empty = NpyArray.ofInts(new int[0], 2, 0, 3);
        assertEquals(0, empty.size());
        assertEquals(3, empty.rank());
        assertArrayEquals(new long[0], empty.longs());
    }

    @Test
    void isImmutable() {
        double[] data = {1, 2};
        int[] shape = {2};
        NpyArray array = NpyArray.ofDoubles(data, shape);
        data[0] = 99;
        shape[0] = 7;
        array.doubles()[1] = 99;
        array.shape()[0] = 7;
        assertArrayEquals(new double[] {1, 2}, array.doubles());
        assertArrayEquals(new int[] {2}, array.shape());
    }

    @Test
    void rejectsShapeThatDoesNotMatchData() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> NpyArray.ofDoubles(new double[5], 2, 3));
        assertTrue(e.getMessage().contains("(2, 3) needs 6 elements but the data has 5"),
                e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> NpyArray.ofLongs(new long[3]));
        assertThrows(IllegalArgumentException.class, () -> NpyArray.ofInts(new int[0], -1));
        assertThrows(IllegalArgumentException.class,
                () -> NpyArray.ofFloats(new float[1], new int[NpyArray.MAX_RANK + 1]));
        assertThrows(IllegalArgumentException.class,
                () -> NpyArray.ofDoubles(new double[0], 65536, 65536, 0, 65536, -1));
    }

    @Test
    void floatsAreWidenedExactly() {
        float tenth = (float) 0.1;
        NpyArray array = NpyArray.ofFloats(new float[] {tenth, Float.MIN_VALUE}, 2);
        assertArrayEquals(new double[] {tenth, Float.MIN_VALUE}, array.doubles());
    }

    @Test
    void integersConvertToDoublesOnlyWhenExact() {
        NpyArray exact = NpyArray.ofLongs(new long[] {Long.MIN_VALUE, 1L << 53, -(1L << 53)}, 3);
        assertArrayEquals(new double[] {-0x1p63, 0x1p53, -0x1p53}, exact.doubles());
        assertThrows(ArithmeticException.class,
                () -> NpyArray.ofLongs(new long[] {(1L << 53) + 1}, 1).doubles());
        assertThrows(ArithmeticException.class,
                () -> NpyArray.ofLongs(new long[] {Long.MAX_VALUE}, 1).doubles());
        assertArrayEquals(new double[] {-7, 3}, NpyArray.ofInts(new int[] {-7, 3}, 2).doubles());
    }

    @Test
    void integerAccessorsNeedIntegerTypeAndRange() {
        assertThrows(IllegalStateException.class, () -> NpyArray.scalar(1).longs());
        assertThrows(IllegalStateException.class, () -> NpyArray.scalar(1).ints());
        NpyArray longs = NpyArray.ofLongs(new long[] {Integer.MIN_VALUE, Integer.MAX_VALUE}, 2);
        assertArrayEquals(new int[] {Integer.MIN_VALUE, Integer.MAX_VALUE}, longs.ints());
        ArithmeticException e = assertThrows(ArithmeticException.class,
                () -> NpyArray.ofLongs(new long[] {0, 1L << 31}, 2).ints());
        assertTrue(e.getMessage().contains("element 1"), e.getMessage());
        assertArrayEquals(new long[] {-5, 6}, NpyArray.ofInts(new int[] {-5, 6}, 2).longs());
    }

    @Test
    void equalityComparesTypeShapeAndBits() {
        NpyArray nan = NpyArray.ofDoubles(new double[] {Double.NaN, 1}, 2);
        assertEquals(nan, NpyArray.ofDoubles(new double[] {Double.NaN, 1}, 2));
        assertEquals(nan.hashCode(), NpyArray.ofDoubles(new double[] {Double.NaN, 1}, 2).hashCode());
        assertNotEquals(NpyArray.scalar(0.0), NpyArray.scalar(-0.0));
        assertNotEquals(nan, NpyArray.ofDoubles(new double[] {Double.NaN, 1}, 1, 2));
        assertNotEquals(NpyArray.ofInts(new int[] {1}, 1), NpyArray.ofLongs(new long[] {1}, 1));
        assertNotEquals(NpyArray.ofFloats(new float[] {1}, 1), NpyArray.ofDoubles(new double[] {1}, 1));
    }

    @Test
    void toStringShowsDescriptorAndShape() {
        assertEquals("NpyArray['<i4', (2, 3)]", NpyArray.ofInts(new int[6], 2, 3).toString());
        assertEquals("NpyArray['<f8', ()]", NpyArray.scalar(1).toString());
        assertEquals("NpyArray['<f4', (0,)]", NpyArray.ofFloats(new float[0], 0).toString());
    }
}
