package org.samsde.sde.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.samsde.core.data.Dataset;
import org.samsde.core.jet.Activation;
import org.samsde.core.model.Loss;
import org.samsde.core.model.Mlp;
import org.samsde.core.model.MlpObjective;
import org.samsde.core.objective.Batch;
import org.samsde.core.objective.Objective;
import org.samsde.core.tensor.CpuBackend;
import org.samsde.core.tensor.Tensor;
import org.samsde.core.testing.Problems;
import org.samsde.core.testing.Toys;

/**
 * {@link SdeModel#increments}, the M increments of one substep in one call, against M calls of
 * {@link SdeModel#increment}: bitwise on an objective that runs the passes separately (a toy), and
 * to rounding on an MLP, whose objective stacks them.
 */
class IncrementsTest {
    private static final CpuBackend CPU = CpuBackend.get();
    private static final Coefficients C = new Coefficients(0.2, 0.05);

    @Test
    void separatePassesGiveTheIncrementsBitwise() {
        Objective f = Toys.shifted(Toys.polynomial(5, 12, 0.3, 0.3), 6, 40, 0.5, CPU);
        Tensor x = CPU.upload(Problems.gaussian(7, 12, 0.5), 12);
        for (SdeModel model : List.of(Sam3.INSTANCE, Sam2.INSTANCE, Sgd1.INSTANCE)) {
            compare(model, f, x, batches(40, 5, 6), 0.0);
        }
    }

    @Test
    void theStackedMlpPassGivesTheIncrementsToRounding() {
        Mlp mlp = new Mlp(new int[] {20, 16, 4}, Activation.TANH, Loss.CROSS_ENTROPY);
        int n = 200;
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i % 4;
        }
        Objective f = new MlpObjective(mlp, Dataset.classification(Problems.gaussian(8, n * 20, 1.0), 20, labels), CPU);
        Tensor x = CPU.upload(mlp.initialParameters(9), mlp.dimension());
        for (SdeModel model : List.of(Sam3.INSTANCE, Sam2.INSTANCE)) {
            compare(model, f, x, batches(n, 8, 16), 1e-13);
        }
    }

    private static void compare(SdeModel model, Objective f, Tensor x, List<Batch> batches, double tolerance) {
        List<Tensor> together = model.increments(f, x, batches, C);
        assertEquals(batches.size(), together.size());
        for (int j = 0; j < batches.size(); j++) {
            double[] want = model.increment(f, x, batches.get(j), C).toArray();
            double scale = 0;
            for (double w : want) {
                scale = Math.max(scale, Math.abs(w));
            }
            assertArrayEquals(want, together.get(j).toArray(), tolerance * scale, model.name() + ", batch " + j);
        }
    }

    private static List<Batch> batches(int n, int count, int size) {
        List<Batch> out = new ArrayList<>();
        for (int j = 0; j < count; j++) {
            int[] idx = new int[size];
            for (int r = 0; r < size; r++) {
                idx[r] = (int) ((104729L * (j * size + r) + 3) % n);
            }
            out.add(Batch.of(idx));
        }
        return out;
    }
}
