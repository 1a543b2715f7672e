package org.samsde.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.samsde.core.io.Npy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * {@code samsde train --model cnn6} on the real MNIST and Fashion-MNIST files as
 * {@code scripts/install-data} installs them: 20 SAM steps (η = 0.3, batches of 32) on the first
 * 200 training images, evaluated on the first 500 test images, with λ_max on 16 images; the
 * records are complete and the test accuracy ends well above chance (10%).
 *
 * <p>Runs only with {@code -Dsamsde.realdata=true}, like core's {@code RealDataTest} (CI sets it
 * after installing the data; the data directory is found as {@code --data mnist} finds it:
 * {@code -Dsamsde.data}, {@code $SAMSDE_DATA} or {@code ~/.samsde/data}). At step 20 the test
 * accuracy was 0.44 (MNIST) and 0.47 (Fashion-MNIST) when this was written.
 */
@EnabledIfSystemProperty(named = "samsde.realdata", matches = "true")
class RealDataTrainCommandTest {
    private static final int STEPS = 20;
    private static final int EVERY = 10;

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"mnist", "fashion-mnist"})
    void cnn6TrainsOnTheRealDataAndBeatsChance(String name) throws IOException {
        Path out = dir.resolve(name);
        String data = name + ":test=500";
        Cli.Run r = Cli.run("train", "--model", "cnn6", "--data", data, "--subset", "200", "--steps", String.valueOf(STEPS),
                "--every", String.valueOf(EVERY), "--seeds", "1", "--lr", "0.3", "--hessian-subset", "16", "--threads", "1",
                "--out", out.toString());
        assertEquals(0, r.code(), r.err());

        List<String> lines = Files.readAllLines(out.resolve("trajectories.csv"));
        List<String> header = List.of(lines.get(0).split(","));
        assertEquals(1 + STEPS / EVERY + 1, lines.size(), "header and one seed's records at steps 0, 10, 20");
        assertEquals(lines.size(), Files.readAllLines(out.resolve("summary.csv")).size(), "summary.csv: one row per record");
        double[] first = row(lines.get(1));
        double[] last = row(lines.get(lines.size() - 1));
        int step = header.indexOf("step");
        int train = header.indexOf("train_loss");
        int test = header.indexOf("test_loss");
        int acc = header.indexOf("test_acc");
        int lambda = header.indexOf("lambda_max");
        assertEquals(STEPS, last[step], 0.0);
        for (String l : lines.subList(1, lines.size())) {
            double[] v = row(l);
            assertTrue(Double.isFinite(v[train]) && Double.isFinite(v[test]) && v[lambda] > 0 && Double.isFinite(v[lambda]), l);
            assertTrue(l.endsWith(",0"), "not diverged: " + l);
        }
        assertEquals(Math.log(10), first[train], 0.1, "cnn6 starts at the loss of a uniform guess over 10 classes");
        assertTrue(last[train] < 0.9 * first[train], name + " training loss " + first[train] + " -> " + last[train]);
        assertTrue(last[test] < first[test], name + " test loss " + first[test] + " -> " + last[test]);
        assertTrue(last[acc] > 0.3, name + " test accuracy " + last[acc] + " after " + STEPS + " steps; chance is 0.1");

        JsonNode run = new ObjectMapper().readTree(out.resolve("run.json").toFile());
        assertEquals("cnn6 on " + data + " (n = 200, test 500)", run.get("problem").asText());
        assertEquals(run.get("dimension").asInt(), Npy.read(out.resolve("params.npy")).size());
        assertTrue(Files.size(out.resolve("figure.png")) > 0);
    }

    /** The numeric fields of a trajectories.csv row (the method name becomes NaN). */
    private static double[] row(String line) {
        String[] f = line.split(",", -1);
        double[] v = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            try {
                v[i] = Double.parseDouble(f[i]);
            } catch (NumberFormatException e) {
                v[i] = Double.NaN;
            }
        }
        return v;
    }
}
