package org.samsde.sde.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.samsde.core.data.Blobs;
import org.samsde.core.data.Dataset;
import org.samsde.core.jet.Activation;
import org.samsde.core.model.Loss;
import org.samsde.core.model.Mlp;
import org.samsde.core.model.MlpObjective;
import org.samsde.core.objective.Batch;
import org.samsde.core.objective.ClosedFormLoss;
import org.samsde.core.objective.Objective;
import org.samsde.core.objective.ToyObjective;
import org.samsde.core.tensor.Backend;
import org.samsde.core.tensor.CpuBackend;
import org.samsde.core.tensor.Tensor;
import org.samsde.core.tensor.Vectors;
import org.samsde.sde.LearningRate;
import org.samsde.sde.Sampling;
import org.samsde.core.testing.Problems;
import org.samsde.core.testing.Toys;

/** The discrete updates against their definitions, Eigen-SAM's identities, and repeatability. */
class OptimizerTest {
    private static final Backend BE = CpuBackend.get();
    private static final int D = 4;

    private static Optimizer optimizer(Objective obj, UpdateRule m, double rho, double eta, Sampling s) {
        return Optimizer.builder(obj, m).rho(rho).eta(eta).sampling(s).build();
    }

    private static Tensor eigenvector(Optimizer.State s) {
        return ((EigenSam.State) s.ruleState()).eigenvector();
    }

    private static double[] gradient(ClosedFormLoss f, double[] x) {
        double[] g = new double[x.length];
        f.gradient(x, g);
        return g;
    }

    private static double[] plus(double[] x, double s, double[] v) {
        double[] y = x.clone();
        for (int i = 0; i < y.length; i++) {
            y[i] += s * v[i];
        }
        return y;
    }

    private static double norm(double[] v) {
        return Math.sqrt(Vectors.dot(v, v));
    }

    @ParameterizedTest
    @ValueSource(strings = {"sgd", "sam", "usam", "dnsam", "reverse-sam", "egr", "egr:0.05"})
    void fullBatchStepsFollowTheirDefinitions(String m) {
        ClosedFormLoss f = Toys.polynomial(41, D, 0.3, 0.3);
        Objective obj = ToyObjective.deterministic(f, BE);
        double[] x = Problems.gaussian(42, D, 0.7);
        double rho = 0.2;
        double eta = 0.1;
        double[] g = gradient(f, x);
        double gn = norm(g);
        double[] d = switch (m) {
            case "sgd" -> g;
            case "sam", "dnsam" -> gradient(f, plus(x, rho / gn, g));
            case "usam" -> gradient(f, plus(x, rho, g));
            case "reverse-sam" -> gradient(f, plus(x, -rho / gn, g));
            case "egr", "egr:0.05" -> {
                double[] hn = new double[D];
                f.hvp(x, plus(new double[D], 1 / gn, g), hn);
                yield plus(g, m.equals("egr") ? rho : 0.05, hn);
            }
            default -> throw new AssertionError(m);
        };
        Optimizer opt = optimizer(obj, UpdateRule.byName(m), rho, eta, Sampling.full());
        Optimizer.State s = opt.init(BE.upload(x, D), 1);
        opt.step(s, 0, 10);
        assertArrayEquals(plus(x, -eta, d), s.x().toArray(), 1e-14, m);
    }

    @Test
    void egrsWeightIsRhoUnlessGivenAndIsNamedByItsSpecification() {
        assertEquals("egr", UpdateRule.byName("egr").name());
        assertEquals("egr:0.05", UpdateRule.byName("egr:0.05").name());
        assertEquals("egr:0.05", UpdateRule.byName(UpdateRule.byName("egr:0.05").name()).name());
        assertThrows(IllegalArgumentException.class, () -> UpdateRule.byName("egr:-1"));
        assertThrows(IllegalArgumentException.class, () -> UpdateRule.byName("egr:x"));
        assertThrows(IllegalArgumentException.class, () -> Egr.withWeight(Double.NaN));
    }

    @Test
    void momentumAndWeightDecayApplyToTheDescentStep() {
        ClosedFormLoss f = Toys.quadratic(43, D);
        Objective obj = ToyObjective.deterministic(f, BE);
        double[] x = Problems.gaussian(44, D, 1);
        Optimizer opt = Optimizer.builder(obj, Sgd.INSTANCE).rho(0).lr(new LearningRate.Constant(0.1)).base(new BaseStep.Momentum(0.9, 0.01)).sampling(Sampling.full()).build();
        Optimizer.State s = opt.init(BE.upload(x, D), 1);
        double[] buf = new double[D];
        double[] xs = x.clone();
        for (int k = 0; k < 3; k++) {
            double[] g = gradient(f, xs);
            for (int i = 0; i < D; i++) {
                buf[i] = 0.9 * buf[i] + g[i] + 0.01 * xs[i];
                xs[i] -= 0.1 * buf[i];
            }
            opt.step(s, k, 3);
        }
        assertArrayEquals(xs, s.x().toArray(), 1e-14);
    }

    @Test
    void cosineScheduleAnnealsPerStepOrOncePerEpoch() {
        LearningRate perStep = new LearningRate.Cosine(0.1, 0.0, true);
        assertEquals(0.1, perStep.at(0, 10, 5), 1e-15);
        assertEquals(0.05, perStep.at(5, 10, 5), 1e-15);
        assertEquals(0.0, perStep.at(10, 10, 5), 1e-15);
        // the official Eigen-SAM code steps CosineAnnealingLR once per epoch: 10 steps of 5 per epoch
        // are 2 epochs, η = 0.1 throughout the first and 0.05 throughout the second
        LearningRate perEpoch = new LearningRate.Cosine(0.1, 0.0, false);
        for (int k = 0; k < 5; k++) {
            assertEquals(0.1, perEpoch.at(k, 10, 5), 1e-15, "epoch 0, step " + k);
            assertEquals(0.05, perEpoch.at(k + 5, 10, 5), 1e-15, "epoch 1, step " + (k + 5));
        }
    }

    @Test
    void anEpochIsFloorOfNOverBSteps() {
        // n = 10, B = 4: the official loader drops the last partial batch, so an epoch has 2 steps
        assertEquals(2, new Sampling(4, false).sampler(10, org.samsde.core.random.RandomStreams.stream(1)).stepsPerEpoch());
        ClosedFormLoss f = Toys.quadratic(60, D);
        Objective obj = ToyObjective.shifted(f, Problems.gaussian(61, 10 * D, 0.3), BE);
        // with epochs of ⌊10/4⌋ = 2 steps an epoch counter never reaches k = 2 (with ⌈10/4⌉ = 3 it would)
        Optimizer opt = Optimizer.builder(obj, new EigenSam(EigenSamOptions.DEFAULTS.withEvery(2).withPowerIterations(1))).rho(0.1)
                .eta(0.05).sampling(new Sampling(4, false)).build();
        Optimizer.State s = opt.init(BE.upload(Problems.gaussian(62, D, 1), D), 7);
        for (int k = 0; k < 9; k++) {
            opt.step(s, k, 9);
        }
        assertNull(eigenvector(s), "the epoch counter cycles 0, 1 and never refreshes v");
    }

    @Test
    void eigenSamSignOfZeroIsZeroAsInTorch() {
        // ⟨g, v⟩ = 0: torch.sign gives 0, so ε = ρ·ĝ with no eigenvector component
        Tensor g = BE.upload(new double[] {2, 0, 0, 0}, D);
        Tensor v = BE.upload(new double[] {0, 1, 0, 0}, D);
        Tensor eps = BE.zeros(D);
        new EigenSam(EigenSamOptions.DEFAULTS.withAlpha(0.5)).perturbation(g, 2.0, v, 0.1, eps);
        assertArrayEquals(new double[] {0.1, 0, 0, 0}, eps.toArray(), 1e-16);
    }

    @Test
    void dnsamOnMiniBatchesNormalisesByTheFullGradientAndUsesOneBatch() {
        int n = 6;
        double[] a = Toys.spd(63, D);
        double[] xi = Problems.gaussian(64, n * D, 0.8);
        Objective obj = ToyObjective.shifted(new org.samsde.core.objective.Quadratic(a, null), xi, BE);
        double[] x = Problems.gaussian(65, D, 1);
        double rho = 0.3;
        double eta = 0.1;
        long seed = 9;
        Sampling sampling = new Sampling(2, false);
        // the batch the optimiser draws first: its stream is stream(seed, 1)
        int[] batch = sampling.sampler(n, org.samsde.core.random.RandomStreams.stream(seed, 1)).next().resolve(n);
        double[] meanAll = new double[D];
        double[] meanBatch = new double[D];
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < D; c++) {
                meanAll[c] += xi[i * D + c] / n;
            }
        }
        for (int i : batch) {
            for (int c = 0; c < D; c++) {
                meanBatch[c] += xi[i * D + c] / batch.length;
            }
        }
        double[] gBatch = Toys.mul(a, plus(x, -1, meanBatch));
        double[] gFull = Toys.mul(a, plus(x, -1, meanAll));
        double[] eps = plus(new double[D], rho / norm(gFull), gBatch);
        double[] d = Toys.mul(a, plus(plus(x, 1, eps), -1, meanBatch));
        Optimizer opt = optimizer(obj, Dnsam.INSTANCE, rho, eta, sampling);
        Optimizer.State s = opt.init(BE.upload(x, D), seed);
        opt.step(s, 0, 1);
        assertArrayEquals(eps, s.perturbation().toArray(), 1e-14, "ε = ρ·g_γ/‖∇f‖");
        assertArrayEquals(plus(x, -eta, d), s.x().toArray(), 1e-14, "d = ∇f_γ(x + ε) on the same batch");
        assertTrue(Math.abs(norm(gBatch) - norm(gFull)) > 0.05 * norm(gFull), "the batch and full norms differ, so SAM's step would not pass");
    }

    @Test
    void zeroGradientNeverProducesNaN() {
        Objective obj = ToyObjective.deterministic(Toys.quadratic(45, D), BE);
        for (String m : new String[] {"sgd", "sam", "usam", "dnsam", "reverse-sam", "egr", "eigen-sam"}) {
            Optimizer opt = optimizer(obj, UpdateRule.byName(m), 0.5, 0.1, Sampling.full());
            Optimizer.State s = opt.init(BE.zeros(D), 1);
            opt.step(s, 0, 1);
            assertArrayEquals(new double[D], s.x().toArray(), 0.0, m);
        }
    }

    @Test
    void eigenSamSatisfiesItsIdentities() {
        ClosedFormLoss f = Toys.polynomial(46, D, 0.3, 0.3);
        Objective obj = ToyObjective.deterministic(f, BE);
        double rho = 0.05;
        double alpha = 0.4;
        EigenSamOptions eo = new EigenSamOptions(1, 30, alpha, true, false, false);
        Optimizer opt = Optimizer.builder(obj, new EigenSam(eo)).rho(rho).lr(new LearningRate.Constant(0.01)).base(new BaseStep.Plain()).sampling(Sampling.full()).build();
        Optimizer.State s = opt.init(BE.upload(Problems.gaussian(47, D, 0.7), D), 3);
        opt.step(s, 0, 5);
        assertNull(eigenvector(s), "no eigenvector before the first refresh");
        double[] x1 = s.x().toArray();
        opt.step(s, 1, 5);
        assertNotNull(eigenvector(s));
        double[] v = eigenvector(s).toArray();
        assertEquals(1.0, norm(v), 1e-12);
        // after 30 power iterations from the warm start v is close to the top eigenvector of H(x1)
        double[] hv = new double[D];
        f.hvp(x1, v, hv);
        double lambda = Vectors.dot(v, hv);
        assertTrue(norm(plus(hv, -lambda, v)) < 1e-3 * Math.abs(lambda), "v is an eigenvector of H");

        double[] g = gradient(f, x1);
        double gn = norm(g);
        double[] ghat = plus(new double[D], 1 / gn, g);
        double c = Vectors.dot(ghat, v);
        double sign = Math.signum(Vectors.dot(g, v));
        double[] d = s.perturbation().toArray();
        for (int i = 0; i < D; i++) {
            d[i] /= rho;
        }
        double[] vperp = plus(d, -1, ghat);
        for (int i = 0; i < D; i++) {
            vperp[i] /= alpha * sign;
        }
        assertEquals(0.0, Vectors.dot(g, vperp), 1e-12 * gn, "<g, v_perp> = 0");
        assertArrayEquals(plus(v, -c, ghat), vperp, 1e-12, "v_perp = v - <g^, v> g^");
        double expectedNorm = Math.sqrt(1 + alpha * alpha * (1 - c * c));
        assertEquals(expectedNorm, norm(d), 1e-12, "|d| = sqrt(1 + a^2 (1 - c^2))");
        double align = Math.abs(Vectors.dot(d, v)) / norm(d);
        assertEquals((Math.abs(c) + alpha * (1 - c * c)) / expectedNorm, align, 1e-12, "alignment identity");
        assertTrue(align >= Math.abs(c), "Eigen-SAM is at least as aligned as SAM");
    }

    @Test
    void eigenSamPerturbsByRhoTimesGBeforeTheFirstEigenvectorAndCountsStepsWithinEpochs() {
        ClosedFormLoss f = Toys.quadratic(48, D);
        double[] xi = Problems.gaussian(49, 8 * D, 0.3);
        Objective obj = ToyObjective.shifted(f, xi, BE);
        double rho = 0.1;
        // 8 samples, B = 4: epochs of 2 steps, so an epoch counter never reaches k = 3
        EigenSamOptions epoch = new EigenSamOptions(3, 2, 0.2, false, false, false);
        Optimizer opt = Optimizer.builder(obj, new EigenSam(epoch)).rho(rho).lr(new LearningRate.Constant(0.05)).base(new BaseStep.Plain()).sampling(new Sampling(4, false)).build();
        Optimizer.State s = opt.init(BE.upload(Problems.gaussian(50, D, 1), D), 5);
        for (int k = 0; k < 10; k++) {
            opt.step(s, k, 10);
        }
        assertNull(eigenvector(s), "an epoch counter with epochs shorter than k never refreshes v");
        Optimizer global = Optimizer.builder(obj, new EigenSam(new EigenSamOptions(3, 2, 0.2, true, false, false))).rho(rho).lr(new LearningRate.Constant(0.05)).base(new BaseStep.Plain()).sampling(new Sampling(4, false)).build();
        Optimizer.State t = global.init(BE.upload(Problems.gaussian(50, D, 1), D), 5);
        double[] x0 = t.x().toArray();
        global.step(t, 0, 10);
        // first step: ε = ρ·g_γ for the batch drawn; its direction is a batch gradient at x0
        double[] eps = t.perturbation().toArray();
        assertTrue(norm(eps) > 0);
        for (int k = 1; k < 4; k++) {
            global.step(t, k, 10);
        }
        assertNotNull(eigenvector(t), "a global counter refreshes v at k = 3");
        assertFalse(Arrays.equals(x0, t.x().toArray()));
    }

    @Test
    void renormalisedEigenSamPerturbationHasNormRho() {
        ClosedFormLoss f = Toys.polynomial(51, D, 0.3, 0.3);
        Objective obj = ToyObjective.deterministic(f, BE);
        Optimizer opt = Optimizer.builder(obj, new EigenSam(new EigenSamOptions(1, 3, 0.5, true, true, false))).rho(0.07).lr(new LearningRate.Constant(0.01)).base(new BaseStep.Plain()).sampling(Sampling.full()).build();
        double[] x0 = Problems.gaussian(52, D, 0.7);
        Optimizer.State s = opt.init(BE.upload(x0, D), 1);
        opt.step(s, 0, 3);
        assertArrayEquals(plus(new double[D], 0.07, gradient(f, x0)), s.perturbation().toArray(), 1e-15,
                "before the first eigenvector: eps = rho * g, unnormalised");
        opt.step(s, 1, 3);
        assertEquals(0.07, norm(s.perturbation().toArray()), 1e-14);
    }

    @Test
    void fullBatchSamIsDeterministicAndMiniBatchRunsRepeatForASeed() {
        Dataset data = Blobs.parse("blobs:k=3,n=60,d=2,seed=3").generate().train();
        Mlp mlp = new Mlp(new int[] {2, 8, 3}, Activation.TANH, Loss.CROSS_ENTROPY);
        Objective obj = new MlpObjective(mlp, data, BE);
        Tensor x0 = BE.upload(mlp.initialParameters(1), mlp.dimension());
        for (Sampling sampling : new Sampling[] {Sampling.full(), new Sampling(8, false), new Sampling(8, true)}) {
            double[][] runs = new double[2][];
            for (int r = 0; r < 2; r++) {
                Optimizer opt = optimizer(obj, Sam.INSTANCE, 0.05, 0.1, sampling);
                Optimizer.State s = opt.init(x0, 11);
                for (int k = 0; k < 20; k++) {
                    opt.step(s, k, 20);
                }
                runs[r] = s.x().toArray();
            }
            assertArrayEquals(runs[0], runs[1], 0.0, "bitwise repeatable: " + sampling);
        }
        double before = obj.value(x0, Batch.all());
        Optimizer opt = optimizer(obj, Sam.INSTANCE, 0.05, 0.5, Sampling.full());
        Optimizer.State s = opt.init(x0, 1);
        for (int k = 0; k < 50; k++) {
            opt.step(s, k, 50);
        }
        assertTrue(obj.value(s.x(), Batch.all()) < before, "SAM descends the training loss");
    }
}
