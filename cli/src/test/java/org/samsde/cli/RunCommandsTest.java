package org.samsde.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
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
import org.samsde.core.io.Npy;
import org.samsde.core.io.NpyArray;

/** train, sde, compare and study from the command line: outputs, repeatability, divergence, bad input. */
class RunCommandsTest {
    @TempDir
    Path dir;


    private Path config(String json) throws IOException {
        Path f = dir.resolve("config-" + Math.abs(json.hashCode()) + ".json");
        Files.writeString(f, json);
        return f;
    }


    @Test
    void aRelativePathInAConfigNamesTheFileNextToTheConfig() throws IOException {
        Path folder = Files.createDirectories(dir.resolve("experiment"));
        int d = 2 * 16 + 16 + 16 * 16 + 16 + 16 * 3 + 3;
        double[] x0 = new double[d];
        for (int i = 0; i < d; i++) {
            x0[i] = 0.1 * Math.sin(i);
        }
        Npy.write(folder.resolve("x0.npy"), NpyArray.ofDoubles(x0, d));
        Path cfg = folder.resolve("config.json");
        Files.writeString(cfg, "{\"steps\": 3, \"seeds\": 1, \"methods\": [\"sgd\"], \"params\": \"x0.npy\","
                + " \"data\": \"blobs:k=3,n=32,d=2,test=16,seed=1\", \"hessian\": false}");
        // the working directory of the test has no x0.npy: the one next to the config is meant
        assertFalse(Files.exists(Path.of("x0.npy")));
        Path out = dir.resolve("near");
        Cli.Run r = Cli.run("compare", "--config", cfg.toString(), "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        String frozen = Files.readString(out.resolve("config.json"));
        assertTrue(frozen.contains(folder.resolve("x0.npy").toAbsolutePath().normalize().toString().replace("\\", "\\\\")), frozen);
    }

    @Test
    void compareWritesEveryRecordAndDoesNotDependOnTheThreadCount() throws IOException {
        Path cfg = config("{\"steps\": 20, \"seeds\": 3, \"every\": 5, \"methods\": [\"sgd\", \"sam\", \"sam2\", \"sam3\"],"
                + " \"data\": \"blobs:k=3,n=96,d=2,test=32,seed=1\", \"hessian_subset\": 64}");
        Cli.Run one = Cli.run("compare", "--config", cfg.toString(), "--threads", "1", "--out", dir.resolve("one").toString());
        assertEquals(0, one.code(), one.err());
        Cli.Run two = Cli.run("compare", "--config", cfg.toString(), "--threads", "2", "--out", dir.resolve("two").toString());
        assertEquals(0, two.code(), two.err());
        for (String f : List.of("trajectories.csv", "summary.csv", "run.json", "params_sgd.npy", "params_sam.npy", "params_sam2.npy", "params_sam3.npy")) {
            assertTrue(Files.exists(dir.resolve("one").resolve(f)), f);
        }
        List<String> a = Cli.withoutSeconds(dir.resolve("one/trajectories.csv"));
        assertEquals(1 + 4 * 3 * 5, a.size(), "header + methods x seeds x records (steps 0, 5, 10, 15, 20)");
        assertEquals(a, Cli.withoutSeconds(dir.resolve("two/trajectories.csv")), "bitwise equal records on 1 and 2 threads");
        assertEquals(Files.readAllLines(dir.resolve("one/summary.csv")), Files.readAllLines(dir.resolve("two/summary.csv")));
        assertEquals(1 + 4 * 5, Files.readAllLines(dir.resolve("one/summary.csv")).size());
        List<String> header = List.of(a.get(0).split(","));
        int res = header.indexOf("lambda_residual");
        assertTrue(res > 0, "trajectories.csv carries the residual of lambda_max");
        for (String row : a.subList(1, a.size())) {
            double r = Double.parseDouble(row.split(",")[res]);
            assertTrue(r <= 1e-3, "lambda_max converged: residual " + r + " in " + row);
        }
        String json = Files.readString(dir.resolve("one/run.json"));
        assertTrue(json.contains("\"master_seed\"") && json.contains("\"backend\"") && json.contains("\"sam3\""), json);
        assertTrue(one.out().contains("sam3"), one.out());
        int d = 2 * 16 + 16 + 16 * 16 + 16 + 16 * 3 + 3;
        for (String m : List.of("sgd", "sam", "sam2", "sam3")) {
            NpyArray all = Npy.read(dir.resolve("one/params_all_" + m + ".npy"));
            assertArrayEquals(new int[] {3, d}, all.shape(), "params_all_" + m + ".npy is (seeds, d)");
            double[] seed0 = Npy.read(dir.resolve("one/params_" + m + ".npy")).doubles();
            assertArrayEquals(seed0, java.util.Arrays.copyOf(all.doubles(), d), 0.0, "row 0 is seed 0's end state");
        }
        int ratio = header.indexOf("noise_ratio");
        int bias = header.indexOf("drift_bias");
        assertTrue(ratio > 0 && bias > 0, a.get(0));
        for (String row : a.subList(1, a.size())) {
            String[] f = row.split(",");
            double r = Double.parseDouble(f[ratio]);
            assertTrue(r > 0 && Double.isFinite(r), "mini-batch records carry the noise ratio: " + row);
            assertTrue(Double.isNaN(Double.parseDouble(f[bias])), "no drift bias without a plug-in drift: " + row);
        }
        assertTrue(Files.exists(dir.resolve("one/noise.png")), "the noise figure beside figure 1");
    }

    /** A rule registered outside the toolkit is found by name and runs like a built-in one. */
    @Test
    void aUsersOwnRuleOnTheClassPathRunsByName() throws IOException {
        String data = "blobs:k=3,n=64,d=2,test=16,seed=3";
        Path cfg = config("{\"steps\": 12, \"seeds\": 2, \"every\": 4, \"methods\": [\"half-step\"], \"lr\": 0.2, \"hessian\": false,"
                + " \"batch\": \"8\", \"data\": \"" + data + "\"}");
        Cli.Run mine = Cli.run("compare", "--config", cfg.toString(), "--out", dir.resolve("mine").toString());
        assertEquals(0, mine.code(), mine.err());
        Path sgd = config("{\"steps\": 12, \"seeds\": 2, \"every\": 4, \"methods\": [\"sgd\"], \"lr\": 0.1, \"hessian\": false,"
                + " \"batch\": \"8\", \"data\": \"" + data + "\"}");
        Cli.Run ref = Cli.run("compare", "--config", sgd.toString(), "--out", dir.resolve("sgd").toString());
        assertEquals(0, ref.code(), ref.err());
        assertArrayEquals(Npy.read(dir.resolve("sgd/params_all.npy")).doubles(), Npy.read(dir.resolve("mine/params_all.npy")).doubles(),
                1e-12, "half the gradient at lr 0.2 is SGD at lr 0.1");
        assertTrue(Files.readString(dir.resolve("mine/trajectories.csv")).contains("\nhalf-step,"), "records under the rule's name");
    }

    @Test
    void aPlugInDriftIsLabelledSoAndRecordsItsEstimatedBias() throws IOException {
        Path cfg = config("{\"steps\": 10, \"seeds\": 2, \"every\": 5, \"methods\": [\"sam2\"], \"drift\": \"plugin\","
                + " \"noise\": \"per-sample\", \"data\": \"blobs:k=3,n=96,d=2,test=32,seed=1\", \"hessian\": false}");
        Cli.Run r = Cli.run("compare", "--config", cfg.toString(), "--out", dir.resolve("plugin").toString());
        assertEquals(0, r.code(), r.err());
        List<String> lines = Cli.withoutSeconds(dir.resolve("plugin/trajectories.csv"));
        List<String> header = List.of(lines.get(0).split(","));
        int bias = header.indexOf("drift_bias");
        for (String row : lines.subList(1, lines.size())) {
            assertTrue(row.startsWith("sam2+plugin+per-sample,"), "the label names both approximations: " + row);
            double b = Double.parseDouble(row.split(",")[bias]);
            assertTrue(b >= 0 && Double.isFinite(b), "the plug-in drift's bias is estimated: " + row);
        }
        String json = Files.readString(dir.resolve("plugin/run.json"));
        assertTrue(json.contains("plug-in drift (DNSAM-type)") && json.contains("per-sample noise"), json);
    }

    @Test
    void trainAndSdeRunAndAreRepeatable() throws IOException {
        String[] common = {"--data", "blobs:k=3,n=64,d=2,seed=2", "--steps", "15", "--seeds", "2", "--every", "5", "--batch", "8"};
        for (String cmd : List.of("train", "sde")) {
            List<List<String>> runs = new ArrayList<>();
            for (int r = 0; r < 2; r++) {
                Path out = dir.resolve(cmd + r);
                List<String> args = new ArrayList<>(List.of(cmd, "--out", out.toString()));
                args.addAll(List.of(common));
                if (cmd.equals("train")) {
                    args.addAll(List.of("--optimizer", "eigen-sam", "--eig-every", "3", "--eig-global-counter", "--momentum", "0.9", "--schedule", "cosine"));
                } else {
                    args.addAll(List.of("--sde", "sam3", "--substeps", "2", "--drift", "mc:2", "--noise", "batch-mc:3"));
                }
                Cli.Run res = Cli.run(args.toArray(String[]::new));
                assertEquals(0, res.code(), res.err());
                assertTrue(Files.exists(out.resolve("params.npy")));
                runs.add(Cli.withoutSeconds(out.resolve("trajectories.csv")));
            }
            assertEquals(runs.get(0), runs.get(1), cmd + " is bitwise repeatable");
        }
        assertEquals(2 * 16 + 16 + 16 * 16 + 16 + 16 * 3 + 3, Npy.read(dir.resolve("train0/params.npy")).size(),
                "params.npy holds the final parameters of mlp:2-16-16-3");
    }

    /** sgd1 with injected isotropic noise is not the SGD SDE, and its label says so. */
    private static final String NOISY = "sde:sgd1+isotropic:10000.0";

    @Test
    void aDivergingTrajectoryStopsAndTheOthersGoOn() throws IOException {
        Path cfg = config("{\"steps\": 30, \"seeds\": 2, \"every\": 10, \"methods\": [\"sgd\", \"sde:sgd1\"], \"noise\": \"isotropic:1e4\","
                + " \"divergence_bound\": 100, \"data\": \"blobs:k=3,n=64,d=2,seed=1\", \"hessian\": false}");
        Cli.Run r = Cli.run("compare", "--config", cfg.toString(), "--out", dir.resolve("div").toString());
        assertEquals(0, r.code(), r.err());
        List<String> lines = Files.readAllLines(dir.resolve("div/trajectories.csv"));
        long sgdRows = lines.stream().filter(l -> l.startsWith("sgd,")).count();
        long divergedRows = lines.stream().filter(l -> l.startsWith(NOISY + ",") && l.endsWith(",1")).count();
        assertEquals(2 * 4, sgdRows, "sgd records every step it should");
        assertEquals(2, divergedRows, "each noisy trajectory is marked diverged once");
        assertTrue(r.out().contains("2 trajectories diverged"), r.out());
        // summary.csv counts at each step only the seeds that had not diverged by then
        List<String> header = List.of(lines.get(0).split(","));
        int seedCol = header.indexOf("seed");
        int stepCol = header.indexOf("step");
        assertTrue(seedCol >= 0 && stepCol >= 0, lines.get(0));
        java.util.Map<String, Integer> divergedAt = new java.util.HashMap<>();
        for (String l : lines) {
            String[] f = l.split(",");
            if (l.startsWith(NOISY + ",") && l.endsWith(",1")) {
                divergedAt.put(f[seedCol], Integer.parseInt(f[stepCol]));
            }
        }
        assertEquals(2, divergedAt.size(), divergedAt.toString());
        List<String> summary = Files.readAllLines(dir.resolve("div/summary.csv"));
        List<String> sHeader = List.of(summary.get(0).split(","));
        int sStep = sHeader.indexOf("step");
        int sSeeds = sHeader.indexOf("seeds");
        int noisyRows = 0;
        for (String l : summary.subList(1, summary.size())) {
            String[] f = l.split(",");
            int step = Integer.parseInt(f[sStep]);
            int seeds = Integer.parseInt(f[sSeeds]);
            if (l.startsWith("sgd,")) {
                assertEquals(2, seeds, l);
            } else {
                assertTrue(l.startsWith(NOISY + ","), l);
                noisyRows++;
                long alive = divergedAt.values().stream().filter(at -> at > step).count();
                assertTrue(alive > 0, "no summary row once every noisy seed has diverged: " + l);
                assertEquals(alive, seeds, "only seeds that have not diverged by step " + step + " count: " + l);
            }
        }
        assertTrue(noisyRows >= 1, "the noisy method has rows before it diverges");
    }

    /** A checkpoint file as samsde writes it starts with this string (DataOutput.writeUTF). */
    private static void writeStaleCheckpoint(Path file) throws IOException {
        try (java.io.DataOutputStream out = new java.io.DataOutputStream(Files.newOutputStream(file))) {
            out.writeUTF("samsde-checkpoint-2");
            out.writeUTF("from an older run");
        }
    }

    @Test
    void aFreshRunRemovesOnlyItsOwnCheckpointsAndLeavesOtherFilesAlone() throws IOException {
        Path cfg = config("{\"steps\": 6, \"seeds\": 1, \"every\": 3, \"methods\": [\"sgd\"], \"hessian\": false,"
                + " \"data\": \"blobs:k=3,n=48,d=2,seed=1\"}");
        Path run = dir.resolve("mine");
        Path checkpoints = Files.createDirectories(run.resolve("checkpoints"));
        Files.writeString(checkpoints.resolve("notes.txt"), "my notes");
        Files.createDirectories(checkpoints.resolve("sub"));
        Files.writeString(checkpoints.resolve("sub/keep.txt"), "keep me");
        Files.writeString(checkpoints.resolve("7-sam-3.ckpt"), "named like a checkpoint, but mine");
        writeStaleCheckpoint(checkpoints.resolve("0-sgd-0.ckpt"));
        Cli.Run r = Cli.run("compare", "--config", cfg.toString(), "--checkpoint-every", "2", "--threads", "1", "--out", run.toString());
        assertEquals(0, r.code(), r.err());
        assertEquals("my notes", Files.readString(checkpoints.resolve("notes.txt")));
        assertEquals("keep me", Files.readString(checkpoints.resolve("sub/keep.txt")));
        assertEquals("named like a checkpoint, but mine", Files.readString(checkpoints.resolve("7-sam-3.ckpt")));
        assertFalse(Files.exists(checkpoints.resolve("0-sgd-0.ckpt")), "the stale checkpoint of samsde's is removed");
        try (java.util.stream.Stream<Path> left = Files.list(checkpoints)) {
            assertEquals(List.of("7-sam-3.ckpt", "notes.txt", "sub"), left.map(p -> p.getFileName().toString()).sorted().toList());
        }
        assertEquals(1 + 3, Files.readAllLines(run.resolve("trajectories.csv")).size());
    }

    @Test
    void configErrorsNameTheConfigKey() throws IOException {
        for (String[] c : new String[][] {{"seeds", "0"}, {"lr", "-1"}, {"every", "0"}, {"batch", "\"zero\""}, {"noise", "\"isotropic:x\""},
            {"hessian_subset", "0"}, {"divergence_bound", "0"}}) {
            Path cfg = config("{\"" + c[0] + "\": " + c[1] + ", \"methods\": [\"sgd\", \"sam2\"], \"steps\": 2"
                    + (c[0].equals("seeds") ? "" : ", \"seeds\": 1") + "}");
            Cli.Run r = Cli.run("compare", "--config", cfg.toString(), "--out", dir.resolve("never").toString());
            assertEquals(2, r.code(), r.err());
            assertTrue(r.err().contains("config: '" + c[0] + "'"), r.err());
            assertFalse(r.err().contains("--" + c[0].replace('_', '-')), r.err());
        }
    }

    @Test
    void twoHundredFiftySixSeedsOfTheDefaultProblemFitTheTestHeapAndHugeEnsemblesAreRefusedUpFront() throws IOException {
        // the test JVM runs with -Xmx2g (surefire argLine)
        Path cfg = config("{\"steps\": 10, \"every\": 5, \"seeds\": 256, \"hessian\": false}");
        Cli.Run ok = Cli.run("compare", "--config", cfg.toString(), "--out", dir.resolve("many").toString());
        assertEquals(0, ok.code(), ok.err());
        assertEquals(1 + 4 * 256 * 3, Files.readAllLines(dir.resolve("many/trajectories.csv")).size());
        Path huge = config("{\"steps\": 100000000, \"every\": 1, \"seeds\": 100000}");
        Cli.Run refused = Cli.run("compare", "--config", huge.toString(), "--out", dir.resolve("huge").toString());
        assertEquals(2, refused.code(), refused.err());
        assertTrue(refused.err().contains("MiB of heap"), refused.err());
        assertFalse(Files.exists(dir.resolve("huge")), "refused before anything is written");
    }

    @Test
    void studiesWriteTheirTables() throws IOException {
        Cli.Run weak = Cli.run("study", "weak", "--paths", "20000", "--levels", "3", "--out", dir.resolve("weak").toString());
        assertEquals(0, weak.code(), weak.err());
        assertEquals(1 + 3 + 2, Files.readAllLines(dir.resolve("weak/weak.csv")).size());
        Cli.Run approx = Cli.run("study", "approx", "--data", "blobs:k=3,n=64,d=2,seed=1", "--etas", "0.04,0.02", "--horizon", "0.2",
                "--substeps", "2", "--out", dir.resolve("approx").toString());
        assertEquals(0, approx.code(), approx.err());
        assertEquals(1 + 2 * 2, Files.readAllLines(dir.resolve("approx/gaps.csv")).size());
        assertEquals("model,slope,stderr,levels,of", Files.readAllLines(dir.resolve("approx/slopes.csv")).get(0));
        assertEquals("model,eta,rho,gap,halfwidth,step,resolved", Files.readAllLines(dir.resolve("approx/gaps.csv")).get(0));
        Cli.Run fidelity = Cli.run("study", "fidelity", "--model", "mlp:2-3-3:tanh", "--data", "blobs:k=3,n=10,d=2,seed=1", "--batch", "2",
                "--steps", "20", "--points", "2", "--draws", "200", "--estimators", "mc:4+compensated;plugin+per-sample",
                "--out", dir.resolve("fidelity").toString());
        assertEquals(0, fidelity.code(), fidelity.err());
        List<String> rows = Files.readAllLines(dir.resolve("fidelity/fidelity.csv"));
        assertEquals(1 + 2 * 2, rows.size(), "a row per point and estimator pair");
        assertTrue(rows.get(1).contains("mc:4+compensated") && rows.get(2).contains("plugin+per-sample"), rows.toString());
        assertTrue(rows.get(1).endsWith(",1"), "C(10, 2) batches are enumerated: " + rows.get(1));
        assertTrue(Files.exists(dir.resolve("fidelity/figure.png")));
    }

    @Test
    void badInputGivesOneLineAndExitCodeTwoAndWritesNothing() throws IOException {
        Path out = dir.resolve("never");
        String o = out.toString();
        Path badKey = config("{\"stepz\": 3}");
        Path badJson = config("{\"steps\": ");
        Path badType = config("{\"steps\": \"many\"}");
        Path badMethod = config("{\"methods\": [\"adam\"]}");
        Files.writeString(dir.resolve("a-file.txt"), "not a directory");
        Path tiny = config("{\"steps\": 2, \"seeds\": 1, \"every\": 1, \"methods\": [\"sgd\"], \"hessian\": false}");
        Path deep = config("[".repeat(5000) + "]".repeat(5000));
        Path deepObject = config("{\"a\":".repeat(3000) + "1" + "}".repeat(3000));
        String underFile = dir.resolve("a-file.txt").resolve("run").toString();
        String[][] cases = {
            {"train", "--out", ""},
            {"compare", "--config", tiny.toString(), "--out", ""},
            {"train", "--out", underFile},
            {"compare", "--config", tiny.toString(), "--out", underFile},
            {"compare", "--config", tiny.toString(), "--out", "/proc/samsde-no-such-dir/run"},
            {"train", "--steps", "2", "--seeds", "1", "--no-hessian", "--out", "/proc/samsde-no-such-dir/run"},
            {"compare", "--config", deep.toString(), "--out", o},
            {"compare", "--config", deepObject.toString(), "--out", o},
            {"rerun", dir.toString(), "--out", ""},
            {"train", "--lr", "0", "--out", o},
            {"train", "--lr", "NaN", "--out", o},
            {"train", "--rho", "-1", "--out", o},
            {"train", "--optimizer", "adam", "--out", o},
            {"train", "--model", "mlp:2-4:swish", "--out", o},
            {"train", "--batch", "10000", "--out", o},
            {"train", "--batch", "zero", "--out", o},
            {"train", "--schedule", "step", "--out", o},
            {"train", "--momentum", "1.5", "--out", o},
            {"sde", "--sde", "sam4", "--out", o},
            {"sde", "--drift", "exact", "--batch", "16", "--out", o},
            {"sde", "--noise", "isotropic:x", "--out", o},
            {"sde", "--substeps", "0", "--out", o},
            {"compare", "--config", badKey.toString(), "--out", o},
            {"compare", "--config", badJson.toString(), "--out", o},
            {"compare", "--config", badType.toString(), "--out", o},
            {"compare", "--config", badMethod.toString(), "--out", o},
            {"compare", "--config", dir.resolve("absent.json").toString(), "--out", o},
            {"study", "approx", "--etas", "0.1,-1", "--out", o},
            {"study", "approx", "--observable", "energy", "--out", o},
            {"study", "weak", "--levels", "1", "--out", o},
            {"train", "--out", dir.resolve("a-file.txt").toString()},
            {"train", "--subset", "0", "--out", o},
            {"train", "--backend", "tpu", "--out", o},
        };
        for (String[] args : cases) {
            Cli.Run r = Cli.run(args);
            String what = String.join(" ", args);
            assertEquals(2, r.code(), what + " -> " + r.err());
            assertEquals(1, r.err().strip().lines().count(), what + " should give one line, got: " + r.err());
            assertTrue(r.err().startsWith("samsde "), r.err());
            assertFalse(r.err().contains("Exception"), r.err());
            assertFalse(Files.exists(out), what + " created its output");
        }
    }
}
