package org.samsde.core.tensor;

import java.nio.DoubleBuffer;

import org.samsde.core.jet.Activation;
import org.samsde.core.jet.JetLayout;

/**
 * The jet primitives of the {@link CpuBackend}: elementwise loops over chunks copied from the
 * native buffers into Java arrays (bulk copies are memcpy-fast, and array loops are what the JIT
 * compiles best). The recurrences are those documented on {@link Backend}.
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

    static void activation(Activation act, JetLayout layout, int blockSize,
                           DoubleBuffer z, int zOff, DoubleBuffer a, int aOff, DoubleBuffer d, int dOff) {
        int order = layout.order();
        int dirs = layout.directions();
        int chunk = Math.min(CpuBackend.CHUNK, Math.max(1, blockSize));
        int derivs = order + (d == null ? 1 : 2);
        double[][] p = new double[derivs][chunk];
        double[][] zc = new double[order + 1][chunk];
        double[][] out = new double[order + 1][chunk];
        for (int start = 0; start < blockSize; start += chunk) {
            int n = Math.min(chunk, blockSize - start);
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
                         DoubleBuffer out, int outOff) {
        int order = layout.order();
        int dirs = layout.directions();
        int chunk = Math.min(CpuBackend.CHUNK, Math.max(1, blockSize));
        double[][] ac = new double[order + 1][chunk];
        double[][] bc = new double[order + 1][chunk];
        double[] oc = new double[chunk];
        for (int start = 0; start < blockSize; start += chunk) {
            int n = Math.min(chunk, blockSize - start);
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
        for (int r = 0; r < rows; r++) {
            int y = label(labels.get(r), classes, r);
            double w = weights.get(r);
            int base = r * classes;
            logits.get(base, z[0], 0, classes);
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
            scaleInto(p[0], w, delta, base);
            p[0][y] += 1.0;
            for (int j = 0; j < dirs; j++) {
                for (int k = 1; k <= order; k++) {
                    int off = layout.block(k, j) * block + base;
                    logits.get(off, z[k], 0, classes);
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
                    scaleInto(p[k], w, delta, off);
                }
            }
        }
        return loss;
    }

    private static int label(double value, int classes, int row) {
        int y = (int) value;
        if (y != value || y < 0 || y >= classes) {
            throw new IllegalArgumentException("label " + value + " of row " + row + " is not a class in 0.." + (classes - 1));
        }
        return y;
    }

    private static void scaleInto(double[] src, double w, DoubleBuffer dst, int off) {
        for (int c = 0; c < src.length; c++) {
            dst.put(off + c, w * src[c]);
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
        double[] t = new double[width];
        for (int r = 0; r < rows; r++) {
            double w = weights.get(r);
            int base = r * width;
            pred.get(base, res[0], 0, width);
            targets.get(base, t, 0, width);
            double sq = 0;
            for (int c = 0; c < width; c++) {
                res[0][c] -= t[c];
                sq += res[0][c] * res[0][c];
            }
            loss[0] += 0.5 * w * sq;
            scaleInto(res[0], w, delta, base);
            for (int j = 0; j < dirs; j++) {
                for (int k = 1; k <= order; k++) {
                    int off = layout.block(k, j) * block + base;
                    pred.get(off, res[k], 0, width);
                    double acc = 0;
                    for (int i = 0; i <= k; i++) {
                        for (int c = 0; c < width; c++) {
                            acc += res[i][c] * res[k - i][c];
                        }
                    }
                    loss[layout.block(k, j)] += 0.5 * w * acc;
                    scaleInto(res[k], w, delta, off);
                }
            }
        }
        return loss;
    }
}
