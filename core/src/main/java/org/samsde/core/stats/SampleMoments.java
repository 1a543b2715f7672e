package org.samsde.core.stats;

import java.util.ArrayList;
import java.util.List;

import org.samsde.core.tensor.Vectors;

/**
 * The first and second moments of a sample of vectors v₁ … v_K in ℝ^d: the mean
 * v̄ = Σₖ vₖ/K, the covariance C = Σₖ uₖuₖᵀ/D with uₖ = vₖ − v̄ and D = K (population: every
 * member of a finite population, e.g. every batch enumerated) or K − 1 (an unbiased estimate from
 * draws), its trace, and the spread of the covariance estimate. The draws are kept (not copied),
 * so every statistic is computed in two passes, and every sum runs in draw order and then index
 * order, each term divided by its count: the same sample gives the same bits on every machine.
 *
 * <p>Commons Math's {@code VectorialCovariance} updates a running mean instead, which differs in the
 * last bits from these sums; the recorded drift bias ({@code SdeSolver.driftBias}) is computed here
 * and must stay bitwise reproducible, so this class keeps its own order.
 */
public final class SampleMoments {
    private final int d;
    private final List<double[]> draws = new ArrayList<>();

    /**
     * An empty sample.
     *
     * @param d the dimension, at least 1
     */
    public SampleMoments(int d) {
        if (d < 1) {
            throw new IllegalArgumentException("the dimension must be at least 1, got " + d);
        }
        this.d = d;
    }

    /**
     * @param values the sample, each of the same length; kept, not copied
     * @return the sample's moments
     * @throws IllegalArgumentException when empty or the lengths differ
     */
    public static SampleMoments of(List<double[]> values) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("no values");
        }
        SampleMoments m = new SampleMoments(values.get(0).length);
        values.forEach(m::add);
        return m;
    }

    /**
     * Adds one draw.
     *
     * @param v d values; kept, not copied (not modified afterwards by the caller)
     * @throws IllegalArgumentException when v has the wrong length
     */
    public void add(double[] v) {
        if (v.length != d) {
            throw new IllegalArgumentException("a draw has " + v.length + " values, the sample has d = " + d);
        }
        draws.add(v);
    }

    /** @return K, the number of draws */
    public int count() {
        return draws.size();
    }

    /** @return d */
    public int dimension() {
        return d;
    }

    /**
     * @return v̄ = Σₖ vₖ/K, a new array
     * @throws IllegalStateException when the sample is empty
     */
    public double[] mean() {
        int k = nonEmpty();
        double[] m = new double[d];
        for (double[] v : draws) {
            for (int i = 0; i < d; i++) {
                m[i] += v[i] / k;
            }
        }
        return m;
    }

    /**
     * C = Σₖ uₖuₖᵀ/D, symmetric by construction.
     *
     * @param population D = K (a whole population) rather than K − 1 (an estimate from draws)
     * @return C, row-major d × d, a new array
     * @throws IllegalStateException when the sample is empty, or has one draw and population is false
     */
    public double[] covariance(boolean population) {
        double div = divisor(population);
        double[] m = mean();
        double[] c = new double[d * d];
        double[] u = new double[d];
        for (double[] v : draws) {
            for (int i = 0; i < d; i++) {
                u[i] = v[i] - m[i];
            }
            for (int i = 0; i < d; i++) {
                double ui = u[i];
                int row = i * d;
                for (int j = i; j < d; j++) {
                    c[row + j] += ui * u[j] / div;
                }
            }
        }
        for (int i = 0; i < d; i++) {
            for (int j = i + 1; j < d; j++) {
                c[j * d + i] = c[i * d + j];
            }
        }
        return c;
    }

    /**
     * tr C = Σₖ ‖uₖ‖²/D, without forming C (for a large d).
     *
     * @param population D = K rather than K − 1
     * @return the total variance
     * @throws IllegalStateException when the sample is empty, or has one draw and population is false
     */
    public double totalVariance(boolean population) {
        double div = divisor(population);
        double[] m = mean();
        double s = 0;
        for (double[] v : draws) {
            for (int i = 0; i < d; i++) {
                s += (v[i] - m[i]) * (v[i] - m[i]) / div;
            }
        }
        return s;
    }

    /**
     * E‖u‖⁴ − ‖C‖²_F over the centred draws: K times the expected squared Frobenius error
     * E‖Ĉ − C‖²_F of a covariance estimated from K draws (clipped at 0).
     *
     * @param covariance C, row-major d × d; not modified
     * @return the spread
     * @throws IllegalStateException when the sample is empty
     */
    public double fourthMomentSpread(double[] covariance) {
        int k = nonEmpty();
        double[] m = mean();
        double sum = 0;
        for (double[] v : draws) {
            double s = 0;
            for (int i = 0; i < d; i++) {
                s += (v[i] - m[i]) * (v[i] - m[i]);
            }
            sum += s * s;
        }
        return Math.max(0, sum / k - Vectors.dot(covariance, covariance));
    }

    private int nonEmpty() {
        if (draws.isEmpty()) {
            throw new IllegalStateException("the sample is empty");
        }
        return draws.size();
    }

    private double divisor(boolean population) {
        int k = nonEmpty();
        if (!population && k < 2) {
            throw new IllegalStateException("an estimate from draws needs at least 2, got " + k);
        }
        return population ? k : k - 1;
    }
}
