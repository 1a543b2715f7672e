package org.samsde.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.samsde.sde.artifact.SweepCsv;
import org.samsde.sweep.CellFiles;
import org.samsde.sweep.SweepFile;
import org.samsde.sweep.SweepStatus;

/**
 * {@code samsde sweep} with the local engine: plan, run, status, collect, repeated runs that change
 * nothing, bad specs, a killed cell that resumes to bitwise the same records, compare cells, and
 * the Slurm scripts of a dry run (the real Slurm tests are {@link SweepSlurmTest}).
 */
class SweepCommandTest {
    /** A tiny train sweep over lr and rho: 4 cells of 30 steps, 2 seeds, no Hessian. */
    static final String TRAIN_SPEC = "{\"command\": \"train\", \"options\": {\"model\": \"mlp:2-8-3:tanh\", \"steps\": 30,"
            + " \"seeds\": 2, \"every\": 10, \"no-hessian\": true}, \"grid\": {\"lr\": [0.05, 0.1], \"rho\": [0.01, 0.05]}}";

    @TempDir
    Path dir;

    private Path spec(String name, String json) throws IOException {
        Path f = dir.resolve(name + ".json");
        Files.writeString(f, json);
        return f;
    }

    @Test
    void planRunStatusCollectAndRunningAgainChangesNothing() throws IOException {
        Path sweep = dir.resolve("s");
        Cli.Run plan = Cli.run("sweep", "plan", spec("spec", TRAIN_SPEC).toString(), "--out", sweep.toString());
        assertEquals(0, plan.code(), plan.err());
        SweepFile.Sweep table = SweepFile.read(sweep);
        assertEquals(List.of("lr", "rho"), table.axes());
        assertEquals(4, table.cells().size());
        assertEquals("0003-lr=0.1_rho=0.05", table.cells().get(3).dir());
        assertTrue(Files.isRegularFile(sweep.resolve("cells/0003-lr=0.1_rho=0.05/cell.json")));
        assertTrue(Cli.run("sweep", "status", sweep.toString()).out().contains("4 cells: 0 done, 0 running, 4 pending, 0 failed"));

        Cli.Run run = Cli.run("sweep", "run", sweep.toString());
        assertEquals(0, run.code(), run.err());
        assertTrue(Cli.run("sweep", "status", sweep.toString()).out().contains("4 cells: 4 done, 0 running, 0 pending, 0 failed"));
        List<SweepCsv.Row> rows = SweepCsv.read(sweep.resolve(SweepCsv.NAME));
        assertEquals(4, rows.size());
        assertEquals(Map.of("lr", "0.1", "rho", "0.01"), rows.get(2).values());
        assertEquals(30, rows.get(2).step());
        assertTrue(rows.get(2).number("train_loss_lo") <= rows.get(2).number("train_loss_mean"));
        assertTrue(Files.size(sweep.resolve("sweep.png")) > 0);
        assertTrue(Files.readString(sweep.resolve(SweepStatus.MISSING)).contains("all 4 cells are done"));

        Path marker = sweep.resolve("cells/0001-lr=0.05_rho=0.05").resolve(CellFiles.DONE);
        FileTime before = Files.getLastModifiedTime(marker);
        byte[] csv = Files.readAllBytes(sweep.resolve(SweepCsv.NAME));
        byte[] records = Files.readAllBytes(marker.resolveSibling("trajectories.csv"));
        Cli.Run again = Cli.run("sweep", "run", sweep.toString());
        assertEquals(0, again.code(), again.err());
        assertTrue(again.out().startsWith("nothing to run: 4 of 4 cells done"), again.out());
        Cli.Run cell = Cli.run("sweep", "cell", sweep.toString(), "--index", "1");
        assertEquals(0, cell.code(), cell.err());
        assertTrue(cell.out().contains("done already"), cell.out());
        assertEquals(0, Cli.run("sweep", "collect", sweep.toString()).code());
        assertEquals(before, Files.getLastModifiedTime(marker));
        assertArrayEquals(records, Files.readAllBytes(marker.resolveSibling("trajectories.csv")));
        assertArrayEquals(csv, Files.readAllBytes(sweep.resolve(SweepCsv.NAME)));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"command\": \"train\", \"options\": {\"bogus\": 1}}                       | unknown option 'bogus' for train",
        "{\"command\": \"train\", \"grid\": {\"lr\": []}}                            | empty list",
        "{\"command\": \"train\", \"grid\": {\"lr\": [0.1, -1]}}                      | cell 1 (0001-lr=-1): train: --lr must be a positive",
        "{\"command\": \"train\", \"grid\": {\"optimizer\": [\"sam\", \"nope\"]}}      | unknown optimizer 'nope'",
        "{\"command\": \"train\", \"grid\": {\"steps\": [1.5]}}                       | '1.5' is not an int",
        "{\"command\": \"train\", \"grid\": {\"no-hessian\": [1]}}                    | is a flag",
        "{\"command\": \"sde\", \"grid\": {\"sde\": [\"sam3\", \"sam9\"]}}             | cell 1",
        "{\"command\": \"train\", \"options\": {\"out\": \"x\"}}                      | set by the sweep itself",
        "{\"command\": \"study\"}                                                    | cannot be swept",
        "{\"command\": \"compare\", \"options\": {\"methods\": [\"sgd\", \"bogus\"]}}   | unknown method 'bogus'",
        "{\"command\": \"compare\", \"grid\": {\"steps\": [\"x\"]}}                    | 'steps' must be a whole number"})
    void badSpecsGetOneLineAndExitCode2AndWriteNothing(String json, String expected) throws IOException {
        Path sweep = dir.resolve("bad");
        Cli.Run r = Cli.run("sweep", "plan", spec("bad", json).toString(), "--out", sweep.toString());
        assertEquals(2, r.code(), r.err());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().contains(expected.trim()), r.err());
        assertFalse(Files.exists(sweep), "a bad spec writes nothing");
    }

    @Test
    void aKilledCellResumesToTheSameRecordsAndStatusSaysItFailed() throws Exception {
        String json = "{\"command\": \"train\", \"options\": {\"model\": \"mlp:2-8-3:tanh\", \"steps\": 1500, \"seeds\": 2, \"every\": 10,"
                + " \"no-hessian\": true, \"checkpoint-every\": 7, \"lr\": 0.05}, \"grid\": {\"rho\": [0.05]}}";
        Path specFile = spec("long", json);
        Path whole = dir.resolve("whole");
        Path killed = dir.resolve("killed");
        assertEquals(0, Cli.run("sweep", "plan", specFile.toString(), "--out", whole.toString()).code());
        assertEquals(0, Cli.run("sweep", "plan", specFile.toString(), "--out", killed.toString()).code());
        assertEquals(0, Cli.run("sweep", "cell", whole.toString(), "--index", "0").code());

        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), "org.samsde.cli.Main", "sweep", "cell",
                killed.toString(), "--index", "0").redirectErrorStream(true).redirectOutput(dir.resolve("log").toFile()).start();
        Path cell = SweepFile.read(killed).cellDir(killed, 0);
        Path checkpoints = cell.resolve("checkpoints");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        // kill as soon as the cell signals progress (its first checkpoint file): no guessed delay
        while (p.isAlive() && System.nanoTime() < deadline && !Cli.checkpointSince(checkpoints, 0)) {
            Thread.sleep(5);
        }
        assertTrue(p.isAlive(), "the cell was running when its first checkpoint appeared");
        p.destroyForcibly().waitFor();
        Cli.Run status = Cli.run("sweep", "status", killed.toString());
        assertTrue(status.out().contains("1 cells: 0 done, 0 running, 0 pending, 1 failed"), status.out());
        assertTrue(status.out().contains("stopped without finishing"), status.out());

        Cli.Run resumed = Cli.run("sweep", "run", killed.toString(), "--only", "failed");
        assertEquals(0, resumed.code(), resumed.err());
        assertTrue(resumed.out().contains("resumed from its checkpoints"), resumed.out());
        Path ref = SweepFile.read(whole).cellDir(whole, 0);
        assertEquals(Cli.withoutSeconds(ref.resolve("trajectories.csv")), Cli.withoutSeconds(cell.resolve("trajectories.csv")));
        assertEquals(Files.readAllLines(ref.resolve("summary.csv")), Files.readAllLines(cell.resolve("summary.csv")));
        Cli.run("sweep", "collect", whole.toString());
        assertArrayEquals(Files.readAllBytes(whole.resolve(SweepCsv.NAME)), Files.readAllBytes(killed.resolve(SweepCsv.NAME)));
    }

    @Test
    void compareCellsGiveOneRowPerMethodAndAHeatMapOrLines() throws IOException {
        String json = "{\"command\": \"compare\", \"options\": {\"steps\": 20, \"seeds\": 2, \"every\": 10, \"hessian\": false,"
                + " \"methods\": [\"sgd\", \"sam\"], \"data\": \"blobs:k=3,n=64,d=2,test=32,seed=1\"}, \"grid\": {\"rho\": [0.01, 0.1]}}";
        Path sweep = dir.resolve("c");
        assertEquals(0, Cli.run("sweep", "plan", spec("cmp", json).toString(), "--out", sweep.toString()).code());
        Cli.Run run = Cli.run("sweep", "run", sweep.toString(), "--parallel", "2");
        assertEquals(0, run.code(), run.err());
        List<SweepCsv.Row> rows = SweepCsv.read(sweep.resolve(SweepCsv.NAME));
        assertEquals(List.of("sgd", "sam", "sgd", "sam"), rows.stream().map(SweepCsv.Row::method).toList());
        assertEquals("0.1", rows.get(3).values().get("rho"));
        assertTrue(run.out().contains("sweep.png"), run.out());
    }

    @Test
    void aDryRunPrintsOneRequeueableThrottledArrayAndACollectJobAndSubmitsNothing() throws IOException {
        Path sweep = dir.resolve("d");
        assertEquals(0, Cli.run("sweep", "plan", spec("spec", TRAIN_SPEC).toString(), "--out", sweep.toString()).code());
        Cli.Run r = Cli.run("sweep", "run", sweep.toString(), "--engine", "slurm", "--dry-run", "--throttle", "2", "--partition", "short",
                "--time", "00:05:00", "--cpus-per-task", "2", "--mem", "2G", "--sbatch-arg=--account=abc", "--setup", "module load java/17");
        assertEquals(0, r.code(), r.err());
        for (String line : List.of("#SBATCH --array=0-3%2", "#SBATCH --requeue", "#SBATCH --partition=short", "#SBATCH --time=00:05:00",
                "#SBATCH --cpus-per-task=2", "#SBATCH --mem=2G", "#SBATCH --account=abc", "module load java/17",
                "sweep cell " + sweep.toAbsolutePath() + " --index \"$SLURM_ARRAY_TASK_ID\"", "--dependency=afterany:ARRAY_JOB_ID --kill-on-invalid-dep=yes",
                "sweep collect " + sweep.toAbsolutePath())) {
            assertTrue(r.out().contains(line), line + " in\n" + r.out());
        }
        assertFalse(Files.exists(sweep.resolve("slurm")), "a dry run writes no scripts and submits nothing");
        assertEquals(2, Cli.run("sweep", "run", sweep.toString(), "--engine", "pbs").code());
    }
}
