package org.samsde.sde.model;

import java.util.List;

import org.samsde.core.objective.Batch;
import org.samsde.core.tensor.Tensor;
import org.samsde.sde.Registry;
import org.samsde.sde.Sampling;

/**
 * How the drift b(x) = E_γ[G_γ(x)] of a mini-batch model is evaluated. For a model whose
 * direction does not depend on the batch ({@link SdeModel#batchDirection()} false), or with full
 * batches, every estimator returns the exact full-batch increment.
 *
 * <p>Built-in: {@link ExactDrift} ({@code exact}), {@link MonteCarloDrift} ({@code mc:M}, unbiased)
 * and {@link PluginDrift} ({@code plugin}, biased: the DNSAM-type drift). A user's estimator is
 * registered with a {@code META-INF/services/org.samsde.sde.model.DriftEstimator$Provider} entry.
 * Implementations are immutable and shared by every trajectory.
 */
public interface DriftEstimator {

    /** @return the specification that recreates it, e.g. {@code mc:8} */
    String name();

    /** @return whether the estimate is unbiased for E_γ[G_γ] (the model as defined) */
    boolean unbiased();

    /**
     * @return the description used where a run names its estimator: empty for unbiased ones,
     *     otherwise what the approximation is (e.g. "plug-in drift (DNSAM-type)")
     */
    default String approximation() {
        return "";
    }

    /**
     * Fails fast when the estimator cannot run on this solver's problem.
     *
     * @param solver the solver
     * @throws IllegalArgumentException naming the problem
     */
    default void validate(SdeSolver solver) {
    }

    /**
     * @param solver the model, objective, coefficients and sampling
     * @param x the point; not modified
     * @param batches the trajectory's batch stream; modified (draws advance it)
     * @return the estimate, owned by the caller
     */
    DriftEstimate estimate(SdeSolver solver, Tensor x, Sampling.Sampler batches);

    /**
     * The exact drift when it needs no expectation over batches (the model's direction does not
     * depend on the batch, or every batch is the full batch), else null.
     *
     * @param solver the solver
     * @param x the point; not modified
     * @return the estimate, or null
     */
    static DriftEstimate fullBatchIfExact(SdeSolver solver, Tensor x) {
        if (solver.model().batchDirection() && !solver.sampling().isFull(solver.objective().sampleCount())) {
            return null;
        }
        return fullBatch(solver, x);
    }

    /**
     * The model's full-batch increment G_all(x), with the gradient it was computed from.
     *
     * @param solver the solver
     * @param x the point; not modified
     * @return the estimate
     */
    static DriftEstimate fullBatch(SdeSolver solver, Tensor x) {
        Tensor g = solver.objective().gradient(x, Batch.all()).gradientCoefficients();
        Tensor b = solver.model().incrementFrom(solver.objective(), x, g, Batch.all(), solver.coefficients());
        return new DriftEstimate(b, List.of(), g, true);
    }

    /**
     * @param spec {@code exact}, {@code mc:M}, {@code plugin} or a registered estimator's specification
     * @return the estimator
     * @throws IllegalArgumentException naming the problem
     */
    static DriftEstimator parse(String spec) {
        return Registry.create(Provider.class, spec, "drift estimator");
    }

    /** Registers an estimator under a name, for {@link java.util.ServiceLoader}. */
    interface Provider extends Registry.Provider<DriftEstimator> {
    }
}
