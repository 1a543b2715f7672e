package org.samsde.core.tensor;

import java.util.function.UnaryOperator;

import org.apache.commons.math3.analysis.differentiation.DerivativeStructure;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.samsde.core.jet.Activation;
import org.samsde.core.jet.JetLayout;
import org.samsde.core.testing.Check;
import org.samsde.core.testing.GeluOracle;
import org.samsde.core.testing.Problems;

/**
 * Each jet primitive against Commons Math {@link DerivativeStructure} in one variable t: the
 * Taylor coefficient k of y(z₀ + z₁t + z₂t² + z₃t³) is the k-th derivative at t = 0 over k!.
 * GELU, which DerivativeStructure lacks, is composed from {@link GeluOracle}'s derivatives.
 */
class JetPrimitivesTest {
    private static final Backend BE = CpuBackend.get();
    private static final int ORDER = 3;
    private static final int DIRS = 2;
    private static final JetLayout LAYOUT = new JetLayout(ORDER, DIRS);

    /** The DS of z(t) = Σ_k z_k t^k for element e of direction j of a stacked jet. */
    private static DerivativeStructure series(double[] jet, int blockSize, int e, int j) {
        DerivativeStructure t = new DerivativeStructure(1, ORDER, 0, 0.0);
        DerivativeStructure z = new DerivativeStructure(1, ORDER, jet[e]);
        for (int k = 1; k <= ORDER; k++) {
            z = z.add(t.pow(k).multiply(jet[LAYOUT.block(k, j) * blockSize + e]));
        }
        return z;
    }

    private static double coefficient(DerivativeStructure y, int k) {
        double fact = 1;
        for (int i = 2; i <= k; i++) {
            fact *= i;
        }
        return y.getPartialDerivative(k) / fact;
    }

    /** Compares a stacked output jet with the DS expansion of f applied elementwise. */
    private static void assertJet(double[] in, double[] out, int blockSize, UnaryOperator<DerivativeStructure> f, String what) {
        for (int j = 0; j < DIRS; j++) {
            for (int e = 0; e < blockSize; e++) {
                DerivativeStructure y = f.apply(series(in, blockSize, e, j));
                for (int k = 0; k <= ORDER; k++) {
                    double expected = coefficient(y, k);
                    double actual = out[LAYOUT.block(k, j) * blockSize + e];
                    Check.close(new double[] {expected}, new double[] {actual}, 1e-12,
                            what + " coefficient " + k + " direction " + j + " element " + e);
                }
            }
        }
    }

    static UnaryOperator<DerivativeStructure> reference(Activation a) {
        return switch (a) {
            case IDENTITY -> z -> z;
            case TANH -> DerivativeStructure::tanh;
            case SIGMOID -> z -> z.negate().exp().add(1).reciprocal();
            case SOFTPLUS -> z -> z.exp().log1p();
            case RELU -> z -> z.getValue() > 0 ? z : z.multiply(0);
            case GELU -> z -> z.compose(GeluOracle.derivatives(z.getValue(), z.getOrder()));
        };
    }

    @ParameterizedTest
    @EnumSource(Activation.class)
    void activationJetMatchesDerivativeStructure(Activation act) {
        int blockSize = 6;
        double[] z = Problems.gaussian(3, LAYOUT.blocks() * blockSize, 1.5);
        Tensor zt = BE.upload(z, z.length);
        Tensor a = BE.zeros(z.length);
        Tensor d = BE.zeros(z.length);
        BE.activationJet(act, LAYOUT, blockSize, zt, 0, a, 0, d, 0);
        UnaryOperator<DerivativeStructure> f = reference(act);
        assertJet(z, a.toArray(), blockSize, f, act + " value");
        // φ'(z(t)) as a series: the derivative of φ along z, i.e. d/dz evaluated on the jet
        double[] dh = d.toArray();
        for (int j = 0; j < DIRS; j++) {
            for (int e = 0; e < blockSize; e++) {
                DerivativeStructure zs = series(z, blockSize, e, j);
                double[] expected = derivativeSeries(act, zs);
                for (int k = 0; k <= ORDER; k++) {
                    Check.close(expected[k], dh[LAYOUT.block(k, j) * blockSize + e], 1e-12, act + " derivative jet " + k);
                }
            }
        }
    }

    /** Taylor coefficients of φ'(z(t)), with φ' from {@link Activation#derivative}: ψ = φ' composed with z. */
    private static double[] derivativeSeries(Activation act, DerivativeStructure z) {
        double[] derivs = new double[ORDER + 1];
        for (int r = 0; r <= ORDER; r++) {
            derivs[r] = act.derivative(z.getValue(), r + 1);
        }
        DerivativeStructure dz = z.subtract(z.getValue());
        DerivativeStructure acc = new DerivativeStructure(1, ORDER, 0.0);
        double fact = 1;
        for (int r = 0; r <= ORDER; r++) {
            if (r > 0) {
                fact *= r;
            }
            acc = acc.add(dz.pow(r).multiply(derivs[r] / fact));
        }
        double[] out = new double[ORDER + 1];
        for (int k = 0; k <= ORDER; k++) {
            out[k] = coefficient(acc, k);
        }
        return out;
    }

    @ParameterizedTest
    @EnumSource(Activation.class)
    void derivativesMatchFiniteDifferencesOfTheLowerOrder(Activation act) {
        for (double z : new double[] {-2.3, -0.7, 0.4, 1.9}) {
            for (int r = 0; r < Activation.MAX_DERIVATIVE; r++) {
                final int order = r;
                double h = 1e-4;
                double fd = (8 * (act.derivative(z + h, order) - act.derivative(z - h, order))
                        - (act.derivative(z + 2 * h, order) - act.derivative(z - 2 * h, order))) / (12 * h);
                Check.close(fd, act.derivative(z, r + 1), 1e-8, act + " derivative " + (r + 1) + " at " + z);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 5})
    void multiplyIsTheCauchyProduct(int blockSize) {
        double[] a = Problems.gaussian(5, LAYOUT.blocks() * blockSize, 1);
        double[] b = Problems.gaussian(6, LAYOUT.blocks() * blockSize, 1);
        Tensor out = BE.zeros(a.length);
        BE.jetMultiply(LAYOUT, blockSize, BE.upload(a, a.length), 0, BE.upload(b, b.length), 0, out, 0);
        double[] o = out.toArray();
        for (int j = 0; j < DIRS; j++) {
            for (int e = 0; e < blockSize; e++) {
                DerivativeStructure y = series(a, blockSize, e, j).multiply(series(b, blockSize, e, j));
                for (int k = 0; k <= ORDER; k++) {
                    Check.close(coefficient(y, k), o[LAYOUT.block(k, j) * blockSize + e], 1e-13, "product coefficient " + k);
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 4})
    void softmaxCrossEntropyJetMatchesDerivativeStructure(int classes) {
        int rows = 3;
        int block = rows * classes;
        double[] z = Problems.gaussian(7, LAYOUT.blocks() * block, 2.0);
        z[1] += 1000; // overflow guard: exp(1000) overflows a naive softmax; a huge logit must not produce NaN
        double[] labels = {classes - 1, 0, 1};
        double[] w = {0.5, -1.0, 2.0};
        Tensor delta = BE.zeros(z.length);
        double[] loss = BE.softmaxCrossEntropyJet(LAYOUT, rows, classes, BE.upload(z, z.length),
                BE.upload(labels, rows), BE.upload(w, rows), delta);
        double[] dl = delta.toArray();
        double[] expectedDelta = new double[dl.length];
        for (int j = 0; j < DIRS; j++) {
            DerivativeStructure total = new DerivativeStructure(1, ORDER, 0.0);
            for (int r = 0; r < rows; r++) {
                DerivativeStructure[] zs = new DerivativeStructure[classes];
                for (int c = 0; c < classes; c++) {
                    zs[c] = series(z, block, r * classes + c, j);
                }
                double max = Double.NEGATIVE_INFINITY;
                for (DerivativeStructure s : zs) {
                    max = Math.max(max, s.getValue());
                }
                DerivativeStructure sum = new DerivativeStructure(1, ORDER, 0.0);
                for (DerivativeStructure s : zs) {
                    sum = sum.add(s.subtract(max).exp());
                }
                DerivativeStructure lse = sum.log().add(max);
                total = total.add(lse.subtract(zs[(int) labels[r]]).multiply(w[r]));
                for (int c = 0; c < classes; c++) {
                    DerivativeStructure p = zs[c].subtract(max).exp().divide(sum).multiply(w[r]);
                    if (c == (int) labels[r]) {
                        p = p.subtract(w[r]);
                    }
                    for (int k = 0; k <= ORDER; k++) {
                        expectedDelta[LAYOUT.block(k, j) * block + r * classes + c] = coefficient(p, k);
                    }
                }
            }
            for (int k = 0; k <= ORDER; k++) {
                Check.close(coefficient(total, k), loss[LAYOUT.block(k, j)], 1e-12, "cross-entropy loss coefficient " + k);
            }
        }
        // relative to the largest entry: saturated rows hold probabilities far below rounding
        Check.close(expectedDelta, dl, 1e-12, "softmax delta jet");
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3})
    void squaredErrorAndBinaryCrossEntropyJetsMatchDerivativeStructure(int width) {
        int rows = 4;
        int block = rows * width;
        double[] z = Problems.gaussian(8, LAYOUT.blocks() * block, 1.0);
        double[] targets = Problems.gaussian(9, block, 1.0);
        double[] w = {1.0, 0.25, -3.0, 2.0};
        Tensor delta = BE.zeros(z.length);
        double[] loss = BE.squaredErrorJet(LAYOUT, rows, width, BE.upload(z, z.length), BE.upload(targets, block),
                BE.upload(w, rows), delta);
        for (int j = 0; j < DIRS; j++) {
            DerivativeStructure total = new DerivativeStructure(1, ORDER, 0.0);
            for (int e = 0; e < block; e++) {
                DerivativeStructure r = series(z, block, e, j).subtract(targets[e]);
                total = total.add(r.multiply(r).multiply(0.5 * w[e / width]));
            }
            for (int k = 0; k <= ORDER; k++) {
                Check.close(coefficient(total, k), loss[LAYOUT.block(k, j)], 1e-12, "squared error coefficient " + k);
            }
        }
        assertJet(z, delta.toArray(), block, zs -> zs, "residual jet (scaled)", w, width, targets);
        if (width == 1) {
            double[] labels = {0, 1, 1, 0};
            Tensor bd = BE.zeros(z.length);
            double[] bl = BE.binaryCrossEntropyJet(LAYOUT, rows, BE.upload(z, z.length), BE.upload(labels, rows), BE.upload(w, rows), bd);
            for (int j = 0; j < DIRS; j++) {
                DerivativeStructure total = new DerivativeStructure(1, ORDER, 0.0);
                for (int r = 0; r < rows; r++) {
                    DerivativeStructure zs = series(z, block, r, j);
                    total = total.add(zs.exp().log1p().subtract(zs.multiply(labels[r])).multiply(w[r]));
                    DerivativeStructure dz = zs.negate().exp().add(1).reciprocal().subtract(labels[r]).multiply(w[r]);
                    for (int k = 0; k <= ORDER; k++) {
                        Check.close(coefficient(dz, k), bd.toArray()[LAYOUT.block(k, j) * block + r], 1e-12, "binary delta " + k);
                    }
                }
                for (int k = 0; k <= ORDER; k++) {
                    Check.close(coefficient(total, k), bl[LAYOUT.block(k, j)], 1e-12, "binary loss coefficient " + k);
                }
            }
        }
    }

    /** delta of the squared error: w_r·(z − y) coefficientwise. */
    private static void assertJet(double[] in, double[] out, int blockSize, UnaryOperator<DerivativeStructure> f, String what,
                                  double[] w, int width, double[] targets) {
        for (int j = 0; j < DIRS; j++) {
            for (int e = 0; e < blockSize; e++) {
                DerivativeStructure y = f.apply(series(in, blockSize, e, j)).subtract(targets[e]).multiply(w[e / width]);
                for (int k = 0; k <= ORDER; k++) {
                    Check.close(coefficient(y, k), out[LAYOUT.block(k, j) * blockSize + e], 1e-13, what + " " + k);
                }
            }
        }
    }
}
