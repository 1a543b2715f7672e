package org.example.asam;

import org.samsde.sde.Registry;

/**
 * The ASAM perturbation (Kwon et al., ICML 2021): ε = ρ·T²g/‖Tg‖ with the normalisation operator
 * T = diag(|x| + η_A), so that the perturbation is scale-invariant in each parameter up to η_A.
 * ε = 0 where Tg = 0. One home for the formula: the update rule {@link Asam} and the SDE model
 * {@link AsamSde} both call it.
 */
public final class AsamPerturbation {
    private AsamPerturbation() {
    }

    /**
     * @param x the parameters; not modified
     * @param g the (batch) gradient at x; not modified
     * @param rho ρ ≥ 0
     * @param etaAsam η_A &gt; 0
     * @return ε = ρ·T²g/‖Tg‖, a new array
     */
    public static double[] of(double[] x, double[] g, double rho, double etaAsam) {
        double[] eps = new double[x.length];
        double norm2 = 0;
        for (int i = 0; i < x.length; i++) {
            double t = Math.abs(x[i]) + etaAsam;
            eps[i] = t * t * g[i];
            norm2 += t * t * g[i] * g[i];
        }
        double s = norm2 > 0 ? rho / Math.sqrt(norm2) : 0.0;
        for (int i = 0; i < eps.length; i++) {
            eps[i] *= s;
        }
        return eps;
    }

    /**
     * @param etaAsam η_A
     * @return η_A
     * @throws IllegalArgumentException unless η_A is finite and positive
     */
    static double check(double etaAsam) {
        if (!(etaAsam > 0) || !Double.isFinite(etaAsam)) {
            throw new IllegalArgumentException("ASAM's eta must be finite and positive, got " + etaAsam);
        }
        return etaAsam;
    }

    /**
     * @param name the building block's name, for messages
     * @param argument the text after the colon, or null
     * @return η_A from the argument, {@link Asam#DEFAULT_ETA} when null
     * @throws IllegalArgumentException unless the argument is a finite number &gt; 0
     */
    static double parse(String name, String argument) {
        return argument == null ? Asam.DEFAULT_ETA : Registry.decimalArgument(name, argument, 0, true);
    }
}
