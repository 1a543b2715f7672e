package org.samsde.sde.model;

import org.samsde.core.tensor.Tensor;
import org.samsde.sde.Vectors;

/**
 * The SAM increments: the batch gradient at x + ρn_γ, n_γ = g_γ/‖g_γ‖ (0 at g_γ = 0), expanded
 * to order K. Direction Jacobian J·w = ρ(w − ⟨n, w⟩n)/‖g‖.
 */
abstract class NormalisedExpansion implements SdeModel {

    @Override
    public final Tensor direction(Tensor x, Tensor g, Coefficients c) {
        double gn = Vectors.norm(g);
        Tensor v = Vectors.copy(g);
        Vectors.scale(gn > 0 ? c.rho() / gn : 0.0, v);
        return v;
    }

    @Override
    public final boolean batchDirection() {
        return true;
    }

    @Override
    public final boolean directionJacobian(Tensor x, Tensor g, Tensor w, Coefficients c) {
        double gn = Vectors.norm(g);
        if (c.rho() == 0 || gn == 0) {
            return false;
        }
        double cos = Vectors.dot(g, w) / (gn * gn);
        Vectors.axpy(-cos, g, w);
        Vectors.scale(c.rho() / gn, w);
        return true;
    }
}
