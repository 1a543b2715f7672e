package org.samsde.testkit;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.function.Supplier;

import org.samsde.core.tensor.Tensor;
import org.samsde.sde.model.DriftEstimate;
import org.samsde.sde.model.SdeSolver;

/**
 * Assertions that a random vector (a noise sampler's draw, a solver step) has a given mean and
 * covariance, within a stated statistical tolerance: the empirical moments of K independent draws
 * must lie within s standard errors of the expected ones, entry by entry. The standard errors are
 * those of the expected distribution: √(Σ_pp/K) for a mean entry and √((Σ_pp·Σ_qq + Σ_pq²)/K) for a
 * covariance entry (its value for Gaussian draws; for heavier tails use a larger s, e.g. 6). With
 * d entries of the mean and d(d+1)/2 of the covariance, s = 6 keeps the chance of a false failure
 * below 1e-7 per entry for near-Gaussian draws; the check's power is the shift it can see, about
 * s standard errors, so K sets it.
 *
 * <p>Draws come from {@link #noiseDraws} (a sampler's ξ′), {@link #stepDraws} (a whole integrator
 * step) or any supplier.
 */
public final class MomentAssertions {
    private MomentAssertions() {
    }

    /**
     * @param draws each call returns a new independent draw of d entries
     * @param k K, the number of draws
     * @param expected the expected mean and covariance
     * @param sigmas s, the number of standard errors allowed per entry
     * @return null when every entry is within s standard errors, else a description of the first that is not
     */
    public static String mismatch(Supplier<double[]> draws, int k, Moments expected, double sigmas) {
        Moments m = Moments.sample(draws, k);
        int d = expected.dimension();
        double[] cov = expected.covariance();
        for (int a = 0; a < d; a++) {
            double se = Math.sqrt(cov[a * d + a] / k);
            if (!(Math.abs(m.mean()[a] - expected.mean()[a]) <= sigmas * se)) {
                return "mean[" + a + "] " + m.mean()[a] + " against " + expected.mean()[a] + " (" + sigmas + " standard errors: "
                        + sigmas * se + ")";
            }
        }
        for (int a = 0; a < d; a++) {
            for (int b = 0; b < d; b++) {
                double e = cov[a * d + b];
                double tol = sigmas * Math.sqrt((cov[a * d + a] * cov[b * d + b] + e * e) / k);
                double emp = m.covariance()[a * d + b];
                if (!(Math.abs(emp - e) <= tol)) {
                    return "cov[" + a + "," + b + "] " + emp + " against " + e + " (" + sigmas + " standard errors: " + tol + ")";
                }
            }
        }
        return null;
    }

    /**
     * Fails unless K draws have the expected mean and covariance within s standard errors per entry.
     *
     * @param draws each call returns a new independent draw
     * @param k K
     * @param expected the expected moments
     * @param sigmas s
     * @param what a label for the message
     * @throws AssertionError naming the first entry out of its band
     */
    public static void assertMoments(Supplier<double[]> draws, int k, Moments expected, double sigmas, String what) {
        String miss = mismatch(draws, k, expected, sigmas);
        if (miss != null) {
            fail(what + ": " + miss);
        }
    }

    /**
     * Fails unless the mean of K draws is within s empirical standard errors √(s²_p/K) of 0 in each
     * entry (when the covariance is not known in closed form).
     *
     * @param draws each call returns a new independent draw
     * @param k K
     * @param sigmas s
     * @param what a label for the message
     * @throws AssertionError naming the first entry out of its band
     */
    public static void assertZeroMean(Supplier<double[]> draws, int k, double sigmas, String what) {
        Moments m = Moments.sample(draws, k);
        int d = m.dimension();
        for (int p = 0; p < d; p++) {
            double se = Math.sqrt(m.covariance()[p * d + p] / k);
            if (!(Math.abs(m.mean()[p]) <= sigmas * se)) {
                fail(what + ": mean[" + p + "] " + m.mean()[p] + " not within " + sigmas + " standard errors ("
                        + sigmas * se + ") of 0");
            }
        }
    }

    /**
     * Draws of a solver's noise ξ′ at a fixed x, as a step of size Δt takes them (the drift estimate
     * first, then the sampler; the step adds √(η·Δt)·ξ′). Its covariance is the model's Σ̃ for a
     * sampler without approximation.
     *
     * @param solver the solver
     * @param x the point; not modified (copied)
     * @param dt Δt
     * @param seed the trajectory seed of the batch stream and Brownian path
     * @return a supplier of draws; each call advances one trajectory state; returns zeros where the
     *     solver has no noise
     */
    public static Supplier<double[]> noiseDraws(SdeSolver solver, double[] x, double dt, long seed) {
        Tensor xt = solver.objective().backend().upload(x, x.length);
        SdeSolver.State st = solver.init(xt, seed);
        return () -> {
            try (DriftEstimate b = solver.drift(st, xt)) {
                Tensor v = solver.noise(st, xt, b, dt);
                if (v == null) {
                    return new double[x.length];
                }
                try (v) {
                    return v.toArray();
                }
            }
        };
    }

    /**
     * Draws of one integrator step X₁ − x from a fixed x (the state is reset to x before each step).
     * For Euler–Maruyama their moments are {@link Moments#eulerStep} of the increment moments.
     *
     * @param solver the solver
     * @param x the point; not modified (copied)
     * @param dt Δt
     * @param seed the trajectory seed
     * @return a supplier of steps
     */
    public static Supplier<double[]> stepDraws(SdeSolver solver, double[] x, double dt, long seed) {
        int d = x.length;
        SdeSolver.State s = solver.init(solver.objective().backend().upload(x, d), seed);
        return () -> {
            solver.objective().backend().upload(x, 0, s.x(), 0, d);
            solver.substep(s, dt);
            double[] step = s.x().toArray();
            for (int c = 0; c < d; c++) {
                step[c] -= x[c];
            }
            return step;
        };
    }
}
