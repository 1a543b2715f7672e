package org.samsde.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.samsde.sde.artifact.ValidityFile;
import org.samsde.sde.study.SeedGaps;
import org.samsde.sde.study.Validity;
import org.samsde.sweep.SweepFile;

/**
 * {@code samsde study validity}: a tiny grid end to end (cells, validity.csv, the figure), each row
 * the seed gap of its cell's own trajectories; the same study planned and run through
 * {@code samsde sweep run} gives the same validity.csv byte for byte; bad input exits 2.
 */
class ValidityCommandTest {
    @TempDir
    Path dir;

    private static List<String> args(Path out, String... more) {
        List<String> a = new ArrayList<>(List.of("study", "validity", "--out", out.toString(), "--model", "mlp:2-4-3:tanh", "--data",
                "blobs:k=3,n=64,d=2,sep=3,test=32,seed=0", "--hessian-subset", "32", "--lr", "0.05,0.1", "--rho", "0.02,0.1",
                "--batch", "16", "--steps", "10", "--every", "5", "--seeds", "3", "--threads", "1", "--drift", "mc:2"));
        a.addAll(List.of(more));
        return a;
    }

    @Test
    void aTinyGridRunsEndToEndAndTheSweepPathGivesTheSameTable() throws IOException {
        Path local = dir.resolve("local");
        Cli.Run r = Cli.run(args(local).toArray(String[]::new));
        assertEquals(0, r.code(), r.err() + r.out());
        List<Validity.Row> rows = ValidityFile.read(local.resolve(ValidityFile.NAME));
        assertEquals(4 * 4 * 4, rows.size(), "4 cells x 4 models x 4 observables");
        assertTrue(Files.size(local.resolve("validity.png")) > 0);
        SweepFile.Sweep sweep = SweepFile.read(local);
        assertEquals(4, sweep.cells().size());
        for (Validity.Row row : rows) {
            Path cell = sweep.cellDir(local, row.cell().index());
            List<SeedGaps.Gap> gaps = SeedGaps.compute(GapsCommand.read(cell, "cell").trajectories(), "sam",
                    List.of("sam@svag=2", "sam@svag=4", "sam2", "sam3"), Validity.OBSERVABLES);
            SeedGaps.Gap g = gaps.stream().filter(x -> x.candidate().equals(row.model()) && x.observable().equals(row.observable()))
                    .findFirst().orElseThrow();
            assertEquals(g.gap(), row.gap(), 0.0, row.toString());
            assertEquals(g.lo(), row.lo(), 0.0);
            assertEquals(g.resolved(), row.resolved());
            assertEquals(3, row.seeds());
            assertEquals(Math.abs(row.gap()) / row.scale(), row.relative(), 1e-15);
        }
        assertEquals(List.of(0.05, 0.1), rows.stream().map(x -> x.cell().eta()).distinct().sorted().toList());

        Path viaSweep = dir.resolve("sweep");
        Cli.Run plan = Cli.run(args(viaSweep, "--plan-only").toArray(String[]::new));
        assertEquals(0, plan.code(), plan.err());
        assertFalse(Files.exists(viaSweep.resolve(ValidityFile.NAME)), "planned only");
        Cli.Run run = Cli.run("sweep", "run", viaSweep.toString());
        assertEquals(0, run.code(), run.err());
        assertEquals(Files.readString(local.resolve(ValidityFile.NAME)), Files.readString(viaSweep.resolve(ValidityFile.NAME)),
                "sweep collect writes the same validity.csv");

        Cli.Run again = Cli.run(args(local).toArray(String[]::new));
        assertEquals(0, again.code(), again.err());
        assertTrue(again.out().contains("nothing to run"), "a finished study is not rerun: " + again.out());
        Cli.Run collect = Cli.run("study", "validity", "--out", local.toString(), "--collect");
        assertEquals(0, collect.code(), collect.err());
        assertEquals(Files.readString(viaSweep.resolve(ValidityFile.NAME)), Files.readString(local.resolve(ValidityFile.NAME)));
    }

    @Test
    void badInputIsOneLineAndExitCodeTwo() {
        for (String[] bad : List.of(new String[] {"--svag", "2,2"}, new String[] {"--seeds", "1"}, new String[] {"--rho-line", "x"},
                new String[] {"--observable", "nope"})) {
            List<String> a = args(dir.resolve("bad"), bad);
            Cli.Run r = Cli.run(a.toArray(String[]::new));
            assertEquals(2, r.code(), String.join(" ", bad) + ": " + r.err());
            assertEquals(1, r.err().strip().lines().count(), r.err());
        }
    }

    @Test
    void aKilledStudyResumesWhenRunAgainToTheSameTable() throws Exception {
        Path whole = dir.resolve("whole");
        assertEquals(0, Cli.run(args(whole).toArray(String[]::new)).code());
        Path killed = dir.resolve("killed");
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), "org.samsde.cli.Main"));
        cmd.addAll(args(killed));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve("log").toFile()).start();
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(120);
        // kill once the study signals progress: its first cell done (never on a guessed delay)
        while (p.isAlive() && System.nanoTime() < deadline && !firstCellDone(killed)) {
            Thread.sleep(5);
        }
        assertTrue(p.isAlive(), "the study was running when its first cell finished");
        p.destroyForcibly().waitFor();
        assertFalse(Files.exists(killed.resolve(ValidityFile.NAME)), "killed before the map was written");
        Cli.Run resumed = Cli.run(args(killed).toArray(String[]::new));
        assertEquals(0, resumed.code(), resumed.err());
        assertEquals(Files.readString(whole.resolve(ValidityFile.NAME)), Files.readString(killed.resolve(ValidityFile.NAME)),
                "the resumed study's table is the uninterrupted one");
    }

    private static boolean firstCellDone(Path study) {
        try {
            return Files.isRegularFile(study.resolve("sweep.json")) && org.samsde.sweep.CellFiles.done(SweepFile.read(study).cellDir(study, 0));
        } catch (RuntimeException e) {
            return false; // the plan is being written
        }
    }
}
