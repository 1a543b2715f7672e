package org.samsde.sde.model;

import org.samsde.core.tensor.Tensor;
import org.samsde.sde.Vectors;

/**
 * The Euler–Maruyama update for dX = −b(X)dt + √η·S(X)dW:
 * X ← X − b(X)·Δt + √η·S(X)·ΔW, with √η·S(X)·ΔW supplied by the caller (√(η·Δt)·ξ′ for a draw ξ′ of
 * covariance Σ̃, or √η·σ·ΔW for a given Brownian increment).
 *
 * <p>Method properties: strong order ½ for multiplicative and 1 for additive noise; weak order 1
 * (Kloeden and Platen 1992, Thm. 14.1.5); one drift and one noise evaluation per step.
 */
public final class EulerMaruyama {
    private EulerMaruyama() {
    }

    /**
     * @param x the state; modified
     * @param drift b(X); not modified
     * @param dt Δt
     * @param noise the scaled noise increment, or null for none; not modified
     */
    public static void advance(Tensor x, Tensor drift, double dt, Tensor noise) {
        Vectors.axpy(-dt, drift, x);
        if (noise != null) {
            Vectors.axpy(1.0, noise, x);
        }
    }
}
