package org.samsde.sde.model;

import org.samsde.core.tensor.Tensor;
import org.samsde.core.tensor.Vectors;

/**
 * The base of the SAM-type models whose increment is the batch gradient at x + r·n_γ expanded to
 * order K ({@link #order()}), with n_γ = g_γ/‖g_γ‖ (0 at g_γ = 0) and the radius r = ρ by default
 * ({@link #radius}): v(x, g) = r·g/‖g‖, which depends on the batch. Its Jacobian in g, needed by
 * the per-sample noise, is J·w = r(w − ⟨n, w⟩n)/‖g‖.
 *
 * <p>The built-in {@link Sam2} (K = 1) and {@link Sam3} (K = 2) extend it. A user's variant (another
 * order, or a radius other than ρ, e.g. a fixed one or one that follows a schedule) extends it and
 * supplies {@link #name()}, {@link #order()} and, where it differs from ρ, {@link #radius}; the
 * direction, its Jacobian and {@link #batchDirection()} come from here. Implementations must stay
 * immutable, as every {@link SdeModel}.
 */
public abstract class NormalisedExpansion implements SdeModel {

    /** For subclasses. */
    protected NormalisedExpansion() {
    }

    /**
     * The length r of the direction v = r·g/‖g‖.
     *
     * @param c ρ and η
     * @return r; ρ unless overridden
     */
    protected double radius(Coefficients c) {
        return c.rho();
    }

    /**
     * @param x the point; not modified
     * @param g the batch gradient; not modified
     * @param c ρ and η
     * @return v = r·g/‖g‖, a new tensor (0 at g = 0)
     */
    @Override
    public final Tensor direction(Tensor x, Tensor g, Coefficients c) {
        double gn = Vectors.norm(g);
        Tensor v = Vectors.copy(g);
        Vectors.scale(gn > 0 ? radius(c) / gn : 0.0, v);
        return v;
    }

    /** @return true: n_γ is the batch's own direction */
    @Override
    public final boolean batchDirection() {
        return true;
    }

    /**
     * w ← r(w − ⟨n, w⟩n)/‖g‖.
     *
     * @param x the point; not modified
     * @param g the gradient; not modified
     * @param w the vector; modified
     * @param c ρ and η
     * @return false (w untouched) when r = 0 or g = 0
     */
    @Override
    public final boolean directionJacobian(Tensor x, Tensor g, Tensor w, Coefficients c) {
        double gn = Vectors.norm(g);
        double r = radius(c);
        if (r == 0 || gn == 0) {
            return false;
        }
        double cos = Vectors.dot(g, w) / (gn * gn);
        Vectors.axpy(-cos, g, w);
        Vectors.scale(r / gn, w);
        return true;
    }
}
