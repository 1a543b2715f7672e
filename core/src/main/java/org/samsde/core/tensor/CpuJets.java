package org.samsde.core.tensor;

import java.nio.DoubleBuffer;
import java.util.Arrays;

import org.samsde.core.jet.Activation;
import org.samsde.core.jet.JetLayout;

/**
 * The jet and image primitives of the {@link CpuBackend}: loops over chunks (or whole images)
 * copied from the native buffers into Java arrays (bulk copies are memcpy-fast, and array loops
 * are what the JIT compiles best). The recurrences and index maps are those documented on
 * {@link Backend}.
 */
final class CpuJets {
    private CpuJets() {
    }

    /**
     * c_k of the composition ψ(z(t)) for k = 1…K given the derivatives q_r = ψ^{(r)}(z₀) at
     * q[shift + r] and the input coefficients z[1…K] (Faà di Bruno, truncated at order 3).
     */
    private static void compose(int order, double[][] q, int shift, double[][] z, int n, double[][] out) {
        double[] q1 = q[shift + 1];
        double[] z1 = z[1];
        double[] c1 = out[1];
        for (int i = 0; i < n; i++) {
            c1[i] = q1[i] * z1[i];
        }
        if (order >= 2) {
            double[] q2 = q[shift + 2];
            double[] z2 = z[2];
            double[] c2 = out[2];
            for (int i = 0; i < n; i++) {
                c2[i] = q1[i] * z2[i] + 0.5 * q2[i] * z1[i] * z1[i];
            }
            if (order >= 3) {
                double[] q3 = q[shift + 3];
                double[] z3 = z[3];
                double[] c3 = out[3];
                for (int i = 0; i < n; i++) {
                    double a = z1[i];
                    c3[i] = q1[i] * z3[i] + q2[i] * a * z2[i] + q3[i] * a * a * a / 6.0;
                }
            }
        }
    }

    /**
     * Work arrays of the chunked loops, one set per thread, so that a pass allocates nothing per
     * call: allocating and zeroing them on every call was most of what ensemble threads allocate,
     * and the collections it forced stopped all threads alike. Each loop uses its own slots and
     * calls nothing that uses the same slots, so no two live uses share an array.
     */
    static final class Scratch {
        static final int ACT_DERIVS = 0;
        static final int ACT_IN = 1;
        static final int ACT_OUT = 2;
        static final int MUL_A = 3;
        static final int MUL_B = 4;
        static final int MUL_OUT = 5;
        static final int ROW = 6;
        static final int ROW_ACC = 7;
        static final int GEMM_A = 8;
        static final int GEMM_B = 9;
        static final int GEMM_C = 10;
        static final int GEMM_T = 11;
        static final int LOSS_IN = 12;
        static final int LOSS_OUT = 13;
        static final int LOSS_LABELS = 14;
        static final int LOSS_WEIGHTS = 15;
        private static final ThreadLocal<Scratch> OWN = ThreadLocal.withInitial(Scratch::new);
        private final double[][][] slots = new double[16][][];

        /** @return this thread's scratch */
        static Scratch get() {
            return OWN.get();
        }

        /**
         * @param slot which set
         * @param rows arrays needed
         * @param length elements needed in each
         * @return at least {@code rows} arrays of at least {@code length} elements, contents undefined
         */
        double[][] rows(int slot, int rows, int length) {
            double[][] s = slots[slot];
            if (s == null || s.length < rows || s[0].length < length) {
                s = new double[Math.max(rows, s == null ? 0 : s.length)][Math.max(length, s == null ? 0 : s[0].length)];
                slots[slot] = s;
            }
            return s;
        }

        /**
         * @param slot which array
         * @param length elements needed
         * @return an array of at least {@code length} elements, contents undefined
         */
        double[] row(int slot, int length) {
            return rows(slot, 1, length)[0];
        }
    }

    /** Elements below which an elementwise primitive stays on the calling thread. */
    static final int PARALLEL_THRESHOLD = 1 << 15;

    /**
     * Runs body over [0, n) as contiguous ranges on up to {@code threads} threads (the caller's
     * and the common fork-join pool's); elementwise results do not depend on the split.
     */
    static void ranges(int n, int threads, java.util.function.BiConsumer<Integer, Integer> body) {
        int parts = n < PARALLEL_THRESHOLD ? 1 : Math.min(threads, n / (PARALLEL_THRESHOLD / 2));
        if (parts <= 1) {
            body.accept(0, n);
            return;
        }
        java.util.concurrent.ForkJoinTask<?>[] tasks = new java.util.concurrent.ForkJoinTask<?>[parts - 1];
        int step = (n + parts - 1) / parts;
        for (int t = 1; t < parts; t++) {
            int from = Math.min(n, t * step);
            int to = Math.min(n, from + step);
            tasks[t - 1] = java.util.concurrent.ForkJoinPool.commonPool().submit(() -> body.accept(from, to));
        }
        body.accept(0, Math.min(n, step));
        for (java.util.concurrent.ForkJoinTask<?> task : tasks) {
            task.join();
        }
    }

    static void activation(Activation act, JetLayout layout, int blockSize, DoubleBuffer z, int zOff, DoubleBuffer a, int aOff,
                           DoubleBuffer d, int dOff, int threads) {
        ranges(blockSize, threads, (from, to) -> activation(act, layout, blockSize, from, to, z, zOff, a, aOff, d, dOff));
    }

    private static void activation(Activation act, JetLayout layout, int blockSize, int from, int to,
                                   DoubleBuffer z, int zOff, DoubleBuffer a, int aOff, DoubleBuffer d, int dOff) {
        int order = layout.order();
        int dirs = layout.directions();
        int chunk = Math.min(CpuBackend.CHUNK, Math.max(1, to - from));
        int derivs = order + (d == null ? 1 : 2);
        Scratch scratch = Scratch.get();
        double[][] p = scratch.rows(Scratch.ACT_DERIVS, derivs, chunk);
        double[][] zc = scratch.rows(Scratch.ACT_IN, order + 1, chunk);
        double[][] out = scratch.rows(Scratch.ACT_OUT, order + 1, chunk);
        for (int start = from; start < to; start += chunk) {
            int n = Math.min(chunk, to - start);
            z.get(zOff + start, zc[0], 0, n);
            act.derivatives(zc[0], n, derivs, p);
            a.put(aOff + start, p[0], 0, n);
            if (d != null) {
                d.put(dOff + start, p[1], 0, n);
            }
            if (order == 0) {
                continue;
            }
            for (int j = 0; j < dirs; j++) {
                for (int k = 1; k <= order; k++) {
                    z.get(zOff + layout.block(k, j) * blockSize + start, zc[k], 0, n);
                }
                compose(order, p, 0, zc, n, out);
                for (int k = 1; k <= order; k++) {
                    a.put(aOff + layout.block(k, j) * blockSize + start, out[k], 0, n);
                }
                if (d != null) {
                    compose(order, p, 1, zc, n, out);
                    for (int k = 1; k <= order; k++) {
                        d.put(dOff + layout.block(k, j) * blockSize + start, out[k], 0, n);
                    }
                }
            }
        }
    }

    static void multiply(JetLayout layout, int blockSize, DoubleBuffer a, int aOff, DoubleBuffer b, int bOff,
                         DoubleBuffer out, int outOff, int threads) {
        ranges(blockSize, threads, (from, to) -> multiply(layout, blockSize, from, to, a, aOff, b, bOff, out, outOff));
    }

    private static void multiply(JetLayout layout, int blockSize, int from, int to, DoubleBuffer a, int aOff, DoubleBuffer b,
                                 int bOff, DoubleBuffer out, int outOff) {
        int order = layout.order();
        int dirs = layout.directions();
        int chunk = Math.min(CpuBackend.CHUNK, Math.max(1, to - from));
        Scratch scratch = Scratch.get();
        double[][] ac = scratch.rows(Scratch.MUL_A, order + 1, chunk);
        double[][] bc = scratch.rows(Scratch.MUL_B, order + 1, chunk);
        double[] oc = scratch.row(Scratch.MUL_OUT, chunk);
        for (int start = from; start < to; start += chunk) {
            int n = Math.min(chunk, to - start);
            a.get(aOff + start, ac[0], 0, n);
            b.get(bOff + start, bc[0], 0, n);
            for (int i = 0; i < n; i++) {
                oc[i] = ac[0][i] * bc[0][i];
            }
            out.put(outOff + start, oc, 0, n);
            for (int j = 0; j < dirs; j++) {
                for (int k = 1; k <= order; k++) {
                    int blk = layout.block(k, j) * blockSize + start;
                    a.get(aOff + blk, ac[k], 0, n);
                    b.get(bOff + blk, bc[k], 0, n);
                }
                for (int k = 1; k <= order; k++) {
                    java.util.Arrays.fill(oc, 0, n, 0.0);
                    for (int i = 0; i <= k; i++) {
                        double[] x = ac[i];
                        double[] y = bc[k - i];
                        for (int e = 0; e < n; e++) {
                            oc[e] += x[e] * y[e];
                        }
                    }
                    out.put(outOff + layout.block(k, j) * blockSize + start, oc, 0, n);
                }
            }
        }
    }

    /**
     * A loss jet's inputs, copied out of the native buffers in one bulk copy each (instead of a few
     * elements per row and order), and the array its delta jet is built in, written back in one.
     */
    private record LossBlock(double[] in, double[] out, double[] targets, double[] weights, int total) {
        static LossBlock read(JetLayout layout, int block, int rows, int targetCount, DoubleBuffer input, DoubleBuffer targets,
                              DoubleBuffer weights) {
            Scratch scratch = Scratch.get();
            int total = layout.blocks() * block;
            LossBlock b = new LossBlock(scratch.row(Scratch.LOSS_IN, total), scratch.row(Scratch.LOSS_OUT, total),
                    scratch.row(Scratch.LOSS_LABELS, targetCount), scratch.row(Scratch.LOSS_WEIGHTS, rows), total);
            input.get(0, b.in, 0, total);
            targets.get(0, b.targets, 0, targetCount);
            weights.get(0, b.weights, 0, rows);
            return b;
        }

        void write(DoubleBuffer delta) {
            delta.put(0, out, 0, total);
        }
    }

    static double[] softmaxCrossEntropy(JetLayout layout, int rows, int classes, DoubleBuffer logits,
                                        DoubleBuffer labels, DoubleBuffer weights, DoubleBuffer delta) {
        int order = layout.order();
        int dirs = layout.directions();
        int block = rows * classes;
        double[] loss = new double[layout.blocks()];
        double[][] z = new double[order + 1][classes];
        double[][] e = new double[order + 1][classes];
        double[][] p = new double[order + 1][classes];
        double[] s = new double[order + 1];
        double[] l = new double[order + 1];
        LossBlock lb = LossBlock.read(layout, block, rows, rows, logits, labels, weights);
        double[] in = lb.in();
        double[] out = lb.out();
        double[] ys = lb.targets();
        double[] ws = lb.weights();
        for (int r = 0; r < rows; r++) {
            int y = label(ys[r], classes, r);
            double w = ws[r];
            int base = r * classes;
            System.arraycopy(in, base, z[0], 0, classes);
            double max = Double.NEGATIVE_INFINITY;
            for (double v : z[0]) {
                max = Math.max(max, v);
            }
            s[0] = 0;
            for (int c = 0; c < classes; c++) {
                e[0][c] = Math.exp(z[0][c] - max);
                s[0] += e[0][c];
            }
            for (int c = 0; c < classes; c++) {
                p[0][c] = e[0][c] / s[0];
            }
            l[0] = Math.log(s[0]) + max;
            loss[0] += w * (l[0] - z[0][y]);
            p[0][y] -= 1.0;
            scaleInto(p[0], w, out, base);
            p[0][y] += 1.0;
            for (int j = 0; j < dirs; j++) {
                for (int k = 1; k <= order; k++) {
                    int off = layout.block(k, j) * block + base;
                    System.arraycopy(in, off, z[k], 0, classes);
                    // exp: k·e_k = Σ_{i=1..k} i·z_i·e_{k−i}
                    double sk = 0;
                    for (int c = 0; c < classes; c++) {
                        double acc = 0;
                        for (int i = 1; i <= k; i++) {
                            acc += i * z[i][c] * e[k - i][c];
                        }
                        e[k][c] = acc / k;
                        sk += e[k][c];
                    }
                    s[k] = sk;
                    // quotient: p_k = (e_k − Σ_{i=1..k} S_i·p_{k−i}) / S₀
                    for (int c = 0; c < classes; c++) {
                        double acc = e[k][c];
                        for (int i = 1; i <= k; i++) {
                            acc -= s[i] * p[k - i][c];
                        }
                        p[k][c] = acc / s[0];
                    }
                    // log: L_k = (S_k − (1/k)·Σ_{i=1..k−1} i·L_i·S_{k−i}) / S₀
                    double acc = s[k];
                    for (int i = 1; i < k; i++) {
                        acc -= i * l[i] * s[k - i] / k;
                    }
                    l[k] = acc / s[0];
                    loss[layout.block(k, j)] += w * (l[k] - z[k][y]);
                    scaleInto(p[k], w, out, off);
                }
            }
        }
        lb.write(delta);
        return loss;
    }

    private static int label(double value, int classes, int row) {
        int y = (int) value;
        if (y != value || y < 0 || y >= classes) {
            throw new IllegalArgumentException("label " + value + " of row " + row + " is not a class in 0.." + (classes - 1));
        }
        return y;
    }

    private static void scaleInto(double[] src, double w, double[] dst, int off) {
        for (int c = 0; c < src.length; c++) {
            dst[off + c] = w * src[c];
        }
    }

    static double[] binaryCrossEntropy(JetLayout layout, int rows, DoubleBuffer logits, DoubleBuffer labels,
                                       DoubleBuffer weights, DoubleBuffer delta) {
        int order = layout.order();
        int dirs = layout.directions();
        double[] loss = new double[layout.blocks()];
        double[][] q = new double[order + 2][1];
        double[][] z = new double[order + 1][1];
        double[][] a = new double[order + 1][1];
        double[][] d = new double[order + 1][1];
        for (int r = 0; r < rows; r++) {
            double y = labels.get(r);
            if (y != 0.0 && y != 1.0) {
                throw new IllegalArgumentException("binary label " + y + " of row " + r + " is not 0 or 1");
            }
            double w = weights.get(r);
            z[0][0] = logits.get(r);
            Activation.SOFTPLUS.derivatives(z[0], 1, order + 2, q);
            loss[0] += w * (q[0][0] - y * z[0][0]);
            delta.put(r, w * (q[1][0] - y));
            for (int j = 0; j < dirs && order > 0; j++) {
                for (int k = 1; k <= order; k++) {
                    z[k][0] = logits.get(layout.block(k, j) * rows + r);
                }
                compose(order, q, 0, z, 1, a);
                compose(order, q, 1, z, 1, d);
                for (int k = 1; k <= order; k++) {
                    int b = layout.block(k, j);
                    loss[b] += w * (a[k][0] - y * z[k][0]);
                    delta.put(b * rows + r, w * d[k][0]);
                }
            }
        }
        return loss;
    }

    static double[] squaredError(JetLayout layout, int rows, int width, DoubleBuffer pred, DoubleBuffer targets,
                                 DoubleBuffer weights, DoubleBuffer delta) {
        int order = layout.order();
        int dirs = layout.directions();
        int block = rows * width;
        double[] loss = new double[layout.blocks()];
        double[][] res = new double[order + 1][width];
        LossBlock lb = LossBlock.read(layout, block, rows, block, pred, targets, weights);
        double[] in = lb.in();
        double[] out = lb.out();
        double[] ts = lb.targets();
        double[] ws = lb.weights();
        for (int r = 0; r < rows; r++) {
            double w = ws[r];
            int base = r * width;
            double sq = 0;
            for (int c = 0; c < width; c++) {
                res[0][c] = in[base + c] - ts[base + c];
                sq += res[0][c] * res[0][c];
            }
            loss[0] += 0.5 * w * sq;
            scaleInto(res[0], w, out, base);
            for (int j = 0; j < dirs; j++) {
                for (int k = 1; k <= order; k++) {
                    int off = layout.block(k, j) * block + base;
                    System.arraycopy(in, off, res[k], 0, width);
                    double acc = 0;
                    for (int i = 0; i <= k; i++) {
                        for (int c = 0; c < width; c++) {
                            acc += res[i][c] * res[k - i][c];
                        }
                    }
                    loss[layout.block(k, j)] += 0.5 * w * acc;
                    scaleInto(res[k], w, out, off);
                }
            }
        }
        lb.write(delta);
        return loss;
    }

    // ---------------------------------------------------------------- images (channels-last)

    static void im2col(Window2d w, int images, DoubleBuffer src, int srcOff, DoubleBuffer dst, int dstOff) {
        int imageSize = w.imageSize();
        int colSize = w.positions() * w.patchSize();
        double[] image = new double[imageSize];
        double[] col = new double[colSize];
        for (int n = 0; n < images; n++) {
            src.get(srcOff + n * imageSize, image, 0, imageSize);
            patches(w, image, col, false);
            dst.put(dstOff + n * colSize, col, 0, colSize);
        }
    }

    static void col2im(Window2d w, int images, DoubleBuffer src, int srcOff, DoubleBuffer dst, int dstOff) {
        int imageSize = w.imageSize();
        int colSize = w.positions() * w.patchSize();
        double[] image = new double[imageSize];
        double[] col = new double[colSize];
        for (int n = 0; n < images; n++) {
            src.get(srcOff + n * colSize, col, 0, colSize);
            Arrays.fill(image, 0.0);
            patches(w, image, col, true);
            dst.put(dstOff + n * imageSize, image, 0, imageSize);
        }
    }

    /**
     * The index map shared by im2col and its adjoint: col[(p·patch) + (c·kh + i)·kw + j] is image
     * pixel (oy·s − pad + i, ox·s − pad + j) channel c, for window p = oy·outW + ox. Forward copies
     * image → col (zeros in the padding); adjoint accumulates col → image.
     */
    private static void patches(Window2d w, double[] image, double[] col, boolean adjoint) {
        int h = w.height();
        int wd = w.width();
        int ch = w.channels();
        int kh = w.kernelH();
        int kw = w.kernelW();
        int s = w.stride();
        int pad = w.padding();
        int outH = w.outHeight();
        int outW = w.outWidth();
        int patch = w.patchSize();
        int plane = kh * kw;
        for (int oy = 0; oy < outH; oy++) {
            for (int ox = 0; ox < outW; ox++) {
                int base = (oy * outW + ox) * patch;
                for (int i = 0; i < kh; i++) {
                    int y = oy * s - pad + i;
                    for (int j = 0; j < kw; j++) {
                        int x = ox * s - pad + j;
                        int k = base + i * kw + j;
                        if (y < 0 || y >= h || x < 0 || x >= wd) {
                            if (!adjoint) {
                                for (int c = 0; c < ch; c++) {
                                    col[k + c * plane] = 0.0;
                                }
                            }
                            continue;
                        }
                        int q = (y * wd + x) * ch;
                        if (adjoint) {
                            for (int c = 0; c < ch; c++) {
                                image[q + c] += col[k + c * plane];
                            }
                        } else {
                            for (int c = 0; c < ch; c++) {
                                col[k + c * plane] = image[q + c];
                            }
                        }
                    }
                }
            }
        }
    }

    static void avgPool(Window2d w, int images, DoubleBuffer src, int srcOff, DoubleBuffer dst, int dstOff, boolean adjoint) {
        int imageSize = w.imageSize();
        int pooledSize = w.pooledSize();
        double[] image = new double[imageSize];
        double[] pooled = new double[pooledSize];
        int ch = w.channels();
        int outW = w.outWidth();
        double scale = 1.0 / (w.kernelH() * w.kernelW());
        for (int n = 0; n < images; n++) {
            if (adjoint) {
                src.get(srcOff + n * pooledSize, pooled, 0, pooledSize);
                Arrays.fill(image, 0.0);
            } else {
                src.get(srcOff + n * imageSize, image, 0, imageSize);
                Arrays.fill(pooled, 0.0);
            }
            for (int oy = 0; oy < w.outHeight(); oy++) {
                for (int ox = 0; ox < outW; ox++) {
                    int o = (oy * outW + ox) * ch;
                    for (int i = 0; i < w.kernelH(); i++) {
                        for (int j = 0; j < w.kernelW(); j++) {
                            int q = ((oy * w.stride() + i) * w.width() + ox * w.stride() + j) * ch;
                            if (adjoint) {
                                for (int c = 0; c < ch; c++) {
                                    image[q + c] += scale * pooled[o + c];
                                }
                            } else {
                                for (int c = 0; c < ch; c++) {
                                    pooled[o + c] += image[q + c];
                                }
                            }
                        }
                    }
                    if (!adjoint) {
                        for (int c = 0; c < ch; c++) {
                            pooled[o + c] *= scale;
                        }
                    }
                }
            }
            if (adjoint) {
                dst.put(dstOff + n * imageSize, image, 0, imageSize);
            } else {
                dst.put(dstOff + n * pooledSize, pooled, 0, pooledSize);
            }
        }
    }

    static void maxPool(Window2d w, int images, DoubleBuffer src, int srcOff, DoubleBuffer dst, int dstOff,
                        DoubleBuffer argmax, int argOff) {
        int imageSize = w.imageSize();
        int pooledSize = w.pooledSize();
        double[] image = new double[imageSize];
        double[] best = new double[pooledSize];
        double[] arg = new double[pooledSize];
        int ch = w.channels();
        int outW = w.outWidth();
        for (int n = 0; n < images; n++) {
            src.get(srcOff + n * imageSize, image, 0, imageSize);
            for (int oy = 0; oy < w.outHeight(); oy++) {
                for (int ox = 0; ox < outW; ox++) {
                    int o = (oy * outW + ox) * ch;
                    for (int i = 0; i < w.kernelH(); i++) {
                        for (int j = 0; j < w.kernelW(); j++) {
                            int q = ((oy * w.stride() + i) * w.width() + ox * w.stride() + j) * ch;
                            boolean first = i == 0 && j == 0;
                            for (int c = 0; c < ch; c++) {
                                double v = image[q + c];
                                double b = best[o + c];
                                if (first || v > b || b != b) {
                                    best[o + c] = v;
                                    arg[o + c] = q + c;
                                }
                            }
                        }
                    }
                }
            }
            dst.put(dstOff + n * pooledSize, best, 0, pooledSize);
            argmax.put(argOff + n * pooledSize, arg, 0, pooledSize);
        }
    }

    static void maxPoolIndexed(Window2d w, int blocks, int images, DoubleBuffer argmax, int argOff,
                               DoubleBuffer src, int srcOff, DoubleBuffer dst, int dstOff, boolean adjoint) {
        int imageSize = w.imageSize();
        int pooledSize = w.pooledSize();
        double[] image = new double[imageSize];
        double[] pooled = new double[pooledSize];
        double[] arg = new double[pooledSize];
        int[] index = new int[pooledSize];
        for (int n = 0; n < images; n++) {
            argmax.get(argOff + n * pooledSize, arg, 0, pooledSize);
            for (int e = 0; e < pooledSize; e++) {
                int a = (int) arg[e];
                if (a != arg[e] || a < 0 || a >= imageSize) {
                    throw new IndexOutOfBoundsException("max-pool index " + arg[e] + " of image " + n + " outside 0.." + (imageSize - 1));
                }
                index[e] = a;
            }
            for (int b = 0; b < blocks; b++) {
                int m = b * images + n;
                if (adjoint) {
                    src.get(srcOff + m * pooledSize, pooled, 0, pooledSize);
                    Arrays.fill(image, 0.0);
                    for (int e = 0; e < pooledSize; e++) {
                        image[index[e]] += pooled[e];
                    }
                    dst.put(dstOff + m * imageSize, image, 0, imageSize);
                } else {
                    src.get(srcOff + m * imageSize, image, 0, imageSize);
                    for (int e = 0; e < pooledSize; e++) {
                        pooled[e] = image[index[e]];
                    }
                    dst.put(dstOff + m * pooledSize, pooled, 0, pooledSize);
                }
            }
        }
    }

    static void transposeBatch(int count, int rows, int cols, DoubleBuffer src, int srcOff, DoubleBuffer dst, int dstOff) {
        int size = rows * cols;
        double[] in = new double[size];
        double[] out = new double[size];
        for (int m = 0; m < count; m++) {
            src.get(srcOff + m * size, in, 0, size);
            for (int r = 0; r < rows; r++) {
                int base = r * cols;
                for (int c = 0; c < cols; c++) {
                    out[c * rows + r] = in[base + c];
                }
            }
            dst.put(dstOff + m * size, out, 0, size);
        }
    }
}
