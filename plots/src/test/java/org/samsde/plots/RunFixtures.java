package org.samsde.plots;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import org.samsde.core.io.Npy;
import org.samsde.core.io.NpyArray;
import org.samsde.sde.run.Record;

/** Small synthetic run directories in the toolkit's file formats, for tests. */
final class RunFixtures {
    private RunFixtures() {
    }

    /**
     * One summary row per method and step: every metric m has mean = value(method, metric, step)
     * and the interval mean ± half(metric), except lambda_max which is NaN when not measured.
     */
    interface Values {
        double mean(String method, String metric, int step);
    }

    /** The half-width used for every band: 0.05 × |mean| + 0.01. */
    static double half(double mean) {
        return 0.05 * Math.abs(mean) + 0.01;
    }

    static Path summary(Path dir, List<String> methods, int steps, int every, Values v) throws IOException {
        Files.createDirectories(dir);
        StringBuilder s = new StringBuilder("method,step,time,seeds");
        for (String m : Record.METRICS) {
            s.append(',').append(m).append("_mean,").append(m).append("_lo,").append(m).append("_hi");
        }
        s.append('\n');
        for (String method : methods) {
            for (int k = 0; k <= steps; k += every) {
                s.append(method).append(',').append(k).append(',').append(k * 0.1).append(",4");
                for (String m : Record.METRICS) {
                    double mean = v.mean(method, m, k);
                    double h = Double.isNaN(mean) ? Double.NaN : half(mean);
                    s.append(',').append(mean).append(',').append(mean - h).append(',').append(mean + h);
                }
                s.append('\n');
            }
        }
        Files.writeString(dir.resolve("summary.csv"), s, StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("run.json"), "{\"command\":\"compare\",\"problem\":\"toy problem\","
                + "\"config\":{\"lr\":0.05,\"rho\":0.05,\"batch\":\"32\"}}", StandardCharsets.UTF_8);
        return dir;
    }

    /** Rewrites a fixture's run.json with a {@code methods} field, e.g. {@code {"asam": {...}}}. */
    static Path withMethods(Path dir, String methodsJson) throws IOException {
        Files.writeString(dir.resolve("run.json"), "{\"command\":\"compare\",\"problem\":\"toy problem\","
                + "\"config\":{\"lr\":0.05,\"rho\":0.05,\"batch\":\"32\"},\"methods\":" + methodsJson + "}", StandardCharsets.UTF_8);
        return dir;
    }

    /** A typical ensemble: loss decaying from 1 over three decades, accuracy rising, λ growing; alignment in (0, 1). */
    static double typical(String method, String metric, int step) {
        double t = step / 100.0;
        double shift = method.length() * 0.01;
        return switch (metric) {
            case "train_loss" -> Math.exp(-7 * t) + shift * 1e-3;
            case "test_loss" -> 0.5 + 0.5 * Math.exp(-t) + shift;
            case "test_acc" -> 0.5 + 0.4 * (1 - Math.exp(-t));
            case "norm" -> 3 + t + shift;
            case "grad_norm" -> 1 / (1 + t) + shift;
            case "lambda_max" -> 2 + t + shift;
            case "alignment" -> 0.5 + 0.3 * t / (1 + t) + shift;
            default -> 0.2 + shift;
        };
    }

    static Path trajectories(Path dir, String method, double[][] trainLossBySeed) throws IOException {
        Files.createDirectories(dir);
        StringBuilder s = new StringBuilder("method,seed,step,time," + String.join(",", Record.METRICS) + ",seconds,diverged\n");
        for (int seed = 0; seed < trainLossBySeed.length; seed++) {
            for (int i = 0; i < trainLossBySeed[seed].length; i++) {
                s.append(method).append(',').append(seed).append(',').append(i * 10).append(',').append(i * 1.0);
                for (String m : Record.METRICS) {
                    s.append(',').append(m.equals("train_loss") ? trainLossBySeed[seed][i] : 0.5);
                }
                s.append(",0.0,0\n");
            }
        }
        Files.writeString(dir.resolve("trajectories.csv"), s, StandardCharsets.UTF_8);
        return dir;
    }

    /** One value of a metric per seed and record: value(metric, seed, record index). */
    interface PerSeed {
        double value(String metric, int seed, int record);
    }

    /** trajectories.csv of one method, records every 10 steps, every metric from {@code v}. */
    static Path trajectories(Path dir, String method, int seeds, int records, PerSeed v) throws IOException {
        Files.createDirectories(dir);
        StringBuilder s = new StringBuilder("method,seed,step,time," + String.join(",", Record.METRICS) + ",seconds,diverged\n");
        for (int seed = 0; seed < seeds; seed++) {
            for (int i = 0; i < records; i++) {
                s.append(method).append(',').append(seed).append(',').append(i * 10).append(',').append(i * 1.0);
                for (String m : Record.METRICS) {
                    s.append(',').append(v.value(m, seed, i));
                }
                s.append(",0.0,0\n");
            }
        }
        Files.writeString(dir.resolve("trajectories.csv"), s, StandardCharsets.UTF_8);
        return dir;
    }

    /**
     * fidelity.csv of {@code study fidelity}: rows {estimator, noise ratio, mean error, mean floor,
     * cov error, cov floor}, one substep each.
     */
    static Path fidelity(Path dir, Object[][] rows) throws IOException {
        Files.createDirectories(dir);
        StringBuilder s = new StringBuilder("point,step,noise_ratio,estimator,substeps,mean_error,mean_floor,cov_error,cov_floor,exact_reference\n");
        java.util.Map<Double, Integer> points = new java.util.LinkedHashMap<>();
        for (Object[] r : rows) {
            int point = points.computeIfAbsent((Double) r[1], k -> points.size());
            s.append(point).append(',').append(100 * point).append(',').append(r[1]).append(',').append(r[0]).append(",1,")
                    .append(r[2]).append(',').append(r[3]).append(',').append(r[4]).append(',').append(r[5]).append(",1\n");
        }
        Files.writeString(dir.resolve("fidelity.csv"), s, StandardCharsets.UTF_8);
        return dir;
    }

    static Path approx(Path dir, double[] etas, double[][] gapsByModel, String[] models, double[] slopes) throws IOException {
        Files.createDirectories(dir);
        StringBuilder g = new StringBuilder("model,eta,rho,gap,halfwidth,step\n");
        for (int m = 0; m < models.length; m++) {
            for (int i = 0; i < etas.length; i++) {
                g.append(models[m]).append(',').append(etas[i]).append(',').append(Math.cbrt(etas[i])).append(',')
                        .append(gapsByModel[m][i]).append(",0.0,").append(10 * i).append('\n');
            }
        }
        Files.writeString(dir.resolve("gaps.csv"), g, StandardCharsets.UTF_8);
        StringBuilder sl = new StringBuilder("model,slope,stderr\n");
        for (int m = 0; m < models.length; m++) {
            sl.append(models[m]).append(',').append(slopes[m]).append(",0.03\n");
        }
        Files.writeString(dir.resolve("slopes.csv"), sl, StandardCharsets.UTF_8);
        return dir;
    }

    static Path weak(Path dir) throws IOException {
        Files.createDirectories(dir);
        StringBuilder w = new StringBuilder("scheme,dt,estimate,exact,error,stderr\n");
        double[] dts = {0.4, 0.2, 0.1, 0.05};
        for (double dt : dts) {
            w.append("euler,").append(dt).append(",1,1,").append(0.3 * dt).append(",0.001\n");
            w.append("richardson,").append(dt).append(",1,1,").append(0.2 * dt * dt).append(",0.001\n");
        }
        Files.writeString(dir.resolve("weak.csv"), w, StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("slopes.csv"), "scheme,slope,stderr\neuler,1.01,0.02\nrichardson,1.98,0.05\n",
                StandardCharsets.UTF_8);
        return dir;
    }

    static Path spectrum(Path dir, double[] eigenvalues) throws IOException {
        Files.createDirectories(dir);
        Npy.write(dir.resolve("eigenvalues.npy"), NpyArray.ofDoubles(eigenvalues, eigenvalues.length));
        Files.writeString(dir.resolve("run.json"), String.format(Locale.ROOT,
                "{\"command\":\"spectrum\",\"method\":\"full\",\"model\":\"mlp:2-4-3:tanh\",\"data\":\"blobs\",\"d\":%d}",
                eigenvalues.length), StandardCharsets.UTF_8);
        return dir;
    }

    static Path density(Path dir, int d, double[] nodes, double[] weights, int probes) throws IOException {
        Files.createDirectories(dir);
        StringBuilder csv = new StringBuilder("x,density\n");
        for (int i = 0; i <= 100; i++) {
            double x = -0.1 + i * 0.1;
            csv.append(x).append(',').append(Math.exp(-x * x * 50) + 1e-300).append('\n');
        }
        Files.writeString(dir.resolve("density.csv"), csv, StandardCharsets.UTF_8);
        int steps = nodes.length / probes;
        Npy.write(dir.resolve("slq_nodes.npy"), NpyArray.ofDoubles(nodes, probes, steps));
        Npy.write(dir.resolve("slq_weights.npy"), NpyArray.ofDoubles(weights, probes, steps));
        Files.writeString(dir.resolve("run.json"), "{\"command\":\"spectrum\",\"method\":\"slq\",\"d\":" + d + "}",
                StandardCharsets.UTF_8);
        return dir;
    }
}
