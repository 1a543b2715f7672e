package org.samsde.core.hessian;

import java.util.Objects;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.samsde.core.InvalidInputException;
import org.samsde.core.tensor.Vectors;

/**
 * Extreme eigenpairs of a symmetric operator by the Lanczos method with full
 * reorthogonalisation: the k largest ({@link Which#TOP}), smallest ({@link Which#BOTTOM}) or
 * largest-magnitude eigenvalues with their eigenvectors, from operator applications only.
 *
 * <p><b>Method.</b> From a unit start q₀ the recurrence
 * β_j q_{j+1} = H q_j − α_j q_j − β_{j−1} q_{j−1}, α_j = ⟨q_j, H q_j⟩, builds an orthonormal
 * basis Q_n of the Krylov space span{q₀, Hq₀, …, H^{n−1}q₀} and the tridiagonal
 * T_n = Q_nᵀ H Q_n = tridiag(β, α, β); each new q is reorthogonalised against the whole basis
 * twice, so no spurious copies ("ghosts") of converged eigenvalues appear. The eigenpairs
 * T_n s_i = θ_i s_i (EJML's symmetric tridiagonal QR) give Ritz pairs (θ_i, y_i = Q_n s_i) with
 * ‖H y_i − θ_i y_i‖ = |β_{n−1}|·|s_{n−1,i}| — computed at every step without touching H.
 *
 * <p><b>Stopping rule.</b> Stop at the first step n ≥ k (n ≥ min(k + {@link #MIN_WARM_STEPS}, step
 * cap) from a given start vector, see "Warm starts" below) where every wanted Ritz pair has
 * |β_{n−1} s_{n−1,i}| ≤ tol·max(|θ_i|, 10⁻⁶·θ_abs), θ_abs the largest |Ritz value| (an
 * estimate of ‖H‖); the floor only matters for eigenvalues below 10⁻⁶‖H‖ in magnitude, which
 * have no relative accuracy to speak of. The returned residuals are then recomputed from real
 * products H y_i (k more applications, batched), and {@link EigenResult#converged()} says
 * whether those explicit residuals meet the same rule. If n reaches {@link #maxIterations()} first,
 * the best pairs are returned with converged = false.
 *
 * <p><b>Warm starts.</b> A small residual proves that θ_i is close to SOME eigenvalue, not that it
 * is among the wanted ones. A warm start s (the previous record's eigenvector) that has become an
 * eigenvector of a lower eigenvalue, after two eigenvalues crossed, meets the rule after one step
 * on the wrong branch, and its Krylov space holds almost nothing of the new top eigenvector. So a
 * given start is used as q₀ = s/‖s‖ + μ·g/‖g‖ with g a seeded N(0, I) draw and μ =
 * {@link #WARM_START_MIX} (every eigendirection is then present at relative size about μ/√d,
 * far above the rounding level), and the rule may fire only from step
 * min(k + {@link #MIN_WARM_STEPS}, step cap) on, which gives the Krylov polynomial room to bring
 * out a separated eigenvalue above the start's branch. This is a safeguard, not a proof: with
 * λ₁ − λ₂ small against the spread of the spectrum and a loose tolerance a warm start can still stop
 * on λ₂ (so, rarely, can a random start); a cold start ({@code start == null}) is unchanged.
 *
 * <p><b>Invariant subspaces.</b> When β_j ≈ 0 the Krylov space is invariant and all its Ritz
 * pairs are exact; the recurrence restarts with a seeded random vector orthogonal to the basis
 * (so eigenvalues outside the first Krylov space, including further copies of a repeated
 * eigenvalue, can still be found) and stops when the basis spans ℝᵈ. A single start vector
 * otherwise sees one direction per eigenspace: an eigenvalue of exact multiplicity m &gt; 1 is
 * found once unless a breakdown occurs; use {@link FullHessian} when that matters.
 *
 * <p><b>Method properties.</b> Cost: n + k operator applications (HVPs), n the number of steps
 * (at least k + {@link #MIN_WARM_STEPS} from a warm start),
 * typically far fewer than power iteration needs (convergence depends on √gap rather than gap);
 * host memory n·d doubles for the basis; host work O(n²d) for reorthogonalisation. Reference:
 * Golub &amp; Van Loan, Matrix Computations, 4th ed., §10.1–10.3; Parlett, The Symmetric
 * Eigenvalue Problem, ch. 13. Deterministic for a given seed.
 *
 * @param tolerance tol, the relative residual required, in (0, 1)
 * @param maxIterations the most Lanczos steps, or 0 for min(d, max(300, 20·k))
 * @param seed the seed of the start vector and of restart vectors
 */
public record Lanczos(double tolerance, int maxIterations, long seed) {
    /** Default relative residual tolerance. */
    public static final double DEFAULT_TOLERANCE = 1e-8;
    /** Floor of the convergence scale, relative to the largest |Ritz value|. */
    static final double SCALE_FLOOR = 1e-6;
    /** μ, the weight of the seeded random component mixed into a warm start, relative to the start. */
    static final double WARM_START_MIX = 1e-2;
    /** Steps beyond k before the stopping rule may fire on a warm start (capped by the step limit). */
    static final int MIN_WARM_STEPS = 10;

    /**
     * Validates the options.
     *
     * @param tolerance tol, the relative residual required, in (0, 1)
     * @param maxIterations the most Lanczos steps, or 0 for min(d, max(300, 20·k))
     * @param seed the seed of the start vector and of restart vectors
     */
    public Lanczos {
        if (!(tolerance > 0 && tolerance < 1)) {
            throw new InvalidInputException("Lanczos tolerance must be in (0, 1), got " + tolerance);
        }
        if (maxIterations < 0) {
            throw new InvalidInputException("Lanczos max iterations must be >= 0 (0 = automatic), got " + maxIterations);
        }
    }

    /** @return tolerance 1e-8, automatic iteration cap, seed 0 */
    public static Lanczos defaults() {
        return new Lanczos(DEFAULT_TOLERANCE, 0, 0);
    }

    /**
     * @param tol the relative residual tolerance
     * @return a copy with that tolerance
     */
    public Lanczos withTolerance(double tol) {
        return new Lanczos(tol, maxIterations, seed);
    }

    /**
     * @param max the most steps (0: automatic)
     * @return a copy with that cap
     */
    public Lanczos withMaxIterations(int max) {
        return new Lanczos(tolerance, max, seed);
    }

    /**
     * @param s the seed
     * @return a copy with that seed
     */
    public Lanczos withSeed(long s) {
        return new Lanczos(tolerance, maxIterations, s);
    }

    /**
     * @param d the dimension
     * @param k the number of pairs
     * @return the number of steps this configuration allows, at most d
     */
    public int stepLimit(int d, int k) {
        return Math.min(d, maxIterations == 0 ? Math.max(300, 20 * k) : maxIterations);
    }

    /**
     * k eigenpairs from a seeded N(0, I) start vector.
     *
     * @param h the operator
     * @param k how many pairs, 1 ≤ k ≤ d
     * @param which which end of the spectrum
     * @return the pairs in the order of {@code which}, with explicit residuals
     * @throws InvalidInputException when k is outside 1..d or the step cap is below k
     */
    public EigenResult compute(SymmetricOperator h, int k, Which which) {
        return compute(h, k, which, null);
    }

    /**
     * k eigenpairs from a given start vector.
     *
     * @param h the operator
     * @param k how many pairs, 1 ≤ k ≤ d
     * @param which which end of the spectrum
     * @param start the start vector (d elements, nonzero, finite), or null for a seeded N(0, I) draw; a
     *              seeded random component is mixed into it (see "Warm starts" above); not modified
     * @return the pairs in the order of {@code which}, with explicit residuals
     * @throws InvalidInputException when k is outside 1..d or the step cap is below k
     * @throws IllegalArgumentException when start has the wrong length, a non-finite entry or is zero
     */
    public EigenResult compute(SymmetricOperator h, int k, Which which, double[] start) {
        Objects.requireNonNull(which, "which");
        int d = h.dimension();
        requirePairs(k, d);
        if (maxIterations != 0 && maxIterations < k) {
            throw new InvalidInputException("Lanczos max iterations (" + maxIterations + ") must be at least k = " + k);
        }
        int limit = stepLimit(d, k);
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
        double[] q0 = new double[d];
        Vectors.gaussian(rng, q0, 0, d);
        int minSteps = k;
        if (start != null) {
            q0 = warmStart(start, q0);
            minSteps = Math.min(limit, k + MIN_WARM_STEPS);
        }
        long before = h.applications();
        LanczosProcess lp = new LanczosProcess(h, limit, q0, rng);
        while (lp.canStep()) {
            boolean breakdown = lp.step();
            int n = lp.steps();
            // at a breakdown all current Ritz pairs are exact, but wanted eigenvalues may lie
            // outside this Krylov space: look there first unless the space is exhausted
            if (breakdown && n < limit && lp.restart()) {
                continue;
            }
            if (n >= minSteps && estimatesConverged(lp, k, which)) {
                break;
            }
        }
        return extract(h, lp, k, which, before);
    }

    /**
     * q₀ = s/‖s‖ + μ·g/‖g‖: the warm start with a seeded Gaussian component of relative weight
     * μ = {@link #WARM_START_MIX}.
     *
     * @param start s, the caller's start vector; not modified
     * @param gaussian g, a seeded N(0, I) draw; modified (becomes q₀, not normalised)
     * @return q₀ (the array {@code gaussian})
     * @throws IllegalArgumentException when s has the wrong length, a non-finite entry or is zero
     */
    private static double[] warmStart(double[] start, double[] gaussian) {
        int d = gaussian.length;
        if (start.length != d) {
            throw new IllegalArgumentException("start vector has " + start.length + " elements, the operator acts on d = " + d);
        }
        double sn = Vectors.scaledNorm(start);
        if (!Double.isFinite(sn)) {
            throw new IllegalArgumentException("start vector has a non-finite entry");
        }
        if (sn == 0) {
            throw new IllegalArgumentException("start vector is zero");
        }
        double gn = Vectors.scaledNorm(gaussian);
        for (int i = 0; i < d; i++) {
            gaussian[i] = start[i] / sn + WARM_START_MIX * gaussian[i] / gn;
        }
        return gaussian;
    }

    private boolean estimatesConverged(LanczosProcess lp, int k, Which which) {
        double[] theta = lp.ritzValues();
        double scale = SCALE_FLOOR * absMax(theta);
        int[] wanted = which.order(theta);
        for (int i = 0; i < k; i++) {
            double t = theta[wanted[i]];
            if (lp.residualEstimate(t) > tolerance * Math.max(Math.abs(t), scale)) {
                return false;
            }
        }
        return true;
    }

    private EigenResult extract(SymmetricOperator h, LanczosProcess lp, int k, Which which, long before) {
        int d = h.dimension();
        if (lp.steps() < k) {
            throw new ArithmeticException("Lanczos stopped after " + lp.steps() + " steps, fewer than k = " + k
                    + " (no direction orthogonal to the basis could be drawn)");
        }
        TridiagonalEigen eig = lp.decompose();
        double[] theta = eig.values();
        double scale = SCALE_FLOOR * absMax(theta);
        int[] wanted = which.order(theta);
        double[] values = new double[k];
        double[] vectors = new double[k * d];
        for (int i = 0; i < k; i++) {
            values[i] = theta[wanted[i]];
            lp.ritzVector(eig, wanted[i], vectors, i * d);
        }
        double[] hy = new double[k * d];
        Blocks.applyInBlocks(h, vectors, k, hy);
        double[] residuals = new double[k];
        boolean converged = true;
        for (int i = 0; i < k; i++) {
            Vectors.axpy(d, -values[i], vectors, i * d, hy, i * d);
            residuals[i] = Vectors.scaledNorm(hy, i * d, d);
            converged &= residuals[i] <= tolerance * Math.max(Math.abs(values[i]), scale);
        }
        return new EigenResult("lanczos", which, d, values, vectors, residuals, lp.steps(), h.applications() - before,
                tolerance, converged);
    }

    private static double absMax(double[] v) {
        double m = 0;
        for (double x : v) {
            m = Math.max(m, Math.abs(x));
        }
        return m;
    }

    /**
     * @param k the number of pairs asked for
     * @param d the dimension
     * @throws InvalidInputException unless 1 ≤ k ≤ d
     */
    static void requirePairs(int k, int d) {
        if (k < 1 || k > d) {
            throw new InvalidInputException("k = " + k + " eigenpairs asked for, but k must be in 1..d = " + d);
        }
    }
}
