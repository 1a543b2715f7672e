package org.samsde.core.tensor;

import java.nio.DoubleBuffer;

import org.bytedeco.javacpp.Loader;
import org.bytedeco.openblas.global.openblas_nolapack;

/**
 * The OpenBLAS calls of the {@link CpuBackend}, isolated so that a missing native library fails in
 * {@link #load()} and nowhere else. Buffers are direct; their position is the element offset.
 */
final class NativeBlas {
    private NativeBlas() {
    }

    /** Loads the native library; throws whatever the loader throws when it cannot. */
    static NativeBlas load() {
        Loader.load(openblas_nolapack.class);
        return new NativeBlas();
    }

    String version() {
        return openblas_nolapack.OPENBLAS_VERSION.trim().replaceFirst("^OpenBLAS\\s*", "");
    }

    void setThreads(int threads) {
        org.bytedeco.openblas.presets.openblas_nolapack.blas_set_num_threads(threads);
    }

    void gemm(boolean transA, boolean transB, int m, int n, int k, double alpha,
              DoubleBuffer a, int lda, DoubleBuffer b, int ldb, double beta, DoubleBuffer c, int ldc) {
        openblas_nolapack.cblas_dgemm(openblas_nolapack.CblasRowMajor,
                transA ? openblas_nolapack.CblasTrans : openblas_nolapack.CblasNoTrans,
                transB ? openblas_nolapack.CblasTrans : openblas_nolapack.CblasNoTrans,
                m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
    }

    void axpy(int n, double alpha, DoubleBuffer x, DoubleBuffer y) {
        openblas_nolapack.cblas_daxpy(n, alpha, x, 1, y, 1);
    }

    double dot(int n, DoubleBuffer x, DoubleBuffer y) {
        return openblas_nolapack.cblas_ddot(n, x, 1, y, 1);
    }
}
