package org.samsde.sde.model;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * A d-dimensional Brownian motion W as the integrators see it: the increment ΔW = W(t₁) − W(t₀)
 * over an interval of SDE time, as diffrax's {@code AbstractBrownianPath.evaluate(t0, t1)}. The
 * dimension d is fixed for the path (the noise sampler's {@link NoiseSampler#brownianDimension}
 * when a solver drives it). Implementations say which intervals they serve: the built-in
 * {@link SequentialBrownianPath} serves consecutive intervals only, in order, as a stream does.
 * Not thread-safe unless an implementation says so: one per trajectory.
 */
public interface BrownianPath {

    /** @return d, the number of components of an increment (0: the path draws nothing) */
    int dimension();

    /**
     * @param t0 the start of the interval
     * @param t1 its end, &gt; t0
     * @return ΔW = W(t₁) − W(t₀), a new array of {@link #dimension} entries: Gaussian with mean 0
     *     and covariance (t₁ − t₀)·I
     * @throws IllegalStateException when the path cannot serve this interval (e.g. a sequential
     *     path asked for one that does not start where the previous one ended)
     * @throws IllegalArgumentException when t1 ≤ t0
     */
    double[] increment(double t0, double t1);

    /**
     * The normalised increment Z = ΔW/√(t₁ − t₀), a standard normal vector: what a noise sampler
     * is driven by. By default {@link #increment} scaled; an implementation that draws Z directly
     * overrides it so that Z is exactly its draws.
     *
     * @param t0 the start of the interval
     * @param t1 its end, &gt; t0
     * @return Z, a new array of {@link #dimension} entries
     * @throws IllegalStateException when the path cannot serve this interval
     * @throws IllegalArgumentException when t1 ≤ t0
     */
    default double[] normalised(double t0, double t1) {
        double[] w = increment(t0, t1);
        double scale = 1 / Math.sqrt(t1 - t0);
        for (int i = 0; i < w.length; i++) {
            w[i] *= scale;
        }
        return w;
    }

    /**
     * Writes what a checkpoint needs to continue the path (nothing by default: a path that is a
     * function of its seed alone).
     *
     * @param out the stream
     * @throws IOException on write failure
     */
    default void save(DataOutput out) throws IOException {
    }

    /**
     * Restores what {@link #save} wrote.
     *
     * @param in the stream
     * @throws IOException when it does not fit
     */
    default void load(DataInput in) throws IOException {
    }

    /**
     * @param t0 the start
     * @param t1 the end
     * @throws IllegalArgumentException unless t0 &lt; t1, both finite
     */
    static void checkInterval(double t0, double t1) {
        if (!(t0 < t1) || !Double.isFinite(t0) || !Double.isFinite(t1)) {
            throw new IllegalArgumentException("a Brownian increment needs finite times t0 < t1, got [" + t0 + ", " + t1 + "]");
        }
    }
}
