package org.samsde.sde.model;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.samsde.core.objective.Batch;
import org.samsde.core.objective.ClosedFormLoss;
import org.samsde.core.objective.Objective;
import org.samsde.core.objective.ToyObjective;
import org.samsde.core.tensor.Backend;
import org.samsde.core.tensor.CpuBackend;
import org.samsde.core.tensor.Tensor;
import org.samsde.core.tensor.Vectors;
import org.samsde.sde.Sampling;
import org.samsde.testkit.MomentAssertions;
import org.samsde.testkit.Moments;
import org.samsde.core.testing.Check;
import org.samsde.core.testing.Problems;
import org.samsde.core.testing.Toys;

/**
 * The noise samplers' covariances against closed forms. The per-sample sampler is linear in its
 * weights z, so its covariance Σᵢ ξ′(eᵢ)ξ′(eᵢ)ᵀ is checked exactly; the random samplers by the
 * empirical covariance of N draws, within 6 standard errors per entry (for Gaussian draws the
 * standard error of an empirical covariance entry is √((ΣᵢᵢΣⱼⱼ + Σᵢⱼ²)/N)). That every registered
 * sampler has mean zero with every registered model is the sampler contract's check
 * ({@link org.samsde.testkit.NoiseSamplerContract}, run on all of them by the test kit's
 * BuiltInContractsTest).
 */
class NoiseCovarianceTest {
    private static final Backend BE = CpuBackend.get();
    private static final int D = 3;
    private static final int N = 6;

    private final double[] a = Toys.spd(21, D);
    private final double[] xi = Problems.gaussian(22, N * D, 0.7);
    private final Objective shifted = ToyObjective.shifted(Toys.quadratic(21, D), xi, BE);
    private final double[] x = Problems.gaussian(23, D, 1.0);

    private SdeSolver solver(Objective obj, SdeModel kind, double rho, Sampling s, NoiseSampler noise) {
        return SdeSolver.builder(obj, kind).rho(rho).eta(0.1).sampling(s).substeps(1).drift(new PluginDrift()).noise(noise).build();
    }

    /** Σᵢ ξ′(eᵢ)ξ′(eᵢ)ᵀ, the exact covariance of the per-sample sampler. */
    private static double[] perSampleCovariance(SdeSolver s, double[] x, int n) {
        int d = x.length;
        double[] cov = new double[d * d];
        Tensor xt = BE.upload(x, d);
        for (int i = 0; i < n; i++) {
            double[] e = new double[n];
            e[i] = 1;
            double[] u = new PerSampleNoise().draw(s, xt, e).toArray();
            for (int p = 0; p < d; p++) {
                for (int q = 0; q < d; q++) {
                    cov[p * d + q] += u[p] * u[q];
                }
            }
        }
        return cov;
    }

    /** Population covariance (1/n)Σ(gᵢ − g)(gᵢ − g)ᵀ of the per-sample gradients A(x − ξᵢ). */
    private double[] sigma1() {
        double[][] g = new double[N][];
        double[] mean = new double[D];
        for (int i = 0; i < N; i++) {
            double[] y = new double[D];
            for (int c = 0; c < D; c++) {
                y[c] = x[c] - xi[i * D + c];
            }
            g[i] = Toys.mul(a, y);
            for (int c = 0; c < D; c++) {
                mean[c] += g[i][c] / N;
            }
        }
        double[] cov = new double[D * D];
        for (int i = 0; i < N; i++) {
            for (int p = 0; p < D; p++) {
                for (int q = 0; q < D; q++) {
                    cov[p * D + q] += (g[i][p] - mean[p]) * (g[i][q] - mean[q]) / N;
                }
            }
        }
        return cov;
    }

    private static double[] sandwich(double[] m, double[] s, double scale) {
        double[] out = Toys.mul(Toys.mul(m, s, D), Toys.transpose(m, D), D);
        for (int i = 0; i < out.length; i++) {
            out[i] *= scale;
        }
        return out;
    }

    private static double[] identityPlus(double[] b, double scale) {
        double[] m = new double[D * D];
        for (int i = 0; i < D * D; i++) {
            m[i] = scale * b[i];
        }
        for (int i = 0; i < D; i++) {
            m[i * D + i] += 1;
        }
        return m;
    }

    @Test
    void perSampleSgdNoiseIsTheBatchGradientCovariance() {
        Sampling s = new Sampling(2, false);
        double cb = s.covarianceFactor(N);
        Check.close(sandwich(identityPlus(new double[D * D], 0), sigma1(), cb),
                perSampleCovariance(solver(shifted, Sgd1.INSTANCE, 0.3, s, new PerSampleNoise()), x, N), 1e-12, "sgd1");
        Check.close(sandwich(identityPlus(new double[D * D], 0), sigma1(), cb),
                perSampleCovariance(solver(shifted, Sgd2.INSTANCE, 0.3, s, new PerSampleNoise()), x, N), 1e-12, "sgd2");
    }

    @Test
    void perSampleUsamNoiseIsSigmaBPlusRhoHSigmaPlusSigmaH() {
        double rho = 0.2;
        Sampling s = new Sampling(3, false);
        // a_i − ā = (I + ρA)(g_i − g): Σ̃ = c_B (I + ρA) Σ₁ (I + ρA)ᵀ = Σ_B + ρ(AΣ_B + Σ_B A) + O(ρ²)
        Check.close(sandwich(identityPlus(a, rho), sigma1(), s.covarianceFactor(N)),
                perSampleCovariance(solver(shifted, org.samsde.sde.model.Usam.INSTANCE, rho, s, new PerSampleNoise()), x, N), 1e-12, "usam");
    }

    @Test
    void perSampleSamNoiseCarriesTheFluctuationOfTheNormalisedDirection() {
        double rho = 0.2;
        Sampling s = new Sampling(2, true);
        double[] g = shifted.gradient(BE.upload(x, D), Batch.all()).gradient();
        double gn = Math.sqrt(Vectors.dot(g, g));
        // M = I + ρ A P / ‖g‖ with P = I − n nᵀ
        double[] p = new double[D * D];
        for (int i = 0; i < D; i++) {
            for (int j = 0; j < D; j++) {
                p[i * D + j] = (i == j ? 1 : 0) - g[i] * g[j] / (gn * gn);
            }
        }
        double[] m = identityPlus(Toys.mul(a, p, D), rho / gn);
        double[] expected = sandwich(m, sigma1(), s.covarianceFactor(N));
        Check.close(expected, perSampleCovariance(solver(shifted, Sam2.INSTANCE, rho, s, new PerSampleNoise()), x, N), 1e-12, "sam2");
        Check.close(expected, perSampleCovariance(solver(shifted, Sam3.INSTANCE, rho, s, new PerSampleNoise()), x, N), 1e-12, "sam3 on a quadratic");
    }

    /**
     * Cov_γ(G_γ) by enumerating all 15 batches of 2 out of 6 against the per-sample covariance, on a
     * shifted polynomial with shifts of scale 1e-3. The per-sample sampler linearises the increment in
     * the noise, so they differ at relative order of the shift scale (measured: usam 3.6e-5, sam2 4.5e-4,
     * both halving with the shift); sam3's sampler also takes the direction's Jacobian through the
     * Hessian at x + v, which carries ½∇⁴f[v,v] beyond the truncated increment, an O(ρ³) difference
     * (about 1.1e-3 as the shift goes to 0; 1.3e-3 measured in all). The tolerance 5e-3 is about 4 times
     * the largest of these, and 6 times below the 3.2% by which sam2's covariance (no ρ² term) misses
     * sam3's enumerated one, which the last assertion checks so that the comparison can fail.
     */
    @Test
    void perSampleNoiseMatchesTheExactBatchCovarianceToFirstOrderInTheNoise() {
        ClosedFormLoss p = Toys.polynomial(31, D, 0.4, 0.4);
        double[] small = Problems.gaussian(32, N * D, 1e-3);
        Objective obj = ToyObjective.shifted(p, small, BE);
        Sampling s = new Sampling(2, false);
        double tol = 5e-3;
        for (SdeModel kind : new SdeModel[] {org.samsde.sde.model.Usam.INSTANCE, Sam2.INSTANCE, Sam3.INSTANCE}) {
            SdeSolver solver = solver(obj, kind, 0.3, s, new PerSampleNoise());
            double[] exact = enumeratedCovariance(solver);
            Check.close(exact, perSampleCovariance(solver, x, N), tol, kind + " against the enumerated batch covariance");
        }
        double[] sam3 = enumeratedCovariance(solver(obj, Sam3.INSTANCE, 0.3, s, new PerSampleNoise()));
        double[] sam2 = perSampleCovariance(solver(obj, Sam2.INSTANCE, 0.3, s, new PerSampleNoise()), x, N);
        double miss = Check.relativeError(sam3, sam2);
        assertTrue(miss > 4 * tol, "sam2's covariance should miss sam3's by far more than the tolerance, missed by " + miss);
    }

    private double[] enumeratedCovariance(SdeSolver solver) {
        return Moments.ofIncrements(solver, x).covariance();
    }

    /** Empirical mean and covariance of N draws against 0 and the expected covariance, entry by entry within 6 standard errors. */
    private void assertEmpirical(SdeSolver solver, double[] expected, int draws, String what) {
        MomentAssertions.assertMoments(MomentAssertions.noiseDraws(solver, x, 0.1, 77), draws, new Moments(new double[D], expected, 0), 6,
                what);
    }

    @Test
    void randomSamplersHaveTheirCovariances() {
        Sampling s = new Sampling(2, false);
        double[] sigmaB = sandwich(identityPlus(new double[D * D], 0), sigma1(), s.covarianceFactor(N));
        assertEmpirical(solver(shifted, Sgd1.INSTANCE, 0, s, new PerSampleNoise()), sigmaB, 20000, "per-sample draws");
        assertEmpirical(solver(shifted, Sgd1.INSTANCE, 0, s, new BatchMcNoise(4)), sigmaB, 20000, "batch-mc:4");
        assertEmpirical(solver(shifted, Sgd1.INSTANCE, 0, s, new ResampleNoise()), sigmaB, 20000, "resample");
        double[] iso = new double[D * D];
        for (int i = 0; i < D; i++) {
            iso[i * D + i] = 0.09;
        }
        assertEmpirical(solver(shifted, Sam3.INSTANCE, 0.2, s, new IsotropicNoise(0.3)), iso, 20000, "isotropic:0.3");
    }

    @Test
    void fullBatchAndNoneHaveNoNoise() {
        Tensor xt = BE.upload(x, D);
        SdeSolver full = solver(shifted, Sam3.INSTANCE, 0.2, Sampling.full(), new PerSampleNoise());
        SdeSolver.State st = full.init(xt, 1);
        try (DriftEstimate b = full.drift(st, xt)) {
            assertNull(full.noise(st, xt, b, 0.1));
        }
        SdeSolver none = solver(shifted, Sam3.INSTANCE, 0.2, new Sampling(2, false), new NoNoise());
        SdeSolver.State sn = none.init(xt, 1);
        try (DriftEstimate b = none.drift(sn, xt)) {
            assertNull(none.noise(sn, xt, b, 0.1));
        }
    }
}
