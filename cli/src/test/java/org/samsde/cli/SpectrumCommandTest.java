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
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.samsde.core.data.DataFiles;
import org.samsde.core.hessian.FullHessian;
import org.samsde.core.hessian.FullSpectrum;
import org.samsde.core.hessian.HessianOperator;
import org.samsde.core.io.Npy;
import org.samsde.core.io.NpyArray;
import org.samsde.core.model.ModelSpec;
import org.samsde.core.objective.Batch;
import org.samsde.core.objective.Objective;
import org.samsde.core.tensor.CpuBackend;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import picocli.CommandLine;

/**
 * {@code samsde spectrum}: the files equal the library's results and have the documented shapes,
 * and every bad input gives exit code 2, one line on standard error, and no output directory.
 */
class SpectrumCommandTest {
    private static final String MODEL = "mlp:2-6-3:tanh";
    private static final String DATA = "blobs:k=3,n=60,d=2,seed=1";

    @TempDir
    Path dir;

    static Cli.Run run(String... args) {
        return Cli.run(args);
    }

    static String[] args(String... tail) {
        List<String> all = new java.util.ArrayList<>(List.of("spectrum", "--model", MODEL, "--data", DATA, "--seed", "3"));
        all.addAll(List.of(tail));
        return all.toArray(String[]::new);
    }

    /** The command's Hessian, rebuilt through the library. */
    static HessianOperator hessian(Batch batch) {
        ModelSpec.Model m = ModelSpec.parse(MODEL).build(DataFiles.resolve(DATA).train(), CpuBackend.get());
        Objective obj = m.objective();
        return HessianOperator.of(obj, m.initialParameters(3), batch);
    }

    static JsonNode json(Path file) throws IOException {
        return new ObjectMapper().readTree(file.toFile());
    }

    static <T> List<T> iterable(java.util.Iterator<T> it) {
        List<T> all = new java.util.ArrayList<>();
        it.forEachRemaining(all::add);
        return all;
    }

    static double[] npy(Path file, int... shape) {
        NpyArray a = Npy.read(file);
        assertArrayEquals(shape, a.shape(), file.toString());
        return a.doubles();
    }

    /**
     * The figure that spectrum leaves next to its records: figure.png (a PNG: its signature, a
     * non-empty image) and figure.svg (an SVG document with text), named in the "wrote" line.
     */
    static void assertFigure(Path out, Cli.Run r) throws IOException {
        byte[] png = Files.readAllBytes(out.resolve("figure.png"));
        byte[] signature = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
        assertTrue(png.length > 1000, "figure.png holds an image: " + png.length + " bytes");
        assertArrayEquals(signature, java.util.Arrays.copyOf(png, 8), "figure.png starts with the PNG signature");
        java.awt.image.BufferedImage image = javax.imageio.ImageIO.read(out.resolve("figure.png").toFile());
        assertTrue(image != null && image.getWidth() > 100 && image.getHeight() > 100, "figure.png decodes to an image");
        String svg = Files.readString(out.resolve("figure.svg"));
        assertTrue(svg.contains("<svg") && svg.strip().endsWith("</svg>"), "figure.svg is a whole SVG document");
        assertTrue(svg.contains("<text") || svg.contains("<path"), "figure.svg draws something");
        assertTrue(r.out().contains("figure.png, figure.svg"), r.out());
    }

    @Test
    void fullOnASmallMlpIsTheLibrarysFullHessian() throws IOException {
        Path out = dir.resolve("full");
        Cli.Run r = run(args("--method", "full", "--vectors", "--out", out.toString()));
        assertEquals(0, r.code(), r.err());
        HessianOperator h = hessian(Batch.all());
        int d = h.dimension();
        FullSpectrum expected = FullHessian.defaults().spectrum(h, true);
        assertArrayEquals(expected.eigenvalues(), npy(out.resolve("eigenvalues.npy"), d), 0.0);
        assertArrayEquals(expected.eigenvectors(), npy(out.resolve("eigenvectors.npy"), d, d), 0.0);
        JsonNode run = json(out.resolve("run.json"));
        assertEquals("full", run.get("method").asText());
        assertEquals(MODEL, run.get("model").asText());
        assertEquals(DATA, run.get("data").asText());
        assertEquals(d, run.get("d").asInt());
        assertEquals(d, run.get("hvps").asLong());
        assertTrue(run.get("converged").asBoolean());
        assertTrue(run.get("seconds").asDouble() >= 0);
        assertTrue(r.out().contains("lambda_max"), r.out());
        assertFigure(out, r);
    }

    @Test
    void lanczosTopThreeMatchesFullsTopThree() throws IOException {
        Path out = dir.resolve("lanczos");
        Cli.Run r = run(args("--method", "lanczos", "--k", "3", "--out", out.toString()));
        assertEquals(0, r.code(), r.err());
        HessianOperator h = hessian(Batch.all());
        int d = h.dimension();
        double[] full = FullHessian.defaults().spectrum(h, false).eigenvalues();
        double[] top = npy(out.resolve("eigenvalues.npy"), 3);
        for (int i = 0; i < 3; i++) {
            assertEquals(full[i], top[i], 1e-8 * Math.abs(full[i]));
        }
        npy(out.resolve("eigenvectors.npy"), 3, d);
        JsonNode run = json(out.resolve("run.json"));
        assertEquals("top", run.get("which").asText());
        assertTrue(run.get("converged").asBoolean());
        assertEquals(3, run.get("residuals").size());
        for (JsonNode res : run.get("residuals")) {
            assertTrue(res.asDouble() <= 1e-8 * full[0], run.toString());
        }
        assertTrue(r.out().contains("residuals ||Hv - lambda v|| "), "the summary shows the residuals: " + r.out());
        assertTrue(java.util.regex.Pattern.compile("residuals \\|\\|Hv - lambda v\\|\\| [^ ,]+, [^ ,]+, [^ ,]+ \\(each lambda is within")
                .matcher(r.out()).find(), "three residuals: " + r.out());
        assertEquals(run.get("iterations").asLong() + 3, run.get("hvps").asLong(), "steps plus k verification products");
        assertFigure(out, r);
    }

    @Test
    void bottomOnASubsetAndPowerIterationFromAParameterFile() throws IOException {
        Path out = dir.resolve("bottom");
        Cli.Run r = run(args("--method", "lanczos", "--which", "bottom", "--k", "2", "--subset", "10", "--out", out.toString()));
        assertEquals(0, r.code(), r.err());
        int[] first10 = java.util.stream.IntStream.range(0, 10).toArray();
        double[] full = FullHessian.defaults().spectrum(hessian(Batch.of(first10)), false).eigenvalues();
        int d = full.length;
        double[] bottom = npy(out.resolve("eigenvalues.npy"), 2);
        // written descending: the second smallest first
        double scale = 1e-6 * full[0];
        assertEquals(full[d - 2], bottom[0], 1e-8 * Math.max(Math.abs(full[d - 2]), scale));
        assertEquals(full[d - 1], bottom[1], 1e-8 * Math.max(Math.abs(full[d - 1]), scale));
        assertEquals(10, json(out.resolve("run.json")).get("samples").asInt());

        Path x = dir.resolve("x.npy");
        ModelSpec.Model m = ModelSpec.parse(MODEL).build(DataFiles.resolve(DATA).train(), CpuBackend.get());
        Npy.write(x, NpyArray.ofDoubles(m.initialParameters(3), d));
        Path pout = dir.resolve("power");
        Cli.Run p = run("spectrum", "--model", MODEL, "--data", DATA, "--params", x.toString(), "--method", "power", "--k", "2",
                "--out", pout.toString());
        assertEquals(0, p.code(), p.err());
        npy(pout.resolve("eigenvectors.npy"), 2, d);
        JsonNode run = json(pout.resolve("run.json"));
        assertEquals("largest_magnitude", run.get("which").asText());
        assertEquals(x.toString(), run.get("params").asText());
        assertTrue(run.get("seed").isNull());
        assertFigure(pout, p);
    }

    @Test
    void slqAndHutchinsonWriteTheirFiles() throws IOException {
        int d = hessian(Batch.all()).dimension();
        Path slq = dir.resolve("slq");
        Cli.Run r = run(args("--method", "slq", "--probes", "2", "--max-iter", "20", "--out", slq.toString()));
        assertEquals(0, r.code(), r.err());
        double[] w = npy(slq.resolve("slq_weights.npy"), 2, 20);
        npy(slq.resolve("slq_nodes.npy"), 2, 20);
        double sum = 0;
        for (double v : w) {
            sum += v;
        }
        assertEquals(2.0, sum, 1e-12, "each probe's weights sum to 1");
        List<String> lines = Files.readAllLines(slq.resolve("density.csv"));
        assertEquals("x,density", lines.get(0));
        assertEquals(10_001, lines.size());
        assertEquals(2, lines.get(1).split(",").length);
        assertFigure(slq, r);

        Path tr = dir.resolve("trace");
        Cli.Run t = run(args("--method", "hutchinson", "--probes", "40", "--out", tr.toString()));
        assertEquals(0, t.code(), t.err());
        JsonNode trace = json(tr.resolve("trace.json"));
        assertEquals(List.of("trace", "stderr", "probes"), List.copyOf(iterable(trace.fieldNames())));
        assertEquals(40, trace.get("probes").asInt());
        assertEquals(40, json(tr.resolve("run.json")).get("hvps").asLong());
        double exact = FullHessian.defaults().spectrum(hessian(Batch.all()), false).trace();
        double se = trace.get("stderr").asDouble();
        assertTrue(se > 0 && Math.abs(trace.get("trace").asDouble() - exact) <= 4 * se, trace + " vs exact " + exact);
        assertFalse(Files.exists(tr.resolve("figure.png")) || Files.exists(tr.resolve("figure.svg")),
                "a trace estimate has no spectrum to draw");
        assertTrue(d > 0);
    }

    @Test
    void badInputGivesOneLineExitCodeTwoAndNoDirectory() throws IOException {
        Path out = dir.resolve("never");
        String o = out.toString();
        Npy.write(dir.resolve("short.npy"), NpyArray.ofDoubles(new double[] {1, 2, 3}, 3));
        Path file = Files.writeString(dir.resolve("plain.txt"), "x");
        String[][] cases = {
            args("--method", "lanczos", "--k", "0", "--out", o),
            args("--method", "lanczos", "--k", "1000", "--out", o),
            args("--method", "power", "--k", "40", "--out", o),
            args("--method", "eigenvalues", "--out", o),
            args("--method", "lanczos", "--which", "middle", "--out", o),
            args("--method", "power", "--which", "top", "--out", o),
            args("--method", "lanczos", "--vectors", "--out", o),
            args("--method", "full", "--k", "3", "--out", o),
            args("--method", "hutchinson", "--probes", "1", "--out", o),
            args("--method", "lanczos", "--tol", "2", "--out", o),
            args("--method", "lanczos", "--k", "3", "--max-iter", "2", "--out", o),
            args("--method", "full", "--subset", "0", "--out", o),
            args("--method", "full", "--subset", "61", "--out", o),
            {"spectrum", "--model", "mlp:2-3000-3000-3:tanh", "--data", DATA, "--method", "full", "--out", o},
            {"spectrum", "--model", MODEL, "--data", DATA, "--params", dir.resolve("short.npy").toString(), "--method", "full", "--out", o},
            args("--method", "full", "--out", file.toString()),
            args("--out", o),
        };
        for (String[] c : cases) {
            Cli.Run r = run(c);
            String label = String.join(" ", c);
            assertEquals(Main.BAD_INPUT, r.code(), label + "\n" + r.err());
            assertEquals(1, r.err().strip().lines().count(), label + "\n" + r.err());
            assertTrue(r.err().startsWith("samsde spectrum: "), r.err());
            assertFalse(Files.exists(out), label + " created the output directory");
        }
        Cli.Run big = run(cases[13]);
        assertTrue(big.err().contains("d = ") && big.err().contains("MiB"), big.err());
        Cli.Run k = run(cases[1]);
        assertTrue(k.err().contains("--k 1000") && k.err().contains("d = 39"), k.err());
    }
    /**
     * Without --model, --params in a run directory takes the model and data its run.json records
     * (train: config.model and config.data): the spectrum equals the one with them given.
     */
    @Test
    void paramsOfARunDirectoryNeedNoModel() throws IOException {
        Path train = dir.resolve("trained");
        Cli.Run t = run("train", "--optimizer", "sam", "--seeds", "1", "--steps", "3", "--every", "3", "--no-hessian",
                "--model", MODEL, "--data", DATA, "--out", train.toString());
        assertEquals(0, t.code(), t.err());
        Path params = train.resolve("params.npy");
        assertTrue(Files.isRegularFile(params), "train wrote " + params);

        Path out = dir.resolve("from-run");
        Cli.Run r = run("spectrum", "--params", params.toString(), "--method", "full", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("as recorded in " + train.resolve("run.json")), r.out());
        JsonNode info = json(out.resolve("run.json"));
        assertEquals(MODEL, info.get("model").asText());
        assertEquals(DATA, info.get("data").asText());
        assertEquals(train.resolve("run.json").toString(), info.get("model_from").asText());

        Path given = dir.resolve("given");
        Cli.Run g = run("spectrum", "--model", MODEL, "--data", DATA, "--params", params.toString(), "--method", "full",
                "--out", given.toString());
        assertEquals(0, g.code(), g.err());
        int d = info.get("d").asInt();
        assertArrayEquals(npy(given.resolve("eigenvalues.npy"), d), npy(out.resolve("eigenvalues.npy"), d), 0.0);
        assertTrue(json(given.resolve("run.json")).get("model_from").isNull());

        // a --data given wins over the recorded one
        Path other = dir.resolve("other-data");
        Cli.Run o = run("spectrum", "--params", params.toString(), "--data", "blobs:k=3,n=30,d=2,seed=2", "--method", "full",
                "--out", other.toString());
        assertEquals(0, o.code(), o.err());
        assertEquals(30, json(other.resolve("run.json")).get("samples").asInt());
    }

    /** Without --model and without a run.json that records one, one line that says so and names --model. */
    @Test
    void withoutModelOrARunDirectoryTheErrorNamesModel() throws IOException {
        ModelSpec.Model m = ModelSpec.parse(MODEL).build(DataFiles.resolve(DATA).train(), CpuBackend.get());
        Path loose = dir.resolve("loose.npy");
        Npy.write(loose, NpyArray.ofDoubles(m.initialParameters(3), m.objective().dimension()));
        Path bare = Files.createDirectories(dir.resolve("bare"));
        Npy.write(bare.resolve("params.npy"), NpyArray.ofDoubles(m.initialParameters(3), m.objective().dimension()));
        Files.writeString(bare.resolve("run.json"), "{\"command\": \"train\", \"config\": {\"lr\": 0.1}}");
        Path bad = Files.createDirectories(dir.resolve("bad"));
        Npy.write(bad.resolve("params.npy"), NpyArray.ofDoubles(m.initialParameters(3), m.objective().dimension()));
        Files.writeString(bad.resolve("run.json"), "{\"config\": {\"model\": \"mlp:2-6-4:tanh\", \"data\": \"" + DATA + "\"}}");
        String o = dir.resolve("never").toString();
        String[][] cases = {
            {"spectrum", "--params", loose.toString(), "--method", "full", "--out", o},
            {"spectrum", "--seed", "3", "--method", "full", "--out", o},
            {"spectrum", "--method", "full", "--out", o},
            {"spectrum", "--params", bare.resolve("params.npy").toString(), "--method", "full", "--out", o},
            {"spectrum", "--params", bad.resolve("params.npy").toString(), "--method", "full", "--out", o},
        };
        String[] says = {"no run.json beside it", "no --params in a run directory", "no --params in a run directory",
            "records no model", "mlp:2-6-4:tanh (the model recorded in " + bad.resolve("run.json")};
        for (int i = 0; i < cases.length; i++) {
            Cli.Run r = run(cases[i]);
            String label = String.join(" ", cases[i]);
            assertEquals(Main.BAD_INPUT, r.code(), label + "\n" + r.err());
            assertEquals(1, r.err().strip().lines().count(), label + "\n" + r.err());
            assertTrue(r.err().contains("--model") && r.err().contains(says[i]), label + "\n" + r.err());
            assertFalse(Files.exists(Path.of(o)), label + " created the output directory");
        }
    }
}
