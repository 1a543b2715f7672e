package org.samsde.core.tensor;

/**
 * Plain-Java reference implementations of the BLAS calls the {@link CpuBackend} needs, on host
 * arrays. Used when the native OpenBLAS library cannot be loaded, and as the slow, obviously
 * correct oracle in tests.
 */
public final class JavaBlas {
    private JavaBlas() {
    }

    /**
     * C ← α·op(A)·op(B) + β·C, row-major, as {@link Backend#gemm}.
     *
     * @param transA whether op(A) = Aᵀ
     * @param transB whether op(B) = Bᵀ
     * @param m rows of C
     * @param n columns of C
     * @param k inner dimension
     * @param alpha scale of the product
     * @param a A's storage; not modified
     * @param aOff offset of A
     * @param lda leading dimension of A
     * @param b B's storage; not modified
     * @param bOff offset of B
     * @param ldb leading dimension of B
     * @param beta scale of C (0 overwrites)
     * @param c C's storage; modified
     * @param cOff offset of C
     * @param ldc leading dimension of C
     */
    public static void gemm(boolean transA, boolean transB, int m, int n, int k, double alpha,
                            double[] a, int aOff, int lda, double[] b, int bOff, int ldb,
                            double beta, double[] c, int cOff, int ldc) {
        double[] row = new double[n];
        for (int i = 0; i < m; i++) {
            java.util.Arrays.fill(row, 0.0);
            for (int p = 0; p < k; p++) {
                double aip = transA ? a[aOff + p * lda + i] : a[aOff + i * lda + p];
                if (transB) {
                    for (int j = 0; j < n; j++) {
                        row[j] += aip * b[bOff + j * ldb + p];
                    }
                } else {
                    int base = bOff + p * ldb;
                    for (int j = 0; j < n; j++) {
                        row[j] += aip * b[base + j];
                    }
                }
            }
            int ci = cOff + i * ldc;
            for (int j = 0; j < n; j++) {
                c[ci + j] = (beta == 0.0 ? 0.0 : beta * c[ci + j]) + alpha * row[j];
            }
        }
    }
}
