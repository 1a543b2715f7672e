package org.samsde.core.loss;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.samsde.core.data.Dataset;
import org.samsde.core.objective.Batch;
import org.samsde.core.objective.TaylorResult;
import org.samsde.core.tensor.Backend;
import org.samsde.core.tensor.CpuBackend;

/**
 * Parameter-only jets are computed once per chunk of samples and swept once at its end: the
 * derivatives must equal those of the same loss evaluated entirely per sample.
 */
class JetHoistingTest {
    private static final Backend CPU = CpuBackend.get();
    private static final int DIM = 4;
    private static final int ORDER = 3;
    private static final int DIRECTIONS = 2;

    private static double[] gaussian(Random r, int n, double scale) {
        double[] a = new double[n];
        for (int i = 0; i < n; i++) {
            a[i] = scale * r.nextGaussian();
        }
        return a;
    }

    /**
     * A loss with a parameter-only part: β = tanh(u⊙u − v·v) + W·u, a scalar regulariser and a
     * log-sum-exp. With {@code hoistable} false, u and v are first multiplied by a constant 1,
     * which makes every jet depend on a constant, so nothing is shared across samples.
     */
    private static JetLoss loss(boolean hoistable) {
        return (theta, s) -> {
            Jet one = theta.constant(1.0);
            Jet u = hoistable ? theta.slice("u", 0, DIM) : theta.slice("u", 0, DIM).times(one);
            Jet v = hoistable ? theta.slice("v", DIM, DIM) : theta.slice("v", DIM, DIM).times(one);
            Jet w = hoistable ? theta.slice("W", 2 * DIM, DIM * DIM) : theta.slice("W", 2 * DIM, DIM * DIM).times(one);
            Jet beta = u.square().minus(v.times(v)).tanh().plus(w.matVec(DIM, DIM, u));
            Jet reg = u.pow(3).sum().plus(v.exp().sum().times(0.1)).plus(beta.logSumExp());
            return beta.dot(s.x()).minus(s.y()).square().times(0.5).plus(reg.times(0.01));
        };
    }

    private static JetObjective objective(JetLoss loss, Dataset data) {
        return JetObjective.of(2 * DIM + DIM * DIM, data, loss, CPU);
    }

    private static Dataset data(Random rnd, int n) {
        return Dataset.regression(gaussian(rnd, n * DIM, 1), DIM, gaussian(rnd, n, 1), 1);
    }

    /** Loss and every Taylor coefficient of the two objectives agree to rounding. */
    private static void assertSameTaylor(JetObjective expected, JetObjective actual, double[] p, double[] dirs, Batch batch) {
        int d = p.length;
        try (TaylorResult a = expected.taylor(CPU.upload(p, d), CPU.upload(dirs, DIRECTIONS, d), ORDER, batch);
             TaylorResult b = actual.taylor(CPU.upload(p, d), CPU.upload(dirs, DIRECTIONS, d), ORDER, batch)) {
            assertEquals(a.loss(), b.loss(), 1e-12 * Math.max(1, Math.abs(a.loss())));
            for (int k = 0; k <= ORDER; k++) {
                for (int j = 0; j < (k == 0 ? 1 : DIRECTIONS); j++) {
                    double[] ea = a.coefficient(k, j);
                    double scale = 1;
                    for (double e : ea) {
                        scale = Math.max(scale, Math.abs(e));
                    }
                    assertArrayEquals(ea, b.coefficient(k, j), 1e-12 * scale, "coefficient " + k + " of direction " + j);
                    if (k > 0) {
                        assertEquals(a.lossCoefficient(k, j), b.lossCoefficient(k, j), 1e-12 * scale);
                    }
                }
            }
        }
    }

    @Test
    void sharedParameterOnlyPartGivesTheDerivativesOfThePerSampleEvaluation() {
        Random rnd = new Random(21);
        int n = 300;
        Dataset data = data(rnd, n);
        double[] p = gaussian(rnd, 2 * DIM + DIM * DIM, 0.5);
        double[] dirs = gaussian(rnd, DIRECTIONS * p.length, 1);
        // several chunks, run in parallel; and a weighted batch with repeated samples
        assertSameTaylor(objective(loss(false), data), objective(loss(true), data), p, dirs, Batch.all());
        int[] idx = {5, 0, 5, 299, 17, 17, 17};
        double[] w = {1, 2, -0.5, 3, 0.25, 1, 1};
        assertSameTaylor(objective(loss(false), data), objective(loss(true), data), p, dirs, Batch.of(idx).withWeights(w));
    }

    @Test
    void parameterOnlyJetsAreComputedOncePerChunk() {
        Random rnd = new Random(22);
        Dataset data = data(rnd, 40);
        List<Jet> seen = new ArrayList<>();
        JetLoss loss = (theta, s) -> {
            Jet u = theta.slice("u", 0, DIM);
            Jet beta = u.square().minus(theta.slice("v", DIM, DIM).square());
            seen.add(beta);
            return beta.dot(s.x()).minus(s.y()).square();
        };
        try (TaylorResult r = JetObjective.of(2 * DIM, data, loss, CPU).gradient(CPU.upload(gaussian(rnd, 2 * DIM, 1), 2 * DIM),
                Batch.all())) {
            assertEquals(40, seen.size());
            for (Jet beta : seen) {
                assertSame(seen.get(0), beta, "u⊙u − v⊙v is the first sample's jet for every sample of the chunk");
            }
        }
    }

    /**
     * Parameter jets combined with sample-dependent numbers (y repeats across samples, so some of
     * those operations match the first sample's and some do not) and with operations that only
     * some samples perform, against the same loss with nothing shared.
     */
    @Test
    void sampleDependentScalarsOnParameterJetsStayExact() {
        Random rnd = new Random(23);
        int n = 150;
        double[] xs = gaussian(rnd, n * DIM, 1);
        double[] ys = new double[n];
        for (int i = 0; i < n; i++) {
            ys[i] = (i % 3) * 0.5 + 0.25;
        }
        Dataset data = Dataset.regression(xs, DIM, ys, 1);
        java.util.function.Function<Boolean, JetLoss> loss = hoistable -> (theta, s) -> {
            Jet u = theta.slice("u", 0, DIM);
            Jet v = theta.slice("v", DIM, DIM);
            if (!hoistable) {
                u = u.times(theta.constant(1.0));
                v = v.times(theta.constant(1.0));
            }
            Jet beta = u.times(s.y()).plus(v.pow(2 + s.y()).plus(s.y()));
            Jet out = beta.dot(s.x()).square().plus(u.get(s.index() % DIM).times(s.y()));
            if (s.index() % 2 == 1) {
                out = out.plus(v.exp().sum());
            }
            return out;
        };
        double[] p = gaussian(rnd, 2 * DIM, 0.5);
        for (int i = DIM; i < 2 * DIM; i++) {
            p[i] = Math.abs(p[i]) + 0.5;
        }
        double[] dirs = gaussian(rnd, DIRECTIONS * 2 * DIM, 1);
        JetObjective plain = JetObjective.of(2 * DIM, data, loss.apply(false), CPU);
        JetObjective shared = JetObjective.of(2 * DIM, data, loss.apply(true), CPU);
        assertSameTaylor(plain, shared, p, dirs, Batch.all());
    }

    /** f(x) = Σ (xᵢ² − 1)² + x₀x₁: every jet is parameter-only, including the returned one. */
    @Test
    void deterministicLossMatchesItsClosedForm() {
        int d = 3;
        JetLoss loss = (theta, s) -> {
            Jet x = theta.all();
            return x.square().minus(1).square().sum().plus(x.get(0).times(x.get(1)));
        };
        JetObjective f = JetObjective.deterministic(d, loss, CPU);
        double[] x = {0.7, -1.3, 0.4};
        double[] v = {1, 0.5, -2};
        double value = x[0] * x[1];
        double[] g = new double[d];
        double[] hv = new double[d];
        double[] tvv = new double[d];
        for (int i = 0; i < d; i++) {
            double q = x[i] * x[i] - 1;
            value += q * q;
            g[i] = 4 * x[i] * q;
            hv[i] = (12 * x[i] * x[i] - 4) * v[i];
            tvv[i] = 24 * x[i] * v[i] * v[i];
        }
        g[0] += x[1];
        g[1] += x[0];
        hv[0] += v[1];
        hv[1] += v[0];
        try (TaylorResult r = f.taylor(CPU.upload(x, d), CPU.upload(v, d), 2, Batch.all())) {
            assertEquals(value, r.loss(), 1e-12);
            assertArrayEquals(g, r.gradient(), 1e-12);
            assertArrayEquals(hv, r.hvp(0), 1e-12);
            assertArrayEquals(tvv, r.thirdOrder(0), 1e-12);
        }
        // over samples, a loss that ignores them returns the same parameter-only jet for each:
        // its adjoint collects every sample's weight
        Random rnd = new Random(24);
        Dataset data = Dataset.regression(gaussian(rnd, 100, 1), 1, gaussian(rnd, 100, 1), 1);
        int[] idx = {3, 50, 99, 3};
        double[] w = {1, 2, 0.5, 4};
        try (TaylorResult r = JetObjective.of(d, data, loss, CPU).taylor(CPU.upload(x, d), CPU.upload(v, d), 2,
                Batch.of(idx).withWeights(w))) {
            double mean = (1 + 2 + 0.5 + 4) / 4;
            assertEquals(mean * value, r.loss(), 1e-12);
            for (int i = 0; i < d; i++) {
                assertEquals(mean * g[i], r.gradient()[i], 1e-12);
                assertEquals(mean * hv[i], r.hvp(0)[i], 1e-12);
            }
        }
    }

    @Test
    void aJetOfAnEarlierSampleIsStillRejected() {
        Random rnd = new Random(25);
        Dataset data = data(rnd, 10);
        Jet[] kept = new Jet[1];
        JetLoss loss = (theta, s) -> {
            Jet u = theta.slice("u", 0, DIM);
            Jet fit = u.square().dot(s.x()).minus(s.y());
            // u⊙u is shared by all samples; the message names the stale jet, not it
            Jet out = kept[0] == null ? fit.square() : u.square().times(kept[0]).sum();
            kept[0] = fit;
            return out;
        };
        JetObjective f = JetObjective.of(DIM, data, loss, CPU);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> f.gradient(CPU.upload(gaussian(rnd, DIM, 1), DIM), Batch.all()));
        assertTrue(e.getMessage().contains("earlier sample") && e.getMessage().contains("dot("), e.getMessage());
    }
}
