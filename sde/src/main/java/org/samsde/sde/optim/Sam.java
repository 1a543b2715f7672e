package org.samsde.sde.optim;

/** Sharpness-Aware Minimization (Foret et al. 2021): d = ∇f_γ(x + ρn_γ), n_γ = g_γ/‖g_γ‖ (0 at g_γ = 0). Cost per step two gradients over the batch. */
public final class Sam extends ScaledGradientPerturbation {
    /** The rule. */
    public static final Sam INSTANCE = new Sam();

    private Sam() {
    }

    @Override
    public String name() {
        return "sam";
    }

    @Override
    public String displayName() {
        return "SAM";
    }

    @Override
    public org.samsde.sde.Appearance appearance() {
        return new org.samsde.sde.Appearance(0, "solid");
    }

    @Override
    double scale(Step step, double gn) {
        return gn > 0 ? step.rho() / gn : 0.0;
    }

    /** @return ηλ(1 + ρλ/‖∇f‖) = 2 at the current gradient norm ({@link org.samsde.sde.Stability}) */
    @Override
    public org.samsde.sde.Stability stability(double eta, double rho) {
        return org.samsde.sde.Stability.sam(eta, rho);
    }

    /** Registers {@code sam}. */
    public static final class Provider extends UpdateRule.Fixed {
        /** The provider. */
        public Provider() {
            super(INSTANCE);
        }
    }
}
