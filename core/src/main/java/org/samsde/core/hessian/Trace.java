package org.samsde.core.hessian;

import org.apache.commons.math3.stat.StatUtils;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.samsde.core.InvalidInputException;
import org.samsde.core.tensor.Vectors;

/**
 * Stochastic estimates of tr(H) from operator applications only.
 *
 * <p><b>Hutchinson</b> (1989): with Rademacher probes z_p (E[zzᵀ] = I),
 * tr(H) ≈ (1/P)·Σ_p z_pᵀ H z_p, unbiased, variance 2(‖H‖_F² − Σᵢ Hᵢᵢ²)/P; the reported standard
 * error is the sample standard deviation of the P terms over √P. Cost: P applications, in batches
 * of 32.
 *
 * <p><b>Hutch++</b> (Meyer, Musco, Musco &amp; Woodruff 2021, "Hutch++: Optimal Stochastic Trace
 * Estimation", Algorithm 1): for a budget of M applications, s = ⌊M/3⌋, g = M − 2s;
 * Q = orth(H S) for a d × s Rademacher S; then
 * tr(H) ≈ tr(QᵀHQ) + (1/g)·Σ_p z_pᵀ(I − QQᵀ)H(I − QQᵀ)z_p over g Rademacher z_p. The low-rank
 * part is exact, so for a spectrum dominated by a few large eigenvalues (Hessians!) the variance
 * falls like 1/M² instead of 1/M. Exactly M applications are used (fewer if HS is rank-deficient:
 * then Q has fewer columns). The standard error covers the Monte-Carlo part.
 *
 * <p>Both are deterministic for a given seed.
 */
public final class Trace {
    private Trace() {
    }

    /**
     * Hutchinson's estimator.
     *
     * @param h the operator
     * @param probes P ≥ 2 (two are needed for a standard error)
     * @param seed the seed of the probes
     * @return the estimate, its standard error, P and P applications
     * @throws InvalidInputException when probes &lt; 2
     */
    public static TraceEstimate hutchinson(SymmetricOperator h, int probes, long seed) {
        if (probes < 2) {
            throw new InvalidInputException("Hutchinson needs at least 2 probes for a standard error, got " + probes);
        }
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
        long before = h.applications();
        double[] terms = quadraticForms(h, probes, rng, null, 0);
        return new TraceEstimate("hutchinson", StatUtils.mean(terms), standardError(terms), probes, h.applications() - before);
    }

    /**
     * Hutch++.
     *
     * @param h the operator
     * @param matvecs M ≥ 4, the budget of operator applications (s = ⌊M/3⌋ ≥ 1 sketch vectors and
     *                g = M − 2s ≥ 2 Hutchinson probes)
     * @param seed the seed of the sketch and the probes
     * @return the estimate, the standard error of its Monte-Carlo part, g and the applications used
     * @throws InvalidInputException when matvecs &lt; 4
     */
    public static TraceEstimate hutchPlusPlus(SymmetricOperator h, int matvecs, long seed) {
        if (matvecs < 4) {
            throw new InvalidInputException("Hutch++ needs a budget of at least 4 matvecs, got " + matvecs);
        }
        int d = h.dimension();
        int s = Math.min(matvecs / 3, d);
        int g = matvecs - 2 * s;
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
        long before = h.applications();
        double[] sketch = new double[s * d];
        Vectors.rademacher(rng, sketch, 0, s * d);
        double[] hs = new double[s * d];
        Blocks.applyInBlocks(h, sketch, s, hs);
        // Q = orth(H S): Gram–Schmidt twice per column; drop columns with nothing new
        double[][] q = new double[s][];
        int rank = 0;
        for (int c = 0; c < s; c++) {
            double[] col = java.util.Arrays.copyOfRange(hs, c * d, (c + 1) * d);
            double before0 = Vectors.scaledNorm(col);
            Vectors.orthogonalise(col, q, rank, d);
            if (before0 > 0 && Vectors.scaledNorm(col) > 1e-12 * before0) {
                Vectors.normalise(col, 0, d);
                q[rank++] = col;
            }
        }
        double lowRank = 0;
        if (rank > 0) {
            double[] qs = new double[rank * d];
            for (int c = 0; c < rank; c++) {
                System.arraycopy(q[c], 0, qs, c * d, d);
            }
            double[] hq = new double[rank * d];
            Blocks.applyInBlocks(h, qs, rank, hq);
            for (int c = 0; c < rank; c++) {
                lowRank += Vectors.dot(qs, c * d, hq, c * d, d);
            }
        }
        double[] terms = quadraticForms(h, g, rng, q, rank);
        return new TraceEstimate("hutch++", lowRank + StatUtils.mean(terms), standardError(terms), g, h.applications() - before);
    }

    /**
     * @return z_pᵀ P H P z_p for P Rademacher probes, P = I − QQᵀ over the first rank rows of q
     *     (the identity when rank is 0)
     */
    private static double[] quadraticForms(SymmetricOperator h, int probes, UniformRandomProvider rng, double[][] q, int rank) {
        int d = h.dimension();
        double[] terms = new double[probes];
        for (int p0 = 0; p0 < probes; p0 += Blocks.BLOCK) {
            int b = Math.min(Blocks.BLOCK, probes - p0);
            double[] z = new double[b * d];
            Vectors.rademacher(rng, z, 0, b * d);
            if (rank > 0) {
                double[] row = new double[d];
                for (int j = 0; j < b; j++) {
                    System.arraycopy(z, j * d, row, 0, d);
                    Vectors.orthogonalise(row, q, rank, d);
                    System.arraycopy(row, 0, z, j * d, d);
                }
            }
            double[] hz = new double[b * d];
            h.apply(z, b, hz);
            for (int j = 0; j < b; j++) {
                terms[p0 + j] = Vectors.dot(z, j * d, hz, j * d, d);
            }
        }
        return terms;
    }

    /** The standard error of the mean of the probe terms, √(s²/P) with s² the unbiased variance. */
    private static double standardError(double[] x) {
        return Math.sqrt(StatUtils.variance(x) / x.length);
    }
}
