package org.samsde.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.samsde.core.data.DataFiles;
import org.samsde.core.data.Idx;
import org.samsde.core.data.ImageDatasets;
import org.samsde.core.io.Npy;
import org.samsde.core.model.ModelSpec;
import org.samsde.core.tensor.CpuBackend;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * {@code samsde train} on convolutional models and image data sets by name: {@code cnn6} and a
 * {@code cnn:} spec on tiny MNIST-style IDX folders that the test writes into a data directory
 * given by the system property {@value ImageDatasets#DATA_PROPERTY}, so {@code --data mnist} and
 * {@code --data fashion-mnist} resolve to them exactly as they resolve to the installed sets.
 */
class CnnTrainCommandTest {
    /** Image side of the generated sets: 8 × 8 keeps cnn6 (two 2 × 2 poolings) small and fast. */
    private static final int SIDE = 8;
    private static final int TRAIN = 40;
    private static final int TEST = 16;
    private static final int CLASSES = 4;

    @TempDir
    Path dir;

    private String savedDataProperty;

    @BeforeEach
    void pointTheDataDirectoryAtTheTestFolder() {
        savedDataProperty = System.getProperty(ImageDatasets.DATA_PROPERTY);
        System.setProperty(ImageDatasets.DATA_PROPERTY, dir.resolve("data").toString());
    }

    @AfterEach
    void restoreTheDataDirectory() {
        if (savedDataProperty == null) {
            System.clearProperty(ImageDatasets.DATA_PROPERTY);
        } else {
            System.setProperty(ImageDatasets.DATA_PROPERTY, savedDataProperty);
        }
    }

    /**
     * Writes DATA/name as MNIST's four IDX files (gzipped or not): image i has label i mod 4 and
     * is bright in the quadrant of its label, dim elsewhere, with a little deterministic texture,
     * so a few steps of a small CNN already separate the classes.
     */
    private Path imageFolder(String name, boolean gz) throws IOException {
        Path folder = Files.createDirectories(dir.resolve("data").resolve(name));
        String ext = gz ? ".gz" : "";
        writeSet(folder.resolve("train-images-idx3-ubyte" + ext), folder.resolve("train-labels-idx1-ubyte" + ext), TRAIN, 0);
        writeSet(folder.resolve("t10k-images-idx3-ubyte" + ext), folder.resolve("t10k-labels-idx1-ubyte" + ext), TEST, 7);
        return folder;
    }

    static void writeSet(Path images, Path labels, int n, int salt) throws IOException {
        byte[] px = new byte[n * SIDE * SIDE];
        byte[] y = new byte[n];
        int half = SIDE / 2;
        for (int i = 0; i < n; i++) {
            int label = i % CLASSES;
            y[i] = (byte) label;
            for (int r = 0; r < SIDE; r++) {
                for (int c = 0; c < SIDE; c++) {
                    int quadrant = (r / half) * 2 + c / half;
                    int texture = (i * 31 + r * 7 + c * 13 + salt) % 40;
                    px[(i * SIDE + r) * SIDE + c] = (byte) (quadrant == label ? 200 + texture : texture);
                }
            }
        }
        Idx.write(images, Idx.Array.ofUnsignedBytes(px, n, SIDE, SIDE));
        Idx.write(labels, Idx.Array.ofUnsignedBytes(y, n));
    }

    /** A CSV as rows of column name to text, in file order. */
    private static List<Map<String, String>> csv(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file);
        String[] header = lines.get(0).split(",", -1);
        List<Map<String, String>> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",", -1);
            assertEquals(header.length, f.length, file + ": " + line);
            Map<String, String> row = new LinkedHashMap<>();
            for (int i = 0; i < header.length; i++) {
                row.put(header[i], f[i]);
            }
            rows.add(row);
        }
        return rows;
    }

    private static double number(Map<String, String> row, String column) {
        return Double.parseDouble(row.get(column));
    }

    private static JsonNode json(Path file) throws IOException {
        return new ObjectMapper().readTree(file.toFile());
    }

    /** The parameter count of a model on the generated images, through the library. */
    private static int dimension(String model, String data) {
        return ModelSpec.parse(model).build(DataFiles.resolve(data).train(), CpuBackend.get()).objective().dimension();
    }

    /**
     * Checks what every train run leaves: the files, one seed's records at steps 0, every, ...,
     * steps, finite values, test accuracy in [0, 1], λ_max measured and converged, nothing
     * diverged, and summary.csv equal to the single seed's records.
     *
     * @return the trajectory rows
     */
    private static List<Map<String, String>> checkRecords(Path out, String method, int steps, int every) throws IOException {
        for (String f : List.of("trajectories.csv", "summary.csv", "params.npy", "run.json", "figure.png", "figure.svg")) {
            assertTrue(Files.size(out.resolve(f)) > 0, f + " written and not empty");
        }
        List<Map<String, String>> traj = csv(out.resolve("trajectories.csv"));
        List<Map<String, String>> summary = csv(out.resolve("summary.csv"));
        int records = steps / every + 1;
        assertEquals(records, traj.size(), "one seed, records at steps 0, " + every + ", ..., " + steps);
        assertEquals(records, summary.size());
        for (int k = 0; k < records; k++) {
            Map<String, String> t = traj.get(k);
            Map<String, String> s = summary.get(k);
            String where = "record " + k + ": " + t;
            assertEquals(method, t.get("method"), where);
            assertEquals("0", t.get("seed"), where);
            assertEquals(k * every, Integer.parseInt(t.get("step")), where);
            assertEquals("0", t.get("diverged"), where);
            for (String c : List.of("train_loss", "test_loss", "norm", "grad_norm", "lambda_max")) {
                assertTrue(Double.isFinite(number(t, c)), c + " finite in " + where);
            }
            double acc = number(t, "test_acc");
            assertTrue(acc >= 0 && acc <= 1, where);
            assertTrue(number(t, "lambda_max") > 0, "the loss of a CNN at initialisation has positive curvature: " + where);
            assertTrue(number(t, "lambda_residual") <= 1e-3 * number(t, "lambda_max"), "λ_max converged: " + where);
            assertEquals(method, s.get("method"));
            assertEquals(t.get("step"), s.get("step"));
            assertEquals("1", s.get("seeds"));
            for (String c : List.of("train_loss", "test_loss", "test_acc", "lambda_max")) {
                assertEquals(number(t, c), number(s, c + "_mean"), 0.0, "summary of one seed is that seed: " + c + " at " + where);
                assertEquals("NaN", s.get(c + "_lo"), "no band from one seed");
            }
        }
        return traj;
    }

    @Test
    void cnn6TrainsOnMnistByNameFromTheDataDirectory() throws IOException {
        imageFolder("mnist", false);
        Path out = dir.resolve("cnn6");
        Cli.Run r = Cli.run("train", "--model", "cnn6", "--data", "mnist", "--subset", "24", "--steps", "12", "--every", "4",
                "--seeds", "1", "--batch", "8", "--lr", "0.5", "--hessian-subset", "8", "--threads", "1", "--quiet", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        assertEquals("", r.err()); // no warnings (progress lines, which a slow machine could print, are silenced)
        List<Map<String, String>> traj = checkRecords(out, "sam", 12, 4);
        double first = number(traj.get(0), "train_loss");
        double last = number(traj.get(traj.size() - 1), "train_loss");
        assertEquals(Math.log(10), first, 0.1, "cnn6 starts near the cross-entropy of a uniform guess over its 10 outputs");
        assertTrue(last < first, "12 SAM steps lower the training loss: " + first + " -> " + last);

        JsonNode run = json(out.resolve("run.json"));
        int d = dimension("cnn6", "mnist");
        assertEquals("cnn6 on mnist (n = 24, test " + TEST + ")", run.get("problem").asText(),
                "--subset keeps the first 24 training images and the whole test file");
        assertEquals(d, run.get("dimension").asInt());
        assertEquals(d, Npy.read(out.resolve("params.npy")).size(), "params.npy holds the final parameters of cnn6");
        assertEquals("finished", run.get("status").asText());
        assertTrue(r.out().contains("sam") && r.out().contains("wrote " + out), r.out());
    }

    @Test
    void aCnnSpecTrainsWithSgdOnGzippedFashionMnist() throws IOException {
        imageFolder("fashion-mnist", true);
        String model = "cnn:c4k3p1-max2-d10:softplus";
        Path out = dir.resolve("spec");
        Cli.Run r = Cli.run("train", "--model", model, "--data", "fashion-mnist", "--optimizer", "sgd", "--steps", "30",
                "--every", "10", "--seeds", "1", "--batch", "full", "--lr", "0.5", "--hessian-subset", "16", "--threads", "1",
                "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        List<Map<String, String>> traj = checkRecords(out, "sgd", 30, 10);
        Map<String, String> last = traj.get(traj.size() - 1);
        assertTrue(number(last, "train_loss") < 0.1 * number(traj.get(0), "train_loss"), traj.toString());
        assertTrue(number(last, "test_acc") >= 0.9, "30 full-batch SGD steps learn the quadrant images (chance: 1/4): " + last);
        JsonNode run = json(out.resolve("run.json"));
        assertEquals("cnn:c4k3p1-max2-d10:softplus on fashion-mnist (n = " + TRAIN + ", test " + TEST + ")", run.get("problem").asText());
        assertEquals(dimension(model, "fashion-mnist"), run.get("dimension").asInt());
        assertEquals(4 * 9 + 4 + 4 * 4 * 4 * 10 + 10, run.get("dimension").asInt(), "conv 4×1×3×3 + 4, dense 64 → 10");
    }

    @Test
    void aMissingDataSetOrATooLargeSubsetIsOneLineAndExitCodeTwo() throws IOException {
        imageFolder("mnist", false);
        Path out = dir.resolve("never");
        String[][] cases = {
            {"train", "--model", "cnn6", "--data", "fashion-mnist:dir=" + dir.resolve("nothing"), "--steps", "2", "--out", out.toString()},
            {"train", "--model", "cnn6", "--data", "mnist", "--subset", String.valueOf(TRAIN + 1), "--steps", "2", "--out", out.toString()},
            {"train", "--model", "cnn:c4k3p1-max2-d3", "--data", "mnist", "--steps", "2", "--out", out.toString()},
        };
        for (String[] c : cases) {
            Cli.Run r = Cli.run(c);
            String label = String.join(" ", c);
            assertEquals(Main.BAD_INPUT, r.code(), label + "\n" + r.err());
            assertEquals(1, r.err().strip().lines().count(), label + "\n" + r.err());
            assertTrue(r.err().startsWith("samsde train: "), r.err());
            assertFalse(Files.exists(out), label + " created the output directory");
        }
        assertTrue(Cli.run(cases[0]).err().contains("scripts/install-data fashion-mnist"), "says how to install it");
        assertTrue(Cli.run(cases[1]).err().contains("--subset must be in 1.." + TRAIN), "names the range");
        assertTrue(Cli.run(cases[2]).err().contains("4 classes"), "3 outputs cannot hold 4 classes");
    }
}
