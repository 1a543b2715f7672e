package org.samsde.core.hessian;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;

/**
 * Host-vector helpers shared by the Hessian algorithms (package-private). Vectors are stretches of
 * {@code double[]} given by an offset and a length; every loop runs in index order, so results do
 * not depend on threads.
 */
final class Vectors {
    /** The most vectors the algorithms hand an operator in one call (bounds backend memory). */
    static final int BLOCK = 32;

    private Vectors() {
    }

    /**
     * out_j = H·v_j for m stacked vectors, in calls of at most {@link #BLOCK} vectors.
     *
     * @param h the operator
     * @param vs m·d elements; not modified
     * @param m the number of vectors
     * @param out m·d elements; modified
     */
    static void applyInBlocks(SymmetricOperator h, double[] vs, int m, double[] out) {
        int d = h.dimension();
        if (m <= BLOCK) {
            h.apply(vs, m, out);
            return;
        }
        for (int j0 = 0; j0 < m; j0 += BLOCK) {
            int b = Math.min(BLOCK, m - j0);
            double[] in = java.util.Arrays.copyOfRange(vs, j0 * d, (j0 + b) * d);
            double[] res = new double[b * d];
            h.apply(in, b, res);
            System.arraycopy(res, 0, out, j0 * d, b * d);
        }
    }

    /** @return Σᵢ a[ao + i]·b[bo + i] over n elements */
    static double dot(double[] a, int ao, double[] b, int bo, int n) {
        double s = 0;
        for (int i = 0; i < n; i++) {
            s += a[ao + i] * b[bo + i];
        }
        return s;
    }

    /** @return ⟨a, b⟩ over the whole arrays (equal lengths) */
    static double dot(double[] a, double[] b) {
        return dot(a, 0, b, 0, a.length);
    }

    /** @return ‖a[o … o+n)‖₂, scaled so that it neither overflows nor underflows */
    static double norm(double[] a, int o, int n) {
        double scale = 0;
        for (int i = 0; i < n; i++) {
            scale = Math.max(scale, Math.abs(a[o + i]));
        }
        if (scale == 0 || !Double.isFinite(scale)) {
            return scale;
        }
        double s = 0;
        for (int i = 0; i < n; i++) {
            double t = a[o + i] / scale;
            s += t * t;
        }
        return scale * Math.sqrt(s);
    }

    /** @return ‖a‖₂ */
    static double norm(double[] a) {
        return norm(a, 0, a.length);
    }

    /** y[yo + i] ← y[yo + i] + α·x[xo + i] for n elements. */
    static void axpy(int n, double alpha, double[] x, int xo, double[] y, int yo) {
        for (int i = 0; i < n; i++) {
            y[yo + i] += alpha * x[xo + i];
        }
    }

    /** x[o + i] ← α·x[o + i] for n elements. */
    static void scale(int n, double alpha, double[] x, int o) {
        for (int i = 0; i < n; i++) {
            x[o + i] *= alpha;
        }
    }

    /** Fills x[o … o+n) with independent N(0, 1) draws. */
    static void gaussian(UniformRandomProvider rng, double[] x, int o, int n) {
        ZigguratSampler.NormalizedGaussian g = ZigguratSampler.NormalizedGaussian.of(rng);
        for (int i = 0; i < n; i++) {
            x[o + i] = g.sample();
        }
    }

    /** Fills x[o … o+n) with independent Rademacher draws (±1 with probability ½ each). */
    static void rademacher(UniformRandomProvider rng, double[] x, int o, int n) {
        for (int i = 0; i < n; i++) {
            x[o + i] = rng.nextBoolean() ? 1.0 : -1.0;
        }
    }

    /**
     * Removes from v the components along the first {@code count} rows of an orthonormal basis by
     * classical Gram–Schmidt applied twice ("twice is enough": the result is orthogonal to the
     * basis to working precision): v ← (I − QQᵀ)²v.
     *
     * @param v the vector (its first d elements); modified
     * @param basis orthonormal rows, each of d elements; not modified
     * @param count how many rows to use
     * @param d the dimension
     */
    static void orthogonalise(double[] v, double[][] basis, int count, int d) {
        double[] c = new double[count];
        for (int pass = 0; pass < 2; pass++) {
            for (int r = 0; r < count; r++) {
                c[r] = dot(basis[r], 0, v, 0, d);
            }
            for (int r = 0; r < count; r++) {
                axpy(d, -c[r], basis[r], 0, v, 0);
            }
        }
    }

    /**
     * Scales x[o … o+n) to unit norm.
     *
     * @return the norm before scaling (0 leaves x unchanged)
     */
    static double normalise(double[] x, int o, int n) {
        double nrm = norm(x, o, n);
        if (nrm > 0) {
            scale(n, 1.0 / nrm, x, o);
        }
        return nrm;
    }

    /**
     * @param a a vector; not modified
     * @param b another of the same length; not modified
     * @param what names the pair in the message
     * @throws IllegalArgumentException when the lengths differ
     */
    static void requireSameLength(double[] a, double[] b, String what) {
        if (a.length != b.length) {
            throw new IllegalArgumentException(what + ": lengths differ, " + a.length + " vs " + b.length);
        }
    }
}
