package org.samsde.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code compare --resume DIR} with a checkpoint that has one byte changed, at its start, in its
 * middle or at its end: exit 2 with one line that names the file and says to delete it, nothing
 * written; after deleting it as told, the resume finishes with the records of an uninterrupted run.
 * (Before checkpoints had a checksum, the first gave an internal error and the others resumed in
 * silence, with different records for a byte in the middle.)
 */
class CorruptCheckpointTest {
    @TempDir
    Path dir;

    /**
     * An interrupted run whose checkpoints compare wrote: a finished run is marked unfinished again
     * and resumed with a folder (not empty) standing where its records go, so the resume computes
     * every trajectory, checkpointing it, and stops when it writes the records, its checkpoints
     * kept and its run.json saying "running", as if it had been killed at that moment.
     *
     * @return the run directory; the uninterrupted run's records are in whole.csv beside it
     */
    private Path interrupted() throws IOException {
        Path cfg = dir.resolve("c.json");
        Files.writeString(cfg, "{\"steps\": 6, \"seeds\": 1, \"every\": 3, \"methods\": [\"sgd\", \"sam\"], \"hessian\": false,"
                + " \"data\": \"blobs:k=3,n=48,d=2,test=16,seed=1\"}");
        Path run = dir.resolve("interrupted");
        Cli.Run whole = Cli.run("compare", "--config", cfg.toString(), "--checkpoint-every", "2", "--threads", "1", "--out", run.toString());
        assertEquals(0, whole.code(), whole.err());
        Files.move(run.resolve("trajectories.csv"), dir.resolve("whole.csv"));
        ObjectMapper json = new ObjectMapper();
        ObjectNode info = (ObjectNode) json.readTree(run.resolve("run.json").toFile());
        assertEquals("finished", info.path("status").asText());
        info.put("status", "running");
        json.writeValue(run.resolve("run.json").toFile(), info);
        Path blocker = Files.createDirectories(run.resolve("trajectories.csv"));
        Files.writeString(blocker.resolve("x"), "x");
        Cli.Run stopped = Cli.run("compare", "--resume", run.toString());
        assertEquals(2, stopped.code(), stopped.err());
        Files.delete(blocker.resolve("x"));
        Files.delete(blocker);
        assertTrue(Files.isRegularFile(run.resolve("checkpoints/1-sam-0.ckpt")), "the run left its checkpoints");
        return run;
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> all = Files.walk(from)) {
            for (Path p : all.toList()) {
                Path q = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(q);
                } else {
                    Files.copy(p, q);
                }
            }
        }
    }

    @Test
    void aCheckpointWithOneByteChangedStopsTheResumeWithOneLine() throws IOException {
        Path interrupted = interrupted();
        List<String> whole = Cli.withoutSeconds(dir.resolve("whole.csv"));
        String[] where = {"start", "middle", "end"};
        for (String w : where) {
            Path run = dir.resolve(w);
            copy(interrupted, run);
            Path ckpt = run.resolve("checkpoints/1-sam-0.ckpt");
            byte[] bytes = Files.readAllBytes(ckpt);
            int at = switch (w) {
                case "start" -> 0;
                case "middle" -> bytes.length / 2;
                default -> bytes.length - 1;
            };
            bytes[at] ^= (byte) 0x5a;
            Files.write(ckpt, bytes);

            Cli.Run r = Cli.run("compare", "--resume", run.toString());
            assertEquals(2, r.code(), w + ": " + r.out() + r.err());
            List<String> lines = r.err().lines().filter(l -> !l.isBlank()).toList();
            assertEquals(1, lines.size(), w + ": one line: " + r.err());
            String line = lines.get(0);
            assertTrue(line.startsWith("samsde compare: checkpoint " + ckpt + " is corrupt"), w + ": " + line);
            assertTrue(line.contains("delete the file and resume again"), w + ": " + line);
            assertFalse(Files.exists(run.resolve("trajectories.csv")), w + ": no records written");
            assertTrue(Files.readString(run.resolve("run.json")).contains("\"running\""), w + ": the run is still unfinished");
            assertEquals(bytes.length, Files.size(ckpt), w + ": the file is left for the user");

            // as the message says: delete it, resume again, and that trajectory restarts from step 0
            Files.delete(ckpt);
            Cli.Run again = Cli.run("compare", "--resume", run.toString());
            assertEquals(0, again.code(), w + ": " + again.err());
            assertEquals(whole, Cli.withoutSeconds(run.resolve("trajectories.csv")), w);
        }
    }
}
