package org.samsde.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.samsde.core.io.Npy;
import org.samsde.core.io.NpyArray;

/**
 * {@code samsde study outliers}, run small: the files it promises exist, and every row of outliers.csv
 * agrees with the eigenvalues saved next to it under the outlier rule of {@code Outliers} (recomputed
 * here from its definition: the i ≤ M with λᵢ &gt; 0 maximising λᵢ / max(λᵢ₊₁, median |λ|)).
 */
class StudyOutliersCommandTest {
    private static final int FEATURES = 4;
    private static final int HIDDEN = 8;
    private static final int MAX_OUTLIERS = 10;

    @TempDir
    Path dir;

    @Test
    void smallStudyWritesConsistentCountsEigenvaluesAndFigure() throws IOException {
        Path out = dir.resolve("outliers");
        Cli.Run r = Cli.run("study", "outliers", "--ks", "2,3", "--per-class", "16", "--features", String.valueOf(FEATURES),
                "--hidden", String.valueOf(HIDDEN), "--steps", "50", "--max-outliers", String.valueOf(MAX_OUTLIERS), "--seed", "1",
                "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        for (String f : List.of("outliers.csv", "eigenvalues_2.npy", "eigenvalues_3.npy", "run.json", "figure.png")) {
            assertTrue(Files.isRegularFile(out.resolve(f)) && Files.size(out.resolve(f)) > 0, f + " missing; wrote " + list(out));
        }
        byte[] png = Files.readAllBytes(out.resolve("figure.png"));
        assertTrue(png.length > 8 && png[1] == 'P' && png[2] == 'N' && png[3] == 'G', "figure.png is a PNG");

        List<String> lines = Files.readAllLines(out.resolve("outliers.csv"));
        assertEquals("k,d,train_loss,train_acc,outliers,gap", lines.get(0));
        assertEquals(3, lines.size(), String.join("\n", lines));
        int[] ks = {2, 3};
        for (int row = 0; row < ks.length; row++) {
            String[] c = lines.get(row + 1).split(",");
            int k = ks[row];
            assertEquals(k, Integer.parseInt(c[0]));
            int d = Integer.parseInt(c[1]);
            // the MLP FEATURES-HIDDEN-k: its parameter count
            assertEquals(FEATURES * HIDDEN + HIDDEN + HIDDEN * k + k, d);
            double loss = Double.parseDouble(c[2]);
            double acc = Double.parseDouble(c[3]);
            assertTrue(loss > 0 && Double.isFinite(loss), "train loss " + loss);
            assertTrue(acc >= 0 && acc <= 1, "train accuracy " + acc);
            int count = Integer.parseInt(c[4]);
            double gap = Double.parseDouble(c[5]);

            NpyArray a = Npy.read(out.resolve("eigenvalues_" + k + ".npy"));
            assertEquals(1, a.shape().length);
            assertEquals(d, a.shape()[0], "all d eigenvalues are saved");
            double[] ev = a.doubles();
            for (int i = 0; i + 1 < d; i++) {
                assertTrue(ev[i] >= ev[i + 1], "eigenvalues descending at " + i);
            }
            double[] rule = rule(ev, MAX_OUTLIERS);
            assertEquals((int) rule[0], count, "k = " + k + ": outlier count against the saved eigenvalues " + Arrays.toString(
                    Arrays.copyOf(ev, MAX_OUTLIERS + 1)));
            assertTrue(count >= 1 && count <= MAX_OUTLIERS, "count " + count);
            assertEquals(rule[1], gap, 1e-12 * rule[1], "k = " + k + ": gap ratio");
            // what the count means: λ_count is more than `gap` times what follows it
            double floor = median(ev);
            assertEquals(ev[count - 1] / Math.max(ev[count], floor), gap, 1e-12 * gap);
            assertTrue(gap > 1, "the outliers stand apart from the bulk: gap " + gap);
        }
    }

    /** {count, gap}: the i ≤ m with λᵢ &gt; 0 maximising λᵢ / max(λᵢ₊₁, median |λ|), first one on ties. */
    private static double[] rule(double[] descending, int m) {
        double floor = median(descending);
        int best = 0;
        double bestRatio = -1;
        for (int i = 1; i <= Math.min(m, descending.length - 1); i++) {
            double ratio = descending[i - 1] / Math.max(descending[i], floor);
            if (descending[i - 1] > 0 && ratio > bestRatio) {
                best = i;
                bestRatio = ratio;
            }
        }
        return new double[] {best, bestRatio};
    }

    /** The median of |λ| as the rule takes it: the element n/2 of the sorted absolute values. */
    private static double median(double[] v) {
        double[] abs = Arrays.stream(v).map(Math::abs).sorted().toArray();
        return Math.max(abs[abs.length / 2], Double.MIN_NORMAL);
    }

    private static String list(Path out) throws IOException {
        try (var s = Files.list(out)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList().toString();
        }
    }
}
