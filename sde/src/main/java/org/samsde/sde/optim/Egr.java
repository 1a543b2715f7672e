package org.samsde.sde.optim;

import org.samsde.core.objective.TaylorResult;
import org.samsde.core.tensor.Tensor;
import org.samsde.sde.Vectors;

/**
 * Explicit gradient-norm regularisation: d = g_γ + ρH_γg_γ/‖g_γ‖, descent on f_γ + ρ‖g_γ‖, from one
 * order-1 pass along n_γ. Cost per step one gradient and one order-1 pass over the batch.
 */
public final class Egr implements UpdateRule {
    /** The rule. */
    public static final Egr INSTANCE = new Egr();

    private Egr() {
    }

    @Override
    public String name() {
        return "egr";
    }

    @Override
    public String displayName() {
        return "EGR";
    }

    // orange: EGR is drawn beside SAM (blue) and Reverse-SAM (reddish purple) in figure 5; sky
    // blue, the palette's other blue, could not be told from SAM there
    @Override
    public org.samsde.sde.Appearance appearance() {
        return new org.samsde.sde.Appearance(4, "dash-dot");
    }

    @Override
    public boolean perturbs() {
        return false;
    }

    @Override
    public Tensor direction(Step step) {
        Tensor g = step.gradient();
        double gn = Vectors.norm(g);
        if (gn == 0) {
            return Vectors.copy(g);
        }
        Tensor n = step.scratch();
        Vectors.set(g, n);
        Vectors.scale(1.0 / gn, n);
        TaylorResult r = step.objective().taylor(step.x(), n, 1, step.batch());
        Tensor c = r.gradientCoefficients();
        Tensor d = Vectors.copy(g);
        Vectors.addBlock(step.rho(), c, r.offset(1, 0), d);
        c.close();
        return d;
    }

    /** Registers {@code egr}. */
    public static final class Provider extends UpdateRule.Fixed {
        /** The provider. */
        public Provider() {
            super(INSTANCE);
        }
    }
}
