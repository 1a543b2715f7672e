package org.samsde.core.hessian;

import org.samsde.core.objective.Batch;
import org.samsde.core.objective.Objective;
import org.samsde.core.objective.TaylorResult;
import org.samsde.core.tensor.Backend;
import org.samsde.core.tensor.Tensor;
import org.samsde.core.tensor.Vectors;

/**
 * How a SAM perturbation or a gradient lines up with the top Hessian eigenvector v₁, and the
 * gradient of the top eigenvalue itself.
 *
 * <p>Why it matters (docs/design.md §6): with n = g/‖g‖ = Σ cᵢvᵢ in the Hessian eigenbasis, the ρ² term of
 * SAM's expansion contains (ρ²/2)·⟨n, v₁⟩²·∇λ₁, a penalty on λ_max weighted by the squared
 * alignment, and for a simple eigenvalue ∇λ₁ = T[v₁, v₁] (first-order perturbation theory:
 * dλ₁ = v₁ᵀ dH v₁).
 *
 * <p>Both alignment measures are 0 (never NaN) when either vector is zero, and lie in [0, 1].
 */
public final class Alignment {
    private Alignment() {
    }

    /**
     * |cos(ε, v₁)| = |⟨ε, v₁⟩|/(‖ε‖‖v₁‖): the alignment of a perturbation with an eigenvector,
     * independent of the eigenvector's sign and scale.
     *
     * @param eps the perturbation ε; not modified
     * @param v1 the eigenvector; not modified
     * @return the absolute cosine in [0, 1]; 0 when ε or v₁ is zero
     * @throws IllegalArgumentException when the lengths differ
     */
    public static double cosine(double[] eps, double[] v1) {
        Vectors.requireSameLength(eps, v1, "cosine(eps, v1)");
        double ne = Vectors.scaledNorm(eps);
        double nv = Vectors.scaledNorm(v1);
        if (ne == 0 || nv == 0) {
            return 0;
        }
        // dot of the normalised vectors, so that neither overflows
        double s = 0;
        for (int i = 0; i < eps.length; i++) {
            s += (eps[i] / ne) * (v1[i] / nv);
        }
        return Math.min(1.0, Math.abs(s));
    }

    /**
     * ⟨g/‖g‖, v₁⟩² for a unit eigenvector v₁ (v₁ is normalised here, so any scale is accepted):
     * the weight of the λ₁-penalty (ρ²/2)·⟨n, v₁⟩²·∇λ₁ in SAM's ρ² drift term.
     *
     * @param g the gradient; not modified
     * @param v1 the eigenvector; not modified
     * @return the squared overlap in [0, 1]; 0 when g or v₁ is zero
     * @throws IllegalArgumentException when the lengths differ
     */
    public static double squaredOverlap(double[] g, double[] v1) {
        double c = cosine(g, v1);
        return c * c;
    }

    /**
     * ∇λ₁ = T[v₁, v₁] = ∇³f_γ(x)[v₁, v₁] from ONE Taylor pass of order 2 along v₁: the gradient of a
     * simple eigenvalue λ₁ of ∇²f_γ(x) with unit eigenvector v₁. Valid only where λ₁ is simple (a
     * gap to the rest of the spectrum); at a crossing λ₁ is not differentiable.
     *
     * @param objective the loss
     * @param x the point; not modified
     * @param v1 the unit eigenvector of λ₁ at x (accurate: the error in ∇λ₁ is first order in
     *           the eigenvector's error); not modified
     * @param batch the samples of the batch loss f_γ
     * @return T[v₁, v₁] as a new array of d elements
     */
    public static double[] eigenvalueGradient(Objective objective, double[] x, double[] v1, Batch batch) {
        int d = objective.dimension();
        if (x.length != d || v1.length != d) {
            throw new IllegalArgumentException("x and v1 need d = " + d + " elements, got " + x.length + " and " + v1.length);
        }
        Backend be = objective.backend();
        try (Tensor xt = be.upload(x, d); Tensor vt = be.upload(v1, d)) {
            try (TaylorResult r = objective.taylor(xt, vt, 2, batch)) {
                return r.thirdOrder(0);
            }
        }
    }
}
