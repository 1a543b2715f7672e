package org.samsde.sde.model;

import org.samsde.core.tensor.Tensor;
import org.samsde.core.tensor.Vectors;
import org.samsde.sde.Registry;
import org.samsde.sde.Sampling;

/**
 * Injected isotropic noise ξ′ = σ·z, z ~ N(0, I) (the setting of Compagnoni et al.'s code): the
 * model's Σ̃ replaced by σ²I, so named in labels.
 *
 * @param sigma σ ≥ 0
 */
public record IsotropicNoise(double sigma) implements NoiseSampler {
    /**
     * Validates σ.
     *
     * @param sigma σ ≥ 0
     */
    public IsotropicNoise {
        if (!(sigma >= 0) || !Double.isFinite(sigma)) {
            throw new IllegalArgumentException("isotropic noise needs a finite sigma >= 0, got " + sigma);
        }
    }

    @Override
    public String name() {
        return "isotropic:" + sigma;
    }

    @Override
    public String approximation(SolverView solver) {
        return "isotropic noise σ = " + sigma;
    }

    @Override
    public int brownianDimension(SolverView solver) {
        return sigma == 0 ? 0 : solver.objective().dimension();
    }

    @Override
    public Tensor sample(SolverView solver, Tensor x, DriftEstimate drift, double[] z, Sampling.Sampler batches, double dt) {
        if (sigma == 0) {
            return null;
        }
        Tensor xi = x.backend().upload(z, x.size());
        Vectors.scale(sigma, xi);
        return xi;
    }

    /** Registers {@code isotropic:σ}. */
    public static final class Provider implements NoiseSampler.Provider {
        @Override
        public String name() {
            return "isotropic";
        }

        @Override
        public String usage() {
            return "isotropic:SIGMA";
        }

        @Override
        public NoiseSampler create(String argument) {
            return new IsotropicNoise(Registry.decimalArgument("isotropic", argument, 0, false));
        }
    }
}
