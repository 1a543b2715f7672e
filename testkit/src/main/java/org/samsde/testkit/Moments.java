package org.samsde.testkit;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import org.samsde.core.objective.Batch;
import org.samsde.core.stats.SampleMoments;
import org.samsde.core.tensor.Tensor;
import org.samsde.sde.model.ExactDrift;
import org.samsde.sde.model.SdeSolver;

/**
 * The mean and covariance of a distribution on ℝ^d, exact (over a finite population) or empirical
 * (from draws), as computed by {@link SampleMoments}.
 *
 * @param mean the mean, d entries
 * @param covariance the covariance, row-major d × d (population normalisation 1/N)
 * @param count the number of draws or population members behind them
 */
public record Moments(double[] mean, double[] covariance, int count) {

    /**
     * Checks the shapes.
     *
     * @param mean the mean, d entries
     * @param covariance the covariance, row-major d × d (population normalisation 1/N)
     * @param count the number of draws or population members behind them
     */
    public Moments {
        if (covariance.length != mean.length * mean.length) {
            throw new IllegalArgumentException("covariance has " + covariance.length + " entries, expected " + mean.length + "^2");
        }
    }

    /** @return d */
    public int dimension() {
        return mean.length;
    }

    /**
     * @param values the population, each of d entries; not modified
     * @return its mean and covariance (1/N)Σ(vᵢ − v̄)(vᵢ − v̄)ᵀ
     * @throws IllegalArgumentException when empty
     */
    public static Moments of(List<double[]> values) {
        SampleMoments m = SampleMoments.of(values);
        return new Moments(m.mean(), m.covariance(true), m.count());
    }

    /**
     * @param draws the distribution; each call returns a new draw
     * @param k the number of draws K
     * @return the empirical mean and covariance of K draws
     */
    public static Moments sample(Supplier<double[]> draws, int k) {
        List<double[]> v = new ArrayList<>(k);
        for (int i = 0; i < k; i++) {
            v.add(draws.get());
        }
        return of(v);
    }

    /**
     * The exact moments of the solver's increment G_γ(x) over batches γ: every batch of B distinct
     * samples of the n, enumerated (B from the solver's sampling).
     *
     * @param solver the solver (its objective, model, coefficients and batch size)
     * @param x the point; not modified
     * @return E_γ[G_γ] and Cov_γ(G_γ), over C(n, B) batches
     */
    public static Moments ofIncrements(SdeSolver solver, double[] x) {
        int n = solver.objective().sampleCount();
        int b = solver.sampling().size(n);
        Tensor xt = solver.objective().backend().upload(x, x.length);
        int[] comb = new int[b];
        for (int i = 0; i < b; i++) {
            comb[i] = i;
        }
        List<double[]> gs = new ArrayList<>();
        do {
            try (Tensor g = solver.increment(xt, Batch.of(comb.clone()))) {
                gs.add(g.toArray());
            }
        } while (ExactDrift.nextCombination(comb, n));
        return of(gs);
    }

    /**
     * The moments of one Euler–Maruyama step X ← x − Δt·b + √(η·Δt)·ξ′ of a model with these
     * increment moments (b the mean, Σ̃ the covariance of the increment): mean −Δt·b, covariance
     * η·Δt·Σ̃.
     *
     * @param eta η
     * @param dt Δt
     * @return the step's moments
     */
    public Moments eulerStep(double eta, double dt) {
        double[] m = new double[mean.length];
        for (int i = 0; i < m.length; i++) {
            m[i] = -dt * mean[i];
        }
        double[] c = new double[covariance.length];
        for (int i = 0; i < c.length; i++) {
            c[i] = eta * dt * covariance[i];
        }
        return new Moments(m, c, count);
    }
}
