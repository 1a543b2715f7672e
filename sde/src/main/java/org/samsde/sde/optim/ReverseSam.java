package org.samsde.sde.optim;

/** Reverse-SAM, SAM with the perturbation reversed: d = ∇f_γ(x − ρn_γ). Cost per step two gradients over the batch. */
public final class ReverseSam extends ScaledGradientPerturbation {
    /** The rule. */
    public static final ReverseSam INSTANCE = new ReverseSam();

    private ReverseSam() {
    }

    @Override
    public String name() {
        return "reverse-sam";
    }

    @Override
    public String displayName() {
        return "Reverse-SAM";
    }

    @Override
    public org.samsde.sde.Appearance appearance() {
        return new org.samsde.sde.Appearance(5, "dashed");
    }

    @Override
    double scale(Step step, double gn) {
        return gn > 0 ? -step.rho() / gn : 0.0;
    }

    /** Registers {@code reverse-sam}. */
    public static final class Provider extends UpdateRule.Fixed {
        /** The provider. */
        public Provider() {
            super(INSTANCE);
        }
    }
}
