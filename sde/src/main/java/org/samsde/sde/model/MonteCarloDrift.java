package org.samsde.sde.model;

import java.util.ArrayList;
import java.util.List;

import org.samsde.core.objective.Batch;
import org.samsde.core.tensor.Tensor;
import org.samsde.core.tensor.Vectors;
import org.samsde.sde.Registry;
import org.samsde.sde.Sampling;

/**
 * The mean Ḡ = (1/M′)Σⱼ G_{γⱼ} of M′ fresh batch increments: unbiased for E_γ[G_γ], with covariance
 * Σ̃/M′. Its own noise is O(Δt²) per step, the order of the diffusion itself at Δt = η; the
 * {@link CompensatedNoise compensated} sampler reuses the M′ increments so that the step has
 * exactly the model's mean and covariance.
 *
 * <p><b>M is a budget per step of the optimiser's clock</b> (SDE time η), shared evenly by the
 * solver's m substeps: each substep of Δt = η/m averages M′ = M/m increments, so m must divide M.
 * A solve therefore draws M batches per η whatever m is, in the same order from its batch stream,
 * and its Brownian path gives M normals per η: the solves at m and 2m with the same M and seed use
 * the same batches and the same normals (a coarse substep sees the union of the two fine substeps'
 * batches, and their normals side by side). That is the coupling under which the change from m to
 * 2m is a small-variance measure of the step-size error (see {@code StepSizes}). At m = 1 this is the
 * plain mean of M increments. Cost per step of η: M·(gradient + order-K pass) over B samples, for
 * every m; the M′ increments of a substep come from one {@link SdeModel#increments} call, which a
 * layered objective runs as two stacked passes over M′·B rows.
 *
 * @param batches M ≥ 1, increments per step of η
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

    /**
     * @param solver the solver (its substeps m)
     * @return M′ = M/m, the increments one substep averages
     */
    public int perSubstep(SolverView solver) {
        return batches / solver.substeps();
    }

    @Override
    public void validate(SdeSolver solver) {
        int m = solver.substeps();
        if (solver.sampling().isFull(solver.objective().sampleCount())) {
            return; // the exact full-batch drift: no batches are drawn
        }
        if (batches % m != 0) {
            throw new IllegalArgumentException("mc:" + batches + " draws " + batches + " batches per step, shared by the " + m
                    + " substeps: the number of substeps must divide it (e.g. mc:" + (Math.max(batches, 2 * m) + m - 1) / m * m + ")");
        }
    }

    @Override
    public DriftEstimate estimate(SdeSolver solver, Tensor x, Sampling.Sampler sampler) {
        DriftEstimate exact = DriftEstimator.fullBatchIfExact(solver, x);
        if (exact != null) {
            return exact;
        }
        int per = perSubstep(solver);
        List<Batch> batches = new ArrayList<>(per);
        for (int j = 0; j < per; j++) {
            batches.add(sampler.next());
        }
        List<Tensor> increments = solver.model().increments(solver.objective(), x, batches, solver.coefficients());
        Tensor sum = x.backend().zeros(x.size());
        for (Tensor g : increments) {
            Vectors.axpy(1.0, g, sum);
        }
        Vectors.scale(1.0 / per, sum);
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
