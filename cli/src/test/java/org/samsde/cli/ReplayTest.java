package org.samsde.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.samsde.core.data.Blobs;
import org.samsde.core.data.DataFiles;
import org.samsde.core.io.Npy;
import org.samsde.core.io.NpyArray;

/**
 * {@code rerun} and {@code --resume}: they reproduce the records from the arguments in run.json,
 * from any working directory and on the recorded backend, refuse a tampered run.json cleanly, and
 * {@code --debug} adds the stack trace to a rejection.
 */
class ReplayTest {
    @TempDir
    Path dir;


    private static List<String> recordedArgs(Path run) throws IOException {
        JsonNode root = new ObjectMapper().readTree(run.resolve("run.json").toFile());
        List<String> args = new ArrayList<>();
        root.get("args").forEach(a -> args.add(a.asText()));
        return args;
    }

    /** Runs the command line in a fresh JVM whose working directory is cwd. */
    private static Cli.Run runIn(Path cwd, String... args) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(java, "-Dsamsde.noProgress=true", "-cp", System.getProperty("java.class.path"),
                "org.samsde.cli.Main"));
        cmd.addAll(List.of(args));
        Path log = Files.createTempFile(cwd, "log", ".txt");
        Process p = new ProcessBuilder(cmd).directory(cwd.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!p.waitFor(180, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor();
            throw new AssertionError("timed out: " + String.join(" ", args));
        }
        String output = Files.readString(log);
        Files.delete(log);
        return new Cli.Run(p.exitValue(), output, output);
    }

    @Test
    void rerunReproducesACompareRunAlsoFromAMovedDirectory() throws IOException {
        Path cfg = dir.resolve("c.json");
        Files.writeString(cfg, "{\"steps\": 12, \"seeds\": 2, \"every\": 4, \"methods\": [\"sgd\", \"sam2\"], \"hessian_subset\": 32,"
                + " \"data\": \"blobs:k=3,n=64,d=2,test=16,seed=3\"}");
        Path orig = dir.resolve("orig");
        Cli.Run first = Cli.run("compare", "--config", cfg.toString(), "--threads", "1", "--checkpoint-every", "5", "--out", orig.toString());
        assertEquals(0, first.code(), first.err());
        List<String> args = recordedArgs(orig);
        assertEquals(org.samsde.core.tensor.Backends.select("auto").name(), args.get(args.indexOf("--backend") + 1), "compare records its backend: " + args);
        assertEquals(orig.toAbsolutePath().normalize().toString(), args.get(args.indexOf("--out") + 1), args.toString());
        assertTrue(Path.of(args.get(args.indexOf("--config") + 1)).isAbsolute(), args.toString());

        Cli.Run again = Cli.run("rerun", orig.toString(), "--out", dir.resolve("again").toString());
        assertEquals(0, again.code(), again.err());
        assertEquals(Cli.withoutSeconds(orig.resolve("trajectories.csv")), Cli.withoutSeconds(dir.resolve("again/trajectories.csv")));
        assertEquals(Files.readAllLines(orig.resolve("summary.csv")), Files.readAllLines(dir.resolve("again/summary.csv")));

        // a run directory that was moved still reruns: its own config.json is used
        Path moved = Files.move(orig, dir.resolve("moved"));
        Cli.Run fromMoved = Cli.run("rerun", moved.toString());
        assertEquals(0, fromMoved.code(), fromMoved.err());
        assertEquals(Cli.withoutSeconds(moved.resolve("trajectories.csv")), Cli.withoutSeconds(dir.resolve("moved-rerun/trajectories.csv")));
        assertFalse(Files.exists(orig), "nothing is written where the run used to be");
    }

    @Test
    void resumeAndRerunDoNotDependOnTheWorkingDirectory() throws Exception {
        Path a = Files.createDirectories(dir.resolve("a")).toRealPath();
        Path b = Files.createDirectories(dir.resolve("b")).toRealPath();
        DataFiles.save(a.resolve("data.npz"), Blobs.parse("blobs:k=3,n=48,d=2,test=12,seed=5").generate());
        double[] x0 = new double[2 * 4 + 4 + 4 * 3 + 3];
        for (int i = 0; i < x0.length; i++) {
            x0[i] = 0.3 * Math.sin(i + 1);
        }
        Npy.write(a.resolve("x0.npy"), NpyArray.ofDoubles(x0, x0.length));
        Cli.Run made = runIn(a, "train", "--model", "mlp:2-4-3:tanh", "--data", "data.npz", "--params", "x0.npy", "--steps", "9",
                "--seeds", "2", "--every", "3", "--batch", "8", "--hessian-subset", "16", "--threads", "1", "--checkpoint-every", "4",
                "--backend", "cpu", "--out", "run");
        assertEquals(0, made.code(), made.out());
        Path run = a.resolve("run");
        List<String> args = recordedArgs(run);
        assertEquals(a.resolve("data.npz").toString(), args.get(args.indexOf("--data") + 1), args.toString());
        assertEquals(a.resolve("x0.npy").toString(), args.get(args.indexOf("--params") + 1), args.toString());
        assertEquals(run.toString(), args.get(args.indexOf("--out") + 1), args.toString());
        assertEquals("cpu", args.get(args.indexOf("--backend") + 1), args.toString());
        List<String> reference = Cli.withoutSeconds(run.resolve("trajectories.csv"));

        Cli.Run rerun = runIn(b, "rerun", "../a/run", "--out", "again");
        assertEquals(0, rerun.code(), rerun.out());
        assertEquals(reference, Cli.withoutSeconds(b.resolve("again/trajectories.csv")));

        // as if the run had been killed before it wrote its records: resume it from elsewhere
        String json = Files.readString(run.resolve("run.json"));
        assertTrue(json.contains("\"finished\""), json);
        Files.writeString(run.resolve("run.json"), json.replace("\"finished\"", "\"running\""));
        Files.delete(run.resolve("trajectories.csv"));
        Files.delete(run.resolve("summary.csv"));
        Cli.Run resumed = runIn(b, "train", "--resume", "../a/run");
        assertEquals(0, resumed.code(), resumed.out());
        assertEquals(reference, Cli.withoutSeconds(run.resolve("trajectories.csv")), "resumed into the run directory itself");
        assertFalse(Files.exists(b.resolve("run")), "nothing is written relative to the working directory");
    }

    @Test
    void aTamperedRunJsonIsRefusedWithOneLine() throws IOException {
        Path t = Files.createDirectories(dir.resolve("t"));
        String self = t.toString().replace("\\", "\\\\");
        String[] recorded = {
            "[\"rerun\", \"" + self + "\", \"--out\", \"" + self + "-x\"]",
            "[\"compare\", \"--resume\", \"" + self + "\", \"--out\", \"" + self + "\"]",
            "[\"study\", \"weak\", \"--out\", \"" + self + "\"]",
            "[\"train\", \"--steps\", \"3\"]",
        };
        for (String args : recorded) {
            Files.writeString(t.resolve("run.json"), "{\"status\": \"running\", \"args\": " + args + "}");
            for (String[] cmd : new String[][] {{"rerun", t.toString(), "--out", dir.resolve("n").toString()}, {"compare", "--resume", t.toString()}}) {
                Cli.Run r = Cli.run(cmd);
                assertEquals(2, r.code(), args + ": " + r.err());
                assertEquals(1, r.err().strip().lines().count(), args + ": " + r.err());
                assertTrue(r.err().contains("run.json"), r.err());
                assertFalse(Files.exists(dir.resolve("n")), args);
            }
        }
    }

    @Test
    void debugAddsTheStackTraceToARejection() throws IOException {
        Path out = dir.resolve("never");
        Cli.Run plain = Cli.run("train", "--lr", "0", "--out", out.toString());
        assertEquals(2, plain.code(), plain.err());
        assertFalse(plain.err().contains("at org.samsde"), plain.err());
        Cli.Run debug = Cli.run("train", "--lr", "0", "--debug", "--out", out.toString());
        assertEquals(2, debug.code(), debug.err());
        assertTrue(debug.err().contains("InvalidInputException") && debug.err().contains("at org.samsde.cli."), debug.err());
        assertTrue(debug.err().contains("samsde train: --lr must be a positive finite number"), debug.err());

        // rerun passes --debug on to the command it replays
        Path t = Files.createDirectories(dir.resolve("t"));
        Files.writeString(t.resolve("run.json"), "{\"args\": [\"train\", \"--lr\", \"-1\", \"--out\", \"" + t.toString().replace("\\", "\\\\") + "\"]}");
        Cli.Run rerun = Cli.run("rerun", "--debug", t.toString(), "--out", out.toString());
        assertEquals(2, rerun.code(), rerun.err());
        assertTrue(rerun.err().contains("at org.samsde.cli.Checks"), rerun.err());
        assertFalse(Files.exists(out));
        // also when --debug comes before the subcommand
        Cli.Run before = Cli.run("--debug", "rerun", t.toString(), "--out", out.toString());
        assertEquals(2, before.code(), before.err());
        assertTrue(before.err().contains("at org.samsde.cli.Checks"), before.err());
        assertFalse(Files.exists(out));
    }
}
