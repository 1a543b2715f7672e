package org.samsde.sde;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.samsde.core.tensor.Backend;
import org.samsde.core.tensor.Tensor;

/**
 * Whole-vector operations on parameter-sized tensors, through their backend. Output arguments
 * come last and are the only ones modified.
 */
public final class Vectors {
    private Vectors() {
    }

    /**
     * @param x a vector; not modified
     * @return ‖x‖₂
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
     * @return whether every element is finite
     */
    public static boolean finite(Tensor x) {
        double s = dot(x, x);
        return Double.isFinite(s);
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
     * @param rng a stream
     * @return a standard normal sampler on it
     */
    public static ZigguratSampler.NormalizedGaussian gaussian(UniformRandomProvider rng) {
        return ZigguratSampler.NormalizedGaussian.of(rng);
    }

    /**
     * @param backend where the vector lives
     * @param values host values; not modified
     * @return a new 1-d tensor
     */
    public static Tensor of(Backend backend, double[] values) {
        return backend.upload(values, values.length);
    }
}
