package org.samsde.sde.model;

import java.util.ArrayList;
import java.util.List;

import org.samsde.core.tensor.Tensor;
import org.samsde.sde.Registry;
import org.samsde.sde.Sampling;

/**
 * The noise that completes a Monte Carlo drift {@code mc:M} so that each step has exactly the
 * model's mean and covariance. With Ḡ the mean of the drift's M increments of one step (at m
 * substeps, read M as the M/m increments of one substep; see {@link MonteCarloDrift}), unbiased for b,
 * with covariance Σ̃/M, the step X ← X − Δt·Ḡ + √(ηΔt)·ξ′ needs Cov ξ′ = (1 − Δt/(ηM))·Σ̃, uncorrelated
 * with Ḡ; from the same increments, ξ′ = √((1 − Δt/(ηM))/(M − 1))·Σⱼ zⱼ(Gⱼ − Ḡ) with zⱼ ~ N(0, 1)
 * independent of them. Then E[step] = −Δt·b and Cov[step] = Δt²Σ̃/M + ηΔt(1 − Δt/(ηM))Σ̃ = ηΔt·Σ̃,
 * the Euler–Maruyama moments of the model, for any Δt = η/m (m ≥ 1). Not Gaussian; weak order 1
 * needs only the first two moments. For models whose drift is exact (sgd1, sgd2) or when the drift
 * is not {@code mc:M}, it draws M fresh batches of its own and uses the uncompensated factor,
 * which is {@link BatchMcNoise batch-mc:M}. Extra cost per step: none beyond the drift's M passes.
 *
 * <p><b>Groups</b> ({@code compensated:g}): the increments are centred within consecutive groups of
 * g instead of all together, ξ′ = √((1 − Δt/(ηM))/(M − M/g))·Σ_groups Σ_{j∈group} zⱼ(Gⱼ − Ḡ_group).
 * Each group's centred sum has covariance (g − 1)Σ̃ given nothing else, and is uncorrelated with Ḡ
 * (the zⱼ are independent of the batches), so the step keeps exactly the model's mean and covariance.
 * What groups buy is coupling across step sizes: a substep of 2Δt that sees the batches of two
 * substeps of Δt side by side ({@link MonteCarloDrift}) then draws, group by group, the sum of their
 * two noises (the factors agree: (2M − 2M/g)·2Δt against (M − M/g)·Δt each), so solves at m and 2m
 * differ only where the second fine substep moved x. g = 0 (the default, {@code compensated})
 * centres each substep's increments together.
 *
 * @param group g ≥ 2 increments per group, or 0 for one group per substep
 */
public record CompensatedNoise(int group) implements NoiseSampler {

    /** One group per substep: {@code compensated}. */
    public CompensatedNoise() {
        this(0);
    }

    /**
     * Validates g.
     *
     * @param group g ≥ 2, or 0
     */
    public CompensatedNoise {
        if (group != 0 && group < 2) {
            throw new IllegalArgumentException("compensated:g needs groups of at least 2 increments, got " + group);
        }
    }

    @Override
    public String name() {
        return group == 0 ? "compensated" : "compensated:" + group;
    }

    @Override
    public void validate(SolverView solver) {
        if (!(solver.drift() instanceof MonteCarloDrift mc) || mc.batches() < 2) {
            throw new IllegalArgumentException("compensated noise reuses the drift's batches and needs the drift mc:M with M >= 2, got "
                    + solver.drift().name());
        }
        if (group > 0 && solver.hasBatchNoise() && mc.batches() % solver.substeps() == 0 && mc.perSubstep(solver) % group != 0) {
            throw new IllegalArgumentException("compensated:" + group + " centres the drift's increments in groups of " + group + ", but mc:"
                    + mc.batches() + " shared by " + solver.substeps() + " substeps gives " + mc.perSubstep(solver) + " per substep");
        }
        if (solver.hasBatchNoise() && mc.batches() % solver.substeps() == 0 && mc.perSubstep(solver) < 2) {
            throw new IllegalArgumentException("compensated noise needs at least 2 of the drift's batches per substep, but mc:" + mc.batches()
                    + " shared by " + solver.substeps() + " substeps leaves " + mc.perSubstep(solver) + " (use mc:" + 2 * solver.substeps() + ")");
        }
    }

    @Override
    public int brownianDimension(SolverView solver) {
        return solver.hasBatchNoise() ? batches(solver) : 0;
    }

    /** @return M′, the drift's increments per substep */
    private static int batches(SolverView solver) {
        return ((MonteCarloDrift) solver.drift()).perSubstep(solver);
    }

    @Override
    public Tensor sample(SolverView solver, Tensor x, DriftEstimate drift, double[] z, Sampling.Sampler sampler, double dt) {
        if (!solver.hasBatchNoise()) {
            return null;
        }
        int m = batches(solver);
        if (drift.increments().size() == m && solver.model().noiseModel() == solver.model()) {
            double keep = 1 - dt / (solver.coefficients().eta() * m);
            int g = group == 0 ? m : group;
            return BatchMcNoise.spread(drift.increments(), z, g, Math.sqrt(Math.max(0, keep) / (m - m / g)));
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
        public String usage() {
            return "compensated[:g]";
        }

        @Override
        public NoiseSampler create(String argument) {
            return argument == null ? new CompensatedNoise() : new CompensatedNoise(Registry.intArgument("compensated", argument, 2));
        }
    }
}
