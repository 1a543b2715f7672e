package org.samsde.sde.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.samsde.core.objective.ClosedFormLoss;
import org.samsde.core.objective.Objective;
import org.samsde.core.objective.ToyObjective;
import org.samsde.core.tensor.Backend;
import org.samsde.core.tensor.CpuBackend;
import org.samsde.core.testing.Problems;
import org.samsde.core.testing.Toys;
import org.samsde.sde.LearningRate;
import org.samsde.sde.Sampling;
import org.samsde.sde.run.Ensemble;
import org.samsde.sde.run.Problem;
import org.samsde.sde.run.Record;

/**
 * SVAG's discrete side: its weights, L = 1 as the plain method bit for bit, the full batch as
 * gradient descent at η/L, records at the plain method's SDE times, its labels and its refusals.
 * Its convergence to the SDE in L is tested on Ornstein–Uhlenbeck in testkit's SvagConvergenceTest.
 */
class SvagTest {
    private static final Backend BE = CpuBackend.get();
    private static final int D = 4;
    private static final int N = 24;

    private static Objective stochastic() {
        ClosedFormLoss f = Toys.polynomial(81, D, 0.3, 0.3);
        return ToyObjective.shifted(f, Problems.gaussian(82, N * D, 0.5), BE);
    }

    private static double[] run(Optimizer opt, int steps, long seed) {
        Optimizer.State s = opt.init(BE.upload(Problems.gaussian(83, D, 0.8), D), seed);
        for (int k = 0; k < steps; k++) {
            opt.step(s, k, steps);
        }
        return s.x().toArray();
    }

    @Test
    void weightsKeepTheMeanAndScaleTheVarianceByL() {
        for (int l : new int[] {1, 2, 3, 4, 16, 1000}) {
            Svag s = new Svag(l);
            assertEquals(1.0, s.a() + s.b(), 1e-12, "a + b, L = " + l);
            assertEquals(l, s.a() * s.a() + s.b() * s.b(), 1e-9 * l, "a² + b², L = " + l);
        }
        assertEquals(1.0, new Svag(1).a(), 0.0, "L = 1: a is exactly 1");
        assertEquals(0.0, new Svag(1).b(), 0.0, "L = 1: b is exactly 0");
        assertThrows(IllegalArgumentException.class, () -> new Svag(0));
    }

    @ParameterizedTest
    @ValueSource(strings = {"sgd", "sam", "usam", "dnsam", "reverse-sam", "egr", "eigen-sam"})
    void svagWithLOneIsThePlainMethodBitForBit(String name) {
        Objective obj = stochastic();
        UpdateRule rule = name.equals("eigen-sam") ? new EigenSam(EigenSamOptions.DEFAULTS.withEvery(3).withPowerIterations(2))
                : UpdateRule.byName(name);
        for (Sampling sampling : new Sampling[] {new Sampling(5, false), new Sampling(5, true), Sampling.full()}) {
            for (BaseStep base : new BaseStep[] {new BaseStep.Plain(), new BaseStep.Momentum(0.9, 0.01)}) {
                Optimizer.Builder b = Optimizer.builder(obj, rule).rho(0.1).lr(new LearningRate.Cosine(0.05, 0.0, false)).base(base)
                        .sampling(sampling);
                Optimizer plain = b.build();
                Optimizer one = b.svag(new Svag(1)).build();
                assertNull(plain.svag());
                assertEquals(plain.name() + "@svag=1", one.name(), "the label of L = 1 says what was asked for");
                Optimizer.State sp = plain.init(BE.upload(Problems.gaussian(83, D, 0.8), D), 5);
                Optimizer.State so = one.init(BE.upload(Problems.gaussian(83, D, 0.8), D), 5);
                for (int k = 0; k < 30; k++) {
                    plain.step(sp, k, 30);
                    one.step(so, k, 30);
                }
                String what = name + ", " + sampling + ", " + base;
                assertArrayEquals(sp.x().toArray(), so.x().toArray(), 0.0, what);
                if (rule.perturbs()) {
                    assertArrayEquals(sp.perturbation().toArray(), so.perturbation().toArray(), 0.0, what + ": ε");
                }
            }
        }
    }

    @Test
    void largerLChangesAMiniBatchRunButOnTheFullBatchIsGradientDescentAtEtaOverL() {
        Objective obj = stochastic();
        Optimizer plain = Optimizer.builder(obj, Sam.INSTANCE).rho(0.1).eta(0.05).sampling(new Sampling(5, false)).build();
        Optimizer four = Optimizer.builder(obj, Sam.INSTANCE).rho(0.1).eta(0.05).sampling(new Sampling(5, false)).svag(new Svag(4))
                .build();
        assertFalse(java.util.Arrays.equals(run(plain, 10, 5), run(four, 10, 5)), "L = 4 draws other batches and takes other steps");
        // full batch: γ₁ = γ₂, so G̃ = G and L steps of η/L are gradient descent (here SAM) at η/L
        Optimizer full = Optimizer.builder(obj, Sam.INSTANCE).rho(0.1).eta(0.05).svag(new Svag(4)).build();
        Optimizer fine = Optimizer.builder(obj, Sam.INSTANCE).rho(0.1).eta(0.05 / 4).build();
        assertArrayEquals(run(fine, 40, 5), run(full, 10, 5), 0.0, "full-batch SVAG at L = 4 is SAM at η/4 for 4× the steps");
    }

    @Test
    void recordsOfAnySvagLevelAreAtThePlainMethodsSdeTimes() {
        Objective obj = stochastic();
        Problem problem = Problem.of("toy", obj, null, Problems.gaussian(83, D, 0.8));
        Ensemble.Settings settings = Ensemble.Settings.builder().steps(12).every(5).seeds(2).hessian(false).build();
        List<Ensemble.Trajectory> runs = Ensemble.run(problem, List.of(
                Optimizer.builder(obj, Sgd.INSTANCE).eta(0.05).sampling(new Sampling(5, false)).build(),
                Optimizer.builder(obj, Sgd.INSTANCE).eta(0.05).sampling(new Sampling(5, false)).svag(new Svag(4)).build(),
                Optimizer.builder(obj, Sgd.INSTANCE).eta(0.05).sampling(new Sampling(5, false)).svag(new Svag(16)).build()), settings, n -> { });
        assertEquals(List.of("sgd", "sgd", "sgd@svag=4", "sgd@svag=4", "sgd@svag=16", "sgd@svag=16"),
                runs.stream().map(Ensemble.Trajectory::method).toList());
        List<Double> times = runs.get(0).records().stream().map(Record::time).toList();
        assertEquals(List.of(0.0, 5 * 0.05, 10 * 0.05, 12 * 0.05), times, "steps 0, 5, 10 and the last, at time k·η");
        for (Ensemble.Trajectory t : runs) {
            assertEquals(times, t.records().stream().map(Record::time).toList(), t.method());
            assertEquals(runs.get(0).records().stream().map(Record::step).toList(), t.records().stream().map(Record::step).toList());
        }
        assertNotEquals(runs.get(0).records().get(3).trainLoss(), runs.get(2).records().get(3).trainLoss(), "they are other runs");
    }

    @Test
    void labelsNameTheAmplification() {
        Objective obj = stochastic();
        Optimizer four = Optimizer.builder(obj, Sam.INSTANCE).rho(0.1).svag(new Svag(4)).build();
        assertEquals("sam@svag=4", four.name());
        assertEquals("SAM (SVAG, L = 4)", four.displayName());
        assertTrue(four.description().contains("SVAG") && four.description().contains("L = 4"), four.description());
        assertEquals(new org.samsde.sde.Appearance(6, "dotted"), four.appearance(), "not drawn as SAM itself");
        assertEquals("dashed", new Svag(2).appearance().dash());
        assertEquals("short-dash", new Svag(16).appearance().dash());
        assertEquals("solid", new Svag(1).appearance().dash());
        assertTrue(four.perturbs());
        Optimizer plain = Optimizer.builder(obj, Sam.INSTANCE).rho(0.1).build();
        assertEquals("sam", plain.name());
        assertEquals(Sam.INSTANCE.appearance(), plain.appearance());
    }

    @Test
    void amplificationRefusesMomentumAndRulesWithState() {
        Objective obj = stochastic();
        IllegalArgumentException m = assertThrows(IllegalArgumentException.class, () -> Optimizer.builder(obj, Sgd.INSTANCE)
                .base(new BaseStep.Momentum(0.9, 0)).svag(new Svag(2)).build());
        assertTrue(m.getMessage().contains("plain step"), m.getMessage());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Optimizer.builder(obj,
                new EigenSam(EigenSamOptions.DEFAULTS)).svag(new Svag(2)).build());
        assertTrue(e.getMessage().contains("eigen-sam keeps state"), e.getMessage());
    }
}
