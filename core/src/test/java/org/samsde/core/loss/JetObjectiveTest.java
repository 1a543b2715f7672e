package org.samsde.core.loss;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.junit.jupiter.api.Test;
import org.samsde.core.data.Dataset;
import org.samsde.core.objective.Batch;
import org.samsde.core.objective.TaylorResult;
import org.samsde.core.tensor.Backend;
import org.samsde.core.tensor.CpuBackend;
import org.samsde.core.testing.FiniteDifferences;

class JetObjectiveTest {
    private static final Backend CPU = CpuBackend.get();

    private static double[] gaussian(Random r, int n, double scale) {
        double[] a = new double[n];
        for (int i = 0; i < n; i++) {
            a[i] = scale * r.nextGaussian();
        }
        return a;
    }

    /** fᵢ(u, v) = ½(⟨u⊙u − v⊙v, xᵢ⟩ − yᵢ)², its derivatives in closed form. */
    @Test
    void diagonalLinearNetworkMatchesItsClosedFormToFourthOrder() {
        Random rnd = new Random(3);
        int dim = 5;
        int n = 7;
        double[] xs = gaussian(rnd, n * dim, 1);
        double[] ys = gaussian(rnd, n, 1);
        JetLoss loss = (theta, s) -> {
            Jet u = theta.slice("u", 0, dim);
            Jet v = theta.slice("v", dim, dim);
            return u.square().minus(v.square()).dot(s.x()).minus(s.y()).square().times(0.5);
        };
        JetObjective f = JetObjective.of(2 * dim, Dataset.regression(xs, dim, ys, 1), loss, CPU);
        double[] p = gaussian(rnd, 2 * dim, 1);
        double[] dirs = gaussian(rnd, 2 * 2 * dim, 1);
        int[] idx = {0, 3, 3, 6};
        double[] w = {0.5, 2.0, -1.0, 1.5};
        double[] loss0 = new double[1];
        double[][] expect = new double[2 * 4][2 * dim];
        for (int r = 0; r < idx.length; r++) {
            int i = idx[r];
            double c = w[r] / idx.length;
            for (int j = 0; j < 2; j++) {
                double res = -ys[i];
                double r1 = 0;
                double r2 = 0;
                for (int q = 0; q < dim; q++) {
                    double u = p[q];
                    double v = p[dim + q];
                    double a = dirs[j * 2 * dim + q];
                    double b = dirs[j * 2 * dim + dim + q];
                    double xq = xs[i * dim + q];
                    if (j == 0) {
                        res += (u * u - v * v) * xq;
                    }
                    r1 += (2 * u * a - 2 * v * b) * xq;
                    r2 += (a * a - b * b) * xq;
                }
                if (j == 0) {
                    loss0[0] += c * 0.5 * res * res;
                } else {
                    res = 0;
                    for (int q = 0; q < dim; q++) {
                        res += (p[q] * p[q] - p[dim + q] * p[dim + q]) * xs[i * dim + q];
                    }
                    res -= ys[i];
                }
                for (int q = 0; q < dim; q++) {
                    double xq = xs[i * dim + q];
                    double a = dirs[j * 2 * dim + q];
                    double b = dirs[j * 2 * dim + dim + q];
                    double u = p[q];
                    double v = p[dim + q];
                    if (j == 0) {
                        expect[0][q] += c * 2 * res * u * xq;
                        expect[0][dim + q] += c * -2 * res * v * xq;
                    }
                    // H·v, ½T[v,v], ⅙∇⁴f[v,v,v]: the t, t², t³ coefficients of 2 r(t)(u + t a)x
                    expect[1 + j][q] += c * 2 * (r1 * u + res * a) * xq;
                    expect[1 + j][dim + q] += c * -2 * (r1 * v + res * b) * xq;
                    expect[3 + j][q] += c * 2 * (r2 * u + r1 * a) * xq;
                    expect[3 + j][dim + q] += c * -2 * (r2 * v + r1 * b) * xq;
                    expect[5 + j][q] += c * 2 * r2 * a * xq;
                    expect[5 + j][dim + q] += c * -2 * r2 * b * xq;
                }
            }
        }
        Batch batch = Batch.of(idx).withWeights(w);
        try (TaylorResult r = f.taylor(CPU.upload(p, 2 * dim), CPU.upload(dirs, 2, 2 * dim), 3, batch)) {
            assertEquals(loss0[0], r.loss(), 1e-12);
            for (int k = 0; k <= 3; k++) {
                for (int j = 0; j < 2; j++) {
                    int row = k == 0 ? 0 : 1 + 2 * (k - 1) + j;
                    assertArrayEquals(expect[row], r.coefficient(k, j), 1e-11, "coefficient " + k + " of direction " + j);
                }
            }
            // a₁ = ⟨∇f, v⟩
            double a1 = 0;
            for (int q = 0; q < 2 * dim; q++) {
                a1 += expect[0][q] * dirs[q];
            }
            assertEquals(a1, r.lossCoefficient(1, 0), 1e-11);
        }
    }

    private static final int IN = 3;

    /** Every operation at once; the plain-double twin below is differentiated by finite differences. */
    private static final JetLoss KITCHEN_SINK = (theta, s) -> {
        Jet a = theta.slice("a", 0, 3);
        Jet w = theta.slice("W", 3, 6);
        Jet b = theta.slice("b", 9, 2);
        Jet z = w.matVec(2, IN, s.x()).plus(b);
        Jet h = z.tanh();
        Jet t = h.dot(a.slice(0, 2))
                .plus(a.sigmoid().sum())
                .plus(a.softplus().get(2))
                .plus(a.square().plus(1).sqrt().sum())
                .plus(a.plus(3).log().sum())
                .plus(a.exp().times(0.1).sum())
                .plus(a.get(0).pow(3))
                .plus(a.get(1).div(a.get(2).square().plus(2)))
                .plus(w.abs().sum().times(0.3))
                .plus(z.logSumExp())
                .plus(a.leftMul(new double[] {1, 2, -1, 0.5, 0, 1}, 2, 3).dot(h))
                .plus(z.times(a.get(1)).matVec(1, 2, b).times(0.2))
                .minus(s.y());
        return t.square().times(0.5).plus(t.times(a.get(2)).div(4.0).negate());
    };

    private static double plainLoss(double[] p, double[] x, double y) {
        double[] a = {p[0], p[1], p[2]};
        double[] z = new double[2];
        for (int r = 0; r < 2; r++) {
            z[r] = p[9 + r];
            for (int c = 0; c < IN; c++) {
                z[r] += p[3 + r * IN + c] * x[c];
            }
        }
        double[] h = {Math.tanh(z[0]), Math.tanh(z[1])};
        double t = h[0] * a[0] + h[1] * a[1];
        for (double ai : a) {
            t += 1 / (1 + Math.exp(-ai)) + Math.sqrt(ai * ai + 1) + Math.log(ai + 3) + 0.1 * Math.exp(ai);
        }
        t += Math.log1p(Math.exp(a[2]));
        t += a[0] * a[0] * a[0] + a[1] / (a[2] * a[2] + 2);
        for (int i = 3; i < 9; i++) {
            t += 0.3 * Math.abs(p[i]);
        }
        t += Math.log(Math.exp(z[0]) + Math.exp(z[1]));
        double[] m = {1, 2, -1, 0.5, 0, 1};
        for (int r = 0; r < 2; r++) {
            t += (m[r * 3] * a[0] + m[r * 3 + 1] * a[1] + m[r * 3 + 2] * a[2]) * h[r];
        }
        t += 0.2 * (z[0] * a[1] * p[9] + z[1] * a[1] * p[10]);
        t -= y;
        return 0.5 * t * t - t * a[2] / 4.0;
    }

    @Test
    void everyOperationAgreesWithFiniteDifferencesOfAPlainTwin() {
        Random rnd = new Random(11);
        int n = 3;
        double[] xs = gaussian(rnd, n * IN, 1);
        double[] ys = gaussian(rnd, n, 1);
        JetObjective f = JetObjective.of(11, Dataset.regression(xs, IN, ys, 1), KITCHEN_SINK, CPU);
        double[] p = gaussian(rnd, 11, 0.7);
        for (int i = 3; i < 9; i++) {
            p[i] = p[i] < 0 ? p[i] - 0.3 : p[i] + 0.3;
        }
        double[] v = gaussian(rnd, 11, 1);
        java.util.function.ToDoubleFunction<double[]> plain = q -> {
            double s = 0;
            for (int i = 0; i < n; i++) {
                s += plainLoss(q, java.util.Arrays.copyOfRange(xs, i * IN, (i + 1) * IN), ys[i]);
            }
            return s / n;
        };
        java.util.function.Function<double[], double[]> grad = q -> {
            try (TaylorResult r = f.gradient(CPU.upload(q, 11), Batch.all())) {
                return r.gradient();
            }
        };
        try (TaylorResult r = f.taylor(CPU.upload(p, 11), CPU.upload(v, 11), 3, Batch.all())) {
            assertEquals(plain.applyAsDouble(p), r.loss(), 1e-12);
            assertArrayEquals(FiniteDifferences.gradient(plain, p, 1e-3), r.gradient(), 1e-7, "gradient");
            assertArrayEquals(FiniteDifferences.directional(grad, p, v, 1e-3), r.hvp(0), 1e-6, "H·v");
            assertClose(FiniteDifferences.secondDirectional(grad, p, v, 1e-2), r.thirdOrder(0), 1e-6, "T[v,v]");
            java.util.function.Function<double[], double[]> hv = q -> {
                try (TaylorResult s = f.taylor(CPU.upload(q, 11), CPU.upload(v, 11), 1, Batch.all())) {
                    return s.hvp(0);
                }
            };
            double[] fourth = r.coefficient(3, 0);
            for (int i = 0; i < 11; i++) {
                fourth[i] *= 6;
            }
            assertClose(FiniteDifferences.secondDirectional(hv, p, v, 1e-2), fourth, 1e-5, "∇⁴f[v,v,v]");
            assertEquals(0.5 * dot(r.hvp(0), v), r.lossCoefficient(2, 0), 1e-10);
        }
    }

    /** Relative to the largest expected entry: finite differences lose digits on large values. */
    private static void assertClose(double[] expected, double[] actual, double rel, String what) {
        double scale = 1;
        for (double e : expected) {
            scale = Math.max(scale, Math.abs(e));
        }
        assertArrayEquals(expected, actual, rel * scale, what);
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    @Test
    void chunkedParallelPassesSumLikeOneSequentialPass() {
        Random rnd = new Random(5);
        int n = 700;
        double[] xs = gaussian(rnd, n * IN, 1);
        double[] ys = gaussian(rnd, n, 1);
        JetObjective f = JetObjective.of(11, Dataset.regression(xs, IN, ys, 1), KITCHEN_SINK, CPU);
        double[] p = gaussian(rnd, 11, 0.5);
        double[] g = new double[11];
        double loss = 0;
        for (int i = 0; i < n; i++) {
            try (TaylorResult r = f.gradient(CPU.upload(p, 11), Batch.of(i))) {
                double[] gi = r.gradient();
                for (int q = 0; q < 11; q++) {
                    g[q] += gi[q] / n;
                }
                loss += r.loss() / n;
            }
        }
        try (TaylorResult r = f.gradient(CPU.upload(p, 11), Batch.all())) {
            assertEquals(loss, r.loss(), 1e-12);
            assertArrayEquals(g, r.gradient(), 1e-12);
        }
    }

    @Test
    void wrongLengthsNameTheSlices() {
        JetObjective f = JetObjective.deterministic(4, (theta, s) -> {
            Jet w = theta.slice("W1", 0, 4);
            return w.matVec(3, 2, theta.slice("h", 0, 2)).sum();
        }, CPU);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> f.value(CPU.upload(new double[4], 4), Batch.all()));
        assertTrue(e.getMessage().contains("'W1'") && e.getMessage().contains("3 × 2"), e.getMessage());
        JetObjective g = JetObjective.deterministic(4, (theta, s) -> theta.slice("u", 0, 3).dot(theta.slice("v", 2, 2)), CPU);
        e = assertThrows(IllegalArgumentException.class, () -> g.value(CPU.upload(new double[4], 4), Batch.all()));
        assertTrue(e.getMessage().contains("'u'") && e.getMessage().contains("'v'"), e.getMessage());
        JetObjective h = JetObjective.deterministic(4, (theta, s) -> theta.slice("b2", 3, 2).sum(), CPU);
        e = assertThrows(IllegalArgumentException.class, () -> h.value(CPU.upload(new double[4], 4), Batch.all()));
        assertTrue(e.getMessage().contains("'b2'"), e.getMessage());
        JetObjective vec = JetObjective.deterministic(4, (theta, s) -> theta.all().square(), CPU);
        e = assertThrows(IllegalArgumentException.class, () -> vec.value(CPU.upload(new double[4], 4), Batch.all()));
        assertTrue(e.getMessage().contains("scalar"), e.getMessage());
    }
}
