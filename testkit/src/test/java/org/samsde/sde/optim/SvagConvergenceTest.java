package org.samsde.sde.optim;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.samsde.core.objective.Batch;
import org.samsde.core.objective.ClosedFormLoss;
import org.samsde.core.objective.DiagonalQuadratic;
import org.samsde.core.objective.Objective;
import org.samsde.core.objective.ToyObjective;
import org.samsde.core.random.RandomStreams;
import org.samsde.core.tensor.Backend;
import org.samsde.core.tensor.CpuBackend;
import org.samsde.core.tensor.Tensor;
import org.samsde.core.testing.Problems;
import org.samsde.core.testing.Toys;
import org.samsde.sde.Sampling;
import org.samsde.sde.model.ExactDrift;
import org.samsde.sde.study.Slopes;
import org.samsde.testkit.MomentAssertions;
import org.samsde.testkit.Moments;
import org.samsde.testkit.SlopeAssertions;

/**
 * SVAG converges to the SDE in L at the rate the theory predicts (docs/svag.md), on an
 * Ornstein–Uhlenbeck problem with per-sample noise whose SDE moments are closed-form; and SVAG-SAM
 * keeps SAM's one-step mean and covariance for every L.
 *
 * <p><b>The OU problem.</b> fᵢ(x) = ½λ‖x − ξᵢ‖² in P coordinates, n samples ξᵢ ~ N(0, I), batches of
 * B without replacement. SGD's direction on γ is G_γ = θ(x − ξ̄_γ) with θ = λ (USAM's would be the
 * same with θ = λ(1 + ρλ), the same OU up to time scale): each coordinate is the SDE
 * dX = −θ(X − ξ̄) dt + √η·θ·s_c dW, s_c² = c_B·var_c(ξ), with mean ξ̄ + u·e^{−θT} and variance
 * v_c(T) = ηθs_c²(1 − e^{−2θT})/2 from X₀ = ξ̄ + u. SVAG at L takes K = LN steps of Δt = η/L with
 * Cov(G̃) = L·θ²s_c², so exactly E = ξ̄ + u·q^K and Var = Δt²Lθ²s_c²(1 − q^{2K})/(1 − q²), q = 1 − θΔt.
 * Coordinates c &lt; P_v start at ξ̄ (u = 0; observable the variance ratio (X − ξ̄)²/v_c(T), SDE
 * value 1), the others at ξ̄ + u (observable (X − ξ̄)/u, SDE value e^{−θT}); the coordinates share
 * batches, so every estimate averages over coordinates within a trajectory and takes its standard
 * error from the spread of R independent trajectories, which accounts for their correlation.
 *
 * <p><b>What is asserted, and how often it fails falsely.</b> (1) At each L, the Monte Carlo
 * estimates agree with SVAG's exact discrete moments within 5 standard errors (the run is SVAG
 * and nothing else; each check fails falsely with probability 6·10⁻⁷, ten of them 6·10⁻⁶).
 * (2) The error to the SDE, fitted over L = 2, 4, 8, 16 as a log–log slope on Δt = η/L, has slope
 * 1 ± 0.2 (weak order 1 in 1/L). At θη = 0.5, N = 2 the exact errors' slope is 1.06 (pre-asymptotic,
 * checked below); the Monte Carlo standard error of the variance slope, computed from the run and
 * held to at most 0.035, is 0.033 at R = 1000, P_v = 1024, so the band leaves 0.14 = 4.3 standard
 * errors beyond the pre-asymptotic 0.06: a false failure about once in 10⁵ master seeds (the mean's
 * slope has a standard error near 0.007). With the fixed seed the test is deterministic.
 * SVAG-SAM, whose SDE has no closed form here, is checked through its one-step moments below.
 */
class SvagConvergenceTest {
    private static final Backend BE = CpuBackend.get();
    private static final int PV = 1024;
    private static final int PM = 64;
    private static final int P = PV + PM;
    private static final int SAMPLES = 4096;
    private static final int B = 4;
    private static final int STEPS = 2;
    private static final int TRAJECTORIES = 1000;
    private static final double U = 10.0;
    private static final int[] LEVELS = {1, 2, 4, 8, 16};
    private static final double BAND = 0.2;

    /** One observable's estimate at one L: its mean over trajectories and standard error. */
    private record Estimate(double mean, double stderr) {
    }

    @Test
    void theErrorToTheOrnsteinUhlenbeckSdeShrinksLikeOneOverL() {
        String name = "sgd";
        double rho = 0.0;
        double eta = 0.5;
        double lambda = 1.0;
        double theta = lambda * (1 + rho * lambda);
        double[] xi = Problems.gaussian(2101, SAMPLES * P, 1.0);
        Objective obj = ToyObjective.shifted(new DiagonalQuadratic(filled(P, lambda), null), xi, BE);
        double cb = new Sampling(B, false).covarianceFactor(SAMPLES);
        double[] mean = new double[P];
        double[] s2 = new double[P];
        for (int c = 0; c < P; c++) {
            double m = 0;
            for (int i = 0; i < SAMPLES; i++) {
                m += xi[i * P + c] / SAMPLES;
            }
            double v = 0;
            for (int i = 0; i < SAMPLES; i++) {
                v += (xi[i * P + c] - m) * (xi[i * P + c] - m) / SAMPLES;
            }
            mean[c] = m;
            s2[c] = cb * v;
        }
        double t = STEPS * eta;
        double decay = Math.exp(-theta * t);
        double[] sdeVar = new double[P];
        for (int c = 0; c < P; c++) {
            sdeVar[c] = eta * theta * s2[c] * (1 - Math.exp(-2 * theta * t)) / 2;
        }
        double[] x0 = mean.clone();
        for (int c = PV; c < P; c++) {
            x0[c] += U;
        }
        double ratio0 = theta * theta * s2[0] / sdeVar[0]; // the variance ratio is the same in every coordinate
        double[] dts = new double[LEVELS.length];
        double[] varErr = new double[LEVELS.length];
        double[] meanErr = new double[LEVELS.length];
        double[] varSe = new double[LEVELS.length];
        double[] exactVarErr = new double[LEVELS.length];
        double[] exactMeanErr = new double[LEVELS.length];
        StringBuilder table = new StringBuilder(name + ": L, variance error (exact, MC ± se), mean error (exact, MC ± se)\n");
        for (int li = 0; li < LEVELS.length; li++) {
            int l = LEVELS[li];
            double dt = eta / l;
            double q = 1 - theta * dt;
            int k = l * STEPS;
            exactVarErr[li] = dt * dt * l * ratio0 * (1 - Math.pow(q, 2 * k)) / (1 - q * q) - 1;
            exactMeanErr[li] = decay - Math.pow(q, k);
            Optimizer opt = Optimizer.builder(obj, UpdateRule.byName(name)).rho(rho).eta(eta).sampling(new Sampling(B, false))
                    .svag(new Svag(l)).build();
            double[] vr = new double[TRAJECTORIES];
            double[] mr = new double[TRAJECTORIES];
            for (int j = 0; j < TRAJECTORIES; j++) {
                Optimizer.State s = opt.init(BE.upload(x0, P), RandomStreams.key(2102, l, j));
                for (int step = 0; step < STEPS; step++) {
                    opt.step(s, step, STEPS);
                }
                double[] x = s.x().toArray();
                for (int c = 0; c < PV; c++) {
                    double y = x[c] - mean[c];
                    vr[j] += y * y / sdeVar[c] / PV;
                }
                for (int c = PV; c < P; c++) {
                    mr[j] += (x[c] - mean[c]) / U / PM;
                }
            }
            Estimate v = estimate(vr);
            Estimate m = estimate(mr);
            dts[li] = dt;
            varErr[li] = v.mean() - 1;
            varSe[li] = v.stderr();
            meanErr[li] = decay - m.mean();
            table.append(String.format(Locale.ROOT, "  %2d  %.5f  %.5f ± %.5f   %.6f  %.6f ± %.6f%n", l, exactVarErr[li], varErr[li],
                    v.stderr(), exactMeanErr[li], meanErr[li], m.stderr()));
            assertTrue(Math.abs(varErr[li] - exactVarErr[li]) <= 5 * v.stderr(), "the variance is SVAG's at L = " + l + "\n" + table);
            assertTrue(Math.abs(meanErr[li] - exactMeanErr[li]) <= 5 * m.stderr(), "the mean is SVAG's at L = " + l + "\n" + table);
        }
        double[] fitDt = java.util.Arrays.copyOfRange(dts, 1, dts.length);
        double slopeSe = slopeStderr(fitDt, java.util.Arrays.copyOfRange(varErr, 1, dts.length),
                java.util.Arrays.copyOfRange(varSe, 1, dts.length));
        table.append(String.format(Locale.ROOT, "  Monte Carlo standard error of the variance slope: %.4f%n", slopeSe));
        System.out.print(table);
        assertTrue(slopeSe <= 0.035, "the band's margin assumes a slope standard error of at most 0.035\n" + table);
        Slopes.Fit exact = Slopes.fit(fitDt, java.util.Arrays.copyOfRange(exactVarErr, 1, dts.length));
        assertTrue(Math.abs(exact.slope() - 1.06) < 0.01, "the exact errors' pre-asymptotic slope, " + exact.slope());
        SlopeAssertions.assertSlope(fitDt, java.util.Arrays.copyOfRange(varErr, 1, dts.length), 1, BAND, name + " variance error\n" + table);
        SlopeAssertions.assertSlope(fitDt, java.util.Arrays.copyOfRange(meanErr, 1, dts.length), 1, BAND, name + " mean error\n" + table);
    }

    /**
     * SVAG-SAM at L = 4 over one unit η from a fixed x: (x − x₁)/η has SAM's one-step mean
     * E_γ[∇f_γ(x + ρn_γ)] and covariance Cov_γ(∇f_γ(x + ρn_γ)), the moments of the SDE's increment,
     * for every L: the L inner steps keep the mean and carry η²·Cov in all (with a² + b² = 1 instead of
     * L the covariance would be Cov/L). η = 10⁻⁶ makes the drift of x within the unit negligible
     * against the Monte Carlo tolerance. Exact moments by enumerating all C(10, 3) batches; SAM's
     * direction written out here, not taken from the rule. Tolerance 6 standard errors per entry
     * (false failure below 10⁻⁷ per entry).
     */
    @ParameterizedTest(name = "L = {0}")
    @CsvSource({"2", "4", "16"})
    void svagSamKeepsSamsOneStepMeanAndCovariance(int l) {
        int d = 3;
        int n = 10;
        ClosedFormLoss f = Toys.polynomial(2111, d, 0.4, 0.3);
        Objective obj = ToyObjective.shifted(f, Problems.gaussian(2112, n * d, 0.6), BE);
        double rho = 0.3;
        double eta = 1e-6;
        double[] x = Problems.gaussian(2113, d, 0.7);
        List<double[]> gs = new ArrayList<>();
        int[] comb = {0, 1, 2};
        do {
            gs.add(samDirection(obj, x, Batch.of(comb.clone()), rho));
        } while (ExactDrift.nextCombination(comb, n));
        Moments exact = Moments.of(gs);
        Optimizer opt = Optimizer.builder(obj, Sam.INSTANCE).rho(rho).eta(eta).sampling(new Sampling(3, false)).svag(new Svag(l)).build();
        Optimizer.State s = opt.init(BE.upload(x, d), 2114);
        MomentAssertions.assertMoments(() -> {
            BE.upload(x, 0, s.x(), 0, d);
            opt.step(s, 0, 1);
            double[] y = s.x().toArray();
            for (int c = 0; c < d; c++) {
                y[c] = (x[c] - y[c]) / eta;
            }
            return y;
        }, 20_000, exact, 6, "SVAG-SAM, L = " + l + ", one unit η");
    }

    /** SAM's direction ∇f_γ(x + ρ·g_γ/‖g_γ‖) written out from the objective's gradients. */
    private static double[] samDirection(Objective obj, double[] x, Batch batch, double rho) {
        int d = x.length;
        double[] g;
        try (Tensor xt = BE.upload(x, d); Tensor gt = obj.gradient(xt, batch).gradientCoefficients()) {
            g = gt.toArray();
        }
        double norm = org.samsde.core.tensor.Vectors.norm(g);
        double[] y = x.clone();
        for (int c = 0; c < d; c++) {
            y[c] += rho * g[c] / norm;
        }
        try (Tensor yt = BE.upload(y, d); Tensor gt = obj.gradient(yt, batch).gradientCoefficients()) {
            return gt.toArray();
        }
    }

    /**
     * The Monte Carlo standard error of the least-squares slope of log e on log Δt, by the delta
     * method: the levels are independent, log e_i has standard error se_i/e_i, and the slope is
     * Σ wᵢ·log eᵢ with wᵢ = (log Δtᵢ − mean)/Σ(log Δt − mean)².
     */
    private static double slopeStderr(double[] dt, double[] e, double[] se) {
        double mean = 0;
        for (double h : dt) {
            mean += Math.log(h) / dt.length;
        }
        double sxx = 0;
        for (double h : dt) {
            sxx += (Math.log(h) - mean) * (Math.log(h) - mean);
        }
        double var = 0;
        for (int i = 0; i < dt.length; i++) {
            double w = (Math.log(dt[i]) - mean) / sxx;
            var += w * w * (se[i] / e[i]) * (se[i] / e[i]);
        }
        return Math.sqrt(var);
    }

    private static Estimate estimate(double[] v) {
        double m = 0;
        for (double e : v) {
            m += e / v.length;
        }
        double ss = 0;
        for (double e : v) {
            ss += (e - m) * (e - m);
        }
        return new Estimate(m, Math.sqrt(ss / (v.length - 1) / v.length));
    }

    private static double[] filled(int n, double v) {
        double[] a = new double[n];
        java.util.Arrays.fill(a, v);
        return a;
    }
}
