package org.samsde.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.samsde.core.data.Dataset;
import org.samsde.core.data.ImageShape;
import org.samsde.core.jet.Activation;
import org.samsde.core.model.Cnn;
import org.samsde.core.model.Loss;
import org.samsde.core.tensor.CpuBackend;
import org.samsde.core.testing.Problems;

/** The CNN benchmark on a tiny network: it times all three passes and reports what it timed. */
class CnnBenchmarkTest {
    @Test
    void timesTheThreePassesOfTheGivenNetwork() {
        ImageShape shape = new ImageShape(1, 6, 6);
        Dataset data = Problems.classification(1, 4, 36, 3).withImageShape(shape);
        Cnn cnn = new Cnn(shape, Cnn.parseLayers("c2k3p1-max2-d3"), Activation.TANH, Loss.CROSS_ENTROPY);
        CnnBenchmark.Timing t = CnnBenchmark.run(cnn, data, CpuBackend.get(), 3);
        assertEquals(4, t.images());
        assertEquals(cnn.dimension(), t.dimension());
        assertTrue(t.gradientMs() > 0 && t.hvpMs() > 0 && t.thirdOrderMs() > 0, t.toString());
        assertEquals(t.thirdOrderMs() / t.gradientMs(), t.thirdOrderRatio(), 1e-12);
        assertTrue(t.toString().contains("K=2 pass"), t.toString());
        assertThrows(IllegalArgumentException.class, () -> CnnBenchmark.run(cnn, data, CpuBackend.get(), 0));
    }
}
