package org.samsde.sde;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.samsde.core.objective.Polynomial;
import org.samsde.core.objective.Quadratic;
import org.samsde.core.random.RandomStreams;

/** Seeded toy instances and small linear-algebra helpers for the sde tests. */
public final class Toys {
    private Toys() {
    }

    /**
     * @param seed seed
     * @param n length
     * @param scale standard deviation
     * @return N(0, scale²) values
     */
    public static double[] gaussian(long seed, int n, double scale) {
        UniformRandomProvider rng = RandomStreams.stream(seed);
        ZigguratSampler.NormalizedGaussian g = ZigguratSampler.NormalizedGaussian.of(rng);
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = scale * g.sample();
        }
        return out;
    }

    /**
     * @param seed seed
     * @param d dimension
     * @return a symmetric positive definite d × d matrix with eigenvalues in about [0.5, 3]
     */
    public static double[] spd(long seed, int d) {
        double[] r = gaussian(seed, d * d, 1.0 / Math.sqrt(d));
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
     * @param cubic scale of the symmetric cubic tensor C
     * @param quartic scale of q
     * @return a polynomial toy with A from {@link #spd}
     */
    public static Polynomial polynomial(long seed, int d, double cubic, double quartic) {
        double[] c0 = gaussian(seed + 1, d * d * d, cubic);
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
        double[] q = gaussian(seed + 2, d, quartic);
        for (int i = 0; i < d; i++) {
            q[i] = Math.abs(q[i]);
        }
        return new Polynomial(spd(seed, d), c, q);
    }

    /**
     * @param m row-major d × d
     * @param v vector
     * @return m·v
     */
    public static double[] mul(double[] m, double[] v) {
        int d = v.length;
        double[] out = new double[d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                out[i] += m[i * d + j] * v[j];
            }
        }
        return out;
    }

    /**
     * @param a row-major d × d
     * @param b row-major d × d
     * @return a·b
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
     * @param a row-major d × d
     * @param d dimension
     * @return aᵀ
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

    /**
     * @param a vector
     * @param b vector
     * @return ⟨a, b⟩
     */
    public static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }
}
