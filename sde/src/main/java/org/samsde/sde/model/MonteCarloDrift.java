package org.samsde.sde.model;

import java.util.ArrayList;
import java.util.List;

import org.samsde.core.tensor.Tensor;
import org.samsde.sde.Registry;
import org.samsde.sde.Sampling;
import org.samsde.sde.Vectors;

/**
 * The mean Ḡ = (1/M)Σⱼ G_{γⱼ} of M fresh batch increments: unbiased for E_γ[G_γ], with covariance
 * Σ̃/M. Its own noise is O(Δt²) per step, the order of the diffusion itself at Δt = η; the
 * {@link CompensatedNoise compensated} sampler reuses the M increments so that the step has
 * exactly the model's mean and covariance. Cost per evaluation M·(gradient + order-K pass) over B
 * samples.
 *
 * @param batches M ≥ 1
 */
public record MonteCarloDrift(int batches) implements DriftEstimator {

    /**
     * Validates M.
     *
     * @param batches M ≥ 1
     */
    public MonteCarloDrift {
        if (batches < 1) {
            throw new IllegalArgumentException("mc needs at least one batch, got " + batches);
        }
    }

    @Override
    public String name() {
        return "mc:" + batches;
    }

    @Override
    public boolean unbiased() {
        return true;
    }

    @Override
    public DriftEstimate estimate(SdeSolver solver, Tensor x, Sampling.Sampler sampler) {
        DriftEstimate exact = DriftEstimator.fullBatchIfExact(solver, x);
        if (exact != null) {
            return exact;
        }
        List<Tensor> increments = new ArrayList<>(batches);
        Tensor sum = x.backend().zeros(x.size());
        for (int j = 0; j < batches; j++) {
            Tensor g = solver.model().increment(solver.objective(), x, sampler.next(), solver.coefficients());
            Vectors.axpy(1.0, g, sum);
            increments.add(g);
        }
        Vectors.scale(1.0 / batches, sum);
        return new DriftEstimate(sum, increments, null, false);
    }

    /** Registers {@code mc:M}. */
    public static final class Provider implements DriftEstimator.Provider {
        @Override
        public String name() {
            return "mc";
        }

        @Override
        public String usage() {
            return "mc:M";
        }

        @Override
        public DriftEstimator create(String argument) {
            return new MonteCarloDrift(Registry.intArgument("mc", argument, 1));
        }
    }
}
