package org.samsde.core.hessian;

import java.util.Arrays;

/**
 * k approximate eigenpairs (λ_i, v_i) of a symmetric operator H, with the evidence for them.
 *
 * <p>Each v_i is a unit vector; its residual r_i = ‖H v_i − λ_i v_i‖₂ bounds the distance from
 * λ_i to the nearest true eigenvalue (|λ_i − λ| ≤ r_i for symmetric H) and, with a gap δ to the
 * rest of the spectrum, the eigenvalue error by r_i²/δ and the angle to the true eigenvector by
 * r_i/δ. {@link #converged()} is the residual test r_i ≤ tol·max(|λ_i|, 10⁻⁶·N), N the method's estimate
 * of ‖H‖ (the largest |Ritz value| or |λ_0|), for every
 * pair, for every method (whatever rule decided when to stop); a result that fails it says so, and
 * its pairs are still the best the method had.
 *
 * @param method the algorithm that produced it ({@code "lanczos"}, {@code "power"})
 * @param which which eigenvalues were targeted; the pairs are in that order
 *              ({@link Which#LARGEST_MAGNITUDE} for power iteration)
 * @param dimension d
 * @param eigenvalues λ_0 … λ_{k−1}
 * @param eigenvectors v_0 … v_{k−1} as the rows of a row-major (k × d) array
 * @param residuals r_i = ‖H v_i − λ_i v_i‖₂, computed from real operator applications
 * @param iterations total iterations (power: over all pairs; Lanczos: steps of the recurrence)
 * @param hvps operator applications (Hessian-vector products) used, verification included
 * @param tolerance tol, the relative residual of {@code converged} (for power iteration also its
 *                  stopping rule's relative change of λ)
 * @param converged whether every residual met tol as above
 */
public record EigenResult(String method, Which which, int dimension, double[] eigenvalues, double[] eigenvectors,
                          double[] residuals, int iterations, long hvps, double tolerance, boolean converged) {

    /**
     * Checks the shapes and copies the arrays.
     *
     * @param method the algorithm that produced it ({@code "lanczos"}, {@code "power"})
     * @param which which eigenvalues were targeted; the pairs are in that order
     *     ({@link Which#LARGEST_MAGNITUDE} for power iteration)
     * @param dimension d
     * @param eigenvalues λ_0 … λ_{k−1}
     * @param eigenvectors v_0 … v_{k−1} as the rows of a row-major (k × d) array
     * @param residuals r_i = ‖H v_i − λ_i v_i‖₂, computed from real operator applications
     * @param iterations total iterations (power: over all pairs; Lanczos: steps of the recurrence)
     * @param hvps operator applications (Hessian-vector products) used, verification included
     * @param tolerance tol, the relative residual of {@code converged} (for power iteration also its
     *     stopping rule's relative change of λ)
     * @param converged whether every residual met tol as above
     */
    public EigenResult {
        int k = eigenvalues.length;
        if (dimension < 1 || eigenvectors.length != (long) k * dimension || residuals.length != k) {
            throw new IllegalArgumentException("an eigen result of " + k + " pairs in d = " + dimension + " needs "
                    + (long) k * dimension + " vector and " + k + " residual entries, got " + eigenvectors.length
                    + " and " + residuals.length);
        }
        eigenvalues = eigenvalues.clone();
        eigenvectors = eigenvectors.clone();
        residuals = residuals.clone();
    }

    /** @return k, the number of pairs */
    public int count() {
        return eigenvalues.length;
    }

    /** @return a copy of λ_0 … λ_{k−1} */
    /** @return a copy of {@code eigenvalues} */
    @Override
    public double[] eigenvalues() {
        return eigenvalues.clone();
    }

    /** @return a copy of the (k × d) row-major eigenvectors */
    /** @return a copy of {@code eigenvectors} */
    @Override
    public double[] eigenvectors() {
        return eigenvectors.clone();
    }

    /** @return a copy of the residuals r_i */
    /** @return a copy of {@code residuals} */
    @Override
    public double[] residuals() {
        return residuals.clone();
    }

    /**
     * @param i pair index
     * @return λ_i
     */
    public double eigenvalue(int i) {
        return eigenvalues[i];
    }

    /**
     * @param i pair index
     * @return a copy of v_i
     */
    public double[] eigenvector(int i) {
        return Arrays.copyOfRange(eigenvectors, i * dimension, (i + 1) * dimension);
    }

    /**
     * @param i pair index
     * @return r_i
     */
    public double residual(int i) {
        return residuals[i];
    }

    /**
     * @return the same pairs sorted by descending algebraic eigenvalue (the order of files such as
     *     {@code eigenvalues.npy}); {@link #which()} still names the target
     */
    public EigenResult descending() {
        int[] p = Which.TOP.order(eigenvalues);
        double[] values = new double[p.length];
        double[] vectors = new double[eigenvectors.length];
        double[] res = new double[p.length];
        for (int i = 0; i < p.length; i++) {
            values[i] = eigenvalues[p[i]];
            res[i] = residuals[p[i]];
            System.arraycopy(eigenvectors, p[i] * dimension, vectors, i * dimension, dimension);
        }
        return new EigenResult(method, which, dimension, values, vectors, res, iterations, hvps, tolerance, converged);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EigenResult r && method.equals(r.method) && which == r.which && dimension == r.dimension
                && Arrays.equals(eigenvalues, r.eigenvalues) && Arrays.equals(eigenvectors, r.eigenvectors)
                && Arrays.equals(residuals, r.residuals) && iterations == r.iterations && hvps == r.hvps
                && Double.compare(tolerance, r.tolerance) == 0 && converged == r.converged;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(eigenvalues) * 31 + Arrays.hashCode(residuals) * 7 + Long.hashCode(hvps) + method.hashCode();
    }

    @Override
    public String toString() {
        return method + " " + which + ": " + Arrays.toString(eigenvalues) + " (residuals " + Arrays.toString(residuals)
                + ", " + iterations + " iterations, " + hvps + " HVPs, " + (converged ? "converged" : "NOT converged")
                + " at tolerance " + tolerance + ")";
    }
}
