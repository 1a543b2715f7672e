package org.samsde.sde.model;

import org.samsde.core.tensor.Tensor;
import org.samsde.sde.Registry;
import org.samsde.sde.Sampling;

/** No noise: the ODE of the drift. */
public record NoNoise() implements NoiseSampler {
    @Override
    public String name() {
        return "none";
    }

    @Override
    public String approximation(SolverView solver) {
        return solver.sampling().isFull(solver.objective().sampleCount()) ? "" : "no noise (the drift's ODE)";
    }

    @Override
    public int brownianDimension(SolverView solver) {
        return 0;
    }

    @Override
    public Tensor sample(SolverView solver, Tensor x, DriftEstimate drift, double[] z, Sampling.Sampler batches, double dt) {
        return null;
    }

    /** Registers {@code none}. */
    public static final class Provider implements NoiseSampler.Provider {
        @Override
        public String name() {
            return "none";
        }

        @Override
        public NoiseSampler create(String argument) {
            Registry.noArgument("none", argument);
            return new NoNoise();
        }
    }
}
