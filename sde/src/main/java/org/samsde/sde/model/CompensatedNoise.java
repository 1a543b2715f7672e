package org.samsde.sde.model;

import java.util.ArrayList;
import java.util.List;

import org.samsde.core.tensor.Tensor;
import org.samsde.sde.Registry;
import org.samsde.sde.Sampling;

/**
 * The noise that completes a Monte Carlo drift {@code mc:M} so that each step has exactly the
 * model's mean and covariance. With Ḡ the mean of the drift's M increments (unbiased for b, with
 * covariance Σ̃/M), the step X ← X − Δt·Ḡ + √(ηΔt)·ξ′ needs Cov ξ′ = (1 − Δt/(ηM))·Σ̃, uncorrelated
 * with Ḡ; from the same increments, ξ′ = √((1 − Δt/(ηM))/(M − 1))·Σⱼ zⱼ(Gⱼ − Ḡ) with zⱼ ~ N(0, 1)
 * independent of them. Then E[step] = −Δt·b and Cov[step] = Δt²Σ̃/M + ηΔt(1 − Δt/(ηM))Σ̃ = ηΔt·Σ̃,
 * the Euler–Maruyama moments of the model, for any Δt = η/m (m ≥ 1). Not Gaussian; weak order 1
 * needs only the first two moments. For models whose drift is exact (sgd1, sgd2) or when the drift
 * is not {@code mc:M}, it draws M fresh batches of its own and uses the uncompensated factor,
 * which is {@link BatchMcNoise batch-mc:M}. Extra cost per step: none beyond the drift's M passes.
 */
public record CompensatedNoise() implements NoiseSampler {

    @Override
    public String name() {
        return "compensated";
    }

    @Override
    public void validate(SdeSolver solver) {
        if (!(solver.drift() instanceof MonteCarloDrift mc) || mc.batches() < 2) {
            throw new IllegalArgumentException("compensated noise reuses the drift's batches and needs the drift mc:M with M >= 2, got "
                    + solver.drift().name());
        }
    }

    @Override
    public int brownianDimension(SdeSolver solver) {
        return solver.hasBatchNoise() ? batches(solver) : 0;
    }

    private static int batches(SdeSolver solver) {
        return ((MonteCarloDrift) solver.drift()).batches();
    }

    @Override
    public Tensor sample(SdeSolver solver, Tensor x, DriftEstimate drift, double[] z, Sampling.Sampler sampler, double dt) {
        if (!solver.hasBatchNoise()) {
            return null;
        }
        int m = batches(solver);
        if (drift.increments().size() == m && solver.model().noiseModel() == solver.model()) {
            double keep = 1 - dt / (solver.coefficients().eta() * m);
            return BatchMcNoise.spread(drift.increments(), z, Math.sqrt(Math.max(0, keep) / (m - 1)));
        }
        List<Tensor> gs = new ArrayList<>(m);
        try {
            for (int j = 0; j < m; j++) {
                gs.add(solver.noiseIncrement(x, sampler.next()));
            }
            return BatchMcNoise.spread(gs, z, 1.0 / Math.sqrt(m - 1));
        } finally {
            for (Tensor g : gs) {
                g.close();
            }
        }
    }

    /** Registers {@code compensated}. */
    public static final class Provider implements NoiseSampler.Provider {
        @Override
        public String name() {
            return "compensated";
        }

        @Override
        public NoiseSampler create(String argument) {
            Registry.noArgument("compensated", argument);
            return new CompensatedNoise();
        }
    }
}
