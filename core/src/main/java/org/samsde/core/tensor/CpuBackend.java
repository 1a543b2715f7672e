package org.samsde.core.tensor;

import java.nio.DoubleBuffer;
import java.util.Arrays;
import java.util.logging.Logger;

import org.samsde.core.jet.Activation;
import org.samsde.core.jet.JetLayout;

/**
 * The CPU backend: matrix products and level-1 BLAS through OpenBLAS (JavaCPP presets), all other
 * primitives in Java over chunks of the native buffers.
 *
 * <p>If the native library cannot be loaded, a pure-Java implementation takes over and a warning
 * is logged once; {@link #description()} says which is in use. OpenBLAS's own thread count is set
 * with {@link #setBlasThreads}; ensembles that run seeds on several Java threads set it to 1.
 */
public final class CpuBackend implements Backend {
    private static final Logger LOG = Logger.getLogger(CpuBackend.class.getName());
    /** Elements per chunk in elementwise loops: small enough to stay in L1/L2 cache. */
    static final int CHUNK = 1024;

    private static final CpuBackend INSTANCE = new CpuBackend(!Boolean.getBoolean("samsde.noNativeBlas"));

    private final NativeBlas blas;
    private final String fallbackReason;
    private volatile int threads = Runtime.getRuntime().availableProcessors();

    private CpuBackend(boolean tryNative) {
        NativeBlas loaded = null;
        String reason = null;
        if (!tryNative) {
            reason = "native BLAS disabled";
        } else {
            try {
                loaded = NativeBlas.load();
            } catch (Throwable t) { // UnsatisfiedLinkError, ExceptionInInitializerError, ...
                reason = t.getClass().getSimpleName() + ": " + t.getMessage();
            }
        }
        if (loaded == null && tryNative) {
            LOG.warning("OpenBLAS could not be loaded (" + reason + "); using the slower pure-Java fallback");
        }
        this.blas = loaded;
        this.fallbackReason = reason;
    }

    /** @return the process-wide CPU backend */
    public static CpuBackend get() {
        return INSTANCE;
    }

    /**
     * A CPU backend that never uses native code: the reference the native path is tested against.
     *
     * @return a pure-Java CPU backend
     */
    public static CpuBackend pureJava() {
        return new CpuBackend(false);
    }

    /** @return whether matrix products go to OpenBLAS (false: the pure-Java fallback is in use) */
    public boolean nativeBlas() {
        return blas != null;
    }

    /**
     * Sets the number of threads one call may use: OpenBLAS's inside a matrix product and the
     * elementwise jet primitives' on large blocks. Ensembles that run trajectories on several Java
     * threads set it to 1. Results do not depend on it.
     *
     * @param threads at least 1
     */
    public void setBlasThreads(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("thread count must be positive, got " + threads);
        }
        this.threads = threads;
        if (blas != null) {
            blas.setThreads(threads);
        }
    }

    /** @return the number of threads one call may use, as last set by {@link #setBlasThreads} */
    public int blasThreads() {
        return threads;
    }

    /**
     * Runs an action with one thread per call (for callers that run many calls on their own
     * threads, such as ensembles) and restores the previous thread count afterwards.
     *
     * @param <T> the result type
     * @param action the action
     * @return its result
     */
    public <T> T singleThreaded(java.util.function.Supplier<T> action) {
        int before = threads;
        setBlasThreads(1);
        try {
            return action.get();
        } finally {
            setBlasThreads(before);
        }
    }

    @Override
    public String name() {
        return "cpu";
    }

    @Override
    public String description() {
        return blas != null ? "cpu (OpenBLAS " + blas.version() + ")" : "cpu (pure Java fallback: " + fallbackReason + ")";
    }

    private CpuTensor own(Tensor t) {
        if (t instanceof CpuTensor c && c.backend() == this) {
            return c;
        }
        throw new IllegalArgumentException("tensor " + t + " does not belong to the CPU backend");
    }

    private DoubleBuffer buf(Tensor t) {
        return own(t).data();
    }

    // ---------------------------------------------------------------- memory

    @Override
    public Tensor zeros(int... shape) {
        return new CpuTensor(this, shape);
    }

    @Override
    public void upload(double[] src, int srcOff, Tensor dst, int dstOff, int n) {
        buf(dst).put(dstOff, src, srcOff, n);
    }

    @Override
    public void download(Tensor src, int srcOff, double[] dst, int dstOff, int n) {
        buf(src).get(srcOff, dst, dstOff, n);
    }

    // ---------------------------------------------------------------- BLAS

    @Override
    public void gemm(boolean transA, boolean transB, int m, int n, int k, double alpha,
                     Tensor a, int aOff, int lda, Tensor b, int bOff, int ldb,
                     double beta, Tensor c, int cOff, int ldc) {
        if (m == 0 || n == 0) {
            return;
        }
        if (k == 0) {
            if (beta == 0.0) {
                for (int i = 0; i < m; i++) {
                    fill(n, 0.0, c, cOff + i * ldc);
                }
            } else {
                for (int i = 0; i < m; i++) {
                    scale(n, beta, c, cOff + i * ldc);
                }
            }
            return;
        }
        if (blas != null && SmallGemm.handles(m, n, k)) {
            SmallGemm.gemm(transA, transB, m, n, k, alpha, own(a).data(), aOff, lda, own(b).data(), bOff, ldb,
                    beta, own(c).data(), cOff, ldc);
            return;
        }
        if (blas != null) {
            blas.gemm(transA, transB, m, n, k, alpha, own(a).at(aOff), lda, own(b).at(bOff), ldb,
                    beta, own(c).at(cOff), ldc);
            return;
        }
        int aSpan = (transA ? k - 1 : m - 1) * lda + (transA ? m : k);
        int bSpan = (transB ? n - 1 : k - 1) * ldb + (transB ? k : n);
        int cSpan = (m - 1) * ldc + n;
        double[] ah = new double[aSpan];
        double[] bh = new double[bSpan];
        double[] ch = new double[cSpan];
        download(a, aOff, ah, 0, aSpan);
        download(b, bOff, bh, 0, bSpan);
        download(c, cOff, ch, 0, cSpan);
        JavaBlas.gemm(transA, transB, m, n, k, alpha, ah, 0, lda, bh, 0, ldb, beta, ch, 0, ldc);
        upload(ch, 0, c, cOff, cSpan);
    }

    @Override
    public void axpy(int n, double alpha, Tensor x, int xOff, Tensor y, int yOff) {
        if (blas != null) {
            blas.axpy(n, alpha, own(x).at(xOff), own(y).at(yOff));
            return;
        }
        DoubleBuffer xb = buf(x);
        DoubleBuffer yb = buf(y);
        for (int i = 0; i < n; i++) {
            yb.put(yOff + i, yb.get(yOff + i) + alpha * xb.get(xOff + i));
        }
    }

    @Override
    public void scale(int n, double alpha, Tensor x, int xOff) {
        DoubleBuffer xb = buf(x);
        for (int i = 0; i < n; i++) {
            xb.put(xOff + i, alpha * xb.get(xOff + i));
        }
    }

    @Override
    public double dot(int n, Tensor x, int xOff, Tensor y, int yOff) {
        if (blas != null) {
            return blas.dot(n, own(x).at(xOff), own(y).at(yOff));
        }
        DoubleBuffer xb = buf(x);
        DoubleBuffer yb = buf(y);
        double s = 0;
        for (int i = 0; i < n; i++) {
            s += xb.get(xOff + i) * yb.get(yOff + i);
        }
        return s;
    }

    @Override
    public void copy(int n, Tensor src, int srcOff, Tensor dst, int dstOff) {
        DoubleBuffer d = own(dst).at(dstOff);
        DoubleBuffer s = own(src).at(srcOff).limit(srcOff + n);
        d.put(s);
    }

    @Override
    public void fill(int n, double value, Tensor x, int xOff) {
        DoubleBuffer xb = buf(x);
        for (int i = 0; i < n; i++) {
            xb.put(xOff + i, value);
        }
    }

    // ---------------------------------------------------------------- broadcasting and gathering

    /** Rows per block copy of the row-wise loops: whole rows, about {@link #CHUNK} · 4 elements. */
    private static int rowsPerBlock(int cols) {
        return Math.max(1, 4 * CHUNK / Math.max(1, cols));
    }

    @Override
    public void addRowVector(int rows, int cols, double alpha, Tensor v, int vOff, Tensor c, int cOff) {
        CpuJets.Scratch scratch = CpuJets.Scratch.get();
        double[] vh = scratch.row(CpuJets.Scratch.ROW_ACC, cols);
        download(v, vOff, vh, 0, cols);
        for (int j = 0; j < cols; j++) {
            vh[j] *= alpha;
        }
        int per = rowsPerBlock(cols);
        double[] block = scratch.row(CpuJets.Scratch.ROW, Math.min(rows, per) * cols);
        DoubleBuffer cb = buf(c);
        for (int r0 = 0; r0 < rows; r0 += per) {
            int n = Math.min(per, rows - r0) * cols;
            int base = cOff + r0 * cols;
            cb.get(base, block, 0, n);
            for (int e = 0; e < n; e += cols) {
                for (int j = 0; j < cols; j++) {
                    block[e + j] += vh[j];
                }
            }
            cb.put(base, block, 0, n);
        }
    }

    @Override
    public void sumRows(int rows, int cols, Tensor a, int aOff, double beta, Tensor out, int outOff) {
        CpuJets.Scratch scratch = CpuJets.Scratch.get();
        double[] acc = scratch.row(CpuJets.Scratch.ROW_ACC, cols);
        Arrays.fill(acc, 0, cols, 0.0);
        int per = rowsPerBlock(cols);
        double[] block = scratch.row(CpuJets.Scratch.ROW, Math.min(rows, per) * cols);
        DoubleBuffer ab = buf(a);
        for (int r0 = 0; r0 < rows; r0 += per) {
            int n = Math.min(per, rows - r0) * cols;
            ab.get(aOff + r0 * cols, block, 0, n);
            for (int e = 0; e < n; e += cols) {
                for (int j = 0; j < cols; j++) {
                    acc[j] += block[e + j];
                }
            }
        }
        DoubleBuffer ob = buf(out);
        if (beta != 0.0) {
            for (int j = 0; j < cols; j++) {
                acc[j] += beta * ob.get(outOff + j);
            }
        }
        ob.put(outOff, acc, 0, cols);
    }

    @Override
    public void gatherRows(int cols, Tensor src, int[] index, int from, int count, Tensor dst, int dstOff) {
        DoubleBuffer s = buf(src);
        int srcRows = src.size() / Math.max(1, cols);
        double[] row = CpuJets.Scratch.get().row(CpuJets.Scratch.ROW, cols);
        DoubleBuffer d = buf(dst);
        for (int i = 0; i < count; i++) {
            int r = index[from + i];
            if (r < 0 || r >= srcRows) {
                throw new IndexOutOfBoundsException("row " + r + " outside 0.." + (srcRows - 1));
            }
            s.get(r * cols, row, 0, cols);
            d.put(dstOff + i * cols, row, 0, cols);
        }
    }

    // ---------------------------------------------------------------- images (channels-last)

    @Override
    public void im2col(Window2d window, int images, Tensor src, int srcOff, Tensor dst, int dstOff) {
        CpuJets.im2col(window, images, buf(src), srcOff, buf(dst), dstOff);
    }

    @Override
    public void col2im(Window2d window, int images, Tensor src, int srcOff, Tensor dst, int dstOff) {
        CpuJets.col2im(window, images, buf(src), srcOff, buf(dst), dstOff);
    }

    @Override
    public void avgPool(Window2d window, int images, Tensor src, int srcOff, Tensor dst, int dstOff) {
        HostImages.requireUnpadded(window, "average pooling");
        CpuJets.avgPool(window, images, buf(src), srcOff, buf(dst), dstOff, false);
    }

    @Override
    public void avgPoolBackward(Window2d window, int images, Tensor src, int srcOff, Tensor dst, int dstOff) {
        HostImages.requireUnpadded(window, "average pooling");
        CpuJets.avgPool(window, images, buf(src), srcOff, buf(dst), dstOff, true);
    }

    @Override
    public void maxPool(Window2d window, int images, Tensor src, int srcOff, Tensor dst, int dstOff, Tensor argmax, int argmaxOff) {
        HostImages.requireUnpadded(window, "max pooling");
        CpuJets.maxPool(window, images, buf(src), srcOff, buf(dst), dstOff, buf(argmax), argmaxOff);
    }

    @Override
    public void maxPoolGather(Window2d window, int blocks, int images, Tensor argmax, int argmaxOff,
                              Tensor src, int srcOff, Tensor dst, int dstOff) {
        HostImages.requireUnpadded(window, "max pooling");
        CpuJets.maxPoolIndexed(window, blocks, images, buf(argmax), argmaxOff, buf(src), srcOff, buf(dst), dstOff, false);
    }

    @Override
    public void maxPoolScatter(Window2d window, int blocks, int images, Tensor argmax, int argmaxOff,
                               Tensor src, int srcOff, Tensor dst, int dstOff) {
        HostImages.requireUnpadded(window, "max pooling");
        CpuJets.maxPoolIndexed(window, blocks, images, buf(argmax), argmaxOff, buf(src), srcOff, buf(dst), dstOff, true);
    }

    @Override
    public void transposeBatch(int count, int rows, int cols, Tensor src, int srcOff, Tensor dst, int dstOff) {
        CpuJets.transposeBatch(count, rows, cols, buf(src), srcOff, buf(dst), dstOff);
    }

    // ---------------------------------------------------------------- jets

    @Override
    public void activationJet(Activation act, JetLayout layout, int blockSize,
                              Tensor z, int zOff, Tensor a, int aOff, Tensor d, int dOff) {
        CpuJets.activation(act, layout, blockSize, buf(z), zOff, buf(a), aOff, d == null ? null : buf(d), dOff, threads);
    }

    @Override
    public void jetMultiply(JetLayout layout, int blockSize, Tensor a, int aOff, Tensor b, int bOff,
                            Tensor out, int outOff) {
        CpuJets.multiply(layout, blockSize, buf(a), aOff, buf(b), bOff, buf(out), outOff, threads);
    }

    @Override
    public double[] softmaxCrossEntropyJet(JetLayout layout, int rows, int classes, Tensor logits,
                                           Tensor labels, Tensor rowWeights, Tensor delta) {
        return CpuJets.softmaxCrossEntropy(layout, rows, classes, buf(logits), buf(labels), buf(rowWeights), buf(delta));
    }

    @Override
    public double[] binaryCrossEntropyJet(JetLayout layout, int rows, Tensor logits, Tensor labels,
                                          Tensor rowWeights, Tensor delta) {
        return CpuJets.binaryCrossEntropy(layout, rows, buf(logits), buf(labels), buf(rowWeights), buf(delta));
    }

    @Override
    public double[] squaredErrorJet(JetLayout layout, int rows, int width, Tensor predictions, Tensor targets,
                                    Tensor rowWeights, Tensor delta) {
        return CpuJets.squaredError(layout, rows, width, buf(predictions), buf(targets), buf(rowWeights), buf(delta));
    }
}
