package org.samsde.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.samsde.core.InvalidInputException;
import org.samsde.core.data.Dataset;
import org.samsde.core.data.ImageShape;
import org.samsde.core.jet.Activation;
import org.samsde.core.tensor.CpuBackend;
import org.samsde.core.testing.Problems;

/** Parsing of {@code cnn6} and {@code cnn:} specifications, the architecture they build, and their one-line errors. */
class CnnSpecTest {

    private static Dataset images(int n, ImageShape shape, int classes) {
        return Problems.classification(1, n, shape.size(), classes).withImageShape(shape);
    }

    @Test
    void cnn6IsTheSixLayerNetworkWithTanhByDefault() {
        ModelSpec.CnnSpec s = (ModelSpec.CnnSpec) ModelSpec.parse("cnn6");
        assertEquals(Activation.TANH, s.activation());
        assertEquals(s, ModelSpec.parse("cnn6:tanh"));
        assertEquals("cnn6", s.toString());
        assertEquals(Cnn.parseLayers("c16k3p1-c16k3p1-avg2-c32k3p1-c32k3p1-avg2-d128-d10"), s.layers());
        assertEquals(6, s.layers().stream().filter(CnnLayer::hasParameters).count());
        ModelSpec.CnnSpec relu = (ModelSpec.CnnSpec) ModelSpec.parse("cnn6:relu");
        assertEquals(Activation.RELU, relu.activation());
        assertEquals("cnn6:relu", relu.toString());
        assertEquals(s.layers(), relu.layers());
    }

    @Test
    void cnn6HasTheParameterCountsOfMnistAndCifarShapes() {
        ModelSpec.Model mnist = ModelSpec.parse("cnn6").build(images(3, new ImageShape(1, 28, 28), 10), CpuBackend.get());
        // 16·(1·9+1) + 16·(16·9+1) + 32·(16·9+1) + 32·(32·9+1) + 128·(32·7·7+1) + 10·(128+1)
        assertEquals(160 + 2320 + 4640 + 9248 + 200832 + 1290, mnist.objective().dimension());
        ModelSpec.Model cifar = ModelSpec.parse("cnn6:softplus").build(images(3, new ImageShape(3, 32, 32), 10), CpuBackend.get());
        assertEquals(448 + 2320 + 4640 + 9248 + 262272 + 1290, cifar.objective().dimension());
        assertEquals(mnist.objective().dimension(), mnist.initialParameters(4).length);
    }

    @ParameterizedTest
    @CsvSource({
        "cnn:c16k3p1-avg2-d10, cnn:c16k3p1-avg2-d10:tanh",
        "cnn:C8K3X5S2P1-MAX3S2-D4:tanh, cnn:c8k3x5s2p1-max3s2-d4:tanh",
        "cnn:c4k3s1p0-avg2s2-d10:gelu, cnn:c4k3-avg2-d10:gelu",
        "cnn:d10:identity, cnn:d10:identity"})
    void cnnSpecificationsRoundTrip(String spec, String canonical) {
        ModelSpec parsed = ModelSpec.parse(spec);
        assertEquals(canonical, parsed.toString());
        assertEquals(parsed, ModelSpec.parse(canonical));
    }

    @ParameterizedTest
    @ValueSource(strings = {"cnn:", "cnn:c16k3-avg2", "cnn:c16q3-d10", "cnn:c0k3-d10", "cnn:c16k3-d10:swish", "cnn6:",
        "cnn6:foo", "cnn:c16k3-d10:tanh:x", "cnn:c16k3--d10", "cnn:c99999999999k3-d10", "cnn:avg0-d3"})
    void badSpecificationsAreOneLineErrorsNamingTheSpecification(String spec) {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> ModelSpec.parse(spec));
        assertTrue(e.getMessage().contains(spec), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
    }

    @Test
    void dataThatDoesNotFitIsAnInvalidInputNamingTheLayer() {
        InvalidInputException flat = assertThrows(InvalidInputException.class,
                () -> ModelSpec.parse("cnn6").build(Problems.classification(1, 5, 2, 3), CpuBackend.get()));
        assertTrue(flat.getMessage().contains("layer 3 (avg2)") && flat.getMessage().contains("2x1x1"), flat.getMessage());
        InvalidInputException classes = assertThrows(InvalidInputException.class,
                () -> ModelSpec.parse("cnn6").build(images(12, new ImageShape(1, 8, 8), 12), CpuBackend.get()));
        assertTrue(classes.getMessage().contains("10 outputs") && classes.getMessage().contains("12 classes"), classes.getMessage());
        assertThrows(InvalidInputException.class, () -> ModelSpec.parse("cnn:c2k3-d3").build(null, CpuBackend.get()));
    }

    @Test
    void aBuiltCnnEvaluatesOnATestSplitOfTheSameShapeOnly() {
        ImageShape shape = new ImageShape(1, 8, 8);
        ModelSpec.Model m = ModelSpec.parse("cnn:c2k3p1-max2-d3:tanh").build(images(6, shape, 3), CpuBackend.get());
        assertInstanceOf(CnnObjective.class, m.on(images(4, shape, 3)));
        assertEquals(4, m.on(images(4, shape, 3)).sampleCount());
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> m.on(images(4, new ImageShape(1, 6, 6), 3)));
        assertTrue(e.getMessage().contains("1x8x8") && e.getMessage().contains("1x6x6"), e.getMessage());
    }

    @Test
    void oneOutputWithBinaryLabelsUsesBinaryCrossEntropyAndFloatTargetsMse() {
        ImageShape shape = new ImageShape(1, 5, 5);
        CnnObjective bin = (CnnObjective) ModelSpec.parse("cnn:c2k2-d1").build(images(5, shape, 2), CpuBackend.get()).objective();
        assertEquals(Loss.BINARY_CROSS_ENTROPY, bin.cnn().loss());
        Dataset reg = Problems.regression(2, 5, 25, 2).withImageShape(shape);
        CnnObjective mse = (CnnObjective) ModelSpec.parse("cnn:c2k2-d2").build(reg, CpuBackend.get()).objective();
        assertEquals(Loss.MSE, mse.cnn().loss());
        assertEquals(List.of(new CnnLayer.Conv(2, 2, 2, 1, 0), new CnnLayer.Dense(2)), mse.cnn().layers());
    }
}
