package org.samsde.sde;

import java.util.Objects;

/**
 * A method's linear-stability threshold on a quadratic: the largest curvature λ along which its
 * full-batch iteration does not grow, of the form
 *
 * <pre>
 *     ηλ(1 + cλ) = 2,    c = a + b/‖∇f‖,    so    λ* = (4/η) / (1 + √(1 + 8c/η)).
 * </pre>
 *
 * On f = ½xᵀHx an update x ← x − η·H(x + κHx) multiplies the component along an eigenvector of
 * eigenvalue λ by 1 − ηλ(1 + κλ); it is bounded iff |1 − ηλ(1 + κλ)| ≤ 1, which for κ ≥ 0 is
 * ηλ(1 + κλ) ≤ 2. Gradient descent has κ = 0 (λ* = 2/η), USAM κ = ρ (a = ρ), SAM κ = ρ/‖∇f‖
 * (b = ρ): its threshold holds at the current gradient norm, assumed constant over the steps
 * considered (docs/stability.md derives all three and states when that assumption holds). A
 * user's rule declares its threshold through
 * {@link org.samsde.sde.optim.UpdateRule#stability(double, double)} in this family, and
 * {@code run.json} records it (fields {@code eta}, {@code a}, {@code b}, {@code equation}) for
 * the figures to draw.
 *
 * @param eta η, the step size of one update, &gt; 0 and finite
 * @param a the curvature weight's constant part, 0 or more
 * @param b the curvature weight's part per 1/‖∇f‖, 0 or more
 * @param equation the threshold's equation for legends and records, e.g. {@code ηλ(1 + ρλ) = 2}
 */
public record Stability(double eta, double a, double b, String equation) {

    /**
     * Validates the fields.
     *
     * @param eta η &gt; 0, finite
     * @param a 0 or more, finite
     * @param b 0 or more, finite
     * @param equation not blank
     * @throws IllegalArgumentException naming the bad field
     */
    public Stability {
        if (!(eta > 0) || !Double.isFinite(eta)) {
            throw new IllegalArgumentException("a stability threshold needs a step size η > 0, got " + eta);
        }
        if (!(a >= 0) || !Double.isFinite(a) || !(b >= 0) || !Double.isFinite(b)) {
            throw new IllegalArgumentException("a stability threshold's weights a, b are finite and 0 or more, got a = " + a + ", b = " + b);
        }
        Objects.requireNonNull(equation, "equation");
        if (equation.isBlank()) {
            throw new IllegalArgumentException("a stability threshold needs its equation");
        }
    }

    /**
     * Gradient descent, x ← x − η∇f: ηλ = 2.
     *
     * @param eta η
     * @return λ* = 2/η
     */
    public static Stability gradientDescent(double eta) {
        return new Stability(eta, 0, 0, "ηλ = 2");
    }

    /**
     * Unnormalised SAM, x ← x − η∇f(x + ρ∇f): ηλ(1 + ρλ) = 2.
     *
     * @param eta η
     * @param rho ρ, 0 or more
     * @return the threshold
     */
    public static Stability usam(double eta, double rho) {
        return new Stability(eta, rho, 0, "ηλ(1 + ρλ) = 2");
    }

    /**
     * SAM, x ← x − η∇f(x + ρ∇f/‖∇f‖): ηλ(1 + ρλ/‖∇f‖) = 2 at the current ‖∇f‖, held constant.
     *
     * @param eta η
     * @param rho ρ, 0 or more
     * @return the threshold
     */
    public static Stability sam(double eta, double rho) {
        return new Stability(eta, 0, rho, "ηλ(1 + ρλ/‖∇f‖) = 2");
    }

    /** @return whether the threshold depends on ‖∇f‖ (b &gt; 0) */
    public boolean dependsOnGradient() {
        return b > 0;
    }

    /**
     * @param gradNorm ‖∇f‖ at the point, 0 or more (ignored when {@link #dependsOnGradient()} is false)
     * @return λ*, the positive root of ηλ(1 + cλ) = 2 with c = a + b/‖∇f‖; 0 where c is infinite
     *     (b &gt; 0 at ‖∇f‖ = 0); NaN for a NaN or negative norm that the threshold needs
     */
    public double threshold(double gradNorm) {
        double c = a;
        if (b > 0) {
            if (!(gradNorm >= 0)) {
                return Double.NaN;
            }
            if (gradNorm == 0) {
                return 0;
            }
            c += b / gradNorm;
        }
        // the root (−1 + √(1 + 8c/η))/(2c), written without cancellation; 2/η at c = 0
        return 4 / eta / (1 + Math.sqrt(1 + 8 * c / eta));
    }

    /**
     * @param lambda a curvature λ
     * @param gradNorm ‖∇f‖ (as in {@link #threshold})
     * @return the factor 1 − ηλ(1 + cλ) by which one update multiplies the component along an
     *     eigenvector of eigenvalue λ
     */
    public double factor(double lambda, double gradNorm) {
        double c = a + (b > 0 ? b / gradNorm : 0);
        return 1 - eta * lambda * (1 + c * lambda);
    }
}
