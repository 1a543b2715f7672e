package org.samsde.sde.model;

import org.samsde.core.tensor.Tensor;
import org.samsde.core.tensor.Vectors;
import org.samsde.sde.Registry;
import org.samsde.sde.Sampling;

/**
 * ξ′ = (G_{γ′} − G_{γ″})/√2 for two fresh, independent batches: not Gaussian, mean exactly zero and
 * covariance exactly Σ̃ = Cov_γ(G_γ), whatever the drift estimator. (Centring one fresh increment
 * on the drift instead, G_{γ′} − b̂, is biased whenever b̂ is not the mean of the resampled
 * quantity: for sgd2 by −(η/2)Hg, for a plug-in drift by its own bias.) Cost per step
 * 2·(gradient + order-K pass) over B samples.
 */
public record ResampleNoise() implements NoiseSampler {

    @Override
    public String name() {
        return "resample";
    }

    @Override
    public int brownianDimension(SolverView solver) {
        return 0;
    }

    @Override
    public Tensor sample(SolverView solver, Tensor x, DriftEstimate drift, double[] z, Sampling.Sampler batches, double dt) {
        if (!solver.hasBatchNoise()) {
            return null;
        }
        Tensor xi = solver.noiseIncrement(x, batches.next());
        Tensor other = solver.noiseIncrement(x, batches.next());
        Vectors.axpy(-1.0, other, xi);
        other.close();
        Vectors.scale(Math.sqrt(0.5), xi);
        return xi;
    }

    /** Registers {@code resample}. */
    public static final class Provider implements NoiseSampler.Provider {
        @Override
        public String name() {
            return "resample";
        }

        @Override
        public NoiseSampler create(String argument) {
            Registry.noArgument("resample", argument);
            return new ResampleNoise();
        }
    }
}
