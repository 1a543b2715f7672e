package org.samsde.core.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.samsde.core.data.Dataset;
import org.samsde.core.data.ImageShape;
import org.samsde.core.jet.Activation;
import org.samsde.core.model.MlpDerivativeTest.Case;
import org.samsde.core.objective.Batch;
import org.samsde.core.objective.Objective;
import org.samsde.core.objective.TaylorResult;
import org.samsde.core.tensor.Backend;
import org.samsde.core.tensor.CpuBackend;
import org.samsde.core.testing.Check;
import org.samsde.core.testing.FiniteDifferences;
import org.samsde.core.testing.Problems;

/**
 * The Taylor pass of CNN layers (convolution with stride and padding, average and max pooling,
 * flatten, dense) against finite differences with Richardson extrapolation (g and H·v to 1e-7
 * relative, T[v, v] to 1e-5), the identities of {@link MlpDerivativeTest} (whose checks run here
 * on CNN cases), the public parameter layout through a scalar-wise reference forward pass, and
 * the MLP as an all-dense CNN.
 *
 * <p>Max pooling is piecewise linear: its cases use steps small enough to stay on one piece, and
 * assert that every pooling window is at least {@link #MIN_GAP} away from a tie at the point.
 */
class CnnDerivativeTest {
    private static final Backend CPU = CpuBackend.get();
    private static final MlpDerivativeTest CHECKS = new MlpDerivativeTest();
    private static final double MIN_GAP = 1e-3;

    /** A CNN case: the architecture, its data and a point. */
    record CnnCase(String name, Cnn cnn, Dataset data, long seed) {
        Case asCase() {
            return new Case(name, new CnnObjective(cnn, data, CPU), cnn.initialParameters(seed));
        }

        boolean maxPooling() {
            return cnn.layers().stream().anyMatch(l -> l instanceof CnnLayer.Pool p && p.kind() == CnnLayer.PoolKind.MAX);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    static Dataset images(long seed, int n, ImageShape shape, int classes) {
        return Problems.classification(seed, n, shape.size(), classes).withImageShape(shape);
    }

    static Cnn cnn(String layers, ImageShape input, Activation act, Loss loss) {
        return new Cnn(input, Cnn.parseLayers(layers), act, loss);
    }

    static Stream<CnnCase> smoothCases() {
        ImageShape gray6 = new ImageShape(1, 6, 6);
        ImageShape rgb = new ImageShape(2, 7, 6);
        ImageShape gray8 = new ImageShape(1, 8, 8);
        Dataset reg = Problems.regression(31, 7, 2 * 5 * 5, 2).withImageShape(new ImageShape(2, 5, 5));
        Dataset bin = images(32, 7, new ImageShape(1, 5, 5), 2);
        return Stream.of(
                new CnnCase("conv c3k3 + dense, tanh", cnn("c3k3-d4", gray6, Activation.TANH, Loss.CROSS_ENTROPY), images(1, 7, gray6, 4), 1),
                new CnnCase("strided padded conv c3k3s2p1 on 2x7x6, softplus",
                        cnn("c3k3s2p1-c2k2-d3", rgb, Activation.SOFTPLUS, Loss.CROSS_ENTROPY), images(2, 7, rgb, 3), 2),
                new CnnCase("conv c2k3p1 + avg2, gelu", cnn("c2k3p1-avg2-d3", gray6, Activation.GELU, Loss.CROSS_ENTROPY), images(3, 7, gray6, 3), 3),
                new CnnCase("overlapping avg3s2 on 2x7x6, sigmoid", cnn("c2k2p1-avg3s2-d3", rgb, Activation.SIGMOID, Loss.CROSS_ENTROPY),
                        images(4, 7, rgb, 3), 4),
                new CnnCase("pool on the input, then conv, tanh", cnn("avg2-c2k3-d3", gray8, Activation.TANH, Loss.CROSS_ENTROPY),
                        images(5, 7, gray8, 3), 5),
                new CnnCase("rectangular kernel c2k2x3 + two dense, softplus", cnn("c2k2x3s2-d5-d3", rgb, Activation.SOFTPLUS, Loss.CROSS_ENTROPY),
                        images(6, 7, rgb, 3), 6),
                new CnnCase("small cnn6 shape, softplus", cnn("c2k3p1-c2k3p1-avg2-c3k3p1-c3k3p1-avg2-d5-d3", gray8, Activation.SOFTPLUS,
                        Loss.CROSS_ENTROPY), images(7, 7, gray8, 3), 7),
                new CnnCase("conv mse on 2x5x5", cnn("c2k3-d2", new ImageShape(2, 5, 5), Activation.TANH, Loss.MSE), reg, 8),
                new CnnCase("conv binary cross-entropy", cnn("c2k2-avg2-d1", new ImageShape(1, 5, 5), Activation.SOFTPLUS,
                        Loss.BINARY_CROSS_ENTROPY), bin, 9));
    }

    static Stream<CnnCase> maxCases() {
        ImageShape gray6 = new ImageShape(1, 6, 6);
        ImageShape rgb = new ImageShape(2, 7, 6);
        return Stream.of(
                new CnnCase("conv c2k3p1 + max2, tanh", cnn("c2k3p1-max2-d3", gray6, Activation.TANH, Loss.CROSS_ENTROPY), images(11, 7, gray6, 3), 11),
                new CnnCase("overlapping max3s2 on 2x7x6, softplus", cnn("c2k2p1-max3s2-d3", rgb, Activation.SOFTPLUS, Loss.CROSS_ENTROPY),
                        images(14, 7, rgb, 3), 14),
                new CnnCase("relu conv + max2 + dense", cnn("c3k3p1-max2-d4-d3", gray6, Activation.RELU, Loss.CROSS_ENTROPY), images(13, 7, gray6, 3), 13));
    }

    static Stream<CnnCase> allCases() {
        return Stream.concat(smoothCases(), maxCases());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("allCases")
    void lossEqualsTheReferenceForwardPassOfTheParameterLayout(CnnCase c) {
        Case k = c.asCase();
        ReferenceCnn ref = new ReferenceCnn(c.cnn, k.x());
        Check.close(ref.loss(c.data), k.value(k.x(), Batch.all()), 1e-12, c + " loss");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("smoothCases")
    void gradientMatchesFiniteDifferences(CnnCase c) {
        CHECKS.gradientMatchesFiniteDifferences(c.asCase());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("smoothCases")
    void hvpAndThirdOrderMatchFiniteDifferences(CnnCase c) {
        CHECKS.hvpAndThirdOrderMatchFiniteDifferences(c.asCase());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("smoothCases")
    void fourthOrderCoefficientMatchesFiniteDifferencesOfTheThirdOrder(CnnCase c) {
        CHECKS.fourthOrderCoefficientMatchesFiniteDifferencesOfTheThirdOrder(c.asCase());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("smoothCases")
    void hessianIsSymmetricAndThirdOrderPolarises(CnnCase c) {
        CHECKS.hessianIsSymmetricAndThirdOrderPolarises(c.asCase());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("allCases")
    void lossCoefficientsAreContractionsOfTheGradientCoefficients(CnnCase c) {
        CHECKS.lossCoefficientsAreContractionsOfTheGradientCoefficients(c.asCase());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("allCases")
    void batchedDirectionsEqualSingleOnes(CnnCase c) {
        CHECKS.batchedDirectionsEqualSingleOnes(c.asCase());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("allCases")
    void weightedBatchIsTheWeightedMeanOfSingleSamples(CnnCase c) {
        CHECKS.weightedBatchIsTheWeightedMeanOfSingleSamples(c.asCase());
    }

    /**
     * Max pooling away from ties: every window's largest entry leads the second by at least
     * {@link #MIN_GAP} at x and at every finite-difference point (steps of at most 1e-4 move the
     * entries by far less), so the argmax is constant there and g, H·v and T[v, v] are those of
     * one smooth piece.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("maxCases")
    void maxPoolingDerivativesMatchFiniteDifferencesAwayFromTies(CnnCase c) {
        assertTrue(c.maxPooling());
        Case k = c.asCase();
        ReferenceCnn ref = new ReferenceCnn(c.cnn, k.x());
        ref.loss(c.data);
        assertTrue(ref.minMaxPoolGap() >= MIN_GAP, c + ": a pooling window is within " + ref.minMaxPoolGap() + " of a tie");
        Batch all = Batch.all();
        double[] fd = FiniteDifferences.gradient(p -> k.value(p, all), k.x(), 1e-5);
        Check.close(fd, k.grad(k.x(), all), 1e-7, c + " gradient");
        double[] v = k.direction(21);
        TaylorResult r = k.pass(k.x(), v, 2, all);
        Check.close(FiniteDifferences.directional(p -> k.grad(p, all), k.x(), v, 1e-5), r.hvp(0), 1e-7, c + " Hv");
        Check.close(FiniteDifferences.secondDirectional(p -> k.grad(p, all), k.x(), v, 1e-4), r.thirdOrder(0), 1e-5, c + " T[v,v]");
    }

    @Test
    void anAllDenseCnnIsTheMlpWithTheSameWidths() {
        Dataset data = Problems.classification(21, 9, 4, 3);
        for (Activation a : Activation.values()) {
            Mlp mlp = new Mlp(new int[] {4, 6, 5, 3}, a, Loss.CROSS_ENTROPY);
            Cnn cnn = cnn("d6-d5-d3", new ImageShape(4, 1, 1), a, Loss.CROSS_ENTROPY);
            assertEquals(mlp.dimension(), cnn.dimension());
            assertArrayEquals(mlp.initialParameters(3), cnn.initialParameters(3), 0.0);
            double[] x = mlp.initialParameters(3);
            double[] v = Problems.gaussian(4, x.length * 2, 1);
            TaylorResult m = new MlpObjective(mlp, data, CPU).taylor(CPU.upload(x, x.length), CPU.upload(v, 2, x.length), 2, Batch.all());
            TaylorResult k = new CnnObjective(cnn, data, CPU).taylor(CPU.upload(x, x.length), CPU.upload(v, 2, x.length), 2, Batch.all());
            for (int j = 0; j < 2; j++) {
                for (int order = 0; order <= 2; order++) {
                    Check.close(m.coefficient(order, j), k.coefficient(order, j), 1e-13, a + " coefficient " + order);
                    Check.close(m.lossCoefficient(order, j), k.lossCoefficient(order, j), 1e-13, a + " loss coefficient " + order);
                }
            }
        }
    }

    @Test
    void chunkingDoesNotChangeTheResult() {
        ImageShape shape = new ImageShape(2, 6, 6);
        Dataset data = images(22, 11, shape, 3);
        Cnn cnn = cnn("c3k3p1-max2-c2k2-avg2-d3", shape, Activation.TANH, Loss.CROSS_ENTROPY);
        double[] x = cnn.initialParameters(1);
        double[] v = Problems.gaussian(2, x.length, 1);
        TaylorResult whole = new CnnObjective(cnn, data, CPU).taylor(CPU.upload(x, x.length), CPU.upload(v, v.length), 2, Batch.all());
        TaylorResult chunked = new CnnObjective(cnn, data, CPU, 3).taylor(CPU.upload(x, x.length), CPU.upload(v, v.length), 2, Batch.all());
        for (int k = 0; k <= 2; k++) {
            Check.close(whole.coefficient(k, 0), chunked.coefficient(k, 0), 1e-13, "chunked coefficient " + k);
            Check.close(whole.lossCoefficient(k, 0), chunked.lossCoefficient(k, 0), 1e-13, "chunked loss coefficient " + k);
        }
    }

    @Test
    void nativeAndPureJavaBackendsAgree() {
        ImageShape shape = new ImageShape(3, 5, 5);
        Dataset data = images(23, 6, shape, 4);
        Cnn cnn = cnn("c4k3s2p1-max2-d4", shape, Activation.GELU, Loss.CROSS_ENTROPY);
        double[] x = cnn.initialParameters(3);
        double[] v = Problems.gaussian(5, x.length, 1);
        Backend java = CpuBackend.pureJava();
        TaylorResult a = new CnnObjective(cnn, data, CPU).taylor(CPU.upload(x, x.length), CPU.upload(v, v.length), 2, Batch.all());
        TaylorResult b = new CnnObjective(cnn, data, java).taylor(java.upload(x, x.length), java.upload(v, v.length), 2, Batch.all());
        for (int k = 0; k <= 2; k++) {
            Check.close(b.coefficient(k, 0), a.coefficient(k, 0), 1e-12, "coefficient " + k);
        }
    }

    @Test
    void evaluateGivesTheLossAndTheArgmaxAccuracyOfTheReference() {
        ImageShape shape = new ImageShape(1, 6, 6);
        Dataset data = images(24, 40, shape, 4);
        Cnn cnn = cnn("c2k3-avg2-d4", shape, Activation.TANH, Loss.CROSS_ENTROPY);
        double[] x = cnn.initialParameters(5);
        Objective obj = new CnnObjective(cnn, data, CPU, 7);
        Objective.Evaluation e = obj.evaluate(CPU.upload(x, x.length), Batch.all());
        ReferenceCnn ref = new ReferenceCnn(cnn, x);
        Check.close(ref.loss(data), e.loss(), 1e-12, "loss");
        double[] f = data.x();
        int[] y = data.labels();
        int hits = 0;
        for (int i = 0; i < data.size(); i++) {
            double[] z = ref.outputs(java.util.Arrays.copyOfRange(f, i * 36, (i + 1) * 36));
            int best = 0;
            for (int o = 1; o < z.length; o++) {
                best = z[o] > z[best] ? o : best;
            }
            hits += best == y[i] ? 1 : 0;
        }
        assertEquals((double) hits / data.size(), e.accuracy(), 0.0);
    }
}
