package org.samsde.sde.model;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.samsde.core.objective.Batch;
import org.samsde.core.objective.Objective;
import org.samsde.core.objective.Polynomial;
import org.samsde.core.objective.ToyObjective;
import org.samsde.core.tensor.Backend;
import org.samsde.core.tensor.CpuBackend;
import org.samsde.core.tensor.Tensor;
import org.samsde.sde.Sampling;
import org.samsde.sde.Toys;

/**
 * One integrator step against the model's exact one-step moments, on a problem small enough to
 * enumerate every batch: n = 6 shifted copies of a polynomial toy (T ≠ 0), B = 2, so the 15 batches
 * give E_γ[G_γ] and Cov_γ(G_γ) exactly. An Euler–Maruyama step of size Δt of the model has mean
 * −Δt·b and covariance η·Δt·Σ̃. The empirical mean and covariance of K independent steps must match
 * within 6 standard errors per entry (the standard error of a covariance entry is taken as
 * √((Σ_pp·Σ_qq + Σ_pq²)/K), its Gaussian value; the steps are not Gaussian, hence the wide factor).
 * The same check must fail for the plug-in drift, whose mean is off, so it can fail.
 */
class StepMomentsTest {
    private static final Backend BE = CpuBackend.get();
    private static final int D = 3;
    private static final int N = 6;
    private static final int DRAWS = 20000;

    private final Polynomial p = Toys.polynomial(71, D, 0.6, 0.6);
    private final double[] xi = Toys.gaussian(72, N * D, 0.6);
    private final Objective obj = ToyObjective.shifted(p, xi, BE);
    private final double[] x = Toys.gaussian(73, D, 0.5);

    /** The exact mean and covariance over every batch of G_γ at x. */
    private double[][] exact(SdeSolver solver) {
        List<double[]> gs = new ArrayList<>();
        Tensor xt = BE.upload(x, D);
        int[] comb = {0, 1};
        do {
            gs.add(solver.increment(xt, Batch.of(comb.clone())).toArray());
        } while (ExactDrift.nextCombination(comb, N));
        double[] mean = new double[D];
        for (double[] g : gs) {
            for (int c = 0; c < D; c++) {
                mean[c] += g[c] / gs.size();
            }
        }
        double[] cov = new double[D * D];
        for (double[] g : gs) {
            for (int a = 0; a < D; a++) {
                for (int b = 0; b < D; b++) {
                    cov[a * D + b] += (g[a] - mean[a]) * (g[b] - mean[b]) / gs.size();
                }
            }
        }
        return new double[][] {mean, cov};
    }

    /**
     * @return null when the empirical moments of K steps of size dt match −dt·b and η·dt·Σ̃, else
     *     the first mismatch
     */
    private String mismatch(SdeSolver solver, double dt) {
        double[][] ex = exact(solver);
        double eta = solver.coefficients().eta();
        double[] mean = new double[D];
        double[] cov = new double[D * D];
        for (int c = 0; c < D; c++) {
            mean[c] = -dt * ex[0][c];
        }
        for (int i = 0; i < D * D; i++) {
            cov[i] = eta * dt * ex[1][i];
        }
        double[] sum = new double[D];
        double[] outer = new double[D * D];
        Tensor x0 = BE.upload(x, D);
        SdeSolver.State s = solver.init(x0, 5);
        for (int k = 0; k < DRAWS; k++) {
            BE.upload(x, 0, s.x(), 0, D);
            solver.integrator().step(solver, s, dt);
            double[] step = s.x().toArray();
            for (int c = 0; c < D; c++) {
                step[c] -= x[c];
            }
            for (int a = 0; a < D; a++) {
                sum[a] += step[a];
                for (int b = 0; b < D; b++) {
                    outer[a * D + b] += step[a] * step[b];
                }
            }
        }
        double[] m = new double[D];
        for (int a = 0; a < D; a++) {
            m[a] = sum[a] / DRAWS;
            double se = Math.sqrt(cov[a * D + a] / DRAWS);
            if (Math.abs(m[a] - mean[a]) > 6 * se) {
                return "mean[" + a + "] " + m[a] + " against " + mean[a] + " (6 standard errors: " + 6 * se + ")";
            }
        }
        for (int a = 0; a < D; a++) {
            for (int b = 0; b < D; b++) {
                double emp = outer[a * D + b] / DRAWS - m[a] * m[b];
                double e = cov[a * D + b];
                double tol = 6 * Math.sqrt((cov[a * D + a] * cov[b * D + b] + e * e) / DRAWS);
                if (Math.abs(emp - e) > tol) {
                    return "cov[" + a + "," + b + "] " + emp + " against " + e + " (tolerance " + tol + ")";
                }
            }
        }
        return null;
    }

    private SdeSolver.Builder base(SdeModel model) {
        return SdeSolver.builder(obj, model).rho(0.4).eta(0.2).sampling(new Sampling(2, false));
    }

    @Test
    void theDefaultEstimatorsGiveEachStepTheModelsMeanAndCovariance() {
        for (SdeModel model : new SdeModel[] {Sam2.INSTANCE, Sam3.INSTANCE, Usam.INSTANCE}) {
            SdeSolver solver = base(model).build();
            assertTrue(solver.approximations().isEmpty(), solver.description());
            String at = mismatch(solver, 0.2);
            assertTrue(at == null, model.name() + ", Δt = η: " + at);
            String half = mismatch(solver, 0.1);
            assertTrue(half == null, model.name() + ", Δt = η/2: " + half);
        }
    }

    @Test
    void theCheckDetectsThePlugInDriftsBias() {
        SdeSolver plugin = base(Sam3.INSTANCE).drift(new PluginDrift()).noise(new BatchMcNoise(8)).build();
        assertFalse(plugin.approximations().isEmpty());
        assertTrue(mismatch(plugin, 0.2) != null, "the plug-in drift's mean should be told apart from the model's");
    }

    @Test
    void uncompensatedMonteCarloNoiseInflatesTheCovariance() {
        // mc:2 with batch-mc:2 noise of its own adds the drift estimate's covariance Σ̃/2 on top of Σ̃
        SdeSolver doubled = base(Sam3.INSTANCE).drift(new MonteCarloDrift(2)).noise(new BatchMcNoise(2)).build();
        assertTrue(mismatch(doubled, 0.2) != null, "an uncompensated estimate should be told apart");
        assertTrue(mismatch(base(Sam3.INSTANCE).drift(new MonteCarloDrift(2)).build(), 0.2) == null, "compensated mc:2");
    }
}
