package org.samsde.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a running {@code samsde compare} with SIGKILL, twice, each time as soon as the run has written
 * a checkpoint in that round (what the program signals, not a timing window), and resumes it: the
 * final records equal those of an uninterrupted run bitwise (wall times aside).
 */
class KillResumeTest {
    @TempDir
    Path dir;

    @Test
    void killedRunsResumeToTheSameRecords() throws Exception {
        Path cfg = dir.resolve("c.json");
        Files.writeString(cfg, "{\"steps\": 400, \"seeds\": 4, \"every\": 10, \"data\": \"blobs:k=3,n=256,d=2,test=64,seed=1\"}");
        Cli.Run reference = Cli.run("compare", "--config", cfg.toString(), "--checkpoint-every", "7", "--out", dir.resolve("whole").toString());
        assertEquals(0, reference.code(), reference.err());

        Path run = dir.resolve("killed");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = List.of(java, "-Dsamsde.noProgress=true", "-cp", System.getProperty("java.class.path"), "org.samsde.cli.Main",
                "compare", "--config", cfg.toString(), "--checkpoint-every", "7", "--out", run.toString());
        int kills = 0;
        for (int round = 0; round < 2; round++) {
            List<String> args = round == 0 ? cmd : List.of(java, "-Dsamsde.noProgress=true", "-cp", System.getProperty("java.class.path"),
                    "org.samsde.cli.Main", "compare", "--resume", run.toString());
            long started = System.currentTimeMillis();
            Process p = new ProcessBuilder(args).redirectErrorStream(true).redirectOutput(dir.resolve("log" + round).toFile()).start();
            // kill as soon as the run signals progress: a checkpoint written in this round (no timing window)
            Path checkpoints = run.resolve("checkpoints");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (p.isAlive() && System.nanoTime() < deadline && !Cli.checkpointSince(checkpoints, started)) {
                Thread.sleep(5);
            }
            if (p.isAlive()) {
                p.destroyForcibly().waitFor();
                kills++;
            }
        }
        assertEquals(2, kills, "both runs were killed mid-way");
        assertTrue(Files.exists(run.resolve("run.json")), "the killed run left its run.json");
        Cli.Run resumed = Cli.run("compare", "--resume", run.toString());
        assertEquals(0, resumed.code(), resumed.err());
        assertEquals(Cli.withoutSeconds(dir.resolve("whole/trajectories.csv")), Cli.withoutSeconds(run.resolve("trajectories.csv")));
        assertEquals(Files.readAllLines(dir.resolve("whole/summary.csv")), Files.readAllLines(run.resolve("summary.csv")));
        assertTrue(!Files.exists(run.resolve("checkpoints")), "checkpoints are removed once the run has finished");
    }
}
