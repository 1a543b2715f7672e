package org.samsde.plots.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

import org.samsde.core.InvalidInputException;
import org.samsde.core.io.Npy;
import org.samsde.core.io.NpyArray;
import org.samsde.sde.Appearance;
import org.samsde.sde.Stability;
import org.samsde.sde.artifact.GapsFile;
import org.samsde.sde.artifact.OutliersFile;
import org.samsde.sde.artifact.RunInfo;
import org.samsde.sde.artifact.SlopesFile;
import org.samsde.sde.artifact.SpectrumFiles;
import org.samsde.sde.artifact.SummaryFile;
import org.samsde.sde.artifact.TrajectoriesFile;
import org.samsde.sde.artifact.WeakFile;
import org.samsde.sde.run.Record;
import org.samsde.sde.run.Summary;
import org.samsde.sde.study.ApproxStudy;
import org.samsde.sde.study.OutlierStudy;
import org.samsde.sde.study.Slopes;
import org.samsde.sde.study.WeakOrderStudy;

/**
 * A directory written by one of the toolkit's commands, read for plotting. Which files a method
 * needs is said in its Javadoc; a missing or malformed file is an {@link InvalidInputException}
 * naming it.
 */
public final class RunDirectory {
    /** The ensemble summary written by train, sde and compare. */
    public static final String SUMMARY = SummaryFile.NAME;
    /** One row per method, seed and recorded step. */
    public static final String TRAJECTORIES = TrajectoriesFile.NAME;
    /** The gaps of {@code study approx}. */
    public static final String GAPS = GapsFile.NAME;
    /** The fitted slopes of {@code study approx} and {@code study weak}. */
    public static final String SLOPES = SlopesFile.NAME;
    /** The error levels of {@code study weak}. */
    public static final String WEAK = WeakFile.NAME;
    /** Eigenvalues (descending) of {@code spectrum}. */
    public static final String EIGENVALUES = SpectrumFiles.EIGENVALUES;
    /** The SLQ density of {@code spectrum --method slq}. */
    public static final String DENSITY = SpectrumFiles.DENSITY;
    /** SLQ Ritz values, probes × steps. */
    public static final String SLQ_NODES = SpectrumFiles.SLQ_NODES;
    /** SLQ quadrature weights, probes × steps. */
    public static final String SLQ_WEIGHTS = SpectrumFiles.SLQ_WEIGHTS;
    /** The per-k table of {@code study outliers}. */
    public static final String OUTLIERS = OutliersFile.NAME;
    /** The configuration and provenance of a run. */
    public static final String RUN_JSON = RunInfo.NAME;

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
        return curves(file, SummaryFile.read(file));
    }

    private static RunSummary summarise(Path file) {
        return curves(file, Summary.of(TrajectoriesFile.read(file)));
    }

    private static RunSummary curves(Path file, List<Summary.Row> all) {
        Map<String, List<Summary.Row>> rows = new LinkedHashMap<>();
        for (Summary.Row row : all) {
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
    public List<ApproxStudy.Gap> gaps() {
        return GapsFile.read(dir.resolve(GAPS));
    }

    /**
     * Reads {@code slopes.csv} of study approx (per model) or study weak (per scheme).
     *
     * @return name → fitted slope, in file order (intercepts NaN: the file does not hold them)
     * @throws InvalidInputException when the file is missing or malformed
     */
    public Map<String, Slopes.Fit> slopes() {
        return SlopesFile.readFits(dir.resolve(SLOPES));
    }

    /**
     * @return the rows of {@code weak.csv} (study weak), in file order
     * @throws InvalidInputException when the file is missing or malformed
     */
    public List<WeakOrderStudy.Level> weakLevels() {
        return WeakFile.read(dir.resolve(WEAK));
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
        Optional<double[]> values = eig ? Optional.of(SpectrumFiles.vector(dir.resolve(EIGENVALUES))) : Optional.empty();
        double[] gx = new double[0];
        double[] gy = new double[0];
        if (slq) {
            SpectrumFiles.Density density = SpectrumFiles.readDensity(dir.resolve(DENSITY));
            gx = density.x();
            gy = density.density();
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
    public List<OutlierStudy.Spectrum> classSpectra() {
        return OutliersFile.read(dir);
    }

    /**
     * What {@code run.json} records about each method under {@value RunInfo#METHODS}: display name,
     * kind, whether it perturbs, its style, and its stability threshold where recorded. Directories written before these fields (the
     * description string alone, or no methods at all) give no entry for a method; a style that
     * does not parse is left out (the palette in order).
     *
     * @return label → what the method is, in file order; empty when nothing is recorded
     * @throws InvalidInputException when run.json is present but not valid JSON
     */
    public Map<String, MethodInfo> methods() {
        Map<String, MethodInfo> out = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = runInfo().path(RunInfo.METHODS).fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode m = e.getValue();
            if (!m.isObject() || !m.hasNonNull("display_name")) {
                continue;
            }
            out.put(e.getKey(), new MethodInfo(e.getKey(), m.get("display_name").asText(), m.path("perturbs").asBoolean(false),
                    "sde".equals(m.path("kind").asText()), appearance(m.path("style")), stability(m.path(RunInfo.STABILITY))));
        }
        return out;
    }

    /** The recorded threshold, or null where none is recorded or it does not parse. */
    private static Stability stability(JsonNode st) {
        if (!st.isObject() || !st.path("eta").isNumber() || !st.path("a").isNumber() || !st.path("b").isNumber()
                || !st.path("equation").isTextual()) {
            return null;
        }
        try {
            return new Stability(st.get("eta").asDouble(), st.get("a").asDouble(), st.get("b").asDouble(), st.get("equation").asText());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static Appearance appearance(JsonNode style) {
        if (!style.isObject() || !style.path("colour").canConvertToInt() || !style.path("dash").isTextual()) {
            return null;
        }
        try {
            return new Appearance(style.get("colour").asInt(), style.get("dash").asText());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * @return the contents of {@code run.json}, or an empty object when it is absent
     * @throws InvalidInputException when it is present but not valid JSON
     */
    public JsonNode runInfo() {
        return RunInfo.read(dir);
    }

    @Override
    public String toString() {
        return dir.toString();
    }
}
