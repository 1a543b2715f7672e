package org.samsde.cli;

import org.samsde.core.tensor.Tensor;
import org.samsde.core.tensor.Vectors;
import org.samsde.sde.optim.Step;
import org.samsde.sde.optim.UpdateRule;

/**
 * A user's update rule as the command line meets it: not part of the toolkit, registered only in
 * the tests' {@code META-INF/services}. d = g_γ/2, so its run equals SGD's at half the learning rate.
 */
public final class HalfStepRule implements UpdateRule {
    @Override
    public String name() {
        return "half-step";
    }

    @Override
    public boolean perturbs() {
        return false;
    }

    @Override
    public Tensor direction(Step step) {
        Tensor d = Vectors.copy(step.gradient());
        Vectors.scale(0.5, d);
        return d;
    }

    /** Registers {@code half-step}. */
    public static final class Provider extends UpdateRule.Fixed {
        /** The provider. */
        public Provider() {
            super(new HalfStepRule());
        }
    }
}
