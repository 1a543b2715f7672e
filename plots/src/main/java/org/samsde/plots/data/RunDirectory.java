package org.samsde.plots.data;

import org.samsde.sde.artifact.CsvTable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.samsde.core.InvalidInputException;
import org.samsde.core.io.Npy;
import org.samsde.core.io.NpyArray;
import org.samsde.sde.run.Ensemble;
import org.samsde.sde.run.Record;
import org.samsde.sde.run.Summary;

/**
 * A directory written by one of the toolkit's commands, read for plotting. Which files a method
 * needs is said in its Javadoc; a missing or malformed file is an {@link InvalidInputException}
 * naming it.
 */
public final class RunDirectory {
    /** The ensemble summary written by train, sde and compare. */
    public static final String SUMMARY = "summary.csv";
    /** One row per method, seed and recorded step. */
    public static final String TRAJECTORIES = "trajectories.csv";
    /** The gaps of {@code study approx}. */
    public static final String GAPS = "gaps.csv";
    /** The fitted slopes of {@code study approx} and {@code study weak}. */
    public static final String SLOPES = "slopes.csv";
    /** The error levels of {@code study weak}. */
    public static final String WEAK = "weak.csv";
    /** Eigenvalues (descending) of {@code spectrum}. */
    public static final String EIGENVALUES = "eigenvalues.npy";
    /** The SLQ density of {@code spectrum --method slq}. */
    public static final String DENSITY = "density.csv";
    /** SLQ Ritz values, probes × steps. */
    public static final String SLQ_NODES = "slq_nodes.npy";
    /** SLQ quadrature weights, probes × steps. */
    public static final String SLQ_WEIGHTS = "slq_weights.npy";
    /** The per-k table of {@code study outliers}. */
    public static final String OUTLIERS = "outliers.csv";
    /** The configuration and provenance of a run. */
    public static final String RUN_JSON = "run.json";

    private final Path dir;

    private RunDirectory(Path dir) {
        this.dir = dir;
    }

    /**
     * @param dir an existing directory
     * @return it, ready to read
     * @throws InvalidInputException when it does not exist or is not a directory
     */
    public static RunDirectory open(Path dir) {
        if (!Files.exists(dir)) {
            throw new InvalidInputException(dir + ": no such directory");
        }
        if (!Files.isDirectory(dir)) {
            throw new InvalidInputException(dir + ": not a directory");
        }
        return new RunDirectory(dir);
    }

    /** @return the directory */
    public Path path() {
        return dir;
    }

    /** @return the directory's own name, for labels */
    public String name() {
        Path n = dir.toAbsolutePath().normalize().getFileName();
        return n == null ? dir.toString() : n.toString();
    }

    /**
     * @param file a file name
     * @return whether the directory holds it
     */
    public boolean has(String file) {
        return Files.isRegularFile(dir.resolve(file));
    }

    /**
     * The ensemble summary: {@code summary.csv}, or when it is missing, the same statistics
     * computed from {@code trajectories.csv} by {@link Summary#of}.
     *
     * @return the summary
     * @throws InvalidInputException when neither file is present or one is malformed
     */
    public RunSummary summary() {
        if (has(SUMMARY)) {
            return readSummary(dir.resolve(SUMMARY));
        }
        if (has(TRAJECTORIES)) {
            return summarise(dir.resolve(TRAJECTORIES));
        }
        throw new InvalidInputException(dir + ": neither " + SUMMARY + " nor " + TRAJECTORIES
                + " (not a run directory of train, sde or compare)");
    }

    private static RunSummary readSummary(Path file) {
        List<String> required = new ArrayList<>(List.of("method", "step", "seeds"));
        for (String m : Record.METRICS) {
            if (!Record.OPTIONAL.contains(m)) {
                required.addAll(List.of(m + "_mean", m + "_lo", m + "_hi"));
            }
        }
        CsvTable csv = CsvTable.read(file, required.toArray(String[]::new));
        Map<String, List<Integer>> rowsByMethod = new LinkedHashMap<>();
        for (int r = 0; r < csv.size(); r++) {
            rowsByMethod.computeIfAbsent(csv.text(r, "method"), k -> new ArrayList<>()).add(r);
        }
        Map<String, Map<String, Curve>> curves = new LinkedHashMap<>();
        rowsByMethod.forEach((method, rows) -> {
            Map<String, Curve> byMetric = new LinkedHashMap<>();
            int n = rows.size();
            double[] step = new double[n];
            int[] seeds = new int[n];
            for (int i = 0; i < n; i++) {
                step[i] = csv.number(rows.get(i), "step");
                seeds[i] = (int) csv.number(rows.get(i), "seeds");
            }
            for (String m : Record.METRICS) {
                if (!csv.has(m + "_mean")) {
                    continue;
                }
                double[] mean = new double[n];
                double[] lo = new double[n];
                double[] hi = new double[n];
                for (int i = 0; i < n; i++) {
                    mean[i] = csv.number(rows.get(i), m + "_mean");
                    lo[i] = csv.number(rows.get(i), m + "_lo");
                    hi[i] = csv.number(rows.get(i), m + "_hi");
                }
                byMetric.put(m, new Curve(method, m, step, mean, lo, hi, seeds));
            }
            curves.put(method, byMetric);
        });
        if (curves.isEmpty()) {
            throw new InvalidInputException(file + ": no rows");
        }
        return new RunSummary(file.toString(), curves);
    }

    private static RunSummary summarise(Path file) {
        List<String> required = new ArrayList<>(List.of("method", "seed", "step", "time", "seconds", "diverged"));
        Record.METRICS.stream().filter(m -> !Record.OPTIONAL.contains(m)).forEach(required::add);
        CsvTable csv = CsvTable.read(file, required.toArray(String[]::new));
        Map<String, Map<Integer, List<Record>>> records = new LinkedHashMap<>();
        for (int r = 0; r < csv.size(); r++) {
            double[] m = new double[Record.METRICS.size()];
            for (int i = 0; i < m.length; i++) {
                String name = Record.METRICS.get(i);
                m[i] = csv.has(name) ? csv.number(r, name) : Double.NaN;
            }
            Record rec = Record.of((int) csv.number(r, "step"), csv.number(r, "time"), m, csv.number(r, "seconds"),
                    csv.number(r, "diverged") != 0, csv.has("lambda_residual") ? csv.number(r, "lambda_residual") : Double.NaN);
            records.computeIfAbsent(csv.text(r, "method"), k -> new LinkedHashMap<>())
                    .computeIfAbsent((int) csv.number(r, "seed"), k -> new ArrayList<>()).add(rec);
        }
        List<Ensemble.Trajectory> trajectories = new ArrayList<>();
        records.forEach((method, bySeed) -> bySeed.forEach((seed, recs) -> trajectories.add(new Ensemble.Trajectory(
                method, seed, seed, List.copyOf(recs), new double[0], recs.get(recs.size() - 1).diverged(), 0))));
        if (trajectories.isEmpty()) {
            throw new InvalidInputException(file + ": no rows");
        }
        Map<String, List<Summary.Row>> rows = new LinkedHashMap<>();
        for (Summary.Row row : Summary.of(trajectories)) {
            rows.computeIfAbsent(row.method(), k -> new ArrayList<>()).add(row);
        }
        Map<String, Map<String, Curve>> curves = new LinkedHashMap<>();
        rows.forEach((method, list) -> {
            int n = list.size();
            double[] step = new double[n];
            int[] seeds = new int[n];
            for (int i = 0; i < n; i++) {
                step[i] = list.get(i).step();
                seeds[i] = list.get(i).seeds();
            }
            Map<String, Curve> byMetric = new LinkedHashMap<>();
            for (int m = 0; m < Record.METRICS.size(); m++) {
                double[] mean = new double[n];
                double[] lo = new double[n];
                double[] hi = new double[n];
                for (int i = 0; i < n; i++) {
                    mean[i] = list.get(i).mean()[m];
                    lo[i] = list.get(i).lower()[m];
                    hi[i] = list.get(i).upper()[m];
                }
                byMetric.put(Record.METRICS.get(m), new Curve(method, Record.METRICS.get(m), step, mean, lo, hi, seeds));
            }
            curves.put(method, byMetric);
        });
        return new RunSummary(file.toString(), curves);
    }

    /**
     * @return the rows of {@code gaps.csv} (study approx), in file order
     * @throws InvalidInputException when the file is missing or malformed
     */
    public List<Gap> gaps() {
        CsvTable csv = CsvTable.read(dir.resolve(GAPS), "model", "eta", "rho", "gap", "halfwidth", "step");
        List<Gap> out = new ArrayList<>();
        for (int r = 0; r < csv.size(); r++) {
            out.add(new Gap(csv.text(r, "model"), csv.number(r, "eta"), csv.number(r, "rho"), csv.number(r, "gap"),
                    csv.number(r, "halfwidth"), (int) csv.number(r, "step")));
        }
        return out;
    }

    /**
     * Reads {@code slopes.csv}, whose first column is {@code model} (study approx) or
     * {@code scheme} (study weak).
     *
     * @return name → fitted slope, in file order
     * @throws InvalidInputException when the file is missing or malformed
     */
    public Map<String, Slope> slopes() {
        Path file = dir.resolve(SLOPES);
        CsvTable csv = CsvTable.read(file, "slope", "stderr");
        String key = csv.has("model") ? "model" : "scheme";
        if (!csv.has(key)) {
            throw new InvalidInputException(file + ": no column 'model' or 'scheme'");
        }
        Map<String, Slope> out = new LinkedHashMap<>();
        for (int r = 0; r < csv.size(); r++) {
            String name = csv.text(r, key);
            out.put(name, new Slope(name, csv.number(r, "slope"), csv.number(r, "stderr")));
        }
        return out;
    }

    /**
     * @return the rows of {@code weak.csv} (study weak), in file order
     * @throws InvalidInputException when the file is missing or malformed
     */
    public List<WeakLevel> weakLevels() {
        CsvTable csv = CsvTable.read(dir.resolve(WEAK), "scheme", "dt", "estimate", "exact", "error", "stderr");
        List<WeakLevel> out = new ArrayList<>();
        for (int r = 0; r < csv.size(); r++) {
            out.add(new WeakLevel(csv.text(r, "scheme"), csv.number(r, "dt"), csv.number(r, "estimate"),
                    csv.number(r, "exact"), csv.number(r, "error"), csv.number(r, "stderr")));
        }
        return out;
    }

    /**
     * Reads the output of {@code samsde spectrum}: {@code eigenvalues.npy} and/or {@code
     * density.csv} with {@code slq_nodes.npy} and {@code slq_weights.npy}; d from {@code run.json}.
     *
     * @return the spectrum
     * @throws InvalidInputException when neither eigenvalues nor a density is present, or a file is malformed
     */
    public SpectrumData spectrum() {
        boolean eig = has(EIGENVALUES);
        boolean slq = has(DENSITY);
        if (!eig && !slq) {
            throw new InvalidInputException(dir + ": neither " + EIGENVALUES + " nor " + DENSITY
                    + " (not a directory written by samsde spectrum)");
        }
        Optional<double[]> values = eig ? Optional.of(vector(dir.resolve(EIGENVALUES))) : Optional.empty();
        double[] gx = new double[0];
        double[] gy = new double[0];
        if (slq) {
            CsvTable csv = CsvTable.read(dir.resolve(DENSITY), "x", "density");
            gx = new double[csv.size()];
            gy = new double[csv.size()];
            for (int r = 0; r < csv.size(); r++) {
                gx[r] = csv.number(r, "x");
                gy[r] = csv.number(r, "density");
            }
        }
        double[] nodes = new double[0];
        double[] weights = new double[0];
        int probes = 0;
        if (has(SLQ_NODES) && has(SLQ_WEIGHTS)) {
            NpyArray n = Npy.read(dir.resolve(SLQ_NODES));
            NpyArray w = Npy.read(dir.resolve(SLQ_WEIGHTS));
            if (n.size() != w.size()) {
                throw new InvalidInputException(dir + ": " + SLQ_NODES + " and " + SLQ_WEIGHTS + " differ in size");
            }
            nodes = n.doubles();
            weights = w.doubles();
            probes = n.rank() == 2 ? n.shape()[0] : 1;
        }
        int d = values.map(v -> v.length).orElse(0);
        JsonNode info = runInfo();
        if (info.has("d") && info.get("d").canConvertToInt()) {
            d = info.get("d").asInt();
        }
        return new SpectrumData(name(), d, values, gx, gy, nodes, weights, probes);
    }

    /**
     * Reads the output of {@code samsde study outliers}: {@code outliers.csv} (k, d, outliers)
     * and, per row, {@code eigenvalues_K.npy}.
     *
     * @return one spectrum per k, in file order
     * @throws InvalidInputException when a file is missing or malformed
     */
    public List<ClassSpectrum> classSpectra() {
        CsvTable csv = CsvTable.read(dir.resolve(OUTLIERS), "k", "d", "outliers");
        List<ClassSpectrum> out = new ArrayList<>();
        for (int r = 0; r < csv.size(); r++) {
            int k = (int) csv.number(r, "k");
            out.add(new ClassSpectrum(k, (int) csv.number(r, "d"), (int) csv.number(r, "outliers"),
                    vector(dir.resolve("eigenvalues_" + k + ".npy"))));
        }
        return out;
    }

    /**
     * @return the contents of {@code run.json}, or an empty object when it is absent
     * @throws InvalidInputException when it is present but not valid JSON
     */
    public JsonNode runInfo() {
        Path file = dir.resolve(RUN_JSON);
        if (!Files.isRegularFile(file)) {
            return new ObjectMapper().createObjectNode();
        }
        try {
            return new ObjectMapper().readTree(file.toFile());
        } catch (IOException e) {
            throw new InvalidInputException(file + ": not valid JSON (" + e.getMessage().lines().findFirst().orElse("") + ")", e);
        }
    }

    private static double[] vector(Path file) {
        NpyArray a = Npy.read(file);
        if (a.rank() != 1) {
            throw new InvalidInputException(file + ": expected a 1-d array of eigenvalues, got rank " + a.rank());
        }
        return a.doubles();
    }

    @Override
    public String toString() {
        return dir.toString();
    }
}
