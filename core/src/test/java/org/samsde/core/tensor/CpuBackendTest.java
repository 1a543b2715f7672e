package org.samsde.core.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.samsde.core.testing.Check;
import org.samsde.core.testing.Problems;

/**
 * Contract tests of the CPU backend's BLAS-style primitives, run against both the OpenBLAS path
 * and the pure-Java fallback, with {@link JavaBlas} on host arrays as the oracle.
 */
class CpuBackendTest {

    static Stream<Backend> backends() {
        return Stream.of(CpuBackend.get(), CpuBackend.pureJava());
    }

    @Test
    void openBlasIsLoadedOnTheBuildMachine() {
        assertTrue(CpuBackend.get().nativeBlas(), CpuBackend.get().description());
    }

    /** Shapes (m, n, k) on both sides of SmallGemm's bound, so that both kernels of the CPU backend are checked. */
    static Stream<int[]> gemmShapes() {
        return Stream.of(new int[] {5, 7, 4}, new int[] {32, 3, 16}, new int[] {9, 1, 1}, new int[] {17, 19, 15},
                new int[] {40, 33, 8});
    }

    @ParameterizedTest
    @MethodSource("backends")
    void gemmMatchesTheReferenceForEveryShapeTransposeOffsetStrideAndBeta(Backend be) {
        gemmShapes().forEach(shape -> {
            int m = shape[0];
            int n = shape[1];
            int k = shape[2];
            for (boolean ta : new boolean[] {false, true}) {
                for (boolean tb : new boolean[] {false, true}) {
                    for (double beta : new double[] {0.0, 1.0, -0.5}) {
                        for (int pad : new int[] {0, 2}) {
                            int lda = (ta ? m : k) + pad;
                            int ldb = (tb ? k : n) + pad / 2;
                            int ldc = n + pad + 1;
                            int aOff = 3;
                            int bOff = 5;
                            int cOff = 2;
                            double[] a = Problems.gaussian(1, aOff + (ta ? k : m) * lda, 1);
                            double[] b = Problems.gaussian(2, bOff + (tb ? n : k) * ldb, 1);
                            double[] c = Problems.gaussian(3, cOff + m * ldc, 1);
                            double[] expected = c.clone();
                            JavaBlas.gemm(ta, tb, m, n, k, 1.5, a, aOff, lda, b, bOff, ldb, beta, expected, cOff, ldc);
                            Tensor ct = be.upload(c, c.length);
                            be.gemm(ta, tb, m, n, k, 1.5, be.upload(a, a.length), aOff, lda, be.upload(b, b.length), bOff, ldb,
                                    beta, ct, cOff, ldc);
                            Check.close(expected, ct.toArray(), 1e-13, "gemm " + m + "x" + n + "x" + k + " ta=" + ta + " tb=" + tb
                                    + " beta=" + beta + " pad=" + pad);
                        }
                    }
                }
            }
        });
    }

    @Test
    void theShapesCoverBothKernelsOfTheCpuBackend() {
        assertTrue(gemmShapes().anyMatch(s -> SmallGemm.handles(s[0], s[1], s[2])));
        assertTrue(gemmShapes().anyMatch(s -> !SmallGemm.handles(s[0], s[1], s[2])));
    }

    @Test
    void aClosedTensorRefusesUseAndItsBufferComesBackZeroed() {
        CpuBackend be = CpuBackend.get();
        Tensor t = be.upload(new double[] {1, 2, 3}, 3);
        t.close();
        t.close();
        assertThrows(IllegalStateException.class, t::toArray);
        // the next tensors of that size on this thread get the pooled buffer, zeroed, and never share it
        Tensor u = be.zeros(3);
        Tensor w = be.zeros(3);
        assertArrayEquals(new double[3], u.toArray(), 0.0);
        be.upload(new double[] {4, 5, 6}, 0, u, 0, 3);
        assertArrayEquals(new double[3], w.toArray(), 0.0);
        assertArrayEquals(new double[] {4, 5, 6}, u.toArray(), 0.0);
    }

    @ParameterizedTest
    @MethodSource("backends")
    void gemmWithZeroBetaOverwritesNaN(Backend be) {
        Tensor a = be.upload(new double[] {1, 2, 3, 4}, 2, 2);
        Tensor c = be.upload(new double[] {Double.NaN, Double.NaN, Double.NaN, Double.NaN}, 2, 2);
        be.gemm(false, false, 2, 2, 2, 1.0, a, 0, 2, a, 0, 2, 0.0, c, 0, 2);
        assertArrayEquals(new double[] {7, 10, 15, 22}, c.toArray(), 0.0);
    }

    @ParameterizedTest
    @MethodSource("backends")
    void levelOneOperations(Backend be) {
        double[] x = Problems.gaussian(4, 10, 1);
        double[] y = Problems.gaussian(5, 10, 1);
        Tensor xt = be.upload(x, 10);
        Tensor yt = be.upload(y, 10);
        double dot = 0;
        for (int i = 2; i < 8; i++) {
            dot += x[i] * y[i - 1];
        }
        assertEquals(dot, be.dot(6, xt, 2, yt, 1), 1e-14);
        be.axpy(6, 2.5, xt, 2, yt, 1);
        double[] expect = y.clone();
        for (int i = 0; i < 6; i++) {
            expect[1 + i] += 2.5 * x[2 + i];
        }
        assertArrayEquals(expect, yt.toArray(), 1e-15);
        // axpy may round differently from the loop above (a fused multiply-add); scale and copy are exact
        expect = yt.toArray();
        be.scale(3, -2.0, yt, 4);
        for (int i = 4; i < 7; i++) {
            expect[i] *= -2.0;
        }
        assertArrayEquals(expect, yt.toArray(), 0.0);
        be.copy(4, xt, 0, yt, 6);
        System.arraycopy(x, 0, expect, 6, 4);
        assertArrayEquals(expect, yt.toArray(), 0.0);
        be.fill(2, 9.0, yt, 0);
        expect[0] = 9.0;
        expect[1] = 9.0;
        assertArrayEquals(expect, yt.toArray(), 0.0);
    }

    @ParameterizedTest
    @MethodSource("backends")
    void broadcastingAndGathering(Backend be) {
        double[] m = {1, 2, 3, 4, 5, 6};
        Tensor mt = be.upload(m, 3, 2);
        Tensor v = be.upload(new double[] {0, 10, 20}, 3);
        be.addRowVector(3, 2, 0.5, v, 1, mt, 0);
        assertArrayEquals(new double[] {6, 12, 8, 14, 10, 16}, mt.toArray(), 0.0);
        Tensor sums = be.upload(new double[] {1, 1, 1}, 3);
        be.sumRows(3, 2, mt, 0, 2.0, sums, 1);
        assertArrayEquals(new double[] {1, 26, 44}, sums.toArray(), 0.0);
        Tensor out = be.zeros(8);
        be.gatherRows(2, mt, new int[] {9, 2, 0, 2}, 1, 3, out, 2);
        assertArrayEquals(new double[] {0, 0, 10, 16, 6, 12, 10, 16}, out.toArray(), 0.0);
        assertThrows(IndexOutOfBoundsException.class, () -> be.gatherRows(2, mt, new int[] {3}, 0, 1, out, 0));
    }

    @Test
    void tensorsOfAnotherBackendAreRejected() {
        Tensor foreign = CpuBackend.pureJava().zeros(3);
        Tensor own = CpuBackend.get().zeros(3);
        assertThrows(IllegalArgumentException.class, () -> CpuBackend.get().axpy(3, 1, foreign, 0, own, 0));
    }
}
