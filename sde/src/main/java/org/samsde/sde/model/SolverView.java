package org.samsde.sde.model;

import org.samsde.core.objective.Batch;
import org.samsde.core.objective.Objective;
import org.samsde.core.tensor.Tensor;
import org.samsde.sde.Sampling;

/**
 * What a {@link NoiseSampler} reads of the solver it serves: the problem (objective, model, ρ and
 * η, the batch sampling), the discretisation (substeps, the drift estimator whose increments a
 * sampler may reuse) and the model's per-batch increments. Read-only: nothing here advances a
 * trajectory. {@link SdeSolver} implements it.
 */
public interface SolverView {

    /** @return the training loss */
    Objective objective();

    /** @return the model */
    SdeModel model();

    /** @return ρ and η */
    Coefficients coefficients();

    /** @return the batches whose statistics the model carries */
    Sampling sampling();

    /** @return m, integrator steps per step of η */
    int substeps();

    /** @return the drift estimator */
    DriftEstimator drift();

    /** @return whether batches fluctuate, c_B &gt; 0 (false for the full batch: the model is an ODE) */
    boolean hasBatchNoise();

    /**
     * G_γ(x) of the model.
     *
     * @param x the point; not modified
     * @param batch γ
     * @return a new tensor
     */
    Tensor increment(Tensor x, Batch batch);

    /**
     * G_γ of the model whose covariance the noise carries ({@link SdeModel#noiseModel()}).
     *
     * @param x the point; not modified
     * @param batch γ
     * @return a new tensor
     */
    Tensor noiseIncrement(Tensor x, Batch batch);
}
