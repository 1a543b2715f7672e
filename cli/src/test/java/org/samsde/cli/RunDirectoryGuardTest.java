package org.samsde.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run directory is never overwritten in silence: a fresh run into a directory that holds another
 * run is refused with one line (exit 2) that names the run there and says how to go on; --force
 * replaces only the files runs write; rerun follows the same rule; a method listed twice is refused
 * rather than pooled.
 */
class RunDirectoryGuardTest {
    private static final String[] SMALL = {"--steps", "4", "--every", "2", "--seeds", "2", "--no-hessian", "--threads", "1", "--quiet"};

    @TempDir
    Path tmp;

    private static String[] args(String[] head, String... more) {
        String[] all = new String[head.length + SMALL.length + more.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(SMALL, 0, all, head.length, SMALL.length);
        System.arraycopy(more, 0, all, head.length + SMALL.length, more.length);
        return all;
    }

    private static String[] with(String[] head, String... more) {
        String[] all = java.util.Arrays.copyOf(head, head.length + more.length);
        System.arraycopy(more, 0, all, head.length, more.length);
        return all;
    }

    private static Cli.Run compare(Path out, String... more) {
        return Cli.run(args(new String[] {"compare", "--methods", "sgd,sam", "--out", out.toString()}, more));
    }

    private static Cli.Run train(Path out, String... more) {
        return Cli.run(args(new String[] {"train", "--optimizer", "sam", "--out", out.toString()}, more));
    }

    @Test
    void aSecondRunIntoTheSameDirectoryIsRefusedAndLeavesTheFirstIntact() throws IOException {
        Path dir = tmp.resolve("run");
        assertEquals(0, compare(dir).code());
        byte[] before = Files.readAllBytes(dir.resolve("trajectories.csv"));
        Cli.Run again = compare(dir, "--lr", "0.2");
        assertEquals(2, again.code(), again.err());
        assertEquals(1, again.err().strip().lines().count(), again.err());
        assertTrue(again.err().contains("holds a compare run (finished)") && again.err().contains("--force"), again.err());
        assertFalse(again.err().contains("--resume"), "a finished run has nothing to resume: " + again.err());
        // an interrupted run is offered --resume
        Path json = dir.resolve("run.json");
        Files.writeString(json, Files.readString(json).replace("\"finished\"", "\"running\""));
        Cli.Run interrupted = compare(dir);
        assertEquals(2, interrupted.code(), interrupted.err());
        assertTrue(interrupted.err().contains("holds a compare run (running)") && interrupted.err().contains("--resume " + dir),
                interrupted.err());
        Files.writeString(json, Files.readString(json).replace("\"running\"", "\"finished\""));
        assertArrayEquals(before, Files.readAllBytes(dir.resolve("trajectories.csv")));
        // a train run into the compare directory is refused the same way (it used to leave config.json behind)
        assertEquals(2, train(dir).code());
        assertTrue(Files.exists(dir.resolve("params_sam.npy")));
    }

    @Test
    void forceReplacesOnlyWhatRunsWrite() throws IOException {
        Path dir = tmp.resolve("run");
        assertEquals(0, train(dir).code());
        assertTrue(Files.exists(dir.resolve("params.npy")));
        Files.writeString(dir.resolve("notes.txt"), "mine");
        Cli.Run replaced = compare(dir, "--force");
        assertEquals(0, replaced.code(), replaced.err());
        assertFalse(Files.exists(dir.resolve("params.npy")), "the train run's params.npy is not left beside the compare run's files");
        assertTrue(Files.exists(dir.resolve("params_sam.npy")));
        assertEquals("mine", Files.readString(dir.resolve("notes.txt")));
        assertTrue(Files.readString(dir.resolve("run.json")).contains("\"compare\""));
    }

    @Test
    void rerunRefusesToOverwriteAnEarlierRerunUnlessForced() {
        Path dir = tmp.resolve("run");
        assertEquals(0, train(dir).code());
        assertEquals(0, Cli.run("rerun", dir.toString(), "--quiet").code());
        Cli.Run twice = Cli.run("rerun", dir.toString(), "--quiet");
        assertEquals(2, twice.code(), twice.err());
        assertTrue(twice.err().contains("run-rerun holds a train run"), twice.err());
        assertEquals(0, Cli.run("rerun", dir.toString(), "--quiet", "--force").code());
    }

    @Test
    void aMethodListedTwiceIsRefused() {
        Cli.Run r = Cli.run(args(new String[] {"compare", "--methods", "sam,sgd,sam", "--out", tmp.resolve("dup").toString()}));
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("'sam' is listed twice"), r.err());
        assertFalse(Files.exists(tmp.resolve("dup").resolve("run.json")), "nothing written");
    }

    @Test
    void aRunWhoseEveryTrajectoryDivergedWritesItsRecordsAndExitsNonZero() throws IOException {
        Path dir = tmp.resolve("diverged");
        Cli.Run r = compare(dir, "--lr", "1e308");
        assertEquals(Main.DIVERGED, r.code(), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains("every trajectory diverged"), r.err());
        assertTrue(Files.readAllLines(dir.resolve("trajectories.csv")).stream().anyMatch(l -> l.endsWith(",1")), "the records mark the divergence");
        assertTrue(Files.readString(dir.resolve("run.json")).contains("\"finished\""));
        assertTrue(Files.exists(dir.resolve("figure.png")));
    }

    @Test
    void forceNeverResumesFromTheReplacedRunsStepSizeCheckpoints() throws IOException {
        // an auto solve checkpoints its levels in checkpoints/m<m>-T<T>/: they must go with the run
        Path dir = tmp.resolve("sde");
        String[] head = {"compare", "--methods", "sam2", "--steps", "4", "--every", "2", "--seeds", "1", "--no-hessian", "--threads", "1",
            "--checkpoint-every", "2", "--quiet", "--out", dir.toString()};
        Cli.Run first = Cli.run(with(head, "--lr", "0.05"));
        assertEquals(0, first.code(), first.err());
        assertFalse(Files.exists(dir.resolve("checkpoints")), "the levels' checkpoints are removed once the run has finished");
        Files.createDirectories(dir.resolve("checkpoints/m1-T8"));
        Files.copy(dir.resolve("run.json"), dir.resolve("checkpoints/m1-T8/keep.txt")); // not a checkpoint: left alone
        Cli.Run again = Cli.run(with(head, "--lr", "0.2", "--force"));
        assertEquals(0, again.code(), again.err());
        assertTrue(Files.readAllLines(dir.resolve("trajectories.csv")).stream().anyMatch(l -> l.startsWith("sam2,0,2,0.4,")),
                "the new run's records (time 2 x 0.2 at step 2)");
        assertTrue(Files.exists(dir.resolve("checkpoints/m1-T8/keep.txt")));
    }

    @Test
    void studiesAndToolsRefuseAnOccupiedOutUpFrontAndForceReplacesIt() throws IOException {
        Path dir = tmp.resolve("weak");
        String[] weak = {"study", "weak", "--paths", "2000", "--levels", "3", "--out", dir.toString()};
        Cli.Run first = Cli.run(weak);
        assertEquals(0, first.code(), first.err());
        assertEquals("finished", org.samsde.sde.artifact.RunInfo.read(dir).path("status").asText(), "a study's run.json, written by RunDirectory");
        byte[] before = Files.readAllBytes(dir.resolve("weak.csv"));
        Files.writeString(dir.resolve("notes.txt"), "mine");
        Cli.Run again = Cli.run(with(weak, "--seed", "7"));
        assertEquals(2, again.code(), again.err());
        assertEquals(1, again.err().strip().lines().count(), again.err());
        assertTrue(again.err().contains("holds a study weak run (finished)") && again.err().contains("--force"), again.err());
        assertArrayEquals(before, Files.readAllBytes(dir.resolve("weak.csv")), "the first study is intact");
        Cli.Run forced = Cli.run(with(weak, "--seed", "7", "--force"));
        assertEquals(0, forced.code(), forced.err());
        assertFalse(java.util.Arrays.equals(before, Files.readAllBytes(dir.resolve("weak.csv"))), "replaced by the new seed's study");
        assertEquals("mine", Files.readString(dir.resolve("notes.txt")), "--force removes only the files runs write");
        // a train run's directory is occupied for a study too (the files a study would overwrite are not the point: the run is)
        Path run = tmp.resolve("train");
        assertEquals(0, train(run).code());
        Cli.Run landscape = Cli.run("landscape", "--from", run.resolve("params.npy").toString(), "--to", run.resolve("params.npy").toString(),
                "--steps", "3", "--out", run.toString());
        assertEquals(2, landscape.code(), landscape.err());
        assertTrue(landscape.err().contains("holds a train run (finished)"), landscape.err());
    }

    @Test
    void aRunWhoseFilesCannotAllBeWrittenSaysSoKeepsItsTrajectoriesAndResumeWritesWhatIsMissing() throws IOException {
        // a full disk, reproduced without one: the figure's file name is taken by a directory, so
        // the records are written and the figure is not
        Path dir = tmp.resolve("full");
        Files.createDirectories(dir.resolve("figure.png"));
        Files.writeString(dir.resolve("figure.png").resolve("in-the-way"), "x");
        Cli.Run first = compare(dir, "--force", "--checkpoint-every", "2");
        assertEquals(2, first.code(), first.err());
        assertEquals(1, first.err().strip().lines().count(), first.err());
        assertTrue(first.err().contains("cannot write the run's files") && first.err().contains("--resume " + dir), first.err());
        assertEquals("writing", org.samsde.sde.artifact.RunInfo.read(dir).path("status").asText(), "not finished: resumable");
        assertTrue(Files.isDirectory(dir.resolve("checkpoints")), "the finished trajectories are kept");
        Files.delete(dir.resolve("figure.png").resolve("in-the-way"));
        Files.delete(dir.resolve("figure.png"));
        Cli.Run resumed = Cli.run("compare", "--resume", dir.toString(), "--quiet");
        assertEquals(0, resumed.code(), resumed.err());
        assertTrue(Files.isRegularFile(dir.resolve("figure.png")), "the resume wrote the missing figure");
        assertEquals("finished", org.samsde.sde.artifact.RunInfo.read(dir).path("status").asText());
        assertFalse(Files.exists(dir.resolve("checkpoints")) && dir.resolve("checkpoints").toFile().list().length > 0, "checkpoints removed");
        Path clean = tmp.resolve("clean");
        assertEquals(0, compare(clean).code());
        assertEquals(Cli.withoutSeconds(clean.resolve("trajectories.csv")), Cli.withoutSeconds(dir.resolve("trajectories.csv")),
                "the resumed records are the uninterrupted ones");
    }
}
