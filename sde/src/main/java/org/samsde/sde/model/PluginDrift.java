package org.samsde.sde.model;

import org.samsde.core.tensor.Tensor;
import org.samsde.sde.Registry;
import org.samsde.sde.Sampling;

/**
 * The full-batch increment G_all(x) in place of E_γ[G_γ(x)]: the full-batch direction n = g/‖g‖
 * plugged in for the per-batch n_γ. For sam2 its drift g + ρHg/‖g‖ = ∇(f + ρ‖∇f‖) is the
 * <em>DNSAM</em> SDE of Compagnoni et al., a different model from their SAM SDE; the relative
 * error of the ρ term grows with the noise ratio r = √tr Σ_B/‖g‖ (about 0.5%, 4%, 29%, 69% at
 * r = 0.1, 0.3, 1, 3 on a Gaussian model, d = 20). Cheap: one gradient and one order-K pass over
 * the full data. Runs that use it say so in their labels.
 */
public record PluginDrift() implements DriftEstimator {

    @Override
    public String name() {
        return "plugin";
    }

    @Override
    public boolean unbiased() {
        return false;
    }

    @Override
    public String approximation() {
        return "plug-in drift (DNSAM-type)";
    }

    @Override
    public DriftEstimate estimate(SdeSolver solver, Tensor x, Sampling.Sampler batches) {
        return DriftEstimator.fullBatch(solver, x);
    }

    /** Registers {@code plugin}. */
    public static final class Provider implements DriftEstimator.Provider {
        @Override
        public String name() {
            return "plugin";
        }

        @Override
        public DriftEstimator create(String argument) {
            Registry.noArgument("plugin", argument);
            return new PluginDrift();
        }
    }
}
