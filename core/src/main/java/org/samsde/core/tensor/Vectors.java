package org.samsde.core.tensor;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;

/**
 * The one home of the vector operations: whole parameter-sized {@link Tensor}s through their
 * backend, and host {@code double[]} vectors (whole arrays, or stretches given by an offset and a
 * length). Output arguments come last and are the only ones modified. Every host loop runs in
 * index order, so results do not depend on threads and are the same on every machine.
 */
public final class Vectors {
    private Vectors() {
    }

    // ---- tensors, through their backend

    /**
     * @param x a vector; not modified
     * @return ‖x‖₂ = √⟨x, x⟩
     */
    public static double norm(Tensor x) {
        return Math.sqrt(dot(x, x));
    }

    /**
     * @param x first vector; not modified
     * @param y second vector; not modified
     * @return ⟨x, y⟩
     */
    public static double dot(Tensor x, Tensor y) {
        return x.backend().dot(x.size(), x, 0, y, 0);
    }

    /**
     * y ← y + a·x.
     *
     * @param a scale
     * @param x source; not modified
     * @param y destination; modified
     */
    public static void axpy(double a, Tensor x, Tensor y) {
        if (a != 0.0) {
            y.backend().axpy(x.size(), a, x, 0, y, 0);
        }
    }

    /**
     * x ← a·x.
     *
     * @param a scale
     * @param x the vector; modified
     */
    public static void scale(double a, Tensor x) {
        x.backend().scale(x.size(), a, x, 0);
    }

    /**
     * dst ← src.
     *
     * @param src source; not modified
     * @param dst destination; modified
     */
    public static void set(Tensor src, Tensor dst) {
        dst.backend().copy(src.size(), src, 0, dst, 0);
    }

    /**
     * @param src source; not modified
     * @return a new copy of src on the same backend
     */
    public static Tensor copy(Tensor src) {
        Tensor t = src.backend().zeros(src.shape());
        set(src, t);
        return t;
    }

    /**
     * dst ← block k of a (blocks × d) tensor.
     *
     * @param coefficients the stacked tensor; not modified
     * @param offset the block's element offset
     * @param dst destination of size d; modified
     */
    public static void block(Tensor coefficients, int offset, Tensor dst) {
        dst.backend().copy(dst.size(), coefficients, offset, dst, 0);
    }

    /**
     * dst ← dst + a·(block at offset).
     *
     * @param a scale
     * @param coefficients the stacked tensor; not modified
     * @param offset the block's element offset
     * @param dst destination of size d; modified
     */
    public static void addBlock(double a, Tensor coefficients, int offset, Tensor dst) {
        if (a != 0.0) {
            dst.backend().axpy(dst.size(), a, coefficients, offset, dst, 0);
        }
    }

    /**
     * @param x a vector; not modified
     * @return whether every element is finite (⟨x, x⟩ is finite)
     */
    public static boolean finite(Tensor x) {
        return Double.isFinite(dot(x, x));
    }

    /**
     * @param backend where the vector lives
     * @param values host values; not modified
     * @return a new 1-d tensor
     */
    public static Tensor of(Backend backend, double[] values) {
        return backend.upload(values, values.length);
    }

    // ---- host vectors

    /**
     * @param a a vector; not modified
     * @param ao its offset
     * @param b another; not modified
     * @param bo its offset
     * @param n the number of elements
     * @return Σᵢ a[ao + i]·b[bo + i], summed in index order
     */
    public static double dot(double[] a, int ao, double[] b, int bo, int n) {
        double s = 0;
        for (int i = 0; i < n; i++) {
            s += a[ao + i] * b[bo + i];
        }
        return s;
    }

    /**
     * @param a a vector; not modified
     * @param b another, at least as long; not modified
     * @return ⟨a, b⟩ over a's length, summed in index order
     */
    public static double dot(double[] a, double[] b) {
        return dot(a, 0, b, 0, a.length);
    }

    /**
     * @param a a vector; not modified
     * @return ‖a‖₂ = √⟨a, a⟩ (see {@link #scaledNorm} for vectors whose squares may overflow or underflow)
     */
    public static double norm(double[] a) {
        return Math.sqrt(dot(a, a));
    }

    /**
     * ‖a[o … o+n)‖₂ computed as s·‖a/s‖₂ with s = max |aᵢ|, so that it neither overflows nor
     * underflows where √⟨a, a⟩ would.
     *
     * @param a a vector; not modified
     * @param o the offset
     * @param n the number of elements
     * @return the norm (s itself when s is 0 or not finite)
     */
    public static double scaledNorm(double[] a, int o, int n) {
        double scale = maxAbs(a, o, n);
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

    /**
     * @param a a vector; not modified
     * @param o the offset
     * @param n the number of elements
     * @return ‖a[o … o+n)‖∞ = maxᵢ |a[o + i]| (0 when n is 0; NaN propagates as Math.max does)
     */
    public static double maxAbs(double[] a, int o, int n) {
        double scale = 0;
        for (int i = 0; i < n; i++) {
            scale = Math.max(scale, Math.abs(a[o + i]));
        }
        return scale;
    }

    /**
     * @param a a vector; not modified
     * @return ‖a‖∞
     */
    public static double maxAbs(double[] a) {
        return maxAbs(a, 0, a.length);
    }

    /**
     * @param a a vector; not modified
     * @return {@link #scaledNorm} of the whole array
     */
    public static double scaledNorm(double[] a) {
        return scaledNorm(a, 0, a.length);
    }

    /**
     * @param a a vector; not modified
     * @param b another of the same length; not modified
     * @return ‖a − b‖₂², summed in index order
     */
    public static double squaredDistance(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += (a[i] - b[i]) * (a[i] - b[i]);
        }
        return s;
    }

    /**
     * @param a a vector; not modified
     * @param b another of the same length; not modified
     * @return ‖a − b‖₂
     */
    public static double distance(double[] a, double[] b) {
        return Math.sqrt(squaredDistance(a, b));
    }

    /**
     * @param x a vector; not modified
     * @param y another of the same length; not modified
     * @return x − y, a new array
     */
    public static double[] subtract(double[] x, double[] y) {
        double[] z = new double[x.length];
        for (int i = 0; i < z.length; i++) {
            z[i] = x[i] - y[i];
        }
        return z;
    }

    /**
     * y[yo + i] ← y[yo + i] + α·x[xo + i] for n elements.
     *
     * @param n the number of elements
     * @param alpha α
     * @param x source; not modified
     * @param xo its offset
     * @param y destination; modified
     * @param yo its offset
     */
    public static void axpy(int n, double alpha, double[] x, int xo, double[] y, int yo) {
        for (int i = 0; i < n; i++) {
            y[yo + i] += alpha * x[xo + i];
        }
    }

    /**
     * x[o + i] ← α·x[o + i] for n elements.
     *
     * @param n the number of elements
     * @param alpha α
     * @param x the vector; modified
     * @param o the offset
     */
    public static void scale(int n, double alpha, double[] x, int o) {
        for (int i = 0; i < n; i++) {
            x[o + i] *= alpha;
        }
    }

    /**
     * x ← α·x.
     *
     * @param alpha α
     * @param x the vector; modified
     */
    public static void scale(double alpha, double[] x) {
        scale(x.length, alpha, x, 0);
    }

    /**
     * Scales x[o … o+n) to unit {@link #scaledNorm}.
     *
     * @param x the vector; modified
     * @param o the offset
     * @param n the number of elements
     * @return the norm before scaling (0 leaves x unchanged)
     */
    public static double normalise(double[] x, int o, int n) {
        double nrm = scaledNorm(x, o, n);
        if (nrm > 0) {
            scale(n, 1.0 / nrm, x, o);
        }
        return nrm;
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
    public static void orthogonalise(double[] v, double[][] basis, int count, int d) {
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
     * out ← m·v for a row-major d × d matrix, each entry summed in index order.
     *
     * @param m the matrix, d·d elements; not modified
     * @param d the dimension
     * @param v the vector, d elements; not modified
     * @param out d elements; modified
     */
    public static void matVec(double[] m, int d, double[] v, double[] out) {
        for (int i = 0; i < d; i++) {
            double s = 0;
            int base = i * d;
            for (int j = 0; j < d; j++) {
                s += m[base + j] * v[j];
            }
            out[i] = s;
        }
    }

    /**
     * @param v the values; not modified
     * @param what names them in the message
     * @return v
     * @throws IllegalArgumentException naming the first non-finite value and its index
     */
    public static double[] requireFinite(double[] v, String what) {
        for (int i = 0; i < v.length; i++) {
            if (!Double.isFinite(v[i])) {
                throw new IllegalArgumentException(what + " has a non-finite value " + v[i] + " at index " + i);
            }
        }
        return v;
    }

    /**
     * @param a a vector; not modified
     * @param b another of the same length; not modified
     * @param what names the pair in the message
     * @throws IllegalArgumentException when the lengths differ
     */
    public static void requireSameLength(double[] a, double[] b, String what) {
        if (a.length != b.length) {
            throw new IllegalArgumentException(what + ": lengths differ, " + a.length + " vs " + b.length);
        }
    }

    // ---- random vectors

    /**
     * @param rng a stream
     * @return a standard normal sampler on it
     */
    public static ZigguratSampler.NormalizedGaussian gaussian(UniformRandomProvider rng) {
        return ZigguratSampler.NormalizedGaussian.of(rng);
    }

    /**
     * Fills a host array with independent standard normal numbers.
     *
     * @param gauss the sampler
     * @param out the array; modified
     * @return out
     */
    public static double[] normals(ZigguratSampler.NormalizedGaussian gauss, double[] out) {
        for (int i = 0; i < out.length; i++) {
            out[i] = gauss.sample();
        }
        return out;
    }

    /**
     * Fills x[o … o+n) with independent N(0, 1) draws.
     *
     * @param rng the stream
     * @param x the array; modified
     * @param o the offset
     * @param n the number of draws
     */
    public static void gaussian(UniformRandomProvider rng, double[] x, int o, int n) {
        ZigguratSampler.NormalizedGaussian g = gaussian(rng);
        for (int i = 0; i < n; i++) {
            x[o + i] = g.sample();
        }
    }

    /**
     * Fills x[o … o+n) with independent Rademacher draws (±1 with probability ½ each).
     *
     * @param rng the stream
     * @param x the array; modified
     * @param o the offset
     * @param n the number of draws
     */
    public static void rademacher(UniformRandomProvider rng, double[] x, int o, int n) {
        for (int i = 0; i < n; i++) {
            x[o + i] = rng.nextBoolean() ? 1.0 : -1.0;
        }
    }

    /**
     * A direction uniform on the unit sphere: d standard normals divided by their norm √⟨z, z⟩.
     *
     * @param rng the stream
     * @param d the dimension
     * @return a new array of norm 1 (to rounding)
     */
    public static double[] randomUnit(UniformRandomProvider rng, int d) {
        double[] v = normals(gaussian(rng), new double[d]);
        double n = norm(v);
        for (int i = 0; i < d; i++) {
            v[i] /= n;
        }
        return v;
    }
}
