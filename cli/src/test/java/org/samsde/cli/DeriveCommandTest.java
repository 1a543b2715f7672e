package org.samsde.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.samsde.core.data.DataFiles;
import org.samsde.core.data.Dataset;
import org.samsde.core.io.Npy;
import org.samsde.core.io.NpyArray;
import org.samsde.core.io.Npz;
import org.samsde.core.model.ModelSpec;
import org.samsde.core.objective.Batch;
import org.samsde.core.objective.TaylorResult;
import org.samsde.core.tensor.Backend;
import org.samsde.core.tensor.CpuBackend;

/** {@code samsde derive}: outputs equal the library's, and every bad input gives one line and exit code 2. */
class DeriveCommandTest {
    @TempDir
    Path dir;


    @Test
    void embeddedExampleWritesTheLibrarysDerivatives() {
        Path out = dir.resolve("d.npz");
        Cli.Run r = Cli.run("derive", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        Map<String, NpyArray> arrays = Npz.read(out);
        assertEquals(java.util.List.of("loss", "grad", "hvp", "d3"), java.util.List.copyOf(arrays.keySet()));
        assertEquals(0, arrays.get("loss").rank());

        Backend be = CpuBackend.get();
        Dataset train = DataFiles.resolve("blobs").train();
        ModelSpec.Model m = ModelSpec.parse("mlp:2-16-3:tanh").build(train, be);
        double[] x = m.initialParameters(0);
        double[] v = DeriveCommand.randomUnitVector(x.length, 1);
        TaylorResult t = m.objective().taylor(be.upload(x, x.length), be.upload(v, v.length), 2, Batch.all());
        assertEquals(t.loss(), arrays.get("loss").doubles()[0], 0.0);
        assertArrayEquals(t.gradient(), arrays.get("grad").doubles(), 0.0);
        assertArrayEquals(t.hvp(0), arrays.get("hvp").doubles(), 0.0);
        assertArrayEquals(t.thirdOrder(0), arrays.get("d3").doubles(), 0.0);
        assertTrue(r.out().contains("loss"), r.out());
    }

    @Test
    void explicitFilesAndWeightsAreUsed() throws IOException {
        Path data = dir.resolve("data.npz");
        DataFiles.save(data, DataFiles.resolve("blobs:k=2,n=20,d=3,seed=4"));
        Backend be = CpuBackend.get();
        ModelSpec.Model m = ModelSpec.parse("logreg").build(DataFiles.load(data).train(), be);
        int d = m.objective().dimension();
        double[] x = m.initialParameters(7);
        double[] v = DeriveCommand.randomUnitVector(d, 9);
        double[] w = new double[20];
        for (int i = 0; i < w.length; i++) {
            w[i] = i % 3;
        }
        Npy.write(dir.resolve("x.npy"), NpyArray.ofDoubles(x, d));
        Npy.write(dir.resolve("v.npy"), NpyArray.ofDoubles(v, d));
        Npy.write(dir.resolve("w.npy"), NpyArray.ofDoubles(w, w.length));
        Path out = dir.resolve("o.npz");
        Cli.Run r = Cli.run("derive", "--model", "logreg", "--data", data.toString(), "--params", dir.resolve("x.npy").toString(),
                "--direction", dir.resolve("v.npy").toString(), "--weights", dir.resolve("w.npy").toString(), "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        TaylorResult t = m.objective().taylor(be.upload(x, d), be.upload(v, d), 2, Batch.all().withWeights(w));
        assertArrayEquals(t.hvp(0), Npz.read(out).get("hvp").doubles(), 0.0);
        assertEquals(t.loss(), Npz.read(out).get("loss").doubles()[0], 0.0);
    }

    @Test
    void polynomialToyFromFile() throws IOException {
        Path toy = dir.resolve("poly.npz");
        Npz.write(toy, Map.of("A", NpyArray.ofDoubles(new double[] {2, 0, 0, 1}, 2, 2), "q", NpyArray.ofDoubles(new double[] {6, 0}, 2)));
        Npy.write(dir.resolve("x.npy"), NpyArray.ofDoubles(new double[] {1, 2}, 2));
        Npy.write(dir.resolve("v.npy"), NpyArray.ofDoubles(new double[] {1, 0}, 2));
        Path out = dir.resolve("o.npz");
        Cli.Run r = Cli.run("derive", "--model", "poly:" + toy, "--params", dir.resolve("x.npy").toString(),
                "--direction", dir.resolve("v.npy").toString(), "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        Map<String, NpyArray> a = Npz.read(out);
        // f = x0^2 + x1^2/2 + x0^4/4: g = (2x0 + x0^3, x1), Hv = (2 + 3x0^2) e0, T[v,v] = q x0 v0^2 = 6
        assertArrayEquals(new double[] {3, 2}, a.get("grad").doubles(), 1e-15);
        assertArrayEquals(new double[] {5, 0}, a.get("hvp").doubles(), 1e-15);
        assertArrayEquals(new double[] {6, 0}, a.get("d3").doubles(), 1e-15);
    }

    @Test
    void aOneOutputMlpOnBinaryLabelsWritesTheBinaryCrossEntropyDerivatives() {
        Path out = dir.resolve("bin.npz");
        String data = "blobs:k=2,n=64,d=4,test=0,seed=3";
        Cli.Run r = Cli.run("derive", "--model", "mlp:4-6-1:tanh", "--data", data, "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        Map<String, NpyArray> arrays = Npz.read(out);
        assertEquals(java.util.List.of("loss", "grad", "hvp", "d3"), java.util.List.copyOf(arrays.keySet()));
        Backend be = CpuBackend.get();
        Dataset train = DataFiles.resolve(data).train();
        ModelSpec.Model m = ModelSpec.parse("mlp:4-6-1:tanh").build(train, be);
        double[] x = m.initialParameters(0);
        assertEquals(4 * 6 + 6 + 6 + 1, arrays.get("grad").size());
        double[] v = DeriveCommand.randomUnitVector(x.length, 1);
        TaylorResult t = m.objective().taylor(be.upload(x, x.length), be.upload(v, v.length), 2, Batch.all());
        assertEquals(t.loss(), arrays.get("loss").doubles()[0], 0.0);
        assertArrayEquals(t.gradient(), arrays.get("grad").doubles(), 0.0);
        assertArrayEquals(t.hvp(0), arrays.get("hvp").doubles(), 0.0);
        assertArrayEquals(t.thirdOrder(0), arrays.get("d3").doubles(), 0.0);
    }

    @Test
    void aOneOutputMlpTrainsOnBinaryLabelsAndRefusesMoreClassesInOneLine() throws IOException {
        Path out = dir.resolve("train-bin");
        Cli.Run r = Cli.run("train", "--model", "mlp:2-8-1:tanh", "--data", "blobs:k=2,n=64,test=32,seed=1", "--steps", "30",
                "--seeds", "2", "--hessian-subset", "32", "--quiet", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        java.util.List<String> summary = java.nio.file.Files.readAllLines(out.resolve("summary.csv"));
        int loss = java.util.Arrays.asList(summary.get(0).split(",")).indexOf("train_loss_mean");
        assertTrue(loss >= 0, summary.get(0));
        double first = Double.parseDouble(summary.get(1).split(",")[loss]);
        double last = Double.parseDouble(summary.get(summary.size() - 1).split(",")[loss]);
        assertTrue(last < 0.9 * first, "the binary cross-entropy falls: " + first + " -> " + last);

        for (String command : new String[] {"derive", "train"}) {
            Path never = dir.resolve("never-" + command);
            Cli.Run bad = Cli.run(command, "--model", "mlp:2-8-1:tanh", "--data", "blobs:k=3", "--out", never.toString());
            assertEquals(2, bad.code(), bad.err());
            assertEquals(1, bad.err().strip().lines().count(), bad.err());
            assertTrue(bad.err().startsWith("samsde " + command + ": model mlp:2-8-1:tanh has one output (binary cross-entropy), "
                    + "which needs labels 0 and 1, but the data has 3 classes"), bad.err());
            assertFalse(never.toFile().exists(), command + " wrote its output");
        }
    }

    @Test
    void badInputGivesOneLineAndExitCodeTwoAndWritesNothing() throws IOException {
        Path out = dir.resolve("never.npz");
        Npy.write(dir.resolve("short.npy"), NpyArray.ofDoubles(new double[] {1, 2, 3}, 3));
        double[] nan = new double[99];
        nan[5] = Double.NaN;
        Npy.write(dir.resolve("nan.npy"), NpyArray.ofDoubles(nan, 99));
        Npy.write(dir.resolve("matrix.npy"), NpyArray.ofDoubles(new double[99], 9, 11));
        String o = out.toString();
        String[][] cases = {
            {"derive", "--model", "mlp:2-16-3:swish", "--out", o},
            {"derive", "--model", "resnet", "--out", o},
            {"derive", "--model", "mlp:3-16-3:tanh", "--out", o},
            {"derive", "--model", "mlp:2-16-2:tanh", "--out", o},
            {"derive", "--data", dir.resolve("missing.npz").toString(), "--out", o},
            {"derive", "--params", dir.resolve("short.npy").toString(), "--out", o},
            {"derive", "--direction", dir.resolve("nan.npy").toString(), "--out", o},
            {"derive", "--direction", dir.resolve("matrix.npy").toString(), "--out", o},
            {"derive", "--weights", dir.resolve("short.npy").toString(), "--out", o},
            {"derive", "--params", dir.resolve("nope.npy").toString(), "--out", o},
            {"derive", "--params", dir.resolve("short.npy").toString(), "--seed", "3", "--out", o},
            {"derive", "--seed", "abc", "--out", o},
            {"derive", "--model", "poly:" + dir.resolve("absent.npz"), "--out", o},
            {"derive", "--out", dir.toString()},
            {"derive", "--frobnicate"},
        };
        for (String[] args : cases) {
            Cli.Run r = Cli.run(args);
            String what = String.join(" ", args);
            assertEquals(2, r.code(), what + " -> " + r.err());
            assertEquals(1, r.err().strip().lines().count(), what + " should give one line, got: " + r.err());
            assertTrue(r.err().startsWith("samsde derive: "), r.err());
            assertFalse(r.err().contains("Exception"), r.err());
            assertFalse(out.toFile().exists(), what + " wrote its output");
        }
    }

    @Test
    void anOutputTheFileSystemRefusesIsOneLineAndExitCodeTwo() {
        // as root, /proc passes the early writability check and only the write fails; as another
        // user the early check refuses it: one line and exit code 2 either way
        String[][] cases = {
            {"derive", "--out", "/proc/samsde-test/d.npz"},
            {"spectrum", "--model", "mlp:2-4-3:tanh", "--method", "power", "--k", "1", "--out", "/proc/samsde-test/out"},
        };
        for (String[] args : cases) {
            Cli.Run r = Cli.run(args);
            String what = String.join(" ", args);
            assertEquals(2, r.code(), what + " -> " + r.err());
            assertEquals(1, r.err().strip().lines().count(), what + " should give one line, got: " + r.err());
            assertTrue(r.err().contains("/proc/samsde-test"), what + " names the path: " + r.err());
            assertFalse(r.err().contains("Exception"), r.err());
        }
        assertEquals("cannot use /x/y (and /z): no such file or directory",
                Main.fileSystemMessage(new java.nio.file.NoSuchFileException("/x/y", "/z", null)));
        assertEquals("cannot use /x: Read-only file system",
                Main.fileSystemMessage(new java.nio.file.FileSystemException("/x", null, "Read-only file system")));
        assertEquals(null, Main.fileSystemCause(new IllegalStateException("no file here")));
    }
}
