package org.samsde.sde.study;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.samsde.core.data.DataFiles;
import org.samsde.core.data.Split;
import org.samsde.core.model.ModelSpec;
import org.samsde.core.objective.Batch;
import org.samsde.core.tensor.CpuBackend;
import org.samsde.sde.LearningRate;
import org.samsde.sde.optim.EigenSam;
import org.samsde.sde.optim.EigenSamOptions;
import org.samsde.sde.optim.Optimizer;
import org.samsde.sde.optim.Sam;
import org.samsde.sde.optim.Sgd;
import org.samsde.sde.run.Problem;

/**
 * What {@link TableStudy}'s documentation says of its schedule: N = E·⌊n/B⌋ steps (the last
 * partial batch dropped, not ⌈n/B⌉) and a cosine stepped once per epoch, η_k = ½η(1 + cos(π·e/E))
 * with e = ⌊k/S⌋, constant within an epoch (not per step).
 */
class TableScheduleTest {
    @Test
    void epochsOfFloorNOverBStepsAndACosineSteppedOncePerEpoch() {
        Split data = DataFiles.resolve("blobs:k=3,n=100,d=2,test=10,seed=2");
        ModelSpec.Model model = ModelSpec.parse("mlp:2-4-3:tanh").build(data.train(), CpuBackend.get());
        Problem problem = new Problem("test", model.objective(), model.on(data.test()), Batch.all(), model.initialParameters(0));
        int epochs = 3;
        int batch = 16;
        double eta = 0.1;
        TableStudy.Training training = new TableStudy.Training(eta, 0.05, 0.9, 5e-4, batch, epochs, EigenSamOptions.DEFAULTS);
        int s = 100 / batch;
        assertEquals(epochs * s, training.steps(100), "E·⌊n/B⌋ = 3·6, not 3·⌈100/16⌉ = 21");
        TableStudy study = TableStudy.builder(problem, model::initialParameters).methods(List.of(Sgd.INSTANCE, Sam.INSTANCE,
                new EigenSam(EigenSamOptions.DEFAULTS))).training(training).seeds(2).masterSeed(0).every(1).threads(1).build();
        int total = training.steps(100);
        for (Optimizer o : study.optimizers()) {
            LearningRate lr = o.lr();
            for (int k = 0; k < total; k++) {
                double expected = 0.5 * eta * (1 + Math.cos(Math.PI * (k / s) / epochs));
                assertEquals(expected, lr.at(k, total, s), 1e-15, "step " + k);
            }
            assertEquals(eta, lr.at(s - 1, total, s), 0.0, "constant over the first epoch");
        }
    }
}
