package org.samsde.core.testing;

import org.samsde.core.objective.ClosedFormLoss;
import org.samsde.core.objective.Polynomial;
import org.samsde.core.objective.Quadratic;
import org.samsde.core.objective.ToyObjective;
import org.samsde.core.tensor.Backend;
import org.samsde.core.tensor.Vectors;

/**
 * Seeded instances of the toy losses with closed-form derivatives ({@link Quadratic},
 * {@link Polynomial}), their stochastic per-sample versions ({@link ToyObjective#shifted}), and the
 * small dense matrix algebra (row-major d × d arrays) that closed-form drifts and covariances on
 * them need (the vector operations are {@link Vectors}). A seed names one toy: the same seed gives
 * the same arrays on every machine ({@link Problems#gaussian}).
 */
public final class Toys {
    private Toys() {
    }

    /**
     * @param seed seed
     * @param d dimension
     * @return a symmetric positive definite d × d matrix with eigenvalues in about [0.5, 3]
     */
    public static double[] spd(long seed, int d) {
        double[] r = Problems.gaussian(seed, d * d, 1.0 / Math.sqrt(d));
        double[] a = new double[d * d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                double s = 0;
                for (int k = 0; k < d; k++) {
                    s += r[i * d + k] * r[j * d + k];
                }
                a[i * d + j] = s + (i == j ? 0.5 : 0.0);
            }
        }
        return a;
    }

    /**
     * @param seed seed
     * @param d dimension
     * @return a quadratic ½xᵀAx with A from {@link #spd}
     */
    public static Quadratic quadratic(long seed, int d) {
        return new Quadratic(spd(seed, d), null);
    }

    /**
     * @param seed seed
     * @param d dimension
     * @param scale standard deviation of the entries before symmetrisation
     * @return a symmetric d × d matrix (A + Aᵀ)/2 of N(0, scale²) entries A, in general indefinite
     */
    public static double[] symmetric(long seed, int d, double scale) {
        double[] a0 = Problems.gaussian(seed, d * d, scale);
        double[] a = new double[d * d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                a[i * d + j] = 0.5 * (a0[i * d + j] + a0[j * d + i]);
            }
        }
        return a;
    }

    /**
     * @param seed seed
     * @param d dimension
     * @param scale standard deviation of the entries before symmetrisation
     * @return a d × d × d tensor C (row-major, C_ijk at (i·d + j)·d + k), symmetric under every
     *     permutation of its indices: the mean over the six permutations of N(0, scale²) entries
     */
    public static double[] symmetricCubic(long seed, int d, double scale) {
        double[] c0 = Problems.gaussian(seed, d * d * d, scale);
        double[] c = new double[d * d * d];
        int[][] perms = {{0, 1, 2}, {0, 2, 1}, {1, 0, 2}, {1, 2, 0}, {2, 0, 1}, {2, 1, 0}};
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                for (int k = 0; k < d; k++) {
                    int[] idx = {i, j, k};
                    double s = 0;
                    for (int[] p : perms) {
                        s += c0[(idx[p[0]] * d + idx[p[1]]) * d + idx[p[2]]];
                    }
                    c[(i * d + j) * d + k] = s / 6;
                }
            }
        }
        return c;
    }

    /**
     * @param seed seed
     * @param d dimension
     * @param cubic scale of the symmetric cubic tensor C ({@link #symmetricCubic} with seed + 1)
     * @param quartic scale of q (|N(0, quartic²)| entries, seed + 2)
     * @return the polynomial toy ½xᵀAx + ⅙C[x,x,x] + (1/24)Σᵢ qᵢxᵢ⁴ with A from {@link #spd}
     */
    public static Polynomial polynomial(long seed, int d, double cubic, double quartic) {
        double[] q = Problems.gaussian(seed + 2, d, quartic);
        for (int i = 0; i < d; i++) {
            q[i] = Math.abs(q[i]);
        }
        return new Polynomial(spd(seed, d), symmetricCubic(seed + 1, d, cubic), q);
    }

    /**
     * The stochastic per-sample version of a toy: fᵢ(x) = f(x − ξᵢ) for n seeded shifts
     * ξᵢ ~ N(0, scale²·I). For a quadratic the per-sample gradients are A(x − x* − ξᵢ).
     *
     * @param loss f; not modified (the objective keeps it)
     * @param seed seed of the shifts
     * @param n number of samples
     * @param scale standard deviation of each shift coordinate
     * @param backend where parameters and results live
     * @return the objective with n samples
     */
    public static ToyObjective shifted(ClosedFormLoss loss, long seed, int n, double scale, Backend backend) {
        return ToyObjective.shifted(loss, Problems.gaussian(seed, n * loss.dimension(), scale), backend);
    }

    /**
     * The loss of one batch of a shifted toy as a closed-form loss: f_γ(x) = (1/|γ|)·Σ_{i∈γ} f(x − ξᵢ),
     * with every derivative the mean of f's at the shifted points. So a model's increment G_γ on batch
     * γ of {@link #shifted} (or {@link ToyObjective#shifted} with the same ξ) is its full-batch
     * closed form applied to this loss.
     *
     * @param loss f; not modified (kept)
     * @param xi the shifts ξᵢ, row-major n × d; copied
     * @param batch the sample indices of γ (repeats count twice); copied
     * @return f_γ
     * @throws IllegalArgumentException when ξ is not n × d or an index is outside [0, n)
     */
    public static ClosedFormLoss batchLoss(ClosedFormLoss loss, double[] xi, int[] batch) {
        int d = loss.dimension();
        if (xi.length == 0 || xi.length % d != 0) {
            throw new IllegalArgumentException("xi has " + xi.length + " elements, not a positive multiple of d = " + d);
        }
        int n = xi.length / d;
        if (batch.length == 0) {
            throw new IllegalArgumentException("the batch is empty");
        }
        for (int i : batch) {
            if (i < 0 || i >= n) {
                throw new IllegalArgumentException("batch index " + i + " outside [0, " + n + ")");
            }
        }
        double[] shifts = xi.clone();
        int[] members = batch.clone();
        return new ClosedFormLoss() {
            private double[] at(double[] x, int i) {
                double[] y = new double[d];
                for (int c = 0; c < d; c++) {
                    y[c] = x[c] - shifts[i * d + c];
                }
                return y;
            }

            private void mean(java.util.function.BiConsumer<double[], double[]> term, double[] x, double[] out) {
                double[] t = new double[d];
                java.util.Arrays.fill(out, 0.0);
                for (int i : members) {
                    term.accept(at(x, i), t);
                    for (int c = 0; c < d; c++) {
                        out[c] += t[c] / members.length;
                    }
                }
            }

            @Override
            public int dimension() {
                return d;
            }

            @Override
            public double value(double[] x) {
                double s = 0;
                for (int i : members) {
                    s += loss.value(at(x, i)) / members.length;
                }
                return s;
            }

            @Override
            public void gradient(double[] x, double[] out) {
                mean(loss::gradient, x, out);
            }

            @Override
            public void hvp(double[] x, double[] v, double[] out) {
                mean((y, t) -> loss.hvp(y, v, t), x, out);
            }

            @Override
            public void thirdOrder(double[] x, double[] v, double[] out) {
                mean((y, t) -> loss.thirdOrder(y, v, t), x, out);
            }

            @Override
            public void fourthOrder(double[] x, double[] v, double[] out) {
                mean((y, t) -> loss.fourthOrder(y, v, t), x, out);
            }
        };
    }

    /**
     * @param m row-major d × d; not modified
     * @param v vector; not modified
     * @return m·v, a new array
     */
    public static double[] mul(double[] m, double[] v) {
        double[] out = new double[v.length];
        Vectors.matVec(m, v.length, v, out);
        return out;
    }

    /**
     * @param a row-major d × d; not modified
     * @param b row-major d × d; not modified
     * @param d dimension
     * @return a·b, a new array
     */
    public static double[] mul(double[] a, double[] b, int d) {
        double[] out = new double[d * d];
        for (int i = 0; i < d; i++) {
            for (int k = 0; k < d; k++) {
                for (int j = 0; j < d; j++) {
                    out[i * d + j] += a[i * d + k] * b[k * d + j];
                }
            }
        }
        return out;
    }

    /**
     * @param a row-major d × d; not modified
     * @param d dimension
     * @return aᵀ, a new array
     */
    public static double[] transpose(double[] a, int d) {
        double[] out = new double[d * d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                out[j * d + i] = a[i * d + j];
            }
        }
        return out;
    }

}
