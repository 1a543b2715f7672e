package org.samsde.sde.optim;

import org.samsde.core.tensor.Tensor;
import org.samsde.core.tensor.Vectors;
import org.samsde.sde.Registry;

/**
 * Explicit gradient-norm regularisation: d = g_γ + λ·H_γg_γ/‖g_γ‖, descent on f_γ + λ‖g_γ‖, from one
 * order-1 pass along n_γ = g_γ/‖g_γ‖ ({@link Step#hvp}). The weight λ is ρ by default
 * ({@link #INSTANCE}, {@code egr}); {@link #withWeight} fixes it ({@code egr:λ}), so that a
 * regularisation strength other than the perturbation radius needs no rewrite of the rule. Cost per
 * step one gradient and one order-1 pass over the batch. Immutable.
 */
public final class Egr implements UpdateRule {
    /** The rule with λ = ρ. */
    public static final Egr INSTANCE = new Egr(Double.NaN);

    /** λ, or NaN for ρ. */
    private final double weight;

    private Egr(double weight) {
        this.weight = weight;
    }

    /**
     * @param lambda λ, finite and at least 0
     * @return the rule with d = g_γ + λ·H_γg_γ/‖g_γ‖ whatever ρ is, named {@code egr:λ}
     * @throws IllegalArgumentException when λ is negative or not finite
     */
    public static Egr withWeight(double lambda) {
        if (!(lambda >= 0) || !Double.isFinite(lambda)) {
            throw new IllegalArgumentException("EGR's weight must be finite and >= 0, got " + lambda);
        }
        return new Egr(lambda);
    }

    /**
     * @param step the step
     * @return λ on this step: ρ for {@link #INSTANCE}, the fixed weight otherwise
     */
    public double weight(Step step) {
        return Double.isNaN(weight) ? step.rho() : weight;
    }

    /** @return {@code egr}, or {@code egr:λ} for a fixed weight (the specification that recreates it) */
    @Override
    public String name() {
        return Double.isNaN(weight) ? "egr" : "egr:" + weight;
    }

    @Override
    public String displayName() {
        return Double.isNaN(weight) ? "EGR" : "EGR (λ = " + weight + ")";
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
        Tensor d = Vectors.copy(g);
        try (Tensor hn = step.hvp(n)) {
            Vectors.axpy(weight(step), hn, d);
        }
        return d;
    }

    /** Registers {@code egr[:λ]}. */
    public static final class Provider implements UpdateRule.Provider {
        /** The provider (found by {@link java.util.ServiceLoader}). */
        public Provider() {
        }

        @Override
        public String name() {
            return "egr";
        }

        @Override
        public String usage() {
            return "egr[:WEIGHT]";
        }

        @Override
        public UpdateRule create(String argument) {
            return argument == null ? INSTANCE : withWeight(Registry.decimalArgument("egr", argument, 0, false));
        }
    }
}
