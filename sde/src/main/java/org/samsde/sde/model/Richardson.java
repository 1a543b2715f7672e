package org.samsde.sde.model;

/**
 * Richardson (Talay–Tubaro) extrapolation of expectations computed with a weak-order-p scheme at
 * steps Δt and Δt/2: E ≈ (2^p·E[φ(X^{Δt/2})] − E[φ(X^{Δt})])/(2^p − 1); for Euler–Maruyama (p = 1),
 * 2E[φ(X^{Δt/2})] − E[φ(X^{Δt})].
 *
 * <p>Method properties: weak order p + 1 (2 for Euler–Maruyama) when the weak error has an
 * expansion in Δt (smooth coefficients; Talay and Tubaro 1990); no strong order (it combines
 * expectations, not paths). Cost: the two solves, 3× one solve at Δt/2 counting passes.
 */
public final class Richardson {
    private Richardson() {
    }

    /**
     * @param coarse E[φ] at step Δt (or one path's value, for control-variate estimates)
     * @param fine E[φ] at step Δt/2
     * @param order p, the weak order of the scheme
     * @return the extrapolated value
     */
    public static double extrapolate(double coarse, double fine, int order) {
        double f = Math.pow(2, order);
        return (f * fine - coarse) / (f - 1);
    }

    /**
     * @param coarse E[φ] at step Δt
     * @param fine E[φ] at step Δt/2
     * @param scheme the integrator of both solves; its declared weak order {@link Integrator#order} is p
     * @return the extrapolated value
     */
    public static double extrapolate(double coarse, double fine, Integrator scheme) {
        return extrapolate(coarse, fine, scheme.order());
    }

    /**
     * @param scheme the integrator of the two solves
     * @return p + 1, the weak order of the extrapolated expectations when the scheme's is p
     */
    public static int order(Integrator scheme) {
        return scheme.order() + 1;
    }
}
