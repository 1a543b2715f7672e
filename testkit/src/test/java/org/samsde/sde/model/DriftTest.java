package org.samsde.sde.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.samsde.core.objective.Batch;
import org.samsde.core.objective.ClosedFormLoss;
import org.samsde.core.objective.Objective;
import org.samsde.core.objective.Polynomial;
import org.samsde.core.objective.Quadratic;
import org.samsde.core.objective.ToyObjective;
import org.samsde.core.tensor.Backend;
import org.samsde.core.tensor.CpuBackend;
import org.samsde.core.tensor.Tensor;
import org.samsde.core.tensor.Vectors;
import org.samsde.sde.Sampling;
import org.samsde.testkit.DriftAssertions;
import org.samsde.core.testing.Problems;
import org.samsde.core.testing.Toys;

/** Every model's drift against its closed form on the toy losses. */
class DriftTest {
    private static final Backend BE = CpuBackend.get();
    private static final int D = 4;

    private static SdeSolver solver(Objective obj, SdeModel kind, double rho, double eta, Sampling sampling, DriftEstimator drift) {
        return SdeSolver.builder(obj, kind).rho(rho).eta(eta).sampling(sampling).substeps(1).drift(drift).noise(new NoNoise()).build();
    }

    private static double[] drift(SdeSolver s, double[] x) {
        return DriftAssertions.drift(s, x, 1);
    }

    /** g + ρ·H·n + (ρ²/2)·T[n, n] from the closed forms, n = g/‖g‖. */
    private static double[] samDrift(ClosedFormLoss f, double[] x, double rho, boolean third) {
        double[] g = new double[D];
        f.gradient(x, g);
        double gn = Math.sqrt(Vectors.dot(g, g));
        double[] n = new double[D];
        for (int i = 0; i < D; i++) {
            n[i] = g[i] / gn;
        }
        double[] hn = new double[D];
        double[] tnn = new double[D];
        f.hvp(x, n, hn);
        f.thirdOrder(x, n, tnn);
        double[] b = new double[D];
        for (int i = 0; i < D; i++) {
            b[i] = g[i] + rho * hn[i] + (third ? 0.5 * rho * rho * tnn[i] : 0.0);
        }
        return b;
    }

    @Test
    void fullBatchDriftsOfThePolynomialToyAreTheirClosedForms() {
        Polynomial p = Toys.polynomial(3, D, 0.5, 0.5);
        Objective obj = ToyObjective.deterministic(p, BE);
        double[] x = Problems.gaussian(4, D, 0.8);
        double rho = 0.3;
        double eta = 0.05;
        Sampling full = Sampling.full();
        Coefficients c = new Coefficients(rho, eta);
        DriftAssertions.assertFullBatchDrift(Sam3.INSTANCE, p, c, x, (f, y, k) -> samDrift(f, y, k.rho(), true), 1e-13);
        DriftAssertions.assertFullBatchDrift(Sam2.INSTANCE, p, c, x, (f, y, k) -> samDrift(f, y, k.rho(), false), 1e-13);
        double[] g = new double[D];
        p.gradient(x, g);
        double[] hg = new double[D];
        p.hvp(x, g, hg);
        double[] usam = new double[D];
        double[] sgd2 = new double[D];
        for (int i = 0; i < D; i++) {
            usam[i] = g[i] + rho * hg[i];
            sgd2[i] = g[i] + eta / 2 * hg[i];
        }
        assertArrayEquals(usam, drift(solver(obj, org.samsde.sde.model.Usam.INSTANCE, rho, eta, full, new ExactDrift()), x), 1e-13);
        assertArrayEquals(sgd2, drift(solver(obj, Sgd2.INSTANCE, rho, eta, full, new ExactDrift()), x), 1e-13);
        assertArrayEquals(g, drift(solver(obj, Sgd1.INSTANCE, rho, eta, full, new ExactDrift()), x), 1e-15);
    }

    @Test
    void onAQuadraticTheThirdOrderTermVanishes() {
        Quadratic q = Toys.quadratic(5, D);
        double[] xi = Problems.gaussian(6, 6 * D, 0.3);
        Objective obj = ToyObjective.shifted(q, xi, BE);
        double[] x = Problems.gaussian(7, D, 1.0);
        for (DriftEstimator est : new DriftEstimator[] {new ExactDrift(), new PluginDrift()}) {
            Sampling s = new Sampling(2, false);
            assertArrayEquals(drift(solver(obj, Sam2.INSTANCE, 0.4, 0.1, s, est), x),
                    drift(solver(obj, Sam3.INSTANCE, 0.4, 0.1, s, est), x), 1e-14, est.toString());
        }
    }

    @Test
    void exactMiniBatchDriftIsTheMeanOverEveryBatch() {
        Quadratic q = Toys.quadratic(8, D);
        int n = 5;
        double[] xi = Problems.gaussian(9, n * D, 0.5);
        Objective obj = ToyObjective.shifted(q, xi, BE);
        double[] x = Problems.gaussian(10, D, 1.0);
        double rho = 0.25;
        double[] a = Toys.spd(8, D);
        // E over the 10 batches of size 2 of g_γ + ρ·A·g_γ/‖g_γ‖, with g_γ = A(x − mean ξ over γ)
        double[] expected = new double[D];
        int batches = 0;
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                double[] y = new double[D];
                for (int c = 0; c < D; c++) {
                    y[c] = x[c] - 0.5 * (xi[i * D + c] + xi[j * D + c]);
                }
                double[] g = Toys.mul(a, y);
                double gn = Math.sqrt(Vectors.dot(g, g));
                double[] an = Toys.mul(a, g);
                for (int c = 0; c < D; c++) {
                    expected[c] += g[c] + rho * an[c] / gn;
                }
                batches++;
            }
        }
        for (int c = 0; c < D; c++) {
            expected[c] /= batches;
        }
        assertArrayEquals(expected, drift(solver(obj, Sam2.INSTANCE, rho, 0.1, new Sampling(2, false), new ExactDrift()), x), 1e-13);
        // mc:M converges to it: a loose check with many batches (standard error about 0.01 here)
        double[] mc = drift(solver(obj, Sam2.INSTANCE, rho, 0.1, new Sampling(2, false), new MonteCarloDrift(4000)), x);
        assertArrayEquals(expected, mc, 0.05);
    }

    /**
     * On every batch of 2 out of 5 samples of a shifted polynomial, sam2's and sam3's increments are
     * g_γ + ρH_γn_γ (+ (ρ²/2)T_γ[n_γ, n_γ]) and usam's g_γ + ρH_γg_γ, from the closed forms of the batch
     * loss f_γ; the exact drift is their mean (the kit's {@link DriftAssertions#assertIncrements}).
     */
    @Test
    void incrementsOnEveryBatchAreTheClosedFormsOfTheBatchLoss() {
        Polynomial p = Toys.polynomial(12, D, 0.6, 0.6);
        double[] xi = Problems.gaussian(13, 5 * D, 0.5);
        double[] x = Problems.gaussian(14, D, 0.8);
        Coefficients c = new Coefficients(0.3, 0.1);
        assertEquals(10, DriftAssertions.assertIncrements(Sam3.INSTANCE, p, xi, 2, c, x, (f, y, k) -> samDrift(f, y, k.rho(), true), 1e-12));
        DriftAssertions.assertIncrements(Sam2.INSTANCE, p, xi, 2, c, x, (f, y, k) -> samDrift(f, y, k.rho(), false), 1e-12);
        DriftAssertions.assertIncrements(org.samsde.sde.model.Usam.INSTANCE, p, xi, 2, c, x, (f, y, k) -> {
            double[] g = new double[D];
            double[] hg = new double[D];
            f.gradient(y, g);
            f.hvp(y, g, hg);
            for (int i = 0; i < D; i++) {
                g[i] += k.rho() * hg[i];
            }
            return g;
        }, 1e-12);
        // sam2's closed form is not sam3's increment on this polynomial, so the assertion can fail
        assertThrows(AssertionError.class, () -> DriftAssertions.assertIncrements(Sam3.INSTANCE, p, xi, 2, c, x,
                (f, y, k) -> samDrift(f, y, k.rho(), false), 1e-6));
    }

    /**
     * usam's exact mini-batch drift g + ρ·E_γ[H_γ g_γ] (docs/design.md §6) on a shifted polynomial, where H_γ
     * depends on the batch, against the mean over all 20 batches of 3 out of 6 of g_γ + ρ·H_γ·g_γ from the
     * closed forms (g_γ = mean of ∇f(x − ξᵢ), H_γw = mean of H(x − ξᵢ)w over i ∈ γ). To 1e-12 relative:
     * sums of 20 closed-form terms of order 1. E[H_γ g_γ] differs from the plug-in H·g by the batch
     * covariance of H_γ and g_γ; the test checks that this difference is far above the tolerance.
     */
    @Test
    void exactMiniBatchUsamDriftIsTheMeanOfHGammaGGammaOverEveryBatch() {
        Polynomial p = Toys.polynomial(15, D, 0.6, 0.6);
        int n = 6;
        int b = 3;
        double[] xi = Problems.gaussian(16, n * D, 0.6);
        Objective obj = ToyObjective.shifted(p, xi, BE);
        double[] x = Problems.gaussian(17, D, 0.8);
        double rho = 0.35;
        double[] expected = new double[D];
        int batches = 0;
        double[] tmp = new double[D];
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                for (int k = j + 1; k < n; k++) {
                    int[] batch = {i, j, k};
                    double[] g = new double[D];
                    for (int m : batch) {
                        p.gradient(shift(x, xi, m), tmp);
                        for (int c = 0; c < D; c++) {
                            g[c] += tmp[c] / b;
                        }
                    }
                    double[] hg = new double[D];
                    for (int m : batch) {
                        p.hvp(shift(x, xi, m), g, tmp);
                        for (int c = 0; c < D; c++) {
                            hg[c] += tmp[c] / b;
                        }
                    }
                    for (int c = 0; c < D; c++) {
                        expected[c] += g[c] + rho * hg[c];
                    }
                    batches++;
                }
            }
        }
        assertEquals(20, batches);
        for (int c = 0; c < D; c++) {
            expected[c] /= batches;
        }
        double scale = maxAbs(expected);
        double[] actual = drift(solver(obj, org.samsde.sde.model.Usam.INSTANCE, rho, 0.1, new Sampling(b, false), new ExactDrift()), x);
        assertArrayEquals(expected, actual, 1e-12 * scale);
        // the plug-in drift g + ρHg is a different vector here (2.7% of the drift's scale), so the comparison above can fail
        double[] plugin = drift(solver(obj, org.samsde.sde.model.Usam.INSTANCE, rho, 0.1, new Sampling(b, false), new PluginDrift()), x);
        double diff = 0;
        for (int c = 0; c < D; c++) {
            diff = Math.max(diff, Math.abs(plugin[c] - expected[c]));
        }
        assertTrue(diff > 1e-3 * scale, "E[H_γ g_γ] should differ from H·g on this toy, differs by " + diff);
    }

    /**
     * sam3's exact mini-batch drift E_γ[g_γ + ρH_γn_γ + (ρ²/2)T_γ[n_γ, n_γ]] on a shifted polynomial
     * (where T ≠ 0, unlike a quadratic), against the mean over all 15 batches of 2 out of 6 of the
     * closed forms; and its ρ² term is far from zero there, so a sam3 that dropped it would fail.
     */
    @Test
    void exactMiniBatchSam3DriftCarriesTheRhoSquaredTermOnThePolynomial() {
        Polynomial p = Toys.polynomial(18, D, 0.7, 0.7);
        int n = 6;
        double[] xi = Problems.gaussian(19, n * D, 0.5);
        Objective obj = ToyObjective.shifted(p, xi, BE);
        double[] x = Problems.gaussian(20, D, 0.8);
        double rho = 0.4;
        double[] expected = new double[D];
        double[] second = new double[D];
        double[] tmp = new double[D];
        int batches = 0;
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                int[] batch = {i, j};
                double[] g = new double[D];
                for (int m : batch) {
                    p.gradient(shift(x, xi, m), tmp);
                    for (int c = 0; c < D; c++) {
                        g[c] += tmp[c] / 2;
                    }
                }
                double gn = Math.sqrt(Vectors.dot(g, g));
                double[] nv = new double[D];
                for (int c = 0; c < D; c++) {
                    nv[c] = g[c] / gn;
                }
                for (int m : batch) {
                    p.hvp(shift(x, xi, m), nv, tmp);
                    for (int c = 0; c < D; c++) {
                        expected[c] += (g[c] / 2 + rho * tmp[c] / 2);
                    }
                    p.thirdOrder(shift(x, xi, m), nv, tmp);
                    for (int c = 0; c < D; c++) {
                        expected[c] += 0.5 * rho * rho * tmp[c] / 2;
                        second[c] += 0.5 * rho * rho * tmp[c] / 2;
                    }
                }
                batches++;
            }
        }
        for (int c = 0; c < D; c++) {
            expected[c] /= batches;
            second[c] /= batches;
        }
        double scale = maxAbs(expected);
        Sampling s = new Sampling(2, false);
        assertArrayEquals(expected, drift(solver(obj, Sam3.INSTANCE, rho, 0.1, s, new ExactDrift()), x), 1e-12 * scale);
        assertTrue(maxAbs(second) > 0.01 * scale, "the rho^2 term is resolved: " + maxAbs(second) + " of " + scale);
        double[] sam2 = drift(solver(obj, Sam2.INSTANCE, rho, 0.1, s, new ExactDrift()), x);
        for (int c = 0; c < D; c++) {
            assertEquals(expected[c] - second[c], sam2[c], 1e-12 * scale, "sam2 is sam3 without the rho^2 term");
        }
    }

    private static double[] shift(double[] x, double[] xi, int i) {
        double[] y = new double[x.length];
        for (int c = 0; c < x.length; c++) {
            y[c] = x[c] - xi[i * x.length + c];
        }
        return y;
    }

    private static double maxAbs(double[] v) {
        double m = 0;
        for (double a : v) {
            m = Math.max(m, Math.abs(a));
        }
        return m;
    }

    @Test
    void pluginDriftUsesTheFullBatchDirection() {
        Quadratic q = Toys.quadratic(11, D);
        double[] xi = Problems.gaussian(12, 7 * D, 0.5);
        Objective obj = ToyObjective.shifted(q, xi, BE);
        double[] x = Problems.gaussian(13, D, 1.0);
        double[] g = ToyObjective.shifted(q, xi, BE).gradient(BE.upload(x, D), Batch.all()).gradient();
        double[] a = Toys.spd(11, D);
        double gn = Math.sqrt(Vectors.dot(g, g));
        double[] an = Toys.mul(a, g);
        double[] expected = new double[D];
        for (int c = 0; c < D; c++) {
            expected[c] = g[c] + 0.3 * an[c] / gn;
        }
        assertArrayEquals(expected, drift(solver(obj, Sam3.INSTANCE, 0.3, 0.1, new Sampling(3, false), new PluginDrift()), x), 1e-13);
    }

    @Test
    void zeroGradientGivesAFiniteDrift() {
        Quadratic q = Toys.quadratic(14, D);
        Objective obj = ToyObjective.deterministic(q, BE);
        double[] b = drift(solver(obj, Sam3.INSTANCE, 0.5, 0.1, Sampling.full(), new ExactDrift()), new double[D]);
        assertArrayEquals(new double[D], b, 0.0);
    }

    @Test
    void infeasibleExactDriftIsRefusedUpFront() {
        Objective obj = ToyObjective.shifted(Toys.quadratic(1, D), Problems.gaussian(2, 200 * D, 1), BE);
        assertThrows(IllegalArgumentException.class,
                () -> solver(obj, Sam2.INSTANCE, 0.1, 0.1, new Sampling(10, false), new ExactDrift()));
    }
}
