package org.samsde.sde.optim;

import org.samsde.core.objective.Batch;
import org.samsde.core.objective.TaylorResult;
import org.samsde.core.tensor.Vectors;

/**
 * DNSAM (Compagnoni et al. 2023), SAM normalised by the full-batch gradient:
 * d = ∇f_γ(x + ρg_γ/‖∇f(x)‖), both gradients on the same batch γ. Cost per step two gradients over
 * the batch and one over the full data.
 */
public final class Dnsam extends ScaledGradientPerturbation {
    /** The rule. */
    public static final Dnsam INSTANCE = new Dnsam();

    private Dnsam() {
    }

    @Override
    public String name() {
        return "dnsam";
    }

    @Override
    public String displayName() {
        return "DNSAM";
    }

    @Override
    public org.samsde.sde.Appearance appearance() {
        return new org.samsde.sde.Appearance(2, "short-dash");
    }

    @Override
    double scale(Step step, double gn) {
        TaylorResult full = step.objective().gradient(step.x(), Batch.all());
        double fn = Vectors.norm(full.gradientCoefficients());
        full.gradientCoefficients().close();
        return fn > 0 ? step.rho() / fn : 0.0;
    }

    /** @return on the full batch DNSAM is SAM: ηλ(1 + ρλ/‖∇f‖) = 2 ({@link org.samsde.sde.Stability}) */
    @Override
    public org.samsde.sde.Stability stability(double eta, double rho) {
        return org.samsde.sde.Stability.sam(eta, rho);
    }

    /** Registers {@code dnsam}. */
    public static final class Provider extends UpdateRule.Fixed {
        /** The provider. */
        public Provider() {
            super(INSTANCE);
        }
    }
}
