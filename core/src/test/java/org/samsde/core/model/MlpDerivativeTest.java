package org.samsde.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.samsde.core.data.Dataset;
import org.samsde.core.jet.Activation;
import org.samsde.core.objective.Batch;
import org.samsde.core.objective.Objective;
import org.samsde.core.objective.TaylorResult;
import org.samsde.core.tensor.Backend;
import org.samsde.core.tensor.CpuBackend;
import org.samsde.core.tensor.Tensor;
import org.samsde.core.testing.Check;
import org.samsde.core.testing.FiniteDifferences;
import org.samsde.core.testing.Problems;

/**
 * The Taylor pass of every MLP activation and loss against finite differences with Richardson
 * extrapolation: g and H·v to 1e-7 relative, T[v, v] to 1e-5, plus the algebraic identities the
 * derivatives must satisfy. ReLU cases run every check: their finite differences are taken along
 * directions whose stencil crosses no kink ({@link Case#kinkFree}), where the net is smooth.
 */
class MlpDerivativeTest {
    private static final Backend CPU = CpuBackend.get();

    /**
     * A model, its data and a point, with host-array views of the Taylor pass.
     *
     * @param mlp the MLP, or null for another model (then no ReLU kinks are looked for)
     * @param data its data, or null with mlp
     */
    record Case(String name, Mlp mlp, Dataset data, Objective objective, double[] x) {
        /** A case of a model other than an MLP (the CNN tests run their smooth cases through these checks). */
        Case(String name, Objective objective, double[] x) {
            this(name, null, null, objective, x);
        }

        /** @return whether this is a ReLU MLP, piecewise smooth */
        boolean relu() {
            return mlp != null && mlp.activation() == Activation.RELU;
        }

        double value(double[] p, Batch b) {
            return pass(p, null, 0, b).loss();
        }

        double[] grad(double[] p, Batch b) {
            return pass(p, null, 0, b).gradient();
        }

        TaylorResult pass(double[] p, double[] v, int order, Batch b) {
            Backend be = objective.backend();
            Tensor xt = be.upload(p, p.length);
            Tensor vt = v == null ? null : be.upload(v, v.length);
            return objective.taylor(xt, vt, order, b);
        }

        double[] direction(long seed) {
            return Problems.gaussian(seed, x.length, 1.0);
        }

        /**
         * A direction for finite differences of step h along it: {@link #direction(long)} for smooth
         * activations; for ReLU the first of the draws seed, seed + 1000, … whose stencil x + s·v,
         * |s| ≤ h, crosses no kink (see {@link #kinkFree}), so the differences see one smooth piece.
         *
         * @param seed the first seed tried
         * @param h the largest |s| of the stencil
         * @return v
         */
        double[] smoothDirection(long seed, double h) {
            if (!relu()) {
                return direction(seed);
            }
            for (int attempt = 0; attempt < 100; attempt++) {
                double[] v = direction(seed + 1000L * attempt);
                if (kinkFree(v, h)) {
                    return v;
                }
            }
            throw new AssertionError(name + ": no kink-free direction in 100 draws from seed " + seed);
        }

        /**
         * Whether every hidden pre-activation z keeps its sign on the segment x + s·v, |s| ≤ h, with
         * room to spare: |z(x)| > 2·max |z(x + s·v) − z(x)| over 21 equally spaced s (z is linear in s
         * in the first hidden layer and, while the signs hold, a polynomial of low degree after it).
         *
         * @param v the direction; not modified
         * @param h the half-width of the segment
         * @return true when no kink is near the segment
         */
        boolean kinkFree(double[] v, double h) {
            double[] z0 = preActivations(x);
            double[] change = new double[z0.length];
            for (int j = -10; j <= 10; j++) {
                double s = h * j / 10.0;
                double[] p = x.clone();
                for (int i = 0; i < p.length; i++) {
                    p[i] += s * v[i];
                }
                double[] z = preActivations(p);
                for (int i = 0; i < z.length; i++) {
                    change[i] = Math.max(change[i], Math.abs(z[i] - z0[i]));
                }
            }
            for (int i = 0; i < z0.length; i++) {
                if (!(Math.abs(z0[i]) > 2 * change[i])) {
                    return false;
                }
            }
            return true;
        }

        /** @return the hidden pre-activations z = W h + b of every sample at parameters p (plain doubles, the public layout) */
        double[] preActivations(double[] p) {
            int hidden = 0;
            for (int l = 0; l + 1 < mlp.layers(); l++) {
                hidden += mlp.out(l);
            }
            double[] all = new double[data.size() * hidden];
            double[] feats = data.x();
            int at = 0;
            for (int n = 0; n < data.size(); n++) {
                double[] h = java.util.Arrays.copyOfRange(feats, n * mlp.inputs(), (n + 1) * mlp.inputs());
                for (int l = 0; l + 1 < mlp.layers(); l++) {
                    double[] z = new double[mlp.out(l)];
                    for (int o = 0; o < z.length; o++) {
                        double acc = p[mlp.biasOffset(l) + o];
                        for (int k = 0; k < h.length; k++) {
                            acc += p[mlp.weightOffset(l) + o * h.length + k] * h[k];
                        }
                        z[o] = acc;
                        all[at++] = acc;
                    }
                    h = new double[z.length];
                    for (int o = 0; o < z.length; o++) {
                        h[o] = mlp.activation().derivative(z[o], 0);
                    }
                }
            }
            return all;
        }

        @Override
        public String toString() {
            return name;
        }
    }

    static Case mlpCase(String name, Mlp mlp, Dataset data, long seed) {
        return new Case(name, mlp, data, new MlpObjective(mlp, data, CPU), mlp.initialParameters(seed));
    }

    static Stream<Case> cases() {
        Dataset cls = Problems.classification(11, 9, 4, 3);
        Dataset reg = Problems.regression(12, 8, 4, 2);
        Dataset bin = Problems.classification(13, 10, 3, 2);
        Stream.Builder<Case> b = Stream.builder();
        for (Activation a : Activation.values()) {
            b.add(mlpCase("mlp 4-6-5-3 " + a.specName() + " cross-entropy", new Mlp(new int[] {4, 6, 5, 3}, a, Loss.CROSS_ENTROPY), cls, 5));
        }
        b.add(mlpCase("mlp 4-7-2 tanh mse", new Mlp(new int[] {4, 7, 2}, Activation.TANH, Loss.MSE), reg, 6));
        b.add(mlpCase("mlp 3-5-1 softplus binary", new Mlp(new int[] {3, 5, 1}, Activation.SOFTPLUS, Loss.BINARY_CROSS_ENTROPY), bin, 7));
        b.add(mlpCase("linreg 4-2", new Mlp(new int[] {4, 2}, Activation.IDENTITY, Loss.MSE), reg, 8));
        b.add(mlpCase("logreg 3-1", new Mlp(new int[] {3, 1}, Activation.IDENTITY, Loss.BINARY_CROSS_ENTROPY), bin, 9));
        // as users write it: one output on 0/1 labels is binary cross-entropy on the logit
        ModelSpec.Model binarySpec = ModelSpec.parse("mlp:4-6-1:tanh").build(Problems.classification(15, 11, 4, 2), CPU);
        b.add(new Case("mlp:4-6-1:tanh on 0/1 labels", binarySpec.objective(), binarySpec.initialParameters(11)));
        b.add(mlpCase("softmax regression 4-3", new Mlp(new int[] {4, 3}, Activation.IDENTITY, Loss.CROSS_ENTROPY), cls, 10));
        return b.build();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void gradientMatchesFiniteDifferences(Case c) {
        Batch all = Batch.all();
        double[] fd = FiniteDifferences.gradient(p -> c.value(p, all), c.x, 1e-3);
        Check.close(fd, c.grad(c.x, all), 1e-7, c + " gradient");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void hvpAndThirdOrderMatchFiniteDifferences(Case c) {
        Batch all = Batch.all();
        // ReLU nets are piecewise smooth: smaller steps, on a direction whose stencil crosses no kink
        boolean kinked = c.relu();
        double[] v = c.smoothDirection(21, kinked ? 1e-4 : 1e-2);
        TaylorResult r = c.pass(c.x, v, 2, all);
        double[] hv = FiniteDifferences.directional(p -> c.grad(p, all), c.x, v, kinked ? 1e-5 : 1e-3);
        Check.close(hv, r.hvp(0), 1e-7, c + " Hv");
        if (!c.name.startsWith("linreg")) { // linreg: T = 0 exactly, asserted in linearRegressionMatchesItsClosedForm
            double[] t = FiniteDifferences.secondDirectional(p -> c.grad(p, all), c.x, v, kinked ? 1e-4 : 1e-2);
            Check.close(t, r.thirdOrder(0), 1e-5, c + " T[v,v]");
        }
        Check.close(c.value(c.x, all), r.loss(), 1e-15, c + " loss");
        Check.close(c.grad(c.x, all), r.gradient(), 1e-13, c + " gradient of the K=2 pass");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void lossCoefficientsAreContractionsOfTheGradientCoefficients(Case c) {
        double[] v = c.direction(22);
        TaylorResult r = c.pass(c.x, v, 3, Batch.all());
        Check.close(dot(r.gradient(), v), r.lossCoefficient(1, 0), 1e-12, c + " a1 = <g,v>");
        Check.close(dot(r.hvp(0), v) / 2, r.lossCoefficient(2, 0), 1e-12, c + " a2 = <v,Hv>/2");
        Check.close(dot(r.thirdOrder(0), v) / 6, r.lossCoefficient(3, 0), 1e-10, c + " a3 = T[v,v,v]/6");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void fourthOrderCoefficientMatchesFiniteDifferencesOfTheThirdOrder(Case c) {
        // for ReLU a direction whose stencil crosses no kink: there the net is smooth and the check is as for the others
        double[] v = c.smoothDirection(23, 1e-3);
        TaylorResult r = c.pass(c.x, v, 3, Batch.all());
        double[] fd = FiniteDifferences.directional(p -> c.pass(p, v, 2, Batch.all()).thirdOrder(0), c.x, v, 1e-3);
        double[] c3 = r.coefficient(3, 0);
        for (int i = 0; i < c3.length; i++) {
            c3[i] *= 6;
        }
        Check.close(fd, c3, 1e-5, c + " grad^4 f[v,v,v]");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void hessianIsSymmetricAndThirdOrderPolarises(Case c) {
        double[] u = c.direction(31);
        double[] w = c.smoothDirection(32, 1e-3);
        Batch all = Batch.all();
        double[] hu = c.pass(c.x, u, 1, all).hvp(0);
        double[] hw = c.pass(c.x, w, 1, all).hvp(0);
        Check.close(dot(u, hw), dot(w, hu), 1e-12, c + " <u,Hw> = <w,Hu>");
        double[] plus = c.pass(c.x, add(u, w, 1), 2, all).thirdOrder(0);
        double[] minus = c.pass(c.x, add(u, w, -1), 2, all).thirdOrder(0);
        double[] tu = c.pass(c.x, u, 2, all).thirdOrder(0);
        double[] tw = c.pass(c.x, w, 2, all).thirdOrder(0);
        // T[u+w] + T[u-w] = 2T[u] + 2T[w]
        Check.close(add(add(tu, tw, 1), new double[tu.length], 0).clone(), scaleSum(plus, minus, 0.5), 1e-10, c + " parallelogram");
        // T[u+w] - T[u-w] = 4T[u,w], with T[u,w] = d/dt H(x + t w) u
        double[] tuw = FiniteDifferences.directional(p -> c.pass(p, u, 1, all).hvp(0), c.x, w, 1e-3);
        double[] diff = add(plus, minus, -1);
        for (int i = 0; i < diff.length; i++) {
            diff[i] /= 4;
        }
        Check.close(tuw, diff, 1e-7, c + " polarisation");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void batchedDirectionsEqualSingleOnes(Case c) {
        int m = 3;
        int d = c.x.length;
        double[] vs = new double[m * d];
        for (int j = 0; j < m; j++) {
            System.arraycopy(c.direction(40 + j), 0, vs, j * d, d);
        }
        for (int order = 1; order <= 2; order++) {
            TaylorResult batched = c.pass(c.x, vs, order, Batch.all());
            for (int j = 0; j < m; j++) {
                double[] vj = java.util.Arrays.copyOfRange(vs, j * d, (j + 1) * d);
                TaylorResult single = c.pass(c.x, vj, order, Batch.all());
                for (int k = 0; k <= order; k++) {
                    Check.close(single.coefficient(k, 0), batched.coefficient(k, j), 1e-13, c + " coefficient " + k + " of direction " + j);
                    Check.close(single.lossCoefficient(k, 0), batched.lossCoefficient(k, j), 1e-13, c + " loss coefficient " + k);
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void weightedBatchIsTheWeightedMeanOfSingleSamples(Case c) {
        int[] idx = {2, 0, 2, 5};
        double[] w = {0.5, -1.25, 2.0, 3.0};
        double[] v = c.direction(50);
        TaylorResult r = c.pass(c.x, v, 2, new Batch(idx, w));
        double[] expectG = new double[c.x.length];
        double[] expectT = new double[c.x.length];
        double expectLoss = 0;
        for (int e = 0; e < idx.length; e++) {
            TaylorResult s = c.pass(c.x, v, 2, Batch.of(idx[e]));
            expectLoss += w[e] * s.loss() / idx.length;
            double[] g = s.gradient();
            double[] t = s.thirdOrder(0);
            for (int i = 0; i < g.length; i++) {
                expectG[i] += w[e] * g[i] / idx.length;
                expectT[i] += w[e] * t[i] / idx.length;
            }
        }
        Check.close(expectLoss, r.loss(), 1e-13, c + " weighted loss");
        Check.close(expectG, r.gradient(), 1e-13, c + " weighted gradient");
        Check.close(expectT, r.thirdOrder(0), 1e-12, c + " weighted T[v,v]");
    }

    @Test
    void chunkingDoesNotChangeTheResult() {
        Dataset data = Problems.classification(3, 23, 4, 3);
        Mlp mlp = new Mlp(new int[] {4, 6, 3}, Activation.GELU, Loss.CROSS_ENTROPY);
        double[] x = mlp.initialParameters(1);
        double[] v = Problems.gaussian(2, x.length, 1);
        TaylorResult whole = new MlpObjective(mlp, data, CPU).taylor(CPU.upload(x, x.length), CPU.upload(v, v.length), 2, Batch.all());
        TaylorResult chunked = new MlpObjective(mlp, data, CPU, 5).taylor(CPU.upload(x, x.length), CPU.upload(v, v.length), 2, Batch.all());
        for (int k = 0; k <= 2; k++) {
            Check.close(whole.coefficient(k, 0), chunked.coefficient(k, 0), 1e-13, "chunked coefficient " + k);
            Check.close(whole.lossCoefficient(k, 0), chunked.lossCoefficient(k, 0), 1e-13, "chunked loss coefficient " + k);
        }
    }

    @Test
    void nativeAndPureJavaBackendsAgree() {
        Dataset data = Problems.classification(4, 17, 5, 4);
        Mlp mlp = new Mlp(new int[] {5, 8, 7, 4}, Activation.TANH, Loss.CROSS_ENTROPY);
        double[] x = mlp.initialParameters(3);
        double[] v = Problems.gaussian(5, x.length, 1);
        Backend java = CpuBackend.pureJava();
        TaylorResult a = new MlpObjective(mlp, data, CPU).taylor(CPU.upload(x, x.length), CPU.upload(v, v.length), 2, Batch.all());
        TaylorResult b = new MlpObjective(mlp, data, java).taylor(java.upload(x, x.length), java.upload(v, v.length), 2, Batch.all());
        for (int k = 0; k <= 2; k++) {
            Check.close(b.coefficient(k, 0), a.coefficient(k, 0), 1e-12, "coefficient " + k);
        }
    }

    @Test
    void linearRegressionMatchesItsClosedForm() {
        Dataset data = Problems.regression(14, 12, 3, 2);
        Mlp mlp = new Mlp(new int[] {3, 2}, Activation.IDENTITY, Loss.MSE);
        double[] x = mlp.initialParameters(2);
        double[] v = Problems.gaussian(6, x.length, 1);
        TaylorResult r = new MlpObjective(mlp, data, CPU).taylor(CPU.upload(x, x.length), CPU.upload(v, v.length), 2, Batch.all());
        double[] feat = data.x();
        double[] tgt = data.targets();
        int n = data.size();
        double[] g = new double[x.length];
        double[] hv = new double[x.length];
        double loss = 0;
        for (int i = 0; i < n; i++) {
            for (int o = 0; o < 2; o++) {
                double pred = x[6 + o];
                double dir = v[6 + o];
                for (int f = 0; f < 3; f++) {
                    pred += x[o * 3 + f] * feat[i * 3 + f];
                    dir += v[o * 3 + f] * feat[i * 3 + f];
                }
                double res = pred - tgt[i * 2 + o];
                loss += 0.5 * res * res / n;
                for (int f = 0; f < 3; f++) {
                    g[o * 3 + f] += res * feat[i * 3 + f] / n;
                    hv[o * 3 + f] += dir * feat[i * 3 + f] / n;
                }
                g[6 + o] += res / n;
                hv[6 + o] += dir / n;
            }
        }
        Check.close(loss, r.loss(), 1e-12, "loss");
        Check.close(g, r.gradient(), 1e-12, "gradient");
        Check.close(hv, r.hvp(0), 1e-12, "Hv");
        for (double t : r.thirdOrder(0)) {
            assertEquals(0.0, t, 0.0, "T[v,v] of a quadratic is exactly zero");
        }
    }

    @Test
    void evaluateGivesTheLossAndTheArgmaxAccuracy() {
        Dataset data = Problems.classification(15, 40, 3, 4);
        Mlp mlp = new Mlp(new int[] {3, 4}, Activation.IDENTITY, Loss.CROSS_ENTROPY);
        double[] x = mlp.initialParameters(12);
        MlpObjective obj = new MlpObjective(mlp, data, CPU, 7);
        Objective.Evaluation e = obj.evaluate(CPU.upload(x, x.length), Batch.all());
        assertEquals(obj.taylor(CPU.upload(x, x.length), null, 0, Batch.all()).loss(), e.loss(), 1e-15);
        double[] f = data.x();
        int[] y = data.labels();
        int hits = 0;
        for (int i = 0; i < data.size(); i++) {
            int best = 0;
            double bestZ = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < 4; c++) {
                double z = x[12 + c];
                for (int k = 0; k < 3; k++) {
                    z += x[c * 3 + k] * f[i * 3 + k];
                }
                if (z > bestZ) {
                    bestZ = z;
                    best = c;
                }
            }
            hits += best == y[i] ? 1 : 0;
        }
        assertEquals((double) hits / data.size(), e.accuracy(), 0.0);
        Mlp reg = new Mlp(new int[] {4, 2}, Activation.IDENTITY, Loss.MSE);
        double[] xr = reg.initialParameters(1);
        assertTrue(Double.isNaN(new MlpObjective(reg, Problems.regression(1, 5, 4, 2), CPU).evaluate(CPU.upload(xr, xr.length), Batch.all()).accuracy()));
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    private static double[] add(double[] a, double[] b, double s) {
        double[] out = a.clone();
        for (int i = 0; i < out.length; i++) {
            out[i] += s * b[i];
        }
        return out;
    }

    private static double[] scaleSum(double[] a, double[] b, double s) {
        double[] out = new double[a.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = s * (a[i] + b[i]);
        }
        return out;
    }
}
