package org.samsde.sde.optim;

/** Unnormalised SAM: d = ∇f_γ(x + ρg_γ). Cost per step two gradients over the batch. */
public final class Usam extends ScaledGradientPerturbation {
    /** The rule. */
    public static final Usam INSTANCE = new Usam();

    private Usam() {
    }

    @Override
    public String name() {
        return "usam";
    }

    @Override
    public String displayName() {
        return "USAM";
    }

    @Override
    public org.samsde.sde.Appearance appearance() {
        return new org.samsde.sde.Appearance(1, "short-dash");
    }

    @Override
    double scale(Step step, double gn) {
        return step.rho();
    }

    /** @return ηλ(1 + ρλ) = 2 ({@link org.samsde.sde.Stability}) */
    @Override
    public org.samsde.sde.Stability stability(double eta, double rho) {
        return org.samsde.sde.Stability.usam(eta, rho);
    }

    /** Registers {@code usam}. */
    public static final class Provider extends UpdateRule.Fixed {
        /** The provider. */
        public Provider() {
            super(INSTANCE);
        }
    }
}
