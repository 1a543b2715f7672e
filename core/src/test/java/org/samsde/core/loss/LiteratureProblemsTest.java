package org.samsde.core.loss;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.math3.analysis.differentiation.DerivativeStructure;
import org.junit.jupiter.api.Test;
import org.samsde.core.InvalidInputException;
import org.samsde.core.data.DataFiles;
import org.samsde.core.data.Dataset;
import org.samsde.core.data.MatrixSensing;
import org.samsde.core.data.SparseRegression;
import org.samsde.core.model.ModelSpec;
import org.samsde.core.objective.Batch;
import org.samsde.core.objective.Objective;
import org.samsde.core.objective.TaylorResult;
import org.samsde.core.tensor.Backend;
import org.samsde.core.tensor.CpuBackend;
import org.samsde.core.testing.DirectionalPoints;
import org.samsde.core.testing.Problems;

/** Each problem against the same loss in Commons Math's DerivativeStructure arithmetic (an independent AD). */
class LiteratureProblemsTest {
    private static final Backend CPU = CpuBackend.get();

    /** One sample's loss in DerivativeStructure arithmetic. */
    private interface DsLoss {
        DerivativeStructure at(DerivativeStructure[] p, double[] x, double[] y);
    }

    private static void assertMatchesOracle(String model, Dataset data, DsLoss oracle, long seed) {
        ModelSpec spec = ModelSpec.parse(model);
        assertEquals(model, spec.toString());
        Objective f = spec.build(data, CPU).objective();
        int d = f.dimension();
        double[] x = Problems.gaussian(seed, d, 0.6);
        double[] v = Problems.gaussian(seed + 1, d, 1.0);
        int[] idx = {0, 2, 2, 1};
        double[] w = {1.0, 0.5, 2.0, -0.7};
        int p = data.features();
        double[] xs = data.x();
        double[] ys = data.targetsAsDoubles();
        int width = data.targetStride();
        double[][] expected = new double[4][d];
        for (int i = 0; i < d; i++) {
            DerivativeStructure[] pts = DirectionalPoints.along(x, v, i, 4);
            DerivativeStructure total = null;
            for (int r = 0; r < idx.length; r++) {
                double[] xi = java.util.Arrays.copyOfRange(xs, idx[r] * p, (idx[r] + 1) * p);
                double[] yi = java.util.Arrays.copyOfRange(ys, idx[r] * width, (idx[r] + 1) * width);
                DerivativeStructure term = oracle.at(pts, xi, yi).multiply(w[r] / idx.length);
                total = total == null ? term : total.add(term);
            }
            for (int k = 0; k < 4; k++) {
                expected[k][i] = total.getPartialDerivative(1, k);
            }
        }
        try (TaylorResult r = f.taylor(CPU.upload(x, d), CPU.upload(v, d), 3, Batch.of(idx).withWeights(w))) {
            double[] factor = {1, 1, 2, 6};
            for (int k = 0; k < 4; k++) {
                double[] c = r.coefficient(k, 0);
                double scale = 1;
                for (int i = 0; i < d; i++) {
                    c[i] *= factor[k];
                    scale = Math.max(scale, Math.abs(expected[k][i]));
                }
                assertArrayEquals(expected[k], c, 1e-11 * scale, model + ": ∇^" + (k + 1) + "f[v…]");
            }
        }
    }

    private static DerivativeStructure half(DerivativeStructure r) {
        return r.multiply(r).multiply(0.5);
    }

    @Test
    void diagonalLinearNetworksOfDepthTwoAndThree() {
        for (int depth = 2; depth <= 3; depth++) {
            int dd = depth;
            Dataset data = DataFiles.resolve("sparse-regression:n=5,d=6,k=2,noise=0.1,seed=3").train();
            assertMatchesOracle("diag-linear:6" + (depth == 2 ? "" : ":depth=3"), data, (p, x, y) -> {
                DerivativeStructure r = p[0].getField().getZero().subtract(y[0]);
                for (int q = 0; q < 6; q++) {
                    r = r.add(p[q].pow(dd).subtract(p[6 + q].pow(dd)).multiply(x[q]));
                }
                return half(r);
            }, 10 + depth);
        }
    }

    @Test
    void deepLinearNetwork() {
        int[] widths = {3, 4, 2, 2};
        Dataset data = DataFiles.resolve("teacher:n=6,d=3,h=0,out=2,seed=1").train();
        assertMatchesOracle("deep-linear:3-4-2-2", data, (p, x, y) -> {
            DerivativeStructure zero = p[0].getField().getZero();
            DerivativeStructure[] h = new DerivativeStructure[3];
            for (int i = 0; i < 3; i++) {
                h[i] = zero.add(x[i]);
            }
            int off = 0;
            for (int l = 1; l < widths.length; l++) {
                DerivativeStructure[] next = new DerivativeStructure[widths[l]];
                for (int r = 0; r < widths[l]; r++) {
                    next[r] = zero;
                    for (int c = 0; c < widths[l - 1]; c++) {
                        next[r] = next[r].add(p[off + r * widths[l - 1] + c].multiply(h[c]));
                    }
                }
                off += widths[l] * widths[l - 1];
                h = next;
            }
            DerivativeStructure loss = zero;
            for (int r = 0; r < 2; r++) {
                loss = loss.add(half(h[r].subtract(y[r])));
            }
            return loss;
        }, 20);
    }

    @Test
    void matrixSensing() {
        Dataset data = DataFiles.resolve("sensing:n=4,d=3,r=2,noise=0.05,seed=2").train();
        assertMatchesOracle("matrix-sensing:3,2", data, (p, a, y) -> {
            DerivativeStructure s = p[0].getField().getZero().subtract(y[0]);
            for (int r = 0; r < 2; r++) {
                for (int i = 0; i < 3; i++) {
                    for (int j = 0; j < 3; j++) {
                        s = s.add(p[r * 3 + i].multiply(p[r * 3 + j]).multiply(a[i * 3 + j]));
                    }
                }
            }
            return half(s);
        }, 30);
    }

    @Test
    void generatorsDrawWhatTheySay() {
        SparseRegression sr = SparseRegression.parse("sparse-regression:n=20,d=10,k=3,noise=0,seed=4");
        double[] beta = sr.teacher();
        assertEquals(3, java.util.Arrays.stream(beta).filter(b -> b != 0).count());
        Dataset train = sr.generate().train();
        double[] x = train.x();
        double[] y = train.targets();
        for (int i = 0; i < 20; i++) {
            double s = 0;
            for (int j = 0; j < 10; j++) {
                s += beta[j] * x[i * 10 + j];
            }
            assertEquals(s, y[i], 1e-12);
        }
        assertEquals(5, sr.generate().test().size());
        MatrixSensing ms = MatrixSensing.parse("sensing:n=8,d=4,r=1,seed=1");
        double[] m = ms.truth();
        // rank one and symmetric positive semidefinite: M = uuᵀ, so M_ab² = M_aa·M_bb
        for (int a = 0; a < 4; a++) {
            for (int b = 0; b < 4; b++) {
                assertEquals(m[a * 4 + b], m[b * 4 + a], 1e-15);
                assertEquals(m[a * 4 + b] * m[a * 4 + b], m[a * 4 + a] * m[b * 4 + b], 1e-12);
            }
        }
        // the true factor fits the noiseless data: the loss at U* is 0 for the model
        assertEquals(16, ms.generate().train().features());
    }

    @Test
    void badSpecificationsAndMismatchedDataAreNamed() {
        Dataset data = DataFiles.resolve("sparse-regression:n=5,d=6").train();
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> ModelSpec.parse("diag-linear:5").build(data, CPU));
        assertTrue(e.getMessage().contains("takes 5 features but the data has 6"), e.getMessage());
        e = assertThrows(InvalidInputException.class, () -> ModelSpec.parse("matrix-sensing:3,4"));
        assertTrue(e.getMessage().contains("exceeds"), e.getMessage());
        e = assertThrows(InvalidInputException.class, () -> ModelSpec.parse("deep-linear:3-x-1"));
        assertTrue(e.getMessage().contains("'x'"), e.getMessage());
        e = assertThrows(InvalidInputException.class, () -> ModelSpec.parse("user:nothing-here").build(data, CPU));
        assertTrue(e.getMessage().contains("no user loss named 'nothing-here'"), e.getMessage());
        e = assertThrows(InvalidInputException.class, () -> DataFiles.resolve("sparse-regression:d=3,k=4"));
        assertTrue(e.getMessage().contains("k"), e.getMessage());
    }
}
