package org.samsde.sde.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.samsde.core.InvalidInputException;
import org.samsde.sde.Dynamics;
import org.samsde.sde.artifact.RunInfo;

/**
 * A run directory's life: claimed (an occupied directory refused, or replaced removing only the
 * files runs write), run (records, run.json finished, checkpoints gone), and a study's finish.
 */
class RunDirectoryTest {
    @TempDir
    Path tmp;

    private static RunInfo info() {
        return RunInfo.of("test", "cpu (test)", Map.of("steps", 6));
    }

    private static Ensemble.Settings settings(Path checkpoints) {
        return Ensemble.Settings.builder().steps(6).every(3).seeds(2).checkpoints(checkpoints == null ? 0 : 2, checkpoints).build();
    }

    @Test
    void aRunWritesItsRecordsAndRunJsonFinishedAndRemovesItsCheckpoints() throws IOException {
        Problem p = CheckpointResumeTest.problem();
        RunDirectory dir = RunDirectory.open(tmp.resolve("a"), RunDirectory.Claim.NEW, info());
        assertEquals("running", RunInfo.read(dir.path()).path(RunInfo.STATUS).asText(), "claimed: run.json says running at once");
        Dynamics<?> sam3 = CheckpointResumeTest.method("sam3", p.train());
        RunDirectory.Outcome o = dir.run(p, List.of(sam3), settings(dir.checkpoints()), StepSizes.Policy.fixed(), n -> { }, () -> { });
        assertEquals(2, o.trajectories().size());
        var json = RunInfo.read(dir.path());
        assertEquals("finished", json.path(RunInfo.STATUS).asText());
        assertEquals(2, json.path(RunInfo.TRAJECTORIES).size());
        assertEquals("sde", json.path(RunInfo.METHODS).path("sam3").path("kind").asText());
        assertEquals(2, json.path(RunInfo.STEP_SIZES).path("sam3").path("substeps").asInt());
        assertTrue(Files.isRegularFile(dir.path().resolve("trajectories.csv")));
        if (Files.isDirectory(dir.checkpoints())) {
            try (var files = Files.list(dir.checkpoints())) {
                assertEquals(0, files.count(), "the checkpoints go once every file is written");
            }
        }
    }

    @Test
    void anOccupiedDirectoryIsRefusedAndReplacingRemovesOnlyRunFiles() throws IOException {
        Problem p = CheckpointResumeTest.problem();
        Path a = tmp.resolve("a");
        RunDirectory.open(a, RunDirectory.Claim.NEW, info()).run(p, List.of(CheckpointResumeTest.method("sam2", p.train())),
                settings(null), StepSizes.Policy.fixed(), n -> { }, () -> { });
        Files.writeString(a.resolve("notes.txt"), "mine");
        RunDirectory.Occupied e = assertThrows(RunDirectory.Occupied.class, () -> RunDirectory.open(a, RunDirectory.Claim.NEW, info()));
        assertTrue(e.finished());
        assertTrue(e.getMessage().contains("a test run (finished)"), e.getMessage());
        RunDirectory.open(a, RunDirectory.Claim.REPLACE, info());
        assertTrue(Files.isRegularFile(a.resolve("notes.txt")), "a file runs do not write is kept");
        assertFalse(Files.exists(a.resolve("trajectories.csv")), "the old run's records are removed");
        assertEquals("running", RunInfo.read(a).path(RunInfo.STATUS).asText());
    }

    @Test
    void duplicateLabelsAndForeignCheckpointFoldersAreRefused() {
        Problem p = CheckpointResumeTest.problem();
        Dynamics<?> sam2 = CheckpointResumeTest.method("sam2", p.train());
        RunDirectory dir = RunDirectory.open(tmp.resolve("b"), RunDirectory.Claim.NEW, info());
        InvalidInputException twice = assertThrows(InvalidInputException.class,
                () -> dir.run(p, List.of(sam2, sam2), settings(null), StepSizes.Policy.fixed(), n -> { }, () -> { }));
        assertTrue(twice.getMessage().contains("listed twice"), twice.getMessage());
        assertThrows(IllegalArgumentException.class, () -> dir.run(p, List.of(sam2), settings(tmp.resolve("elsewhere")),
                StepSizes.Policy.fixed(), n -> { }, () -> { }));
    }

    @Test
    void aStudyFinishesWithItsFieldsAndSaysWhenNoFigureCouldBeDrawn() throws IOException {
        RunDirectory dir = RunDirectory.open(tmp.resolve("study"), RunDirectory.Claim.NEW, info());
        dir.info().put("answer", 42);
        assertEquals(List.of(), dir.figure("compare", "figure"), "sde alone has no figure drawer");
        dir.finish();
        var json = RunInfo.read(dir.path());
        assertEquals(42, json.path("answer").asInt());
        assertEquals("finished", json.path(RunInfo.STATUS).asText());
        assertTrue(json.path(RunDirectory.FIGURES).asText().startsWith("none"), json.toString());
        assertTrue(RunDirectory.finished(dir.path()));
    }
}
