package org.samsde.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.samsde.core.InvalidInputException;
import org.samsde.core.data.Dataset;
import org.samsde.core.objective.Batch;
import org.samsde.core.objective.Objective;
import org.samsde.core.tensor.CpuBackend;
import org.samsde.core.testing.Check;
import org.samsde.core.testing.Problems;

/** The loss an {@code mlp:} specification picks from its output width and the data, and its one-line errors. */
class MlpSpecTest {

    @Test
    void oneOutputOnBinaryLabelsIsBinaryCrossEntropyOnTheLogit() {
        Dataset bin = Problems.classification(3, 9, 4, 2);
        ModelSpec.Model m = ModelSpec.parse("mlp:4-6-1:tanh").build(bin, CpuBackend.get());
        assertEquals(Loss.BINARY_CROSS_ENTROPY, ((MlpObjective) m.objective()).mlp().loss());
        // the loss is (1/n) Σ log(1 + e^z) − y·z with z the network's one output
        Objective o = m.objective();
        double[] x = m.initialParameters(2);
        double expected = 0;
        for (int i = 0; i < bin.size(); i++) {
            double z = logit(x, bin.x(), i);
            expected += Math.log1p(Math.exp(z)) - bin.labels()[i] * z;
        }
        double loss = o.taylor(CpuBackend.get().upload(x, x.length), null, 0, Batch.all()).loss();
        Check.close(expected / bin.size(), loss, 1e-13, "binary cross-entropy of mlp:4-6-1:tanh");
    }

    @Test
    void severalOutputsStaySoftmaxCrossEntropy() {
        ModelSpec.Model m = ModelSpec.parse("mlp:4-6-2:tanh").build(Problems.classification(3, 9, 4, 2), CpuBackend.get());
        assertEquals(Loss.CROSS_ENTROPY, ((MlpObjective) m.objective()).mlp().loss());
    }

    @Test
    void oneOutputOnMoreThanTwoClassesIsRefusedInOneLine() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> ModelSpec.parse("mlp:4-6-1:tanh").build(Problems.classification(3, 9, 4, 3), CpuBackend.get()));
        assertTrue(e.getMessage().contains("mlp:4-6-1:tanh") && e.getMessage().contains("labels 0 and 1")
                && e.getMessage().contains("3 classes"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
    }

    /** The output of the 4-6-1 tanh network at parameters x (layout: W1, b1, W2, b2) on row i. */
    private static double logit(double[] x, double[] features, int i) {
        double z = x[6 * 4 + 6 + 6];
        for (int h = 0; h < 6; h++) {
            double a = x[6 * 4 + h];
            for (int f = 0; f < 4; f++) {
                a += x[h * 4 + f] * features[i * 4 + f];
            }
            z += x[6 * 4 + 6 + h] * Math.tanh(a);
        }
        return z;
    }
}
