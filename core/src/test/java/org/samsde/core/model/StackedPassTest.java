package org.samsde.core.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

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
import org.samsde.core.testing.Problems;

/**
 * {@link MlpObjective#taylorAlongGradients}, the stacked pass over M batches with a direction per
 * row group, against the separate passes it replaces (a gradient pass, then a Taylor pass along
 * v_j = ρ·g_j/‖g_j‖, per batch): every coefficient and loss coefficient of every group, to rounding,
 * and bitwise on the shapes of the paper's MLP (784-64-10, B = 64, where the stacked matrix products
 * give the same rows as the separate ones); and {@link MlpObjective#expandedGradients}, which sums
 * the coefficients in the backward sweep, against the sum of the separate coefficients to rounding.
 */
class StackedPassTest {
    private static final Backend CPU = CpuBackend.get();

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("784-64-10 tanh, CE, K=2, M=8, B=64", new int[] {784, 64, 10}, Activation.TANH, Loss.CROSS_ENTROPY, 2, 8, 64, true),
                Arguments.of("2-16-16-3 tanh, CE, K=2, M=4, B=32", new int[] {2, 16, 16, 3}, Activation.TANH, Loss.CROSS_ENTROPY, 2, 4, 32, false),
                Arguments.of("5-8-8-2 softplus, MSE, K=1, M=3, B=7", new int[] {5, 8, 8, 2}, Activation.SOFTPLUS, Loss.MSE, 1, 3, 7, false),
                Arguments.of("6-9-1 gelu, BCE, K=3, M=5, B=4", new int[] {6, 9, 1}, Activation.GELU, Loss.BINARY_CROSS_ENTROPY, 3, 5, 4, false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void summedPassEqualsTheSumOfTheSeparateCoefficients(String name, int[] widths, Activation act, Loss loss, int order, int groups,
                                                         int rows, boolean bitwise) {
        Setup s = setup(widths, act, loss, groups, rows);
        List<Tensor> stacked = s.f.expandedGradients(s.x, order, s.batches, s.direction);
        assertEquals(groups, stacked.size());
        int d = s.f.dimension();
        for (int j = 0; j < groups; j++) {
            TaylorResult g = s.f.gradient(s.x, s.batches.get(j));
            Tensor v = s.direction.apply(g.gradientCoefficients());
            TaylorResult separate = s.f.taylor(s.x, v, order, s.batches.get(j));
            double[] want = new double[d];
            double scale = 0;
            for (int k = 0; k <= order; k++) {
                double[] c = k == 0 ? g.gradient() : separate.coefficient(k, 0);
                for (int i = 0; i < d; i++) {
                    want[i] += c[i];
                    scale = Math.max(scale, Math.abs(c[i]));
                }
            }
            double[] got = stacked.get(j).toArray();
            assertArrayEquals(want, got, 1e-13 * scale, name + ": the sum of group " + j);
            double diff = 0;
            for (int i = 0; i < d; i++) {
                diff = Math.max(diff, Math.abs(want[i] - g.gradient()[i]));
            }
            assertTrue(diff > 1e-6 * scale, "the higher coefficients are not negligible, so the comparison sees them");
            separate.gradientCoefficients().close();
            g.gradientCoefficients().close();
            v.close();
            stacked.get(j).close();
        }
    }

    private record Setup(MlpObjective f, Tensor x, List<Batch> batches, UnaryOperator<Tensor> direction) {
    }

    private static Setup setup(int[] widths, Activation act, Loss loss, int groups, int rows) {
        Mlp mlp = new Mlp(widths, act, loss);
        int n = 300;
        Dataset data = data(mlp, n);
        MlpObjective f = new MlpObjective(mlp, data, CPU);
        int d = mlp.dimension();
        Tensor x = CPU.upload(mlp.initialParameters(11), d);
        List<Batch> batches = new ArrayList<>();
        for (int j = 0; j < groups; j++) {
            int[] idx = new int[rows];
            for (int r = 0; r < rows; r++) {
                idx[r] = (int) ((7919L * (j * rows + r) + 13) % n);
            }
            double[] w = Problems.gaussian(100 + j, rows, 1.0);
            batches.add(j % 2 == 0 ? Batch.of(idx) : Batch.of(idx).withWeights(w));
        }
        double rho = 0.3;
        UnaryOperator<Tensor> direction = g -> {
            double[] v = g.toArray();
            double norm = 0;
            for (double e : v) {
                norm += e * e;
            }
            norm = Math.sqrt(norm);
            for (int i = 0; i < v.length; i++) {
                v[i] *= rho / norm;
            }
            return CPU.upload(v, d);
        };
        return new Setup(f, x, batches, direction);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void stackedPassEqualsSeparatePasses(String name, int[] widths, Activation act, Loss loss, int order, int groups, int rows,
                                         boolean bitwise) {
        Setup setup = setup(widths, act, loss, groups, rows);
        MlpObjective f = setup.f;
        Tensor x = setup.x;
        List<Batch> batches = setup.batches;
        UnaryOperator<Tensor> direction = setup.direction;
        List<TaylorResult> stacked = f.taylorAlongGradients(x, order, batches, direction);
        assertEquals(groups, stacked.size());
        for (int j = 0; j < groups; j++) {
            TaylorResult g = f.gradient(x, batches.get(j));
            Tensor v = direction.apply(g.gradientCoefficients());
            TaylorResult separate = f.taylor(x, v, order, batches.get(j));
            TaylorResult s = stacked.get(j);
            assertEquals(separate.layout(), s.layout());
            for (int k = 0; k <= order; k++) {
                // c0 is the separate gradient pass's g_j, the rest the separate Taylor pass's coefficients
                double[] want = k == 0 ? g.gradient() : separate.coefficient(k, 0);
                double[] got = s.coefficient(k, 0);
                if (bitwise) {
                    assertArrayEquals(want, got, 0.0, name + ": c" + k + " of group " + j);
                } else {
                    double scale = 0;
                    for (double e : want) {
                        scale = Math.max(scale, Math.abs(e));
                    }
                    assertTrue(scale > 0, "c" + k + " is zero: the comparison would be empty");
                    assertArrayEquals(want, got, 1e-13 * scale, name + ": c" + k + " of group " + j);
                }
                double a = separate.lossCoefficient(k, 0);
                assertEquals(a, s.lossCoefficient(k, 0), bitwise ? 0.0 : 1e-13 * Math.max(1, Math.abs(a)), "a" + k + " of group " + j);
            }
            separate.gradientCoefficients().close();
            g.gradientCoefficients().close();
            v.close();
            s.gradientCoefficients().close();
        }
    }

    private static Dataset data(Mlp mlp, int n) {
        double[] features = Problems.gaussian(1, n * mlp.inputs(), 1.0);
        return switch (mlp.loss()) {
            case MSE -> Dataset.regression(features, mlp.inputs(), Problems.gaussian(2, n * mlp.outputs(), 1.0), mlp.outputs());
            case CROSS_ENTROPY, BINARY_CROSS_ENTROPY -> {
                int classes = mlp.loss() == Loss.CROSS_ENTROPY ? mlp.outputs() : 2;
                int[] labels = new int[n];
                for (int i = 0; i < n; i++) {
                    labels[i] = (i * 31 + 7) % classes;
                }
                yield Dataset.classification(features, mlp.inputs(), labels);
            }
        };
    }
}
