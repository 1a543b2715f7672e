package org.samsde.sde.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.samsde.core.objective.Objective;
import org.samsde.core.objective.ToyObjective;
import org.samsde.core.tensor.CpuBackend;
import org.samsde.core.testing.Problems;
import org.samsde.core.testing.Toys;
import org.samsde.sde.Sampling;
import org.samsde.sde.artifact.FidelityFile;
import org.samsde.sde.model.BatchMcNoise;
import org.samsde.sde.model.CompensatedNoise;
import org.samsde.sde.model.ExactDrift;
import org.samsde.sde.model.MonteCarloDrift;
import org.samsde.sde.model.PerSampleNoise;
import org.samsde.sde.model.PluginDrift;
import org.samsde.sde.model.Sam3;
import org.samsde.sde.model.Usam;

/**
 * The fidelity study at Δt = η/m: a row set per number of substeps, each against the model's
 * one-step moments at that step size (mean −Δt·b, covariance ηΔt·Σ̃). The faithful pairs must be
 * within their floors at m = 4 as at m = 1, which holds only when the step is normalised by Δt for
 * the mean and by √(ηΔt) for the covariance; the plug-in drift's bias does not depend on Δt.
 * Enumerated reference: n = 8 shifted copies of a polynomial toy, B = 2.
 */
class FidelityStepSizeTest {
    @TempDir
    Path dir;

    private final Objective obj = ToyObjective.shifted(Toys.polynomial(81, 3, 0.6, 0.6), Problems.gaussian(82, 8 * 3, 0.8),
            CpuBackend.get());

    private static FidelityStudy.Row row(List<FidelityStudy.Row> rows, String estimator, int m) {
        return rows.stream().filter(r -> r.estimator().equals(estimator) && r.substeps() == m).findFirst().orElseThrow();
    }

    @Test
    void eachStepSizeIsMeasuredAgainstTheModelsMomentsAtThatStep() throws Exception {
        List<FidelityStudy.Candidate> pairs = List.of(new FidelityStudy.Candidate(new MonteCarloDrift(8), new CompensatedNoise()),
                new FidelityStudy.Candidate(new PluginDrift(), new BatchMcNoise(8)));
        FidelityStudy study = FidelityStudy.builder(obj, Sam3.INSTANCE).rho(0.4).eta(0.1).sampling(new Sampling(2, false)).draws(6000)
                .candidates(pairs).substeps(1, 4).seed(7).threads(2).build();
        List<FidelityStudy.Row> rows = study.run(List.of(Problems.gaussian(83, 3, 0.5)), new int[] {0});
        assertEquals(4, rows.size());
        assertEquals(List.of(1, 1, 4, 4), rows.stream().map(FidelityStudy.Row::substeps).toList(), "a row set per m, in order");
        for (int m : new int[] {1, 4}) {
            FidelityStudy.Row faithful = row(rows, "mc:8+compensated", m);
            assertTrue(faithful.meanError() <= 2 * faithful.meanFloor(), faithful.toString());
            assertTrue(faithful.covError() <= 2 * faithful.covFloor(), faithful.toString());
        }
        FidelityStudy.Row coarse = row(rows, "plugin+batch-mc:8", 1);
        FidelityStudy.Row fine = row(rows, "plugin+batch-mc:8", 4);
        assertTrue(fine.meanError() > 3 * fine.meanFloor(), "the plug-in drift's bias is resolved at m = 4: " + fine);
        assertEquals(coarse.meanError(), fine.meanError(), 3 * (coarse.meanFloor() + fine.meanFloor()),
                "the plug-in drift's bias does not depend on the step size");
        assertTrue(fine.covError() <= 2 * fine.covFloor(), "batch-mc with a deterministic drift has the model's covariance: " + fine);
        Path file = dir.resolve(FidelityFile.NAME);
        FidelityFile.write(file, rows);
        assertEquals(rows, FidelityFile.read(file), "the file round-trips every row with its m");
    }

    /** usam's per-sample noise is exact on a quadratic (its increment is linear in the batch gradient). */
    @Test
    void theExactDriftIsolatesTheNoiseAtEveryStepSize() {
        Objective quadratic = ToyObjective.shifted(Toys.quadratic(81, 3), Problems.gaussian(82, 8 * 3, 0.8), CpuBackend.get());
        FidelityStudy study = FidelityStudy.builder(quadratic, Usam.INSTANCE).rho(0.4).eta(0.1).sampling(new Sampling(2, false)).draws(6000)
                .candidates(List.of(new FidelityStudy.Candidate(new ExactDrift(), new PerSampleNoise()))).substeps(1, 4).seed(9).build();
        for (FidelityStudy.Row r : study.run(List.of(Problems.gaussian(85, 3, 0.5)), new int[] {0})) {
            assertTrue(r.covError() <= 2 * r.covFloor() && r.meanError() <= 2 * r.meanFloor(), r.toString());
        }
    }

    @Test
    void theExactDriftNeedsNoEnumerationAndBadStepCountsAreRefused() {
        // C(64, 8) batches cannot be enumerated: 'exact' is then the large-sample reference's drift
        Objective big = ToyObjective.shifted(Toys.polynomial(81, 3, 0.6, 0.6), Problems.gaussian(86, 64 * 3, 0.8), CpuBackend.get());
        FidelityStudy study = FidelityStudy.builder(big, Usam.INSTANCE).rho(0.4).eta(0.1).sampling(new Sampling(8, false)).draws(50)
                .referenceBatches(200).candidates(List.of(new FidelityStudy.Candidate(new ExactDrift(), new PerSampleNoise()))).build();
        assertTrue(!study.exactReference());
        assertEquals(1, study.run(List.of(Problems.gaussian(87, 3, 0.5)), new int[] {0}).size());
        assertThrows(IllegalArgumentException.class, () -> FidelityStudy.builder(obj, Usam.INSTANCE).sampling(new Sampling(2, false))
                .substeps(0).build());
        assertThrows(IllegalArgumentException.class, () -> FidelityStudy.builder(obj, Usam.INSTANCE).sampling(new Sampling(2, false))
                .substeps().build());
    }

    @Test
    void aFileWithoutTheSubstepsColumnReadsAsOneStepOfEta() throws Exception {
        Path file = dir.resolve(FidelityFile.NAME);
        List<String> lines = new ArrayList<>();
        lines.add("point,step,noise_ratio,estimator,mean_error,mean_floor,cov_error,cov_floor,exact_reference");
        lines.add("0,0,1.5,mc:8+compensated,0.0,0.1,0.0,0.2,1");
        Files.write(file, lines);
        List<FidelityStudy.Row> rows = FidelityFile.read(file);
        assertEquals(1, rows.get(0).substeps());
        assertEquals(0.2, rows.get(0).covFloor());
    }
}
