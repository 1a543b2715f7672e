package org.samsde.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGTERM (what Slurm sends before preempting) and SIGINT stop a run cleanly: every trajectory is
 * checkpointed where it stands, the command prints one line saying how to resume, and the resumed
 * run ends with the records of an uninterrupted one. The signal is sent once the run has signalled
 * progress (its first checkpoint), never at a guessed time.
 */
class SignalResumeTest {
    @TempDir
    Path dir;

    @Test
    void aTerminatedRunSaysHowToResumeAndResumesToTheSameRecords() throws Exception {
        List<String> settings = List.of("--methods", "sgd,sam", "--steps", "3000", "--seeds", "2", "--every", "100", "--no-hessian",
                "--threads", "2", "--checkpoint-every", "1000", "--data", "blobs:k=3,n=64,d=2,test=32,seed=3");
        Path whole = dir.resolve("whole");
        List<String> reference = new java.util.ArrayList<>(List.of("compare", "--out", whole.toString(), "--quiet"));
        reference.addAll(settings);
        Cli.Run r = Cli.run(reference.toArray(String[]::new));
        assertEquals(0, r.code(), r.err());

        Path run = dir.resolve("stopped");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new java.util.ArrayList<>(List.of(java, "-Dsamsde.noProgress=true", "-cp", System.getProperty("java.class.path"),
                "org.samsde.cli.Main", "compare", "--out", run.toString()));
        cmd.addAll(settings);
        Path log = dir.resolve("log");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        Path checkpoints = run.resolve("checkpoints");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (p.isAlive() && System.nanoTime() < deadline && !Cli.checkpointSince(checkpoints, 0)) {
            Thread.sleep(5);
        }
        assertTrue(p.isAlive(), "the run is still going when it has written its first checkpoint");
        p.destroy(); // SIGTERM
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        String out = Files.readString(log);
        assertEquals(143, p.exitValue(), out); // 128 + SIGTERM
        assertTrue(out.contains("stopped by a signal") && out.contains("--resume " + run), out);
        assertEquals(1, out.lines().filter(l -> l.contains("stopped by a signal")).count(), out);

        Cli.Run resumed = Cli.run("compare", "--resume", run.toString(), "--quiet");
        assertEquals(0, resumed.code(), resumed.err());
        assertEquals(Cli.withoutSeconds(whole.resolve("trajectories.csv")), Cli.withoutSeconds(run.resolve("trajectories.csv")));
    }
}
