package org.samsde.sde.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.samsde.core.objective.Objective;
import org.samsde.core.objective.ToyObjective;
import org.samsde.core.tensor.CpuBackend;
import org.samsde.sde.Sampling;
import org.samsde.core.testing.Problems;
import org.samsde.core.testing.Toys;
import org.samsde.sde.artifact.FidelityFile;
import org.samsde.sde.model.Sam3;

/**
 * The fidelity study on a problem whose batches are enumerated (n = 8 shifted copies of a
 * polynomial toy, B = 2): the faithful default is within its Monte Carlo floor, while the plug-in
 * drift's mean and the uncompensated Monte Carlo noise's covariance are resolved errors.
 */
class FidelityStudyTest {
    @TempDir
    Path dir;

    private final Objective obj = ToyObjective.shifted(Toys.polynomial(81, 3, 0.6, 0.6), Problems.gaussian(82, 8 * 3, 0.8),
            CpuBackend.get());

    private FidelityStudy.Row row(List<FidelityStudy.Row> rows, String estimator) {
        return rows.stream().filter(r -> r.estimator().equals(estimator)).findFirst().orElseThrow();
    }

    @Test
    void theDefaultIsWithinItsFloorAndTheApproximationsAreNot() throws Exception {
        FidelityStudy study = FidelityStudy.builder(obj, Sam3.INSTANCE).rho(0.4).eta(0.1).sampling(new Sampling(2, false)).draws(6000)
                .seed(3).threads(2).build();
        assertTrue(study.exactReference());
        List<FidelityStudy.Row> rows = study.run(List.of(Problems.gaussian(83, 3, 0.5)), new int[] {0});
        assertEquals(FidelityStudy.DEFAULT_CANDIDATES.size(), rows.size());
        FidelityStudy.Row faithful = row(rows, "mc:8+compensated");
        assertTrue(faithful.meanError() <= 2 * faithful.meanFloor(), faithful.toString());
        assertTrue(faithful.covError() <= 2 * faithful.covFloor(), faithful.toString());
        FidelityStudy.Row plugin = row(rows, "plugin+batch-mc:8");
        assertTrue(plugin.meanError() > 3 * plugin.meanFloor(), "the plug-in drift's bias is resolved: " + plugin);
        FidelityStudy.Row doubled = row(rows, "mc:8+batch-mc:8");
        assertTrue(doubled.covError() > 3 * doubled.covFloor(), "the drift estimate's own covariance is resolved: " + doubled);
        assertTrue(faithful.noiseRatio() > 0 && Double.isFinite(faithful.noiseRatio()));
        Path file = dir.resolve(FidelityFile.NAME);
        FidelityFile.write(file, rows);
        assertEquals(rows, FidelityFile.read(file), "the file round-trips every row");
    }

    @Test
    void fullBatchesAndZeroRhoAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> FidelityStudy.builder(obj, Sam3.INSTANCE).sampling(Sampling.full()).build());
        assertThrows(IllegalArgumentException.class,
                () -> FidelityStudy.builder(obj, Sam3.INSTANCE).rho(0).sampling(new Sampling(2, false)).build());
    }
}
