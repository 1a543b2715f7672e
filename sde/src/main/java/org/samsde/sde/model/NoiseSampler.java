package org.samsde.sde.model;

import org.samsde.core.tensor.Tensor;
import org.samsde.sde.Registry;
import org.samsde.sde.Sampling;

/**
 * How the noise √η·S(X)·ΔW of a step is drawn without forming d × d matrices. An integrator step of
 * size Δt is X ← X − Δt·b̂ + √(η·Δt)·ξ′, with b̂ the {@link DriftEstimate} and ξ′ from the sampler.
 * A sampler is driven by the trajectory's {@link BrownianPath}: z = ΔW/√Δt, a standard normal
 * vector of {@link #brownianDimension} entries (0 for samplers that draw no Gaussian). It reads the
 * solver through the narrow {@link SolverView} (the problem, the substeps and the drift estimator),
 * never the trajectory: the batch stream it draws from and z are passed in.
 *
 * <p>Every sampler has mean zero. Built-in: {@link CompensatedNoise} ({@code compensated}, the
 * default: with {@code mc:M} the step has exactly the model's mean and covariance),
 * {@link BatchMcNoise} ({@code batch-mc:M}), {@link ResampleNoise} ({@code resample}),
 * {@link PerSampleNoise} ({@code per-sample}, an approximation for sam2/sam3), {@link IsotropicNoise}
 * ({@code isotropic:σ}) and {@link NoNoise} ({@code none}). A user's sampler is registered with a
 * {@code META-INF/services/org.samsde.sde.model.NoiseSampler$Provider} entry. Implementations are
 * immutable and shared by every trajectory.
 */
public interface NoiseSampler {

    /** @return the specification that recreates it, e.g. {@code batch-mc:8} */
    String name();

    /**
     * @param solver the solver
     * @return empty when the sampler's covariance is the model's Σ̃ (in expectation), otherwise
     *     what the approximation is, for labels (e.g. "per-sample noise (linearised)")
     */
    default String approximation(SolverView solver) {
        return "";
    }

    /**
     * Fails fast when the sampler cannot run with this solver.
     *
     * @param solver the solver
     * @throws IllegalArgumentException naming the problem
     */
    default void validate(SolverView solver) {
    }

    /**
     * @param solver the solver
     * @return the number of standard normals one step draws from the Brownian path (0: none)
     */
    int brownianDimension(SolverView solver);

    /**
     * @param solver the model, objective, coefficients and sampling
     * @param x the point; not modified
     * @param drift the step's drift estimate (its increments and gradient may be reused); not modified
     * @param z the step's standard normal driver, {@link #brownianDimension} entries; not modified
     * @param batches the trajectory's batch stream; modified (draws advance it)
     * @param dt the step Δt
     * @return a new tensor ξ′, or null when there is no noise here
     */
    Tensor sample(SolverView solver, Tensor x, DriftEstimate drift, double[] z, Sampling.Sampler batches, double dt);

    /**
     * @param spec a sampler's specification, e.g. {@code compensated} or {@code isotropic:0.1}
     * @return the sampler
     * @throws IllegalArgumentException naming the problem
     */
    static NoiseSampler parse(String spec) {
        return Registry.create(Provider.class, spec, "noise sampler");
    }

    /** Registers a sampler under a name, for {@link java.util.ServiceLoader}. */
    interface Provider extends Registry.Provider<NoiseSampler> {
    }
}
