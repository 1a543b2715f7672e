package org.samsde.sde.optim;

import org.samsde.core.tensor.Tensor;
import org.samsde.core.tensor.Vectors;

/** Stochastic gradient descent: d = g_γ(x). Cost per step one gradient over the batch. */
public final class Sgd implements UpdateRule {
    /** The rule. */
    public static final Sgd INSTANCE = new Sgd();

    private Sgd() {
    }

    @Override
    public String name() {
        return "sgd";
    }

    @Override
    public String displayName() {
        return "SGD";
    }

    @Override
    public org.samsde.sde.Appearance appearance() {
        return new org.samsde.sde.Appearance(3, "dotted");
    }

    @Override
    public boolean perturbs() {
        return false;
    }

    @Override
    public Tensor direction(Step step) {
        return Vectors.copy(step.gradient());
    }

    /** @return gradient descent: ηλ = 2 ({@link org.samsde.sde.Stability}) */
    @Override
    public org.samsde.sde.Stability stability(double eta, double rho) {
        return org.samsde.sde.Stability.gradientDescent(eta);
    }

    /** Registers {@code sgd}. */
    public static final class Provider extends UpdateRule.Fixed {
        /** The provider. */
        public Provider() {
            super(INSTANCE);
        }
    }
}
