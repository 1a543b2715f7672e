package org.samsde.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.samsde.core.random.RandomStreams;
import org.samsde.sde.artifact.JsonFile;
import org.samsde.sde.artifact.SeedGapsFile;
import org.samsde.sde.artifact.TrajectoriesFile;
import org.samsde.sde.run.Ensemble;
import org.samsde.sde.run.Record;
import org.samsde.sde.study.SeedGaps;

/**
 * {@code samsde study gaps} on run directories written by hand: which methods it compares by
 * default and on request, when it pairs, that gaps.csv holds what {@link SeedGaps} computes, and
 * one line with exit 2 for each kind of bad input.
 */
class GapsCommandTest {
    @TempDir
    Path dir;

    /**
     * A run directory: the methods' trajectories of 4 seeds, train_loss and norm recorded (the
     * rest NaN), values that differ by method and seed, and run.json with the master seed (or none).
     */
    private static Path run(Path d, Long master, String... methods) throws IOException {
        Files.createDirectories(d);
        List<Ensemble.Trajectory> all = new ArrayList<>();
        for (int m = 0; m < methods.length; m++) {
            for (int j = 0; j < 4; j++) {
                List<Record> rs = new ArrayList<>();
                for (int k = 0; k <= 5; k++) {
                    double[] v = new double[Record.METRICS.size()];
                    Arrays.fill(v, Double.NaN);
                    double wobble = Math.sin(1.7 * j + 0.3 * k + (master == null ? 0 : master) + 0.1 * m);
                    v[Record.METRICS.indexOf("train_loss")] = 1.0 / (1 + k) + 0.05 * m + 0.01 * wobble;
                    v[Record.METRICS.indexOf("norm")] = 2 + 0.1 * k - 0.02 * m + 0.03 * wobble * wobble;
                    rs.add(Record.of(10 * k, 0.1 * k, v, 0, false, Double.NaN));
                }
                long seed = master == null ? j : RandomStreams.key(master, j);
                all.add(new Ensemble.Trajectory(methods[m], j, seed, rs, new double[0], false, 0));
            }
        }
        TrajectoriesFile.write(d.resolve(TrajectoriesFile.NAME), all);
        if (master != null) {
            JsonFile.write(d.resolve("run.json"), Map.of("command", "compare", "master_seed", master));
        }
        return d;
    }

    @Test
    void aCompareRunsMethodsAreComparedWithItsSamPairedOnTheRecordedPanels() throws IOException {
        Path d = run(dir.resolve("cmp"), 5L, "sgd", "sam", "sam2", "sam3");
        Path out = dir.resolve("out");
        Cli.Run r = Cli.run("study", "gaps", "--reference", d.toString(), "--candidate", d.toString(), "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        List<SeedGaps.Gap> gaps = SeedGapsFile.read(out.resolve(SeedGapsFile.NAME));
        assertEquals(List.of("sgd", "sgd", "sam2", "sam2", "sam3", "sam3"), gaps.stream().map(SeedGaps.Gap::candidate).toList(),
                "every method but the reference sam; train_loss and norm, the panels recorded");
        assertEquals(List.of("train_loss", "norm"), gaps.subList(0, 2).stream().map(SeedGaps.Gap::observable).toList());
        List<Ensemble.Trajectory> t = TrajectoriesFile.read(d.resolve(TrajectoriesFile.NAME));
        assertEquals(SeedGaps.compute(t, "sam", List.of("sgd", "sam2", "sam3"), List.of("train_loss", "norm")), gaps);
        assertTrue(gaps.stream().allMatch(SeedGaps.Gap::paired));
        assertTrue(r.out().contains("family of 6 gaps") && r.out().contains("sam2") && r.out().contains("wrote"), r.out());

        Cli.Run chosen = Cli.run("study", "gaps", "--reference", d.toString(), "--candidate", d.toString(), "--reference-method", "sam2",
                "--candidate-method", "sam3", "--observables", "norm", "--out", out.toString());
        assertEquals(0, chosen.code(), chosen.err());
        List<SeedGaps.Gap> one = SeedGapsFile.read(out.resolve(SeedGapsFile.NAME));
        assertEquals(1, one.size());
        assertEquals("sam3", one.get(0).candidate());
        assertEquals("sam2", one.get(0).reference());
        assertEquals("norm", one.get(0).observable());
    }

    @Test
    void runsWithOtherMasterSeedsAreComparedUnpairedAndTheSameSeedsPaired() throws IOException {
        Path a = run(dir.resolve("a"), 1L, "sam");
        Path b = run(dir.resolve("b"), 2L, "sam");
        Path c = run(dir.resolve("c"), 1L, "sam", "sam3");
        Path out = dir.resolve("out");
        Cli.Run r = Cli.run("study", "gaps", "--reference", a.toString(), "--candidate", b.toString(), "--candidate", c.toString(), "--out",
                out.toString());
        assertEquals(0, r.code(), r.err());
        List<SeedGaps.Gap> gaps = SeedGapsFile.read(out.resolve(SeedGapsFile.NAME));
        // b contributes its only method, sam (the same method in another run); c its methods other than sam
        assertEquals(List.of(b + "/sam", b + "/sam", c + "/sam3", c + "/sam3"), gaps.stream().map(SeedGaps.Gap::candidate).toList());
        assertEquals(a + "/sam", gaps.get(0).reference(), "labels with their directories, as sam stands for two ensembles");
        assertFalse(gaps.get(0).paired(), "master seeds 1 and 2: no seed shared, Welch");
        assertTrue(gaps.get(2).paired(), "master seed 1 in both: the same seeds, paired");
        assertEquals(4, gaps.get(0).seeds());
        assertEquals(4, gaps.get(0).referenceSeeds());
        assertTrue(r.out().contains("welch"), r.out());

        // without run.json the seed index stands for the seed
        Path e = run(dir.resolve("e"), null, "sam");
        Path f = run(dir.resolve("f"), null, "sam");
        assertEquals(0, Cli.run("study", "gaps", "--reference", e.toString(), "--candidate", f.toString(), "--out", out.toString()).code());
        assertTrue(SeedGapsFile.read(out.resolve(SeedGapsFile.NAME)).get(0).paired());
    }

    @Test
    void badInputGetsOneLineAndExitTwo() throws IOException {
        Path d = run(dir.resolve("cmp"), 5L, "sgd", "sam", "sam2");
        Path only = run(dir.resolve("only"), 5L, "sam");
        Path two = run(dir.resolve("two"), 5L, "sgd", "sam2");
        Files.createDirectories(dir.resolve("empty"));
        String out = dir.resolve("out").toString();
        String ds = d.toString();
        expectBad("not a directory", "--reference", dir.resolve("missing").toString(), "--candidate", ds, "--out", out);
        expectBad("no trajectories.csv", "--reference", ds, "--candidate", dir.resolve("empty").toString(), "--out", out);
        expectBad("--reference-method adam", "--reference", ds, "--candidate", ds, "--reference-method", "adam", "--out", out);
        expectBad("--candidate-method sam3", "--reference", ds, "--candidate", ds, "--candidate-method", "sam3", "--out", out);
        expectBad("no sam", "--reference", two.toString(), "--candidate", ds, "--out", out);
        expectBad("nothing to compare", "--reference", only.toString(), "--candidate", only.toString(), "--out", out);
        expectBad("against itself", "--reference", ds, "--candidate", ds, "--candidate-method", "sam,sam2", "--out", out);
        expectBad("unknown observable 'loss'", "--reference", ds, "--candidate", ds, "--observables", "loss", "--out", out);
        expectBad("lambda_max is NaN", "--reference", ds, "--candidate", ds, "--observables", "lambda_max", "--out", out);
        expectBad("named twice", "--reference", ds, "--candidate", ds, "--candidate", ds, "--out", out);
        expectBad("--candidate", "--reference", ds, "--out", out);
        assertFalse(Files.exists(dir.resolve("out").resolve(SeedGapsFile.NAME)), "nothing written on bad input");
    }

    private static void expectBad(String says, String... args) {
        List<String> all = new ArrayList<>(List.of("study", "gaps"));
        all.addAll(List.of(args));
        Cli.Run r = Cli.run(all.toArray(String[]::new));
        assertEquals(2, r.code(), says + ": " + r.out() + r.err());
        assertTrue(r.err().contains(says), "expected '" + says + "' in: " + r.err());
        assertEquals(1, r.err().strip().lines().count(), "one line: " + r.err());
    }
}
