package org.example.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.samsde.core.data.DataFiles;
import org.samsde.core.data.Dataset;
import org.samsde.core.loss.JetObjective;
import org.samsde.core.model.ModelSpec;
import org.samsde.core.objective.Objective;
import org.samsde.core.tensor.CpuBackend;
import org.samsde.sde.run.Ensemble;
import org.samsde.testkit.ObjectiveAssertions;

class PseudoHuberTest {
    private static final Dataset DATA = DataFiles.resolve("teacher:n=40,d=3,h=0,noise=0.5,seed=2").train();

    @Test
    void itsDerivativesAgreeWithFiniteDifferencesAndItsBatchWeightsAdd() {
        ObjectiveAssertions.assertObjective(JetObjective.of(4, DATA, PseudoHuber.loss(3, 0.5), CpuBackend.get()), 1, 1.0);
    }

    @Test
    void theCommandLineFindsItByName() {
        ModelSpec.Model m = ModelSpec.parse("user:pseudo-huber:0.5").build(DATA, CpuBackend.get());
        Objective f = m.objective();
        assertEquals(4, f.dimension());
        ObjectiveAssertions.assertObjective(f, 2, 1.0);
    }

    @Test
    void samAndItsSdeDescendTheLoss(@TempDir Path dir) {
        List<Ensemble.Trajectory> runs = PseudoHuberComparison.run(dir.resolve("run"), 60, 2);
        assertEquals(4, runs.size());
        for (Ensemble.Trajectory t : runs) {
            double first = t.records().get(0).trainLoss();
            double last = t.records().get(t.records().size() - 1).trainLoss();
            assertTrue(last < 0.8 * first, t.method() + ": " + first + " -> " + last);
        }
        assertTrue(dir.resolve("run/run.json").toFile().isFile());
    }
}
