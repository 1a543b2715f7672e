package org.samsde.core.tensor;

import java.nio.DoubleBuffer;

/**
 * C ← α·op(A)·op(B) + β·C for products too small for OpenBLAS to pay off, in Java: the operands
 * are packed row-major into per-thread scratch arrays and multiplied in 4 × 4 register blocks.
 *
 * <p>Why: every OpenBLAS level-3 call takes and releases a process-wide mutex around its buffer
 * pool. When several ensemble threads multiply small matrices at once, that mutex is contended on
 * nearly every call and each call costs three times as much (measured on 32 × 16 × 2 products: 0.34
 * µs alone, 1.2 µs with a second thread doing the same), one of the things that kept ensembles of
 * small models from scaling. Up to {@link #MAX_WORK} multiply-adds (thin products: a layer of
 * width 2 or 3, or a batch of 32 against a width-16 layer of at most 8 inputs) this kernel is about
 * as fast as OpenBLAS on one thread, and it shares nothing between threads. Larger products go to
 * OpenBLAS: moving the next size up (32 × 16 × 16, 1.7 µs here against OpenBLAS's 0.73 µs alone and
 * 2.2 µs contended) lowered the measured ensemble throughput on one thread and on two.
 *
 * <p>The choice depends on the shape only, so results never depend on the number of threads.
 */
final class SmallGemm {
    /** The largest m·n·k done here. */
    static final long MAX_WORK = 4096;

    private SmallGemm() {
    }

    /**
     * @return whether a product of this shape is done here
     */
    static boolean handles(int m, int n, int k) {
        return (long) m * n * k <= MAX_WORK;
    }

    /** As {@link Backend#gemm}, on the CPU tensors' buffers. */
    static void gemm(boolean transA, boolean transB, int m, int n, int k, double alpha,
                     DoubleBuffer a, int aOff, int lda, DoubleBuffer b, int bOff, int ldb,
                     double beta, DoubleBuffer c, int cOff, int ldc) {
        CpuJets.Scratch scratch = CpuJets.Scratch.get();
        double[] ap = scratch.row(CpuJets.Scratch.GEMM_A, m * k);
        double[] bp = scratch.row(CpuJets.Scratch.GEMM_B, k * n);
        double[] cp = scratch.row(CpuJets.Scratch.GEMM_C, m * n);
        double[] tmp = scratch.row(CpuJets.Scratch.GEMM_T, Math.max(m, n) * k);
        pack(transA, m, k, a, aOff, lda, ap, tmp);
        pack(transB, k, n, b, bOff, ldb, bp, tmp);
        multiply(m, n, k, ap, bp, cp);
        int size = m * n;
        if (beta == 0.0) {
            for (int e = 0; e < size; e++) {
                cp[e] *= alpha;
            }
        } else {
            double[] old = tmp.length >= size ? tmp : scratch.row(CpuJets.Scratch.GEMM_T, size);
            read(c, cOff, ldc, m, n, old);
            for (int e = 0; e < size; e++) {
                cp[e] = beta * old[e] + alpha * cp[e];
            }
        }
        if (ldc == n) {
            c.put(cOff, cp, 0, size);
        } else {
            for (int i = 0; i < m; i++) {
                c.put(cOff + i * ldc, cp, i * n, n);
            }
        }
    }

    /** Copies a rows × cols block with leading dimension ld into out, row-major (one bulk copy when contiguous). */
    private static void read(DoubleBuffer x, int off, int ld, int rows, int cols, double[] out) {
        if (ld == cols) {
            x.get(off, out, 0, rows * cols);
        } else {
            for (int i = 0; i < rows; i++) {
                x.get(off + i * ld, out, i * cols, cols);
            }
        }
    }

    /** Writes op(X), rows × cols, row-major into out; tmp holds at least rows·cols elements. */
    private static void pack(boolean trans, int rows, int cols, DoubleBuffer x, int off, int ld, double[] out, double[] tmp) {
        if (!trans) {
            read(x, off, ld, rows, cols, out);
            return;
        }
        // X is stored cols × rows
        read(x, off, ld, cols, rows, tmp);
        for (int j = 0; j < cols; j++) {
            int base = j * rows;
            for (int i = 0; i < rows; i++) {
                out[i * cols + j] = tmp[base + i];
            }
        }
    }

    /** c = a·b for row-major a (m × k), b (k × n), c (m × n). */
    static void multiply(int m, int n, int k, double[] a, double[] b, double[] c) {
        int i = 0;
        for (; i + 4 <= m; i += 4) {
            int a0 = i * k;
            int a1 = a0 + k;
            int a2 = a1 + k;
            int a3 = a2 + k;
            int j = 0;
            for (; j + 4 <= n; j += 4) {
                double c00 = 0, c01 = 0, c02 = 0, c03 = 0, c10 = 0, c11 = 0, c12 = 0, c13 = 0;
                double c20 = 0, c21 = 0, c22 = 0, c23 = 0, c30 = 0, c31 = 0, c32 = 0, c33 = 0;
                for (int p = 0, bo = j; p < k; p++, bo += n) {
                    double b0 = b[bo];
                    double b1 = b[bo + 1];
                    double b2 = b[bo + 2];
                    double b3 = b[bo + 3];
                    double x0 = a[a0 + p];
                    double x1 = a[a1 + p];
                    double x2 = a[a2 + p];
                    double x3 = a[a3 + p];
                    c00 += x0 * b0;
                    c01 += x0 * b1;
                    c02 += x0 * b2;
                    c03 += x0 * b3;
                    c10 += x1 * b0;
                    c11 += x1 * b1;
                    c12 += x1 * b2;
                    c13 += x1 * b3;
                    c20 += x2 * b0;
                    c21 += x2 * b1;
                    c22 += x2 * b2;
                    c23 += x2 * b3;
                    c30 += x3 * b0;
                    c31 += x3 * b1;
                    c32 += x3 * b2;
                    c33 += x3 * b3;
                }
                store4(c, i * n + j, c00, c01, c02, c03);
                store4(c, (i + 1) * n + j, c10, c11, c12, c13);
                store4(c, (i + 2) * n + j, c20, c21, c22, c23);
                store4(c, (i + 3) * n + j, c30, c31, c32, c33);
            }
            for (; j < n; j++) {
                double c0 = 0;
                double c1 = 0;
                double c2 = 0;
                double c3 = 0;
                for (int p = 0, bo = j; p < k; p++, bo += n) {
                    double bv = b[bo];
                    c0 += a[a0 + p] * bv;
                    c1 += a[a1 + p] * bv;
                    c2 += a[a2 + p] * bv;
                    c3 += a[a3 + p] * bv;
                }
                c[i * n + j] = c0;
                c[(i + 1) * n + j] = c1;
                c[(i + 2) * n + j] = c2;
                c[(i + 3) * n + j] = c3;
            }
        }
        for (; i < m; i++) {
            int ai = i * k;
            int j = 0;
            for (; j + 4 <= n; j += 4) {
                double c0 = 0;
                double c1 = 0;
                double c2 = 0;
                double c3 = 0;
                for (int p = 0, bo = j; p < k; p++, bo += n) {
                    double x = a[ai + p];
                    c0 += x * b[bo];
                    c1 += x * b[bo + 1];
                    c2 += x * b[bo + 2];
                    c3 += x * b[bo + 3];
                }
                store4(c, i * n + j, c0, c1, c2, c3);
            }
            for (; j < n; j++) {
                double s = 0;
                for (int p = 0, bo = j; p < k; p++, bo += n) {
                    s += a[ai + p] * b[bo];
                }
                c[i * n + j] = s;
            }
        }
    }

    private static void store4(double[] c, int at, double v0, double v1, double v2, double v3) {
        c[at] = v0;
        c[at + 1] = v1;
        c[at + 2] = v2;
        c[at + 3] = v3;
    }
}
