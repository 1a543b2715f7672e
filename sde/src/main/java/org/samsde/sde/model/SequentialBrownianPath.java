package org.samsde.sde.model;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.samsde.sde.Snapshots;

/**
 * A {@link BrownianPath} read from a random stream in order: the stream's j-th block of d standard
 * normals ζⱼ is the j-th fine increment, normalised. A path of stride s serves each interval with
 * the sum of s fine blocks, normalised: {@link #normalised} returns Z = (ζ₁ + … + ζ_s)/√s, a
 * standard normal vector, and {@link #increment} √(t₁ − t₀)·Z. Two paths on the same stream with
 * strides s₁ and s₂, asked for intervals of s₁·h and s₂·h, therefore see the same Brownian motion
 * on a fine grid of step h at two resolutions: weak-order and approximation studies drive the real
 * stepper at several Δt with coupled noise this way. With stride 1, Z = ζ exactly (bitwise).
 *
 * <p>Intervals are served in order: each must start where the previous one ended (to within
 * rounding: 10⁻¹² of the time plus 10⁻⁹ of the interval's length), else
 * {@link IllegalStateException}; asking again for the interval just served returns the same
 * increment, so a scheme may evaluate the noise of one step at several points. The first interval after construction or {@link #load} may start anywhere: a
 * checkpoint holds the stream's position, not the time. The path does not check an interval's
 * length against h (it does not know h): the caller asks for intervals of s·h.
 *
 * <p>The dimension d stays the same along the path, as the coupling needs. Not thread-safe: one
 * per trajectory.
 */
public final class SequentialBrownianPath implements BrownianPath {
    /** Relative rounding allowed in a time, and in the length of an interval. */
    private static final double TIME_ROUNDING = 1e-12;
    private static final double LENGTH_ROUNDING = 1e-9;

    private final UniformRandomProvider rng;
    private final ZigguratSampler.NormalizedGaussian gauss;
    private final int dimension;
    private final int stride;
    private double lastStart = Double.NaN;
    private double lastEnd = Double.NaN;
    private double[] last;

    /**
     * @param rng the stream (owned by the path afterwards)
     * @param dimension d ≥ 0, the number of components
     * @param stride s ≥ 1, fine increments per interval served
     */
    public SequentialBrownianPath(UniformRandomProvider rng, int dimension, int stride) {
        if (stride < 1) {
            throw new IllegalArgumentException("a Brownian path's stride must be at least 1, got " + stride);
        }
        if (dimension < 0) {
            throw new IllegalArgumentException("a Brownian path's dimension must be at least 0, got " + dimension);
        }
        this.rng = rng;
        this.gauss = ZigguratSampler.NormalizedGaussian.of(rng);
        this.dimension = dimension;
        this.stride = stride;
    }

    @Override
    public int dimension() {
        return dimension;
    }

    /** @return s, fine increments per interval served */
    public int stride() {
        return stride;
    }

    @Override
    public double[] increment(double t0, double t1) {
        double[] w = normalised(t0, t1);
        double scale = Math.sqrt(t1 - t0);
        for (int i = 0; i < w.length; i++) {
            w[i] *= scale;
        }
        return w;
    }

    /**
     * Z for the interval: the next s blocks of the stream, summed and divided by √s (with s = 1,
     * the block itself), or the previous Z again when the interval is the one just served.
     *
     * @throws IllegalStateException when t0 is not where the previous interval ended
     */
    @Override
    public double[] normalised(double t0, double t1) {
        BrownianPath.checkInterval(t0, t1);
        if (last != null && near(t0, lastStart, t1 - t0) && near(t1, lastEnd, t1 - t0)) {
            return last.clone();
        }
        if (!Double.isNaN(lastEnd) && !near(t0, lastEnd, t1 - t0)) {
            throw new IllegalStateException("a sequential Brownian path serves consecutive intervals only: asked for [" + t0 + ", " + t1
                    + "] after [" + lastStart + ", " + lastEnd + "] (the next must start at " + lastEnd + ")");
        }
        double[] z = next();
        lastStart = t0;
        lastEnd = t1;
        last = z.clone();
        return z;
    }

    /** Whether times a and b agree to within rounding: 10⁻¹² of the larger plus 10⁻⁹ of the interval's length. */
    private static boolean near(double a, double b, double length) {
        return Math.abs(a - b) <= TIME_ROUNDING * Math.max(Math.abs(a), Math.abs(b)) + LENGTH_ROUNDING * length;
    }

    /** @return the next s blocks, summed and divided by √s; with s = 1 the block itself */
    private double[] next() {
        double[] z = new double[dimension];
        if (stride == 1) {
            for (int i = 0; i < dimension; i++) {
                z[i] = gauss.sample();
            }
            return z;
        }
        for (int j = 0; j < stride; j++) {
            for (int i = 0; i < dimension; i++) {
                z[i] += gauss.sample();
            }
        }
        double scale = 1 / Math.sqrt(stride);
        for (int i = 0; i < dimension; i++) {
            z[i] *= scale;
        }
        return z;
    }

    /**
     * Writes the position on the path: the stream's state (the same bytes as before intervals
     * carried times).
     *
     * @param out the stream
     * @throws IOException on write failure
     */
    @Override
    public void save(DataOutput out) throws IOException {
        Snapshots.writeRng(out, rng);
    }

    /**
     * Restores a position written by {@link #save}; the next interval may start anywhere.
     *
     * @param in the stream
     * @throws IOException when it does not fit
     */
    @Override
    public void load(DataInput in) throws IOException {
        Snapshots.readRng(in, rng);
        lastStart = Double.NaN;
        lastEnd = Double.NaN;
        last = null;
    }
}
