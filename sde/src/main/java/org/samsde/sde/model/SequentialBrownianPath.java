package org.samsde.sde.model;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.samsde.sde.Snapshots;

/**
 * A Brownian path on a fine grid of step h, deterministic for its random stream: fine increment j
 * is √h·ζⱼ with ζⱼ the j-th block of standard normals of the stream. A path of stride s serves the
 * increments of a coarse grid of step s·h, each the sum of s fine ones, normalised:
 * {@link #next} returns Z = (W(t + s·h) − W(t))/√(s·h) = (ζ₁ + … + ζ_s)/√s, a standard normal vector.
 * Two paths on the same stream with strides s₁ and s₂ therefore see the same Brownian motion at
 * different resolutions: weak-order and approximation studies drive the real stepper at several
 * Δt with coupled noise this way. With stride 1, Z = ζ exactly (bitwise).
 *
 * <p>The dimension of a block is the noise sampler's {@link NoiseSampler#brownianDimension}; it
 * must stay the same along one path for the coupling to hold. Not thread-safe: one per trajectory.
 */
public final class BrownianPath {
    private final UniformRandomProvider rng;
    private final ZigguratSampler.NormalizedGaussian gauss;
    private final int stride;

    /**
     * @param rng the stream (owned by the path afterwards)
     * @param stride s ≥ 1, fine increments per coarse increment
     */
    public BrownianPath(UniformRandomProvider rng, int stride) {
        if (stride < 1) {
            throw new IllegalArgumentException("a Brownian path's stride must be at least 1, got " + stride);
        }
        this.rng = rng;
        this.gauss = ZigguratSampler.NormalizedGaussian.of(rng);
        this.stride = stride;
    }

    /** @return s, fine increments per coarse increment */
    public int stride() {
        return stride;
    }

    /**
     * @param dimension the number of components
     * @return the next normalised coarse increment Z, a new array
     */
    public double[] next(int dimension) {
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
     * Writes the position on the path.
     *
     * @param out the stream
     * @throws IOException on write failure
     */
    public void save(DataOutput out) throws IOException {
        Snapshots.writeRng(out, rng);
    }

    /**
     * Restores a position written by {@link #save}.
     *
     * @param in the stream
     * @throws IOException when it does not fit
     */
    public void load(DataInput in) throws IOException {
        Snapshots.readRng(in, rng);
    }
}
