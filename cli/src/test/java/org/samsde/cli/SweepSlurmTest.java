package org.samsde.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.samsde.sde.artifact.SweepCsv;
import org.samsde.sweep.CellFiles;
import org.samsde.sweep.Slurm;
import org.samsde.sweep.Submissions;
import org.samsde.sweep.SweepFile;
import org.samsde.sweep.SweepStatus;

/**
 * {@code samsde sweep} through a real Slurm: the one-node cluster of {@code scripts/slurm-local
 * start} (SLURM_CONF exported). Left out of the default test run (tag {@code slurm}); {@code .ci/run}
 * runs them between {@code slurm-local start} and {@code stop}. They skip, saying why, when no
 * Slurm answers. Every cell is tiny; the requeued and cancelled cells are a few seconds long.
 */
@Tag("slurm")
class SweepSlurmTest {
    /** How long a test waits for its jobs, in seconds. */
    private static final long WAIT_SECONDS = 240;

    @TempDir
    Path dir;

    @BeforeEach
    void slurmIsRunning() {
        Assumptions.assumeTrue(System.getenv("SLURM_CONF") != null,
                "Slurm tests skipped: SLURM_CONF is not set (run scripts/slurm-local start and export what it prints)");
        Slurm.Result r;
        try {
            r = Slurm.call(Path.of("."), List.of("sinfo", "-h", "-o", "%t"));
        } catch (RuntimeException e) {
            Assumptions.abort("Slurm tests skipped: sinfo cannot run (" + e.getMessage() + ")");
            return;
        }
        Assumptions.assumeTrue(r.code() == 0 && r.out().strip().matches("(idle|mix|alloc).*"),
                "Slurm tests skipped: no idle node (sinfo said '" + r.out().strip() + r.err().strip() + "')");
    }

    private Path plan(String name, String json) throws IOException {
        Path spec = dir.resolve(name + ".json");
        Files.writeString(spec, json);
        Path sweep = dir.resolve(name);
        Cli.Run r = Cli.run("sweep", "plan", spec.toString(), "--out", sweep.toString());
        assertEquals(0, r.code(), r.err());
        return sweep;
    }

    private static void waitFor(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + WAIT_SECONDS + " s waiting for " + what);
            }
            Thread.sleep(250);
        }
    }

    /** @return whether none of the sweep's jobs (arrays and collect jobs) is in the queue */
    private static boolean queueEmpty(Path sweep) {
        List<String> ids = new ArrayList<>();
        for (Submissions.Submission s : Submissions.read(sweep)) {
            ids.add(s.arrayJob());
            if (!s.collectJob().isEmpty()) {
                ids.add(s.collectJob());
            }
        }
        Slurm.Result r = Slurm.call(sweep, List.of("squeue", "-h", "-o", "%F %i"));
        for (String line : r.out().lines().toList()) {
            String[] f = line.strip().split(" ");
            if (ids.contains(f[0]) || ids.contains(f[f.length - 1])) {
                return false;
            }
        }
        return true;
    }

    private static void submit(Path sweep, String... more) {
        List<String> args = new ArrayList<>(List.of("sweep", "run", sweep.toString(), "--engine", "slurm"));
        args.addAll(List.of(more));
        Cli.Run r = Cli.run(args.toArray(String[]::new));
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("submitted job array"), r.out());
    }

    private static String scontrol(Path sweep, String... args) {
        List<String> cmd = new ArrayList<>(List.of("scontrol"));
        cmd.addAll(List.of(args));
        Slurm.Result r = Slurm.call(sweep, cmd);
        assertEquals(0, r.code(), r.err());
        return r.out();
    }

    @Test
    void aSweepThroughSlurmCollectsTheSameRecordsAsTheLocalEngine() throws Exception {
        String json = "{\"command\": \"train\", \"options\": {\"model\": \"mlp:2-8-3:tanh\", \"steps\": 20, \"seeds\": 2, \"every\": 10,"
                + " \"no-hessian\": true}, \"grid\": {\"lr\": [0.05, 0.1, 0.2], \"rho\": [0.01, 0.05]}}";
        Path slurm = plan("slurm", json);
        Path local = plan("local", json);
        assertEquals(6, SweepFile.read(slurm).cells().size());
        submit(slurm, "--throttle", "2");
        assertEquals(0, Cli.run("sweep", "run", local.toString()).code());
        waitFor("the array and its collect job", () -> queueEmpty(slurm));
        assertTrue(Cli.run("sweep", "status", slurm.toString()).out().contains("6 cells: 6 done"));
        // sweep.csv as the collect job wrote it, bitwise equal to the local engine's
        assertArrayEquals(Files.readAllBytes(local.resolve(SweepCsv.NAME)), Files.readAllBytes(slurm.resolve(SweepCsv.NAME)));
        SweepFile.Sweep table = SweepFile.read(slurm);
        for (int i = 0; i < 6; i++) {
            assertEquals(Cli.withoutSeconds(table.cellDir(local, i).resolve("trajectories.csv")),
                    Cli.withoutSeconds(table.cellDir(slurm, i).resolve("trajectories.csv")));
        }
        Cli.Run again = Cli.run("sweep", "run", slurm.toString(), "--engine", "slurm");
        assertTrue(again.out().startsWith("nothing to run: 6 of 6 cells done"), again.out());
    }

    @Test
    void theValidityStudyThroughSlurmGivesTheLocalTable() throws Exception {
        List<String> study = List.of("study", "validity", "--model", "mlp:2-4-3:tanh", "--data", "blobs:k=3,n=64,d=2,sep=3,test=32,seed=0",
                "--hessian-subset", "32", "--lr", "0.05,0.1", "--rho", "0.05", "--batch", "16", "--steps", "10", "--every", "5", "--seeds", "2",
                "--threads", "1", "--drift", "mc:2");
        Path local = dir.resolve("validity-local");
        Path slurm = dir.resolve("validity-slurm");
        List<String> a = new ArrayList<>(study);
        a.addAll(List.of("--out", local.toString()));
        assertEquals(0, Cli.run(a.toArray(String[]::new)).code());
        List<String> b = new ArrayList<>(study);
        b.addAll(List.of("--out", slurm.toString(), "--plan-only"));
        assertEquals(0, Cli.run(b.toArray(String[]::new)).code());
        submit(slurm);
        waitFor("the validity study's array and its collect job", () -> queueEmpty(slurm));
        assertArrayEquals(Files.readAllBytes(local.resolve("validity.csv")), Files.readAllBytes(slurm.resolve("validity.csv")),
                "the collect job's validity.csv is the local one");
    }

    @Test
    void aCellRequeuedMidRunResumesToTheSameRecords() throws Exception {
        String json = "{\"command\": \"train\", \"options\": {\"model\": \"mlp:2-8-3:tanh\", \"steps\": 8000, \"seeds\": 2, \"every\": 50,"
                + " \"no-hessian\": true, \"checkpoint-every\": 20, \"lr\": 0.05}, \"grid\": {\"rho\": [0.05]}}";
        Path sweep = plan("requeue", json);
        Path reference = plan("reference", json);
        submit(sweep, "--no-collect");
        String job = Submissions.read(sweep).get(0).arrayJob();
        Path cell = SweepFile.read(sweep).cellDir(sweep, 0);
        Path checkpoints = cell.resolve("checkpoints");
        waitFor("the cell's first checkpoints", () -> {
            try (var files = Files.list(checkpoints)) {
                return files.findAny().isPresent();
            } catch (IOException e) {
                return false;
            }
        });
        scontrol(sweep, "requeue", job + "_0");
        assertEquals(0, Cli.run("sweep", "cell", reference.toString(), "--index", "0").code());
        waitFor("the requeued task", () -> CellFiles.done(cell) && queueEmpty(sweep));
        JsonNode done = CellFiles.read(cell, CellFiles.DONE).orElseThrow();
        assertTrue(done.path("resumed").asBoolean(), "the second attempt resumed from checkpoints: " + done);
        assertEquals("1", CellFiles.read(cell, CellFiles.STARTED).orElseThrow().path("slurm_restart_count").asText());
        Path ref = SweepFile.read(reference).cellDir(reference, 0);
        assertEquals(Cli.withoutSeconds(ref.resolve("trajectories.csv")), Cli.withoutSeconds(cell.resolve("trajectories.csv")));
        assertEquals(Files.readAllLines(ref.resolve("summary.csv")), Files.readAllLines(cell.resolve("summary.csv")));
    }

    @Test
    void aCancelledCellIsReportedCollectedAsMissingAndCompletedByOnlyFailed() throws Exception {
        String json = "{\"command\": \"train\", \"options\": {\"model\": \"mlp:2-8-3:tanh\", \"seeds\": 2, \"every\": 50,"
                + " \"no-hessian\": true, \"checkpoint-every\": 50, \"lr\": 0.05}, \"grid\": {\"steps\": [20, 30, 8000]}}";
        Path sweep = plan("cancel", json);
        submit(sweep);
        Submissions.Submission first = Submissions.read(sweep).get(0);
        Path cell = SweepFile.read(sweep).cellDir(sweep, 2);
        waitFor("cell 2 to start", () -> Files.exists(cell.resolve(CellFiles.STARTED)));
        Slurm.Result cancel = Slurm.call(sweep, List.of("scancel", first.arrayJob() + "_2"));
        assertEquals(0, cancel.code(), cancel.err());
        waitFor("the array and the collect job after the partial failure", () -> queueEmpty(sweep));
        Cli.Run status = Cli.run("sweep", "status", sweep.toString());
        assertTrue(status.out().contains("3 cells: 2 done, 0 running, 0 pending, 1 failed"), status.out());
        // the collect job ran after the partial failure: two cells in sweep.csv, the third named in missing.txt
        assertTrue(Files.readString(sweep.resolve("slurm/logs/collect_" + first.collectJob() + ".out")).contains("collected 2 of 3"));
        assertEquals(2, SweepCsv.read(sweep.resolve(SweepCsv.NAME)).size());
        String missing = Files.readString(sweep.resolve(SweepStatus.MISSING), StandardCharsets.UTF_8);
        assertTrue(missing.contains("2 0002-steps=8000 failed"), missing);

        submit(sweep, "--only", "failed");
        Submissions.Submission second = Submissions.read(sweep).get(1);
        assertEquals(List.of(2), List.copyOf(second.tasks().keySet()), "only the failed cell is resubmitted");
        waitFor("the resubmitted cell and its collect job", () -> queueEmpty(sweep));
        assertTrue(Cli.run("sweep", "status", sweep.toString()).out().contains("3 cells: 3 done"));
        assertEquals(3, SweepCsv.read(sweep.resolve(SweepCsv.NAME)).size());
        assertTrue(Files.readString(sweep.resolve(SweepStatus.MISSING)).contains("all 3 cells are done"));
    }

    /** @return the non-blank lines of a text, stripped */
    private static List<String> lines(String text) {
        return text.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
    }

    @Test
    void anUnknownPartitionGetsOneLineNamingThePartitionsThatExist() throws Exception {
        Path sweep = plan("partition", "{\"command\": \"train\", \"options\": {\"model\": \"mlp:2-8-3:tanh\", \"steps\": 20,"
                + " \"seeds\": 2, \"no-hessian\": true}, \"grid\": {\"lr\": [0.05, 0.1]}}");
        Cli.Run r = Cli.run("sweep", "run", sweep.toString(), "--engine", "slurm", "--partition", "no-such-partition");
        assertEquals(2, r.code(), r.err());
        assertEquals(1, lines(r.err()).size(), r.err());
        assertTrue(r.err().contains("no partition 'no-such-partition'") && r.err().contains("local"), r.err());
        assertFalse(Files.exists(sweep.resolve(Submissions.FOLDER)), "nothing was submitted");
    }

    /**
     * A second {@code scripts/slurm-local start} on this host (another user, another checkout) gets a
     * cluster of its own: its own state directory and ports, a 6-cell sweep of 3-second cells through it
     * is done in under a minute although the cluster these tests were given has every CPU taken by a
     * long job, and its {@code stop} leaves that job alone.
     */
    @Test
    void aSecondLocalClusterIsItsOwnRunsSixThreeSecondCellsInUnderAMinuteAndStopsOnlyItsJobs() throws Exception {
        Path script = Path.of("..", "scripts", "slurm-local").toAbsolutePath().normalize();
        assertTrue(Files.isExecutable(script), script + " is there");
        GivenCluster given = new GivenCluster(dir);
        String busy = given.sbatch("--exclusive", "--job-name=busy", "--wrap", "sleep 600");
        Process start = new ProcessBuilder(script.toString(), "start").redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String env = new String(start.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(start.waitFor(180, TimeUnit.SECONDS) && start.exitValue() == 0, "the second cluster started:\n" + env);
        String conf = value(env, "SLURM_CONF");
        String state = Path.of(conf).getParent().toString();
        boolean own = !conf.equals(System.getenv("SLURM_CONF"));
        try {
            assertTrue(own, "a second start gets a cluster of its own, not the running one (" + conf + ")");
            assertEquals(state, value(env, "SAMSDE_SLURM_DIR"), "start prints its state directory");
            Path sweep = plan("second", "{\"command\": \"train\", \"options\": {\"model\": \"mlp:2-8-3:tanh\", \"steps\": 2000,"
                    + " \"seeds\": 2, \"every\": 100, \"no-hessian\": true}, \"grid\": {\"lr\": [0.05, 0.1, 0.2], \"rho\": [0.01, 0.05]}}");
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            ProcessBuilder submit = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), "org.samsde.cli.Main", "sweep",
                    "run", sweep.toString(), "--engine", "slurm", "--no-collect").redirectErrorStream(true);
            submit.environment().put("SLURM_CONF", conf);
            long t0 = System.nanoTime();
            Process p = submit.start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(0, p.waitFor(), out);
            SweepFile.Sweep table = SweepFile.read(sweep);
            long deadline = t0 + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
            while (!allDone(table, sweep) && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            double elapsed = (System.nanoTime() - t0) / 1e9;
            assertTrue(allDone(table, sweep), "6 cells done within " + WAIT_SECONDS + " s");
            double[] cellSeconds = new double[6];
            for (int i = 0; i < 6; i++) {
                cellSeconds[i] = CellFiles.read(table.cellDir(sweep, i), CellFiles.DONE).orElseThrow().path("seconds").asDouble();
            }
            // what the cells take depends on the machine's load; what is left of the time from sbatch to the
            // last cell done, with the node's CPUs shared among the cells, is the scheduler's (and the JVMs'
            // starts): on an idle machine 6 cells of 3 s on 2 CPUs then end in 9 s + that, under a minute
            int cpus = Math.min(6, Runtime.getRuntime().availableProcessors());
            double overhead = elapsed - Arrays.stream(cellSeconds).sum() / cpus;
            assertTrue(overhead < 30, String.format("6 cells done %.1f s after sbatch, of which %.1f s were not the cells' own"
                    + " (at most 30 s): the cells' own seconds %s on %d CPUs", elapsed, overhead, Arrays.toString(cellSeconds), cpus));
        } finally {
            // a start that answered with the given cluster must not stop it
            if (own) {
                stopAndCheck(script, state, given, busy);
            } else {
                Slurm.call(dir, List.of("scancel", busy));
            }
        }
    }

    private void stopAndCheck(Path script, String state, GivenCluster given, String busy) throws Exception {
        try {
            Process stop = new ProcessBuilder(script.toString(), "stop", state).redirectErrorStream(true).start();
            String said = new String(stop.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(stop.waitFor(120, TimeUnit.SECONDS) && stop.exitValue() == 0, said);
            assertFalse(Files.exists(Path.of(state)), "stop removed " + state);
            String q = given.squeue(busy);
            assertTrue(q.contains("RUNNING") || q.contains("PENDING"), "the other cluster's job is left alone: '" + q + "'");
        } finally {
            Slurm.call(dir, List.of("scancel", busy));
        }
    }

    /** @return the value of {@code export NAME=VALUE} in a start's output */
    private static String value(String env, String name) {
        return lines(env).stream().filter(l -> l.startsWith("export " + name + "=")).map(l -> l.substring(("export " + name + "=").length()))
                .findFirst().orElseThrow(() -> new AssertionError("no export " + name + " in:\n" + env));
    }

    /** Calls on the cluster these tests were given. */
    private record GivenCluster(Path dir) {
        String sbatch(String... args) {
            List<String> cmd = new ArrayList<>(List.of("sbatch", "--parsable"));
            cmd.addAll(List.of(args));
            Slurm.Result r = Slurm.call(dir, cmd);
            assertEquals(0, r.code(), r.err());
            return r.out().strip().split(";")[0];
        }

        String squeue(String job) {
            return Slurm.call(dir, List.of("squeue", "-h", "-j", job, "-o", "%T")).out().strip();
        }
    }

    /** @return whether every cell of the sweep is done */
    private static boolean allDone(SweepFile.Sweep table, Path sweep) {
        return table.cells().stream().allMatch(r -> CellFiles.done(table.cellDir(sweep, r.index())));
    }
}
