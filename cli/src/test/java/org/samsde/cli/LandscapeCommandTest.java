package org.samsde.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.samsde.core.data.DataFiles;
import org.samsde.core.data.Split;
import org.samsde.core.io.Npy;
import org.samsde.core.io.NpyArray;
import org.samsde.core.io.Npz;
import org.samsde.core.model.ModelSpec;
import org.samsde.core.objective.Batch;
import org.samsde.core.objective.Objective;
import org.samsde.core.tensor.CpuBackend;
import org.samsde.core.tensor.Tensor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import picocli.CommandLine;

/**
 * {@code samsde landscape}, {@code samsde study sagun} and {@code samsde study table}: the records
 * equal the library's measurements (the endpoints bitwise), the toy paraboloid comes out exactly,
 * and every bad input gives exit code 2, one line on standard error and no output directory.
 */
class LandscapeCommandTest {
    private static final String MODEL = "mlp:2-5-3:tanh";
    private static final String DATA = "blobs:k=3,n=60,d=2,test=30,seed=1";

    @TempDir
    Path dir;

    /** The command line with the new commands added where they are not registered (yet). */
    static Cli.Run run(String... args) {
        CommandLine cl = Main.commandLine();
        if (!cl.getSubcommands().containsKey("landscape")) {
            cl.addSubcommand(new LandscapeCommand());
        }
        CommandLine study = cl.getSubcommands().get("study");
        if (!study.getSubcommands().containsKey("sagun")) {
            study.addSubcommand(new PaperStudies.Sagun());
        }
        if (!study.getSubcommands().containsKey("table")) {
            study.addSubcommand(new PaperStudies.Table());
        }
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute(args);
        return new Cli.Run(code, out.toString(), err.toString());
    }

    private static ModelSpec.Model model() {
        return ModelSpec.parse(MODEL).build(DataFiles.resolve(DATA).train(), CpuBackend.get());
    }

    private Path params(String name, long seed) throws IOException {
        double[] x = model().initialParameters(seed);
        Path file = dir.resolve(name + ".npy");
        Npy.write(file, NpyArray.ofDoubles(x, x.length));
        return file;
    }

    private static JsonNode json(Path file) throws IOException {
        return new ObjectMapper().readTree(file.toFile());
    }

    private static List<String[]> csv(Path file) throws IOException {
        List<String[]> rows = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            rows.add(line.split(","));
        }
        return rows;
    }

    private static String[] args(String... tail) {
        List<String> all = new ArrayList<>(List.of("landscape", "--model", MODEL, "--data", DATA));
        all.addAll(List.of(tail));
        return all.toArray(String[]::new);
    }

    @Test
    void theLineReproducesTheEndpointLossesExactly() throws IOException {
        Path a = params("a", 1);
        Path b = params("b", 2);
        Path out = dir.resolve("line");
        Cli.Run r = run(args("--from", a.toString(), "--to", b.toString(), "--steps", "11", "--extend", "0.2", "--out", out.toString()));
        assertEquals(0, r.code(), r.err());
        List<String[]> rows = csv(out.resolve("line.csv"));
        assertArrayEquals(new String[] {"t", "train_loss", "train_acc", "test_loss", "test_acc"}, rows.get(0));
        assertEquals(1 + 15, rows.size(), "11 points on [0, 1] and 2 on each side");
        Split split = DataFiles.resolve(DATA);
        ModelSpec.Model m = model();
        Objective test = m.on(split.test());
        for (String[] row : rows.subList(1, rows.size())) {
            double t = Double.parseDouble(row[0]);
            if (t == 0 || t == 1) {
                double[] x = Npy.read(t == 0 ? a : b).doubles();
                try (Tensor xt = CpuBackend.get().upload(x, x.length)) {
                    assertEquals(m.objective().evaluate(xt, Batch.all()).loss(), Double.parseDouble(row[1]), 0.0, "train loss at t = " + t);
                    assertEquals(test.evaluate(xt, Batch.all()).loss(), Double.parseDouble(row[3]), 0.0, "test loss at t = " + t);
                    assertEquals(test.evaluate(xt, Batch.all()).accuracy(), Double.parseDouble(row[4]), 0.0);
                }
            }
        }
        Map<String, NpyArray> npz = Npz.read(out.resolve("line.npz"));
        assertEquals(15, npz.get("t").size());
        assertEquals(15, npz.get("test_acc").size());
        JsonNode run = json(out.resolve("run.json"));
        assertEquals(Double.parseDouble(rows.get(3)[1]), run.get("start").get("train_loss").asDouble(), 0.0);
        assertTrue(run.get("barrier").get("height").asDouble() >= 0);
        assertTrue(run.get("distance").asDouble() > 0);
        assertTrue(Files.size(out.resolve("figure.png")) > 1000);
        assertTrue(Files.exists(out.resolve("figure.svg")));
        assertFalse(Files.exists(out.resolve("plane.npz")));
        assertTrue(r.out().contains("barrier"), r.out());
    }

    @Test
    void thePlaneThroughThreePointsHasItsGridAndDirections() throws IOException {
        Path out = dir.resolve("plane");
        Cli.Run r = run(args("--from", params("a", 1).toString(), "--to", params("b", 2).toString(), "--plane", "--third",
                params("c", 3).toString(), "--grid", "5", "--steps", "3", "--extend", "0.1", "--out", out.toString()));
        assertEquals(0, r.code(), r.err());
        Map<String, NpyArray> npz = Npz.read(out.resolve("plane.npz"));
        assertArrayEquals(new int[] {5, 5}, npz.get("train_loss").shape());
        assertArrayEquals(new int[] {5}, npz.get("alpha").shape());
        int d = model().objective().dimension();
        NpyArray dirs = Npy.read(out.resolve("directions.npy"));
        assertArrayEquals(new int[] {2, d}, dirs.shape());
        assertEquals(1 + 25, Files.readAllLines(out.resolve("plane.csv")).size());
        JsonNode run = json(out.resolve("run.json"));
        assertEquals("points", run.get("plane").asText());
        assertEquals(3, run.get("marks").size());
        assertTrue(Files.exists(out.resolve("line.csv")), "the line comes with the plane");
    }

    @Test
    void theHessianPlaneOfAQuadraticToyIsTheExactParaboloid() throws IOException {
        // A = diag(4, 1, 0.25), x* = (1, −2, 0.5): the top two eigenvectors are ±e₁ and ±e₂
        Path toy = dir.resolve("toy.npz");
        Map<String, NpyArray> arrays = new LinkedHashMap<>();
        arrays.put("A", NpyArray.ofDoubles(new double[] {4, 0, 0, 0, 1, 0, 0, 0, 0.25}, 3, 3));
        double[] xstar = {1, -2, 0.5};
        arrays.put("xstar", NpyArray.ofDoubles(xstar, 3));
        Npz.write(toy, arrays);
        Path a = dir.resolve("xstar.npy");
        Npy.write(a, NpyArray.ofDoubles(xstar, 3));
        Path out = dir.resolve("toy");
        Cli.Run r = run("landscape", "--model", "quadratic:" + toy, "--from", a.toString(), "--plane", "--directions", "hessian",
                "--grid", "7", "--span", "1.5", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        Map<String, NpyArray> npz = Npz.read(out.resolve("plane.npz"));
        double[] alpha = npz.get("alpha").doubles();
        double[] beta = npz.get("beta").doubles();
        double[] f = npz.get("train_loss").doubles();
        for (int j = 0; j < beta.length; j++) {
            assertEquals(-beta[j], beta[beta.length - 1 - j], 0.0, "a symmetric grid");
            for (int i = 0; i < alpha.length; i++) {
                double exact = 0.5 * (4 * alpha[i] * alpha[i] + beta[j] * beta[j]);
                assertEquals(exact, f[j * alpha.length + i], 1e-12, "(" + alpha[i] + ", " + beta[j] + ")");
                assertEquals(f[j * alpha.length + i], f[j * alpha.length + alpha.length - 1 - i], 1e-12, "symmetric in α");
            }
        }
        assertTrue(Double.isNaN(npz.get("test_loss").doubles()[0]), "a toy has no test split");
        JsonNode run = json(out.resolve("run.json"));
        assertEquals(4.0, run.get("hessian").get("eigenvalues").get(0).asDouble(), 1e-10);
        assertEquals(1.0, run.get("hessian").get("eigenvalues").get(1).asDouble(), 1e-10);
        assertFalse(Files.exists(out.resolve("line.csv")), "no --to, no line");
    }

    @Test
    void aRandomPlaneIsSeededAndFilterNormalised() throws IOException {
        Path a = params("a", 4);
        Path out1 = dir.resolve("r1");
        Path out2 = dir.resolve("r2");
        assertEquals(0, run(args("--from", a.toString(), "--plane", "--grid", "3", "--direction-seed", "7", "--out", out1.toString())).code());
        assertEquals(0, run(args("--from", a.toString(), "--plane", "--grid", "3", "--direction-seed", "7", "--out", out2.toString())).code());
        double[] u1 = Npy.read(out1.resolve("directions.npy")).doubles();
        assertArrayEquals(u1, Npy.read(out2.resolve("directions.npy")).doubles(), 0.0);
        // the first row of the first layer's W has the norm of the same row of a
        double[] x = Npy.read(a).doubles();
        assertEquals(Math.hypot(x[0], x[1]), Math.hypot(u1[0], u1[1]), 1e-12);
        assertEquals("random", json(out1.resolve("run.json")).get("plane").asText());
    }

    @Test
    void theSagunStudyWritesBothSolutionsTheirSpectraAndTheLine() throws IOException {
        Path out = dir.resolve("sagun");
        Cli.Run r = run("study", "sagun", "--model", MODEL, "--data", DATA, "--steps", "60", "--small-batch", "6", "--line-steps", "5",
                "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        List<String[]> rows = csv(out.resolve("sagun.csv"));
        assertEquals(3, rows.size());
        assertEquals("small", rows.get(1)[0]);
        assertEquals("60", rows.get(2)[1], "full batch");
        int d = model().objective().dimension();
        assertEquals(d, Npy.read(out.resolve("eigenvalues_small.npy")).size());
        assertEquals(d, Npy.read(out.resolve("params_large.npy")).size());
        List<String[]> line = csv(out.resolve("line.csv"));
        assertEquals(Double.parseDouble(rows.get(1)[2]), Double.parseDouble(line.get(1 + 2)[1]), 0.0, "t = 0 is the small-batch solution");
        JsonNode run = json(out.resolve("run.json"));
        assertTrue(run.get("barrier").get("height").asDouble() >= 0);
        assertTrue(run.has("barrier_exists"));
        assertEquals("full", run.get("solutions").get("large").get("spectrum").asText());
        assertTrue(Files.exists(out.resolve("figure.png")));
    }

    @Test
    void theTableHasOneRowPerMethodAndItsMarkdown() throws IOException {
        Path out = dir.resolve("table");
        Cli.Run r = run("study", "table", "--model", MODEL, "--data", DATA, "--epochs", "2", "--batch", "20", "--seeds", "2",
                "--eig-every", "2", "--records", "2", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        List<String[]> rows = csv(out.resolve("table.csv"));
        assertEquals(4, rows.size());
        assertEquals(List.of("sgd", "sam", "eigen-sam"), rows.subList(1, 4).stream().map(x -> x[0]).toList());
        String md = Files.readString(out.resolve("table.md"));
        assertTrue(md.contains("| eigen-sam |"), md);
        assertTrue(md.contains("2 seeds"), md);
        assertTrue(r.out().contains("| sam |"), r.out());
        assertEquals(1 + 3 * 2 * 3, Files.readAllLines(out.resolve("trajectories.csv")).size(), "3 methods x 2 seeds x 3 records");
        assertEquals(6, json(out.resolve("run.json")).get("steps").asInt(), "2 epochs of 60/20");
        assertTrue(Files.exists(out.resolve("figure.png")));
    }

    @Test
    void badInputGetsOneLineExitTwoAndNoOutput() throws IOException {
        Path a = params("a", 1);
        Path b = params("b", 2);
        Path wrong = dir.resolve("wrong.npy");
        Npy.write(wrong, NpyArray.ofDoubles(new double[] {1, 2, 3}, 3));
        Map<String, String[]> cases = new LinkedHashMap<>();
        cases.put("no --to", new String[] {"--from", a.toString()});
        cases.put("--third without --plane", new String[] {"--from", a.toString(), "--to", b.toString(), "--third", b.toString()});
        cases.put("--directions without --plane", new String[] {"--from", a.toString(), "--to", b.toString(), "--directions", "hessian"});
        cases.put("--third and --directions", new String[] {"--from", a.toString(), "--to", b.toString(), "--plane", "--third", b.toString(),
            "--directions", "random"});
        cases.put("--span with --third", new String[] {"--from", a.toString(), "--to", b.toString(), "--plane", "--third",
            params("c", 3).toString(), "--span", "2"});
        cases.put("--third without --to", new String[] {"--from", a.toString(), "--plane", "--third", b.toString()});
        cases.put("collinear third point", new String[] {"--from", a.toString(), "--to", b.toString(), "--plane", "--third", b.toString()});
        cases.put("wrong length", new String[] {"--from", wrong.toString(), "--to", b.toString()});
        cases.put("missing file", new String[] {"--from", dir.resolve("none.npy").toString(), "--to", b.toString()});
        cases.put("one step", new String[] {"--from", a.toString(), "--to", b.toString(), "--steps", "1"});
        cases.put("negative extension", new String[] {"--from", a.toString(), "--to", b.toString(), "--extend", "-1"});
        cases.put("bad direction kind", new String[] {"--from", a.toString(), "--plane", "--directions", "sideways"});
        cases.put("zero span", new String[] {"--from", a.toString(), "--plane", "--span", "0"});
        cases.put("--hessian-subset for random", new String[] {"--from", a.toString(), "--plane", "--hessian-subset", "5"});
        int k = 0;
        for (Map.Entry<String, String[]> c : cases.entrySet()) {
            Path out = dir.resolve("bad" + k++);
            List<String> all = new ArrayList<>(List.of(c.getValue()));
            all.addAll(List.of("--out", out.toString()));
            Cli.Run r = run(args(all.toArray(String[]::new)));
            assertEquals(2, r.code(), c.getKey() + ": " + r.err());
            assertEquals(1, r.err().strip().lines().count(), c.getKey() + ": " + r.err());
            assertFalse(Files.exists(out), c.getKey() + " created the output directory");
        }
        Path out = dir.resolve("bad-study");
        assertEquals(2, run("study", "table", "--seeds", "1", "--out", out.toString()).code());
        assertEquals(2, run("study", "table", "--methods", "sgd,adam", "--out", out.toString()).code());
        assertEquals(2, run("study", "sagun", "--model", MODEL, "--data", DATA, "--small-batch", "60", "--out", out.toString()).code());
        assertEquals(2, run("study", "sagun", "--large-batch", "huge", "--out", out.toString()).code());
        assertFalse(Files.exists(out));
    }
}
