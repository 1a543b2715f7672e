package org.samsde.core.hessian;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.samsde.core.InvalidInputException;
import org.samsde.core.tensor.Vectors;

/**
 * The k eigenvalues of LARGEST MAGNITUDE |λ| of a symmetric operator and their eigenvectors, by
 * power iteration with deflation, with PyHessian's defaults (Yao et al. 2020, {@code
 * hessian.eigenvalues}): at most 100 iterations per pair, relative tolerance 10⁻³ on the change
 * of the eigenvalue estimate.
 *
 * <p><b>It finds the largest |λ|, not the largest λ.</b> When the most negative eigenvalue of a
 * Hessian outweighs the top one (saddle regions, early training), the result is that negative
 * eigenvalue; {@link EigenResult#which()} is {@link Which#LARGEST_MAGNITUDE} to say so. Use
 * {@link Lanczos} with {@link Which#TOP} for λ_max itself.
 *
 * <p><b>Method.</b> For pair i, from a unit v (the warm start, else a seeded N(0, I) draw), repeat:
 * v ← v − Σ_{l&lt;i} ⟨v, v_l⟩v_l (deflation by projection against the pairs already found,
 * Gram–Schmidt applied twice), v ← v/‖v‖, w = H v, λ = ⟨v, w⟩ (the Rayleigh quotient),
 * r = ‖w − λ v‖; stop when |λ − λ_prev| &lt; tol·(|λ_prev| + 10⁻⁶) (PyHessian's rule, its absolute
 * floor included), else v ← w/‖w‖. The pair returned is (λ, v) of the last iteration, so its
 * residual r is exact and costs no extra product. (PyHessian returns the previous estimate of λ
 * with the normalised w; the eigenvalue agrees to within the tolerance.)
 *
 * <p><b>Convergence.</b> The stopping rule measures progress, not accuracy: with ratio
 * ρ = |λ_{i+1}|/|λ_i| close to 1 the estimate creeps and the rule can fire early (on
 * {10, 9.9, 9, bulk} it stops with 1.4% error and |cos(v, v₁)| as low as 0.02); the residual,
 * reported for every pair, is the honest measure (|λ − λ_true| ≤ r). So the rule decides only
 * WHEN to stop (iteration counts and eigenvalues stay PyHessian's), while
 * {@link EigenResult#converged()} is the residual test of the returned pairs, as for
 * {@link Lanczos}: every pair has r_i ≤ tol·max(|λ_i|, 10⁻⁶·|λ_0|), λ_0 the first (largest |λ|)
 * pair. A pair whose estimate stopped moving with a larger residual, or that hit the iteration
 * cap, makes it false. Expect false after most runs: the change of λ per iteration is of second
 * order in r, so the rule fires with r of order √tol·|λ| or more; the eigenvalue may still be good
 * (|λ − λ_true| ≤ r²/δ with δ the gap), the flag says only that r does not prove it.
 *
 * <p><b>Method properties.</b> Cost: one operator application (HVP) per iteration; error of the
 * eigenvalue after t iterations O(ρ^{2t}). Host memory: (k + 2)·d doubles. Deterministic for a
 * given seed and start.
 *
 * @param maxIterations the most iterations per pair, ≥ 1
 * @param tolerance the relative change of the eigenvalue estimate that ends a pair's iteration, and the
 *                  relative residual that {@link EigenResult#converged()} requires, in (0, 1)
 * @param seed the seed of the random start vectors (the warm start is used for the first pairs when given)
 */
public record PowerIteration(int maxIterations, double tolerance, long seed) {
    /** PyHessian's iteration cap per eigenpair. */
    public static final int DEFAULT_MAX_ITERATIONS = 100;
    /** PyHessian's relative tolerance on the change of the eigenvalue estimate. */
    public static final double DEFAULT_TOLERANCE = 1e-3;
    /** PyHessian's absolute floor in the denominator of the relative change. */
    static final double CHANGE_FLOOR = 1e-6;

    /**
     * Validates the options.
     *
     * @param maxIterations the most iterations per pair, ≥ 1
     * @param tolerance the relative change of the eigenvalue estimate that ends a pair's iteration, and the
     *     relative residual that {@link EigenResult#converged()} requires, in (0, 1)
     * @param seed the seed of the random start vectors (the warm start is used for the first pairs when given)
     */
    public PowerIteration {
        if (maxIterations < 1) {
            throw new InvalidInputException("power iteration max iterations must be >= 1, got " + maxIterations);
        }
        if (!(tolerance > 0 && tolerance < 1)) {
            throw new InvalidInputException("power iteration tolerance must be in (0, 1), got " + tolerance);
        }
    }

    /** @return PyHessian's defaults: 100 iterations, tolerance 1e-3, seed 0 */
    public static PowerIteration defaults() {
        return new PowerIteration(DEFAULT_MAX_ITERATIONS, DEFAULT_TOLERANCE, 0);
    }

    /**
     * @param max iterations per pair
     * @return a copy with that cap
     */
    public PowerIteration withMaxIterations(int max) {
        return new PowerIteration(max, tolerance, seed);
    }

    /**
     * @param tol relative tolerance on the eigenvalue change
     * @return a copy with that tolerance
     */
    public PowerIteration withTolerance(double tol) {
        return new PowerIteration(maxIterations, tol, seed);
    }

    /**
     * @param s the seed
     * @return a copy with that seed
     */
    public PowerIteration withSeed(long s) {
        return new PowerIteration(maxIterations, tolerance, s);
    }

    /**
     * The k largest-magnitude pairs from seeded N(0, I) starts.
     *
     * @param h the operator
     * @param k how many pairs, 1 ≤ k ≤ d
     * @return the pairs in the order found (decreasing |λ| up to accuracy)
     * @throws InvalidInputException when k is outside 1..d
     */
    public EigenResult compute(SymmetricOperator h, int k) {
        return compute(h, k, null);
    }

    /**
     * The k largest-magnitude pairs from warm starts (Eigen-SAM keeps the previous v).
     *
     * @param h the operator
     * @param k how many pairs, 1 ≤ k ≤ d
     * @param start null, or j·d elements (1 ≤ j ≤ k): row i is the start of pair i, pairs past j
     *              start from seeded N(0, I) draws; not modified
     * @return the pairs in the order found (decreasing |λ| up to accuracy)
     * @throws InvalidInputException when k is outside 1..d
     * @throws IllegalArgumentException when start has a bad length or a zero or non-finite row
     */
    public EigenResult compute(SymmetricOperator h, int k, double[] start) {
        int d = h.dimension();
        Lanczos.requirePairs(k, d);
        if (start != null && (start.length == 0 || start.length % d != 0 || start.length / d > k)) {
            throw new IllegalArgumentException("warm start has " + start.length + " elements, expected j*d for 1 <= j <= k = "
                    + k + " and d = " + d);
        }
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
        long before = h.applications();
        double[][] found = new double[k][];
        double[] values = new double[k];
        double[] vectors = new double[k * d];
        double[] residuals = new double[k];
        int iterations = 0;
        double[] w = new double[d];
        for (int i = 0; i < k; i++) {
            double[] v = new double[d];
            if (start != null && (i + 1) * d <= start.length) {
                System.arraycopy(start, i * d, v, 0, d);
                for (double x : v) {
                    if (!Double.isFinite(x)) {
                        throw new IllegalArgumentException("warm start row " + i + " has a non-finite entry " + x);
                    }
                }
                if (Vectors.scaledNorm(v) == 0) {
                    throw new IllegalArgumentException("warm start row " + i + " is zero");
                }
            } else {
                Vectors.gaussian(rng, v, 0, d);
            }
            double lambda = Double.NaN;
            double residual = Double.NaN;
            boolean done = false;
            for (int t = 0; t < maxIterations && !done; t++) {
                deflate(v, found, i, d, rng);
                h.apply(v, 1, w);
                iterations++;
                double estimate = Vectors.dot(v, w);
                double change = Math.abs(estimate - lambda);
                done = t > 0 && change < tolerance * (Math.abs(lambda) + CHANGE_FLOOR);
                lambda = estimate;
                double[] r = w.clone();
                Vectors.axpy(d, -lambda, v, 0, r, 0);
                residual = Vectors.scaledNorm(r);
                System.arraycopy(v, 0, vectors, i * d, d);
                double wn = Vectors.scaledNorm(w);
                if (wn == 0) {
                    // v lies in the null space: (0, v) is an exact eigenpair
                    done = true;
                } else if (!done) {
                    for (int l = 0; l < d; l++) {
                        v[l] = w[l] / wn;
                    }
                }
            }
            values[i] = lambda;
            residuals[i] = residual;
            found[i] = java.util.Arrays.copyOfRange(vectors, i * d, (i + 1) * d);
        }
        // converged by the residual of the returned pair (a real product), not by PyHessian's rule
        double scale = Lanczos.SCALE_FLOOR * Math.abs(values[0]);
        boolean converged = true;
        for (int i = 0; i < k; i++) {
            converged &= residuals[i] <= tolerance * Math.max(Math.abs(values[i]), scale);
        }
        return new EigenResult("power", Which.LARGEST_MAGNITUDE, d, values, vectors, residuals, iterations,
                h.applications() - before, tolerance, converged);
    }

    /** v ← unit vector along (I − V Vᵀ)v for the first count found rows; redrawn if nothing is left of it. */
    private static void deflate(double[] v, double[][] found, int count, int d, UniformRandomProvider rng) {
        for (int attempt = 0; ; attempt++) {
            double before = Vectors.scaledNorm(v);
            Vectors.orthogonalise(v, found, count, d);
            if (Vectors.scaledNorm(v) > 1e-12 * before) {
                Vectors.normalise(v, 0, d);
                return;
            }
            if (attempt == 3) {
                throw new ArithmeticException("cannot find a direction orthogonal to " + count + " eigenvectors in d = " + d);
            }
            Vectors.gaussian(rng, v, 0, d);
        }
    }
}
