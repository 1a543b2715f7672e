package org.samsde.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.samsde.core.data.ImageDatasets;
import org.samsde.core.hessian.FullHessian;
import org.samsde.core.hessian.FullSpectrum;
import org.samsde.core.hessian.HessianOperator;
import org.samsde.core.io.Npy;
import org.samsde.core.io.NpyArray;
import org.samsde.core.tensor.Tensor;
import org.samsde.sde.Dynamics;
import org.samsde.sde.artifact.EndpointsFile;
import org.samsde.sde.artifact.SeedGapsFile;
import org.samsde.sde.artifact.TrajectoriesFile;
import org.samsde.sde.run.Ensemble;
import org.samsde.sde.run.Problem;
import org.samsde.sde.run.Recorder;
import org.samsde.sde.run.Record;
import org.samsde.sde.study.SeedGaps;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * {@code study paper-sde} and {@code study paper-alignment} on tiny MNIST-style IDX sets written
 * into a test data directory (8 × 8 images, 4 classes; the generator of {@link CnnTrainCommandTest}):
 * they run, write what they promise, resume, and rerun bitwise; and the alignment they record is
 * |⟨ε, v₁⟩|/‖ε‖ computed from the perturbation and an eigenvector found independently.
 */
class PaperFiguresTest {
    @TempDir
    Path dir;

    private String saved;

    @BeforeEach
    void data() throws IOException {
        saved = System.getProperty(ImageDatasets.DATA_PROPERTY);
        System.setProperty(ImageDatasets.DATA_PROPERTY, dir.resolve("data").toString());
        for (String name : List.of("mnist", "fashion-mnist")) {
            Path folder = Files.createDirectories(dir.resolve("data").resolve(name));
            int salt = name.length();
            CnnTrainCommandTest.writeSet(folder.resolve("train-images-idx3-ubyte"), folder.resolve("train-labels-idx1-ubyte"), 40, salt);
            CnnTrainCommandTest.writeSet(folder.resolve("t10k-images-idx3-ubyte"), folder.resolve("t10k-labels-idx1-ubyte"), 16, salt + 7);
        }
    }

    @AfterEach
    void restore() {
        if (saved == null) {
            System.clearProperty(ImageDatasets.DATA_PROPERTY);
        } else {
            System.setProperty(ImageDatasets.DATA_PROPERTY, saved);
        }
    }

    private static String[] sdeArgs(Path out) {
        return new String[] {"study", "paper-sde", "--model", "mlp:64-8-4:tanh", "--data", "mnist:n=32,test=16", "--steps", "6", "--every",
            "3", "--seeds", "3", "--batch", "8", "--lr", "0.1", "--rho", "0.2", "--hessian-subset", "16", "--threads", "2", "--quiet",
            "--out", out.toString()};
    }

    private static String[] alignmentArgs(Path out) {
        return new String[] {"study", "paper-alignment", "--data", "fashion-mnist:n=24,test=16;mnist:n=24,test=16", "--steps", "4",
            "--every", "2", "--seeds", "2", "--batch", "8", "--eig-every", "2", "--hessian-subset", "8", "--threads", "2", "--quiet",
            "--out", out.toString()};
    }

    @Test
    void paperSdeWritesItsRecordsGapsAndFigureAndRerunsBitwise() throws IOException {
        Path a = dir.resolve("a");
        Cli.Run r = Cli.run(sdeArgs(a));
        assertEquals(0, r.code(), r.err());
        for (String f : List.of("trajectories.csv", "summary.csv", "run.json", "figure.png", "figure.svg", "noise.png", SeedGapsFile.NAME)) {
            assertTrue(Files.size(a.resolve(f)) > 0, f);
        }
        List<SeedGaps.Gap> gaps = SeedGapsFile.read(a.resolve(SeedGapsFile.NAME));
        assertEquals(org.samsde.sde.study.PaperGaps.PANELS.size() * 2, gaps.size(), "six panels, sam2 and sam3");
        List<Ensemble.Trajectory> records = TrajectoriesFile.read(a.resolve(TrajectoriesFile.NAME));
        for (SeedGaps.Gap g : gaps) {
            assertEquals("sam", g.reference());
            assertTrue(g.candidate().equals("sam2") || g.candidate().equals("sam3"), g.toString());
            assertTrue(g.paired() && g.seeds() == 3 && g.referenceSeeds() == 3 && g.diverged() == 0, "one run: paired over 3 seeds: " + g);
            // the gap and its interval from the records, by hand: 12 gaps, ν = 2, t_q = (2q − 1)/√(2q(1 − q))
            double[] d = pairedDifferences(records, g.candidate(), "sam", g.observable());
            double mean = (d[0] + d[1] + d[2]) / 3;
            double sd = Math.sqrt(((d[0] - mean) * (d[0] - mean) + (d[1] - mean) * (d[1] - mean) + (d[2] - mean) * (d[2] - mean)) / 2);
            double q = 1 - 0.05 / 24;
            double half = (2 * q - 1) / Math.sqrt(2 * q * (1 - q)) * sd / Math.sqrt(3);
            assertEquals(mean, g.gap(), 1e-12 * (1 + Math.abs(mean)), g.toString());
            assertEquals(half, (g.hi() - g.lo()) / 2, 1e-6 * half + 1e-15, g.toString());
            assertEquals(g.lo() > 0 || g.hi() < 0, g.resolved(), g.toString());
            assertTrue(g.p() <= g.pHolm() && g.pHolm() <= 1, g.toString());
        }
        List<String> header = List.of(Files.readAllLines(a.resolve("trajectories.csv")).get(0).split(","));
        int ratio = header.indexOf("noise_ratio");
        int method = header.indexOf("method");
        assertTrue(ratio >= 0);
        for (String line : Files.readAllLines(a.resolve("trajectories.csv")).subList(1, 5)) {
            String[] f = line.split(",");
            assertTrue(Double.isFinite(Double.parseDouble(f[ratio])) && Double.parseDouble(f[ratio]) > 0, "noise ratio recorded: " + line);
        }
        JsonNode run = new ObjectMapper().readTree(a.resolve("run.json").toFile());
        assertEquals("finished", run.get("status").asText());
        assertEquals("study", run.get("args").get(0).asText());
        assertEquals("paper-sde", run.get("args").get(1).asText());
        assertTrue(method >= 0);

        Path b = dir.resolve("b");
        assertEquals(0, Cli.run(sdeArgs(b)).code());
        assertEquals(Cli.withoutSeconds(a.resolve("trajectories.csv")), Cli.withoutSeconds(b.resolve("trajectories.csv")),
                "the same seeds give the same records");
        assertArrayEquals(Files.readAllBytes(a.resolve(SeedGapsFile.NAME)), Files.readAllBytes(b.resolve(SeedGapsFile.NAME)));
        // the gaps recomputed from the records on file are those computed from the run in memory, and those of study gaps
        byte[] inRun = Files.readAllBytes(b.resolve(SeedGapsFile.NAME));
        Files.delete(b.resolve(SeedGapsFile.NAME));
        assertEquals(0, Cli.run("study", "paper-sde", "--gaps-from", b.toString()).code());
        assertArrayEquals(inRun, Files.readAllBytes(b.resolve(SeedGapsFile.NAME)));
        Cli.Run study = Cli.run("study", "gaps", "--reference", b.toString(), "--candidate", b.toString(), "--candidate-method", "sam2,sam3",
                "--out", dir.resolve("g").toString());
        assertEquals(0, study.code(), study.err());
        assertArrayEquals(inRun, Files.readAllBytes(dir.resolve("g").resolve(SeedGapsFile.NAME)));

        // --resume continues an unfinished study (here: one marked unfinished, whose checkpoints are gone) through its run.json
        Files.writeString(b.resolve("run.json"), Files.readString(b.resolve("run.json")).replace("\"finished\"", "\"running\""));
        Files.delete(b.resolve("trajectories.csv"));
        Cli.Run resumed = Cli.run("study", "paper-sde", "--resume", b.toString(), "--quiet");
        assertEquals(0, resumed.code(), resumed.err());
        assertEquals(Cli.withoutSeconds(a.resolve("trajectories.csv")), Cli.withoutSeconds(b.resolve("trajectories.csv")));
        Cli.Run wrong = Cli.run("compare", "--resume", b.toString());
        assertEquals(2, wrong.code(), "a paper-sde directory is not a compare run");
        assertTrue(wrong.err().contains("study paper-sde"), wrong.err());
    }

    @Test
    void paperAlignmentRunsOnEachDataSetAndRerunsBitwise() throws IOException {
        Path a = dir.resolve("a");
        Cli.Run r = Cli.run(alignmentArgs(a));
        assertEquals(0, r.code(), r.err());
        List<EndpointsFile.Endpoint> all = EndpointsFile.read(a.resolve(EndpointsFile.NAME));
        for (String set : List.of("fashion-mnist", "mnist")) {
            Path d = a.resolve(set);
            for (String f : List.of("trajectories.csv", "summary.csv", "run.json", "alignment.png", "alignment.svg", "figure.png",
                    EndpointsFile.NAME)) {
                assertTrue(Files.size(d.resolve(f)) > 0, set + "/" + f);
            }
            for (String m : List.of("sgd", "sam", "eigen-sam")) {
                EndpointsFile.Endpoint lam = find(all, set, m, "lambda_max");
                assertEquals(4, lam.step());
                assertEquals(2, lam.seeds());
                assertTrue(lam.mean() > 0, lam.toString());
                double acc = find(all, set, m, "test_acc").mean();
                assertTrue(acc >= 0 && acc <= 1);
                double cos = find(all, set, m, "alignment").mean();
                assertTrue(cos >= 0 && cos <= 1 + 1e-12, "an |cos| in [0, 1]: " + cos);
            }
        }
        JsonNode run = new ObjectMapper().readTree(a.resolve("run.json").toFile());
        assertEquals("finished", run.get("status").asText());
        // Eigen-SAM minus SAM in alignment per data set: a paired t over per-seed time averages, two gaps in the family
        List<SeedGaps.Gap> gaps = SeedGapsFile.read(a.resolve(SeedGapsFile.NAME));
        assertEquals(List.of("fashion-mnist/eigen-sam", "mnist/eigen-sam"), gaps.stream().map(SeedGaps.Gap::candidate).toList());
        for (SeedGaps.Gap g : gaps) {
            String set = g.candidate().substring(0, g.candidate().indexOf('/'));
            assertEquals(set + "/sam", g.reference());
            assertEquals("alignment", g.observable());
            assertTrue(g.paired() && g.seeds() == 2, g.toString());
            double[] d = pairedDifferences(TrajectoriesFile.read(a.resolve(set).resolve(TrajectoriesFile.NAME)), "eigen-sam", "sam", "alignment");
            double mean = (d[0] + d[1]) / 2;
            double se = Math.abs(d[0] - d[1]) / 2;
            double half = Math.tan(Math.PI * (0.5 - 0.05 / 4)) * se; // ν = 1: the Cauchy quantile, K = 2
            assertEquals(mean, g.gap(), 1e-12, g.toString());
            assertEquals(half, (g.hi() - g.lo()) / 2, 1e-6 * half + 1e-15, g.toString());
            assertEquals(g.lo() > 0 || g.hi() < 0, g.resolved(), g.toString());
        }
        assertTrue(r.out().contains("fashion-mnist/eigen-sam"), r.out());

        Path b = dir.resolve("b");
        assertEquals(0, Cli.run(alignmentArgs(b)).code());
        for (String set : List.of("fashion-mnist", "mnist")) {
            assertEquals(Cli.withoutSeconds(a.resolve(set).resolve("trajectories.csv")), Cli.withoutSeconds(b.resolve(set).resolve("trajectories.csv")),
                    set + ": the same seeds give the same records");
        }

        // resume: the first data set finished, the second one not started
        Files.writeString(b.resolve("run.json"), Files.readString(b.resolve("run.json")).replace("\"finished\"", "\"running\""));
        deleteTree(b.resolve("mnist"));
        Cli.Run resumed = Cli.run("study", "paper-alignment", "--resume", b.toString());
        assertEquals(0, resumed.code(), resumed.err());
        assertTrue(resumed.out().contains("finished already"), resumed.out());
        assertEquals(Cli.withoutSeconds(a.resolve("mnist").resolve("trajectories.csv")),
                Cli.withoutSeconds(b.resolve("mnist").resolve("trajectories.csv")));
        assertArrayEquals(Files.readAllBytes(a.resolve(SeedGapsFile.NAME)), Files.readAllBytes(b.resolve(SeedGapsFile.NAME)),
                "the gaps of a data set kept on resume, read from its records, are those of the run in memory");
    }

    /**
     * @return per seed (in seed order), the time average over the records after step 0 of the
     *     observable for the candidate minus that of the reference
     */
    private static double[] pairedDifferences(List<Ensemble.Trajectory> records, String candidate, String reference, String observable) {
        int column = Record.METRICS.indexOf(observable);
        List<Double> out = new ArrayList<>();
        for (Ensemble.Trajectory c : records) {
            if (!c.method().equals(candidate)) {
                continue;
            }
            Ensemble.Trajectory r = records.stream().filter(t -> t.method().equals(reference) && t.seedIndex() == c.seedIndex()).findFirst()
                    .orElseThrow();
            out.add(timeAverage(c, column) - timeAverage(r, column));
        }
        return out.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static double timeAverage(Ensemble.Trajectory t, int column) {
        double sum = 0;
        int n = 0;
        for (Record rec : t.records()) {
            if (rec.step() > 0) {
                sum += rec.metrics()[column];
                n++;
            }
        }
        return sum / n;
    }

    /**
     * The recorded alignment of SAM and Eigen-SAM after a few steps equals |⟨ε, v₁⟩|/‖ε‖ with ε the
     * method's last perturbation and v₁ the top eigenvector of the full Hessian on the evaluation
     * subset, assembled column by column and diagonalised by EJML (not Lanczos, which the recorder
     * uses). ε and v₁ go through .npy files, as a user would store them.
     */
    @Test
    void theRecordedAlignmentIsTheCosineOfThePerturbationWithTheTopEigenvector() throws IOException {
        ProblemOptions po = new ProblemOptions();
        po.model = "cnn:c2k3p1-avg2-d4:tanh";
        po.data = "mnist:n=32,test=8";
        po.hessianSubset = 16;
        Problem p = po.build(org.samsde.core.tensor.CpuBackend.get());
        RunOptions ro = new RunOptions();
        ro.lr = 0.2;
        ro.rho = 0.1;
        ro.batch = "8";
        MethodOptions mo = new MethodOptions();
        mo.schedule = "constant";
        mo.alpha = 0.2;
        mo.eigEvery = 2;
        mo.powerIters = 5;
        mo.eigGlobal = true;
        for (String name : List.of("sam", "eigen-sam")) {
            Dynamics<?> m = mo.build(name, p.train(), ro);
            double[][] out = stepAndRecord(p, m, 5);
            double recorded = out[0][0];
            Npy.write(dir.resolve(name + "_eps.npy"), NpyArray.ofDoubles(out[1], out[1].length));
            double[] x = out[2];
            FullSpectrum s = FullHessian.defaults().spectrum(HessianOperator.of(p.train(), x, p.hessianBatch()), true);
            Npy.write(dir.resolve(name + "_v1.npy"), NpyArray.ofDoubles(s.eigenvector(0), p.dimension()));
            double[] eps = Npy.read(dir.resolve(name + "_eps.npy")).doubles();
            double[] v1 = Npy.read(dir.resolve(name + "_v1.npy")).doubles();
            assertTrue(s.eigenvalue(0) - s.eigenvalue(1) > 1e-3 * Math.abs(s.eigenvalue(0)), "a simple top eigenvalue: " + s.eigenvalue(0)
                    + ", " + s.eigenvalue(1));
            double dot = 0;
            double ne = 0;
            for (int i = 0; i < eps.length; i++) {
                dot += eps[i] * v1[i];
                ne += eps[i] * eps[i];
            }
            double expected = Math.abs(dot) / Math.sqrt(ne);
            assertTrue(ne > 0, name + " perturbs");
            assertEquals(expected, recorded, 1e-6, name + ": |<eps, v1>|/||eps||");
        }
    }

    /** @return {{alignment}, ε, x} after k steps and a record */
    private static <S extends Dynamics.State> double[][] stepAndRecord(Problem p, Dynamics<S> m, int k) {
        try (Tensor x0 = p.train().backend().upload(p.x0(), p.dimension())) {
            S s = m.init(x0, 11);
            for (int i = 0; i < k; i++) {
                m.step(s, i, k);
            }
            Recorder rec = Recorder.of(p, m, Ensemble.Settings.builder().hessianTolerance(1e-10).build(), 3);
            double a = rec.record(s, k, k * m.timeStep(), 0).alignment();
            return new double[][] {{a}, s.perturbation().toArray(), s.x().toArray()};
        }
    }

    private static EndpointsFile.Endpoint find(List<EndpointsFile.Endpoint> all, String data, String method, String metric) {
        return all.stream().filter(e -> e.data().equals(data) && e.method().equals(method) && e.metric().equals(metric)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + data + " " + method + " " + metric));
    }

    private static void deleteTree(Path d) throws IOException {
        List<Path> all = new ArrayList<>();
        try (var s = Files.walk(d)) {
            s.forEach(all::add);
        }
        for (int i = all.size() - 1; i >= 0; i--) {
            Files.delete(all.get(i));
        }
    }
}
