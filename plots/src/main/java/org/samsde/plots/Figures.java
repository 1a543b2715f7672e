package org.samsde.plots;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import org.samsde.core.InvalidInputException;
import org.samsde.plots.data.Curve;
import org.samsde.plots.data.MethodInfo;
import org.samsde.core.hessian.Outliers;
import org.samsde.plots.data.RunDirectory;
import org.samsde.sde.artifact.FidelityFile;
import org.samsde.sde.study.ApproxStudy;
import org.samsde.sde.study.FidelityStudy;
import org.samsde.sde.study.OutlierStudy;
import org.samsde.sde.study.Slopes;
import org.samsde.sde.study.WeakOrderStudy;
import org.samsde.plots.data.RunSummary;
import org.samsde.plots.data.SpectrumData;
import org.samsde.plots.spec.Annotation;
import org.samsde.plots.spec.Axis;
import org.samsde.plots.spec.Band;
import org.samsde.plots.spec.Figure;
import org.samsde.plots.spec.Legend;
import org.samsde.plots.spec.Panel;
import org.samsde.plots.spec.Series;
import org.samsde.plots.spec.Style;

/**
 * The toolkit's five figures, built as specs from run directories (several directories are
 * combined into one figure; a method found in two of them is labelled with its directory's name).
 * Every factory reads files only; {@link #writeDefault} is what the commands call to leave
 * {@code figure.png} and {@code figure.svg} next to their records.
 */
public final class Figures {
    /** The x-axis label of every training-curve panel. */
    public static final String STEP_LABEL = "step k";
    /** The y-axis label of the alignment panel. */
    public static final String ALIGNMENT_LABEL = "|cos(ε, v₁)|";
    /** The y-axis label of λ_max panels. */
    public static final String LAMBDA_LABEL = "λₘₐₓ(∇²f(x))";
    /** The file name (without extension) of the figures written into run directories. */
    public static final String DEFAULT_NAME = "figure";
    /**
     * The width of every figure built here, in pixels at scale 1: the figures a command writes
     * together (figure.png, noise.png, alignment.png) share one size.
     */
    public static final int WIDTH = 1200;
    /** The height of every figure built here (a study of many class counts grows taller). */
    public static final int HEIGHT = 780;
    /** t₀.₉₇₅ with one degree of freedom: a 95% t-interval from 2 seeds is this many standard errors wide on each side. */
    static final double T_TWO_SEEDS = 12.706204736174704;

    /**
     * A column of summary.csv drawn as a panel: its title, y label (with units) and the range the
     * quantity lives in; bands are intersected with that range (a 95% interval of a norm does not
     * go below 0). λ_max has no such range: the top eigenvalue of a Hessian is negative where the
     * loss is locally concave, so its bands are not clipped (the note says so where one goes
     * below 0).
     */
    private record Metric(String column, String title, String yLabel, double floor, double ceiling) {
    }

    private static final double NONE = Double.NaN;

    private static final List<Metric> COMPARE = List.of(
            new Metric("train_loss", "Train loss", "f(x), training set", 0, NONE),
            new Metric("test_loss", "Test loss", "loss on the test set", 0, NONE),
            new Metric("test_acc", "Test accuracy", "accuracy (fraction correct)", 0, 1),
            new Metric("norm", "Parameter norm", "‖x‖", 0, NONE),
            new Metric("grad_norm", "Gradient norm", "‖∇f(x)‖, full batch", 0, NONE),
            new Metric("lambda_max", "Top Hessian eigenvalue", LAMBDA_LABEL, NONE, NONE));

    private static final Metric ALIGNMENT = new Metric("alignment", "Alignment of the perturbation with v₁", ALIGNMENT_LABEL, 0, 1);

    private static final Style.Marker[] MARKERS = {Style.Marker.CIRCLE, Style.Marker.SQUARE, Style.Marker.DIAMOND,
        Style.Marker.TRIANGLE};

    private Figures() {
    }

    /**
     * @param column a metric column of the records (e.g. {@code test_acc})
     * @return its name for labels (e.g. "test accuracy"); an unknown column with its underscores as spaces
     */
    static String quantity(String column) {
        return switch (column) {
            case "train_loss" -> "train loss";
            case "test_loss" -> "test loss";
            case "test_acc" -> "test accuracy";
            case "norm" -> "parameter norm ‖x‖";
            case "grad_norm" -> "gradient norm ‖∇f(x)‖";
            case "lambda_max" -> "λ_max";
            case "alignment" -> "alignment |cos(ε, v₁)|";
            case "align_sq" -> "alignment cos²(ε, v₁)";
            case "noise_ratio" -> "noise ratio r";
            case "drift_bias" -> "plug-in drift error";
            default -> column.replace('_', ' ');
        };
    }

    /**
     * @param column a metric column of the records
     * @return the range its values live in, {floor, ceiling} (NaN: open): [0, 1] for accuracies
     *     and alignments, [0, ∞) for losses, norms and ratios, unbounded for λ_max and unknown columns
     */
    static double[] domain(String column) {
        return switch (column) {
            case "test_acc", "alignment", "align_sq" -> new double[] {0, 1};
            case "train_loss", "test_loss", "norm", "grad_norm", "noise_ratio", "drift_bias" -> new double[] {0, NONE};
            default -> new double[] {NONE, NONE};
        };
    }

    /** One method's curves from one directory, with what it is, its legend name and style. */
    private record Entry(String method, MethodInfo info, String name, Style style, RunSummary summary) {
        Curve curve(String metric) {
            return summary.curve(method, metric);
        }

        boolean has(String metric) {
            return summary.has(method, metric);
        }
    }

    /**
     * Builds a figure from directories.
     *
     * @param kind which figure
     * @param dirs the run directories, at least one
     * @return the spec
     * @throws InvalidInputException when a directory or a file the figure needs is missing or malformed
     */
    public static Figure of(FigureKind kind, List<Path> dirs) {
        if (dirs.isEmpty()) {
            throw new InvalidInputException("a figure needs at least one input directory");
        }
        List<RunDirectory> runs = dirs.stream().map(RunDirectory::open).toList();
        return switch (kind) {
            case COMPARE -> compare(runs);
            case ALIGNMENT -> alignment(runs);
            case SPECTRUM -> spectrum(runs);
            case APPROX -> approx(runs);
            case LOSSES -> losses(runs);
            case FIDELITY -> fidelity(runs);
            case NOISE -> noise(runs);
        };
    }

    /**
     * Draws a run directory's own figure into it as {@code figure.png} and {@code figure.svg}.
     *
     * @param runDir the directory a command has just written
     * @param kind the figure that suits the command (COMPARE for train, sde and compare;
     *     SPECTRUM for spectrum; APPROX for study approx and study weak)
     * @return the files written
     * @throws IOException when a file cannot be written
     * @throws InvalidInputException when the directory lacks the files the figure needs
     */
    public static List<Path> writeDefault(Path runDir, FigureKind kind) throws IOException {
        return write(runDir, kind, DEFAULT_NAME);
    }

    /**
     * Draws one of a run directory's figures into it as {@code NAME.png} and {@code NAME.svg}.
     *
     * @param runDir the directory a command has just written
     * @param kind the figure
     * @param name the file name without extension
     * @return the files written
     * @throws IOException when a file cannot be written
     * @throws InvalidInputException when the directory lacks the files the figure needs
     */
    public static List<Path> write(Path runDir, FigureKind kind, String name) throws IOException {
        Figure f = of(kind, List.of(runDir));
        List<Path> written = new ArrayList<>();
        for (XChartRenderer.Format format : List.of(XChartRenderer.Format.PNG, XChartRenderer.Format.SVG)) {
            Path file = runDir.resolve(name + "." + format.extension());
            XChartRenderer.write(f, file, 1.0);
            written.add(file);
        }
        return written;
    }

    // ---------------------------------------------------------------- figure 1

    /**
     * Figure 1, the SDE comparison: six panels (train loss, test loss, test accuracy, ‖x‖,
     * ‖∇f‖, λ_max) against step, one line per method with its 95% band across seeds, a shared
     * x range and legend, log y where a panel's means span two decades.
     *
     * @param dirs directories with summary.csv or trajectories.csv
     * @return the spec
     */
    public static Figure compare(List<RunDirectory> dirs) {
        List<Entry> entries = entries(dirs);
        Axis x = Axis.linear(STEP_LABEL).withRange(0, maxStep(entries));
        Notes notes = new Notes();
        List<Panel> panels = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (Metric m : COMPARE) {
            Panel p = metricPanel(entries, m, x, notes);
            if (p.series().isEmpty()) {
                missing.add(m.title());
            } else {
                panels.add(p);
            }
        }
        if (panels.isEmpty()) {
            throw new InvalidInputException("compare figure: no metric recorded in " + names(dirs));
        }
        boolean sdes = entries.stream().anyMatch(e -> e.info().sde());
        String title = (sdes ? "Discrete SAM and its SDE models" : "Training curves") + divergedTitle(dirs);
        String omitted = missing.isEmpty() ? "" : " Not drawn (not recorded in these runs): " + String.join(", ", missing) + ".";
        return new Figure(title, panels, Math.min(3, panels.size()), WIDTH, HEIGHT, true,
                bandNote(entries) + notes + omitted + provenance(dirs));
    }

    /**
     * The regime of a mini-batch run, beside figure 1: the noise ratio r = √tr Σ_B/‖∇f‖ of every
     * method over training (where r is small, linearisations in the batch fluctuation hold), and,
     * for solvers with a plug-in drift, the estimated relative error of their drift's ρ terms.
     *
     * @param dirs directories of train, sde or compare runs, combined
     * @return the spec
     * @throws InvalidInputException when no run recorded a noise ratio (full-batch runs have none)
     */
    public static Figure noise(List<RunDirectory> dirs) {
        List<Entry> entries = entries(dirs).stream().filter(e -> e.has("noise_ratio")).toList();
        if (entries.stream().noneMatch(e -> e.curve("noise_ratio").measured())) {
            throw new InvalidInputException("noise figure: no run in " + names(dirs) + " recorded a noise ratio (full-batch runs have none)");
        }
        Axis x = Axis.linear(STEP_LABEL).withRange(0, maxStep(entries));
        Notes notes = new Notes();
        List<Panel> panels = new ArrayList<>();
        panels.add(metricPanel(entries, new Metric("noise_ratio", "Noise ratio", "r = √tr Σ_B / ‖∇f(x)‖", 0, NONE), x, notes));
        List<Entry> biased = entries.stream().filter(e -> e.has("drift_bias") && e.curve("drift_bias").measured()).toList();
        if (!biased.isEmpty()) {
            panels.add(metricPanel(biased, new Metric("drift_bias", "Plug-in drift: estimated error", "relative error of the ρ terms", 0,
                    NONE), x, notes));
        }
        return new Figure("Noise regime" + divergedTitle(dirs), panels, panels.size(), WIDTH, HEIGHT, true, bandNote(entries) + notes
                + " r from 8 fresh batches per record." + provenance(dirs));
    }

    // ---------------------------------------------------------------- figure 2

    /**
     * Figure 2, alignment and sharpness: left, |cos(ε, v₁)| between the perturbation of each
     * perturbing method (SAM, Eigen-SAM, …) and the top Hessian eigenvector, with its 95% band
     * (intersected with [0, 1]); right, λ_max against step for every method.
     *
     * @param dirs directories of train runs (e.g. sgd, sam and eigen-sam), combined
     * @return the spec
     * @throws InvalidInputException when no directory holds a perturbing method with a measured alignment
     */
    public static Figure alignment(List<RunDirectory> dirs) {
        List<Entry> entries = entries(dirs);
        List<Entry> perturbing = entries.stream()
                .filter(e -> e.info().perturbs() && e.curve("alignment").measured()).toList();
        if (perturbing.isEmpty()) {
            List<String> all = entries.stream().map(Entry::method).distinct().toList();
            List<String> declared = entries.stream().filter(e -> e.info().perturbs()).map(Entry::method).distinct().toList();
            throw new InvalidInputException("alignment figure: no run of a perturbing method with a measured alignment in " + names(dirs)
                    + " (methods: " + String.join(", ", all) + "; perturbing: " + (declared.isEmpty() ? "none" : String.join(", ", declared))
                    + "; was it run with --no-hessian?)");
        }
        Axis x = Axis.linear(STEP_LABEL).withRange(0, maxStep(entries));
        Notes notes = new Notes();
        Panel left = metricPanel(perturbing, ALIGNMENT, x, notes);
        left = new Panel(left.title(), left.xAxis(), left.yAxis().withRange(0, 1), left.series(), left.bands(),
                left.annotations(), left.legend());
        List<Panel> panels = new ArrayList<>(List.of(left));
        Panel right = metricPanel(entries, new Metric("lambda_max", "Sharpness", LAMBDA_LABEL, NONE, NONE), x, notes);
        String omitted = "";
        if (right.series().isEmpty()) {
            omitted = " Not drawn (not recorded in these runs): λ_max.";
        } else {
            panels.add(right);
        }
        return new Figure("Alignment and sharpness" + divergedTitle(dirs), panels, panels.size(), WIDTH, HEIGHT, true,
                bandNote(entries) + notes + omitted + " ε is the method's perturbation, v₁ the top eigenvector of ∇²f(x)." + provenance(dirs));
    }

    // ---------------------------------------------------------------- figure 5

    /**
     * Figure 5, losses: train and test loss against step for every method found (SAM,
     * Reverse-SAM and EGR in the paper's comparison), with 95% bands.
     *
     * @param dirs directories of train runs, combined
     * @return the spec
     */
    public static Figure losses(List<RunDirectory> dirs) {
        List<Entry> entries = entries(dirs);
        Axis x = Axis.linear(STEP_LABEL).withRange(0, maxStep(entries));
        Notes notes = new Notes();
        List<Panel> panels = List.of(metricPanel(entries, COMPARE.get(0), x, notes), metricPanel(entries, COMPARE.get(1), x, notes));
        String title = "Loss: " + String.join(", ", entries.stream().map(Entry::name).toList()) + divergedTitle(dirs);
        return new Figure(title, panels, 2, WIDTH, HEIGHT, true, bandNote(entries) + notes + provenance(dirs));
    }

    // ---------------------------------------------------------------- fidelity

    /** The legend name of the points whose error is at or below its Monte Carlo floor. */
    static final String UNRESOLVED = "error at or below its floor (0 included): drawn at the floor";
    /** The legend name of the floor line where every estimator has the same floor. */
    static final String FLOOR = "Monte Carlo floor";

    /**
     * The fidelity of the SDE estimators: per estimator pair (and step size Δt = η/m, where a study
     * measured several), the relative error of one step's mean (left) and covariance (right) against
     * the model's exact moments, over the noise ratio r of the points, on log-log axes. An error at
     * or below its Monte Carlo floor (among them errors that came out as 0 once the Monte Carlo bias
     * was removed) cannot be drawn at its value on a log axis and is not resolved: it is drawn at
     * its floor and crossed out (×), in a series of its own. The floors, which differ a little
     * between estimators, are one grey band from the lowest to the highest at each point (one grey
     * line where they agree), not a band per estimator.
     *
     * @param dirs directories written by {@code samsde study fidelity}
     * @return the spec
     */
    public static Figure fidelity(List<RunDirectory> dirs) {
        List<Series> mean = new ArrayList<>();
        List<Series> cov = new ArrayList<>();
        List<double[]> meanOpen = new ArrayList<>();
        List<double[]> covOpen = new ArrayList<>();
        List<Band> meanFloors = new ArrayList<>();
        List<Band> covFloors = new ArrayList<>();
        List<Series> meanFloorLines = new ArrayList<>();
        List<Series> covFloorLines = new ArrayList<>();
        List<String> sources = new ArrayList<>();
        int order = 0;
        for (RunDirectory dir : dirs) {
            Path file = dir.path().resolve(FidelityFile.NAME);
            Map<String, List<FidelityStudy.Row>> byEstimator = new LinkedHashMap<>();
            List<FidelityStudy.Row> all = FidelityFile.read(file);
            boolean stepSizes = all.stream().mapToInt(FidelityStudy.Row::substeps).distinct().count() > 1;
            for (FidelityStudy.Row r : all) {
                String key = stepSizes ? r.estimator() + (r.substeps() == 1 ? ", Δt = η" : ", Δt = η/" + r.substeps()) : r.estimator();
                byEstimator.computeIfAbsent(key, k -> new ArrayList<>()).add(r);
            }
            for (Map.Entry<String, List<FidelityStudy.Row>> e : byEstimator.entrySet()) {
                List<FidelityStudy.Row> rows = new ArrayList<>(e.getValue());
                rows.sort((a, b) -> Double.compare(a.noiseRatio(), b.noiseRatio()));
                String name = dirs.size() > 1 ? e.getKey() + " [" + dir.name() + "]" : e.getKey();
                Style style = Style.line(order % Palette.SIZE, Style.Dash.values()[order % Style.Dash.values().length])
                        .withMarker(MARKERS[order % MARKERS.length]);
                double[] r = rows.stream().mapToDouble(FidelityStudy.Row::noiseRatio).toArray();
                mean.add(new Series(name, r, rows.stream().mapToDouble(x -> Math.max(x.meanError(), x.meanFloor())).toArray(), style));
                cov.add(new Series(name, r, rows.stream().mapToDouble(x -> Math.max(x.covError(), x.covFloor())).toArray(), style));
                for (FidelityStudy.Row row : rows) {
                    if (!(row.meanError() > row.meanFloor())) {
                        meanOpen.add(new double[] {row.noiseRatio(), row.meanFloor()});
                    }
                    if (!(row.covError() > row.covFloor())) {
                        covOpen.add(new double[] {row.noiseRatio(), row.covFloor()});
                    }
                }
                order++;
            }
            String suffix = dirs.size() > 1 ? " [" + dir.name() + "]" : "";
            floors(all, FidelityStudy.Row::meanFloor, FLOOR + suffix, meanFloors, meanFloorLines);
            floors(all, FidelityStudy.Row::covFloor, FLOOR + suffix, covFloors, covFloorLines);
            sources.add(describe(dir));
        }
        // black (palette index 3), to stand out on the estimators' coloured markers
        Style cross = new Style(3, Style.Dash.SOLID, Style.Marker.CROSS, Style.Render.POINTS);
        if (!meanOpen.isEmpty()) {
            mean.add(points(UNRESOLVED, meanOpen, cross));
        }
        if (!covOpen.isEmpty()) {
            cov.add(points(UNRESOLVED, covOpen, cross));
        }
        mean.addAll(meanFloorLines);
        cov.addAll(covFloorLines);
        Axis x = Axis.log("noise ratio r = √tr Σ_B / ‖∇f‖");
        Panel left = new Panel("Drift: error of the step's mean", x, Axis.log("relative error of the ρ terms"), mean, meanFloors,
                List.of(), Legend.HIDDEN);
        Panel right = new Panel("Noise: error of the step's covariance", x, Axis.log("relative error of the ρ part"), cov, covFloors,
                List.of(), Legend.HIDDEN);
        return new Figure("Estimators against the model as defined", List.of(left, right), 2, WIDTH, HEIGHT, true,
                "Errors relative to what the ρ terms add to SGD's drift and covariance. Grey: the Monte Carlo floors of the estimators,"
                        + " shaded from the lowest to the highest at each point (an error within about twice its floor is not resolved)."
                        + " ×: an error at or below its floor, among them errors that came out as 0 once the Monte Carlo bias was removed,"
                        + " drawn at the floor: the error is somewhere below it. " + String.join("; ", sources));
    }

    /**
     * The floors of one directory: a grey band from the lowest to the highest estimator's floor at
     * each noise ratio, or a grey line (listed) where they all agree.
     */
    private static void floors(List<FidelityStudy.Row> rows, java.util.function.ToDoubleFunction<FidelityStudy.Row> floor, String name,
                               List<Band> bands, List<Series> lines) {
        java.util.TreeMap<Double, double[]> range = new java.util.TreeMap<>();
        for (FidelityStudy.Row r : rows) {
            double f = floor.applyAsDouble(r);
            range.merge(r.noiseRatio(), new double[] {f, f}, (a, b) -> new double[] {Math.min(a[0], b[0]), Math.max(a[1], b[1])});
        }
        double[] x = range.keySet().stream().mapToDouble(Double::doubleValue).toArray();
        double[] lo = range.values().stream().mapToDouble(v -> v[0]).toArray();
        double[] hi = range.values().stream().mapToDouble(v -> v[1]).toArray();
        boolean equal = true;
        for (int i = 0; i < x.length; i++) {
            equal &= hi[i] - lo[i] <= 1e-12 * Math.abs(hi[i]);
        }
        if (equal) {
            lines.add(new Series(name, x, hi, Style.reference(Style.Dash.DASHED)));
        } else {
            bands.add(new Band(name, x, lo, hi, Style.GREY));
        }
    }

    /** Points sorted by x, as a series of markers. */
    private static Series points(String name, List<double[]> pts, Style style) {
        List<double[]> sorted = new ArrayList<>(pts);
        sorted.sort((a, b) -> Double.compare(a[0], b[0]));
        return new Series(name, sorted.stream().mapToDouble(p -> p[0]).toArray(), sorted.stream().mapToDouble(p -> p[1]).toArray(), style);
    }

    // ---------------------------------------------------------------- figure 3

    /**
     * Figure 3, the Hessian spectrum on a log density axis: a histogram of the eigenvalues
     * (eigenvalues.npy) and/or the SLQ density (density.csv), with the outliers of
     * {@link Outliers} marked and counted. Eigenvalues that are fewer than d (the top or bottom k
     * of Lanczos or power iteration) are not a spectrum: they get a panel of their own, λᵢ against
     * rank i, with neither histogram nor outlier count (the bulk was not computed).
     *
     * @param dirs directories written by {@code samsde spectrum}, overlaid
     * @return the spec
     */
    public static Figure spectrum(List<RunDirectory> dirs) {
        List<Series> series = new ArrayList<>();
        List<Annotation> notes = new ArrayList<>();
        List<String> sources = new ArrayList<>();
        List<Panel> perClass = new ArrayList<>();
        int order = 0;
        for (RunDirectory dir : dirs) {
            String prefix = dirs.size() > 1 ? dir.name() + ": " : "";
            if (dir.has(RunDirectory.OUTLIERS)) {
                // study outliers: one panel per class count, each on its own eigenvalue range
                for (OutlierStudy.Spectrum c : dir.classSpectra()) {
                    List<Series> own = new ArrayList<>();
                    histogram(own, "", c.eigenvalues(), c.outliers(), 0, false);
                    perClass.add(spectrumPanel(prefix + "k = " + c.classes() + " classes", own,
                            List.of(new Annotation(outlierText(c.outliers(), c.dimension(), ""), Annotation.Corner.TOP_RIGHT))));
                }
                sources.add(describe(dir));
                continue;
            }
            SpectrumData s = dir.spectrum();
            if (s.eigenvalues().isPresent() && s.dimension() > s.eigenvalues().get().length) {
                perClass.add(extremePanel(prefix, s, dir.runInfo()));
            } else if (s.eigenvalues().isPresent()) {
                double[] ev = s.eigenvalues().get();
                Outliers.Split split = Outliers.split(ev);
                histogram(series, prefix, ev, split.count(), order, true);
                notes.add(new Annotation(prefix + outlierText(split.count(), ev.length, edgeText(split)), Annotation.Corner.TOP_RIGHT));
            }
            if (s.hasDensity()) {
                series.add(new Series(prefix + "SLQ density", s.densityX(), floored(s.density(), 1e-8),
                        Style.line(order + 1, Style.Dash.SOLID)));
                if (s.nodes().length > 0 && s.eigenvalues().isEmpty()) {
                    Outliers.Split split = Outliers.fromQuadrature(s.nodes(), s.probes());
                    notes.add(new Annotation(prefix + outlierText(split.count(), s.dimension(), edgeText(split)) + ", from SLQ",
                            Annotation.Corner.TOP_RIGHT));
                }
            }
            sources.add(describe(dir));
            order += 2;
        }
        List<Panel> panels = new ArrayList<>();
        if (!series.isEmpty()) {
            panels.add(spectrumPanel("", series, notes));
        }
        boolean spectra = !series.isEmpty() || perClass.stream().anyMatch(p -> p.yAxis().log());
        boolean histograms = perClass.stream().anyMatch(p -> p.yAxis().log())
                || series.stream().anyMatch(x -> x.style().render() == Style.Render.STEP);
        panels.addAll(perClass);
        int columns = Math.min(3, panels.size());
        int rows = (panels.size() + columns - 1) / columns;
        String title = spectra ? "Hessian spectrum: bulk and outliers" : "Extreme eigenvalues of the Hessian";
        return new Figure(title, panels, columns, WIDTH, Math.max(HEIGHT, 140 + 380 * rows), true,
                (spectra ? "Outliers: the eigenvalues above the widest relative gap at the top of the spectrum (gaps inside the bulk, "
                        + "below the median |λ|, excluded). " : "")
                        + (histograms ? "Empty bins are drawn at a tenth of the lowest bar's density. " : "")
                        + String.join("; ", sources));
    }

    /** The k extreme eigenvalues of a Lanczos or power run: λᵢ against rank i, as points, and what was not computed. */
    private static Panel extremePanel(String prefix, SpectrumData s, JsonNode run) {
        double[] ev = s.eigenvalues().orElseThrow();
        int k = ev.length;
        boolean bottom = "bottom".equals(run.path("which").asText("top"));
        String method = run.path("method").asText("");
        double[] rank = new double[k];
        Arrays.setAll(rank, i -> i + 1);
        String which = (bottom ? "bottom " : "top ") + k;
        Series points = new Series(prefix + which + " of " + s.dimension() + " eigenvalues" + (method.isEmpty() ? "" : " (" + method + ")"),
                rank, ev, new Style(0, Style.Dash.SOLID, Style.Marker.CIRCLE, Style.Render.POINTS));
        Annotation a = new Annotation("the other " + (s.dimension() - k) + " were not computed: no histogram, no outlier count",
                Annotation.Corner.BOTTOM_LEFT);
        return new Panel(prefix + (bottom ? "Bottom " : "Top ") + k + " of d = " + s.dimension() + " eigenvalues",
                Axis.linear(bottom ? "rank i from the bottom" : "rank i").withRange(0.5, k + 0.5), Axis.linear("eigenvalue λᵢ of ∇²f(x)"),
                List.of(points), List.of(), List.of(a), Legend.HIDDEN);
    }

    private static Panel spectrumPanel(String title, List<Series> series, List<Annotation> notes) {
        return new Panel(title, Axis.linear("eigenvalue λ of ∇²f(x)"), Axis.log("density (log scale)"), series, List.of(), notes,
                Legend.HIDDEN);
    }

    private static String outlierText(int count, int d, String edge) {
        return count + " outlier" + (count == 1 ? "" : "s") + edge + ", bulk of " + (d - count);
    }

    private static String edgeText(Outliers.Split split) {
        return split.count() == 0 ? "" : " (λ > " + fmt(split.edge()) + ")";
    }

    /**
     * Adds the histogram (a step line, empty bins at a floor) and markers on the top {@code outliers}
     * eigenvalues, named with their counts or, for panels that share one legend, without.
     */
    private static void histogram(List<Series> out, String prefix, double[] ev, int outliers, int order, boolean counts) {
        double[] v = Arrays.stream(ev).filter(Double::isFinite).toArray();
        if (v.length == 0) {
            throw new InvalidInputException(prefix + "eigenvalues: no finite values");
        }
        double lo = Arrays.stream(v).min().orElseThrow();
        double hi = Arrays.stream(v).max().orElseThrow();
        int bins = Math.max(20, Math.min(120, (int) Math.round(2 * Math.sqrt(v.length))));
        double width = hi > lo ? (hi - lo) / bins : Math.max(Math.abs(lo), 1.0) * 1e-3;
        double[] density = new double[bins];
        for (double e : v) {
            density[bin(e, lo, width, bins)] += 1.0 / (v.length * width);
        }
        // the outline of the bars: up from the floor at the left edge, across each bin, down to the
        // floor at the right edge (without the two ends the first and last bars hang in the air)
        double minPositive = Arrays.stream(density).filter(d -> d > 0).min().orElse(1);
        double floor = minPositive / 10;
        double[] x = new double[bins + 3];
        double[] y = new double[bins + 3];
        x[0] = lo;
        y[0] = floor;
        for (int b = 0; b <= bins; b++) {
            double bar = density[Math.min(b, bins - 1)];
            x[b + 1] = lo + b * width;
            y[b + 1] = bar == 0 ? floor : bar;
        }
        x[bins + 2] = lo + bins * width;
        y[bins + 2] = floor;
        out.add(new Series(prefix + (counts ? "histogram of all " + v.length + " eigenvalues" : "eigenvalue histogram"), x, y,
                new Style(order, Style.Dash.values()[(order / 2) % Style.Dash.values().length], Style.Marker.NONE, Style.Render.STEP)));
        if (outliers > 0) {
            double[] sorted = Arrays.stream(v).sorted().toArray();
            double[] ox = Arrays.copyOfRange(sorted, sorted.length - Math.min(outliers, sorted.length), sorted.length);
            double[] oy = new double[ox.length];
            for (int i = 0; i < ox.length; i++) {
                oy[i] = density[bin(ox[i], lo, width, bins)];
            }
            out.add(new Series(prefix + (counts ? "outliers (" + ox.length + ")" : "outliers"), ox, oy,
                    new Style(order + 1, Style.Dash.SOLID, MARKERS[(order / 2) % MARKERS.length], Style.Render.POINTS)));
        }
    }

    private static int bin(double e, double lo, double width, int bins) {
        return Math.max(0, Math.min(bins - 1, (int) ((e - lo) / width)));
    }

    /** Raises values below fraction·max to that floor, so a log axis shows the bulk, not 1e-300 tails. */
    private static double[] floored(double[] y, double fraction) {
        double max = Arrays.stream(y).filter(Double::isFinite).max().orElse(1);
        double floor = max * fraction;
        double[] out = y.clone();
        for (int i = 0; i < out.length; i++) {
            if (!(out[i] >= floor)) {
                out[i] = floor;
            }
        }
        return out;
    }

    // ---------------------------------------------------------------- figure 4

    /**
     * Figure 4, approximation order on log-log axes: for {@code study approx} directories the
     * gap against η per model, for {@code study weak} directories the weak error against Δt per
     * scheme; fitted slopes (± standard error) in the legend; reference slopes drawn in grey
     * (1 and 2/3 for approx, 1 and 2 for weak).
     *
     * @param dirs directories written by {@code samsde study approx} or {@code study weak}
     * @return the spec
     */
    public static Figure approx(List<RunDirectory> dirs) {
        List<Series> series = new ArrayList<>();
        List<Band> bands = new ArrayList<>();
        Set<String> used = new LinkedHashSet<>();
        boolean weak = false;
        boolean gaps = false;
        List<String> sources = new ArrayList<>();
        int order = 0;
        double xMin = Double.POSITIVE_INFINITY;
        double xMax = 0;
        double yAtMin = Double.POSITIVE_INFINITY;
        for (RunDirectory dir : dirs) {
            Map<String, Slopes.Fit> slopes = dir.has(RunDirectory.SLOPES) ? dir.slopes() : Map.of();
            Map<String, MethodInfo> recorded = dir.methods();
            Map<String, List<double[]>> rows = new LinkedHashMap<>();
            if (dir.has(RunDirectory.GAPS)) {
                gaps = true;
                for (ApproxStudy.Gap g : dir.gaps()) {
                    rows.computeIfAbsent(g.model(), k -> new ArrayList<>()).add(new double[] {g.eta(), g.gap(), g.halfWidth()});
                }
            } else if (dir.has(RunDirectory.WEAK)) {
                weak = true;
                for (WeakOrderStudy.Level l : dir.weakLevels()) {
                    rows.computeIfAbsent(l.scheme(), k -> new ArrayList<>()).add(new double[] {l.dt(), l.error(), 1.96 * l.stderr()});
                }
            } else {
                throw new InvalidInputException(dir + ": neither " + RunDirectory.GAPS + " nor " + RunDirectory.WEAK
                        + " (not a directory written by samsde study)");
            }
            for (Map.Entry<String, List<double[]>> e : rows.entrySet()) {
                List<double[]> pts = new ArrayList<>(e.getValue());
                pts.sort((a, b) -> Double.compare(a[0], b[0]));
                String key = e.getKey();
                MethodInfo info = Methods.of(key, recorded);
                String name = modelName(key, info) + slopeText(slopes.get(key));
                if (!used.add(name)) {
                    name = name + " [" + dir.name() + "]";
                    used.add(name);
                }
                double[] x = pts.stream().mapToDouble(p -> p[0]).toArray();
                double[] y = pts.stream().mapToDouble(p -> p[1]).toArray();
                double[] hw = pts.stream().mapToDouble(p -> p[2]).toArray();
                Style style = Methods.style(info, order).withMarker(MARKERS[order % MARKERS.length]);
                series.add(new Series(name, x, y, style));
                if (Arrays.stream(hw).anyMatch(h -> h > 0)) {
                    double[] lo = new double[x.length];
                    double[] hi = new double[x.length];
                    for (int i = 0; i < x.length; i++) {
                        lo[i] = y[i] - hw[i];
                        hi[i] = y[i] + hw[i];
                    }
                    bands.add(new Band(name, x, lo, hi, style.colour()));
                }
                for (int i = 0; i < x.length; i++) {
                    if (x[i] > 0 && y[i] > 0) {
                        if (x[i] < xMin || (x[i] == xMin && y[i] < yAtMin)) {
                            yAtMin = x[i] < xMin ? y[i] : Math.min(yAtMin, y[i]);
                            xMin = x[i];
                        }
                        xMax = Math.max(xMax, x[i]);
                    }
                }
                order++;
            }
            sources.add(describe(dir));
        }
        if (weak && gaps) {
            throw new InvalidInputException("approx figure: " + names(dirs)
                    + " mix study approx (gaps.csv) and study weak (weak.csv) directories; plot them separately");
        }
        if (xMax > xMin) {
            double[][] refs = weak ? new double[][] {{1, 1}, {2, 1}} : new double[][] {{1, 1}, {2, 3}};
            Style.Dash[] dashes = {Style.Dash.DASHED, Style.Dash.DOTTED};
            for (int r = 0; r < refs.length; r++) {
                double slope = refs[r][0] / refs[r][1];
                double y0 = yAtMin / 2;
                String label = "reference slope " + (refs[r][1] == 1 ? fmtInt(refs[r][0]) : fmtInt(refs[r][0]) + "/" + fmtInt(refs[r][1]));
                series.add(new Series(label, new double[] {xMin, xMax},
                        new double[] {y0, y0 * Math.pow(xMax / xMin, slope)}, Style.reference(dashes[r])));
            }
        }
        String xLabel = weak ? "step Δt" : "learning rate η";
        String yLabel = weak ? "weak error |E φ(X_T) − exact|" : "gap maxₖ |E φ(xₖ) − E φ(X(kη))|";
        Panel p = new Panel("", Axis.log(xLabel), Axis.log(yLabel), series, bands, List.of(), Legend.HIDDEN);
        String title = weak ? "Weak order of the integrators" : "Approximation order: SAM against its SDE models";
        String fit = weak ? "log weak error against log Δt" : "log gap against log η";
        return new Figure(title, List.of(p), 1, WIDTH, HEIGHT, true,
                "Legend: least-squares slope of " + fit + " ± its standard error. " + String.join("; ", sources));
    }

    private static String modelName(String key, MethodInfo info) {
        return switch (key) {
            case "euler" -> "Euler–Maruyama";
            case "richardson" -> "Richardson extrapolation";
            default -> info.displayName();
        };
    }

    private static String slopeText(Slopes.Fit s) {
        if (s == null || !Double.isFinite(s.slope())) {
            return "";
        }
        return String.format(Locale.ROOT, ": slope %.2f ± %.2f", s.slope(), Double.isFinite(s.stderr()) ? s.stderr() : 0.0);
    }

    // ---------------------------------------------------------------- shared pieces

    /** The methods of all directories, in order; a repeated method is labelled with its directory. */
    private static List<Entry> entries(List<RunDirectory> dirs) {
        if (dirs.isEmpty()) {
            throw new InvalidInputException("a figure needs at least one input directory");
        }
        Map<String, Integer> seen = new HashMap<>();
        List<Entry> out = new ArrayList<>();
        List<RunSummary> summaries = dirs.stream().map(RunDirectory::summary).toList();
        List<Map<String, MethodInfo>> recorded = dirs.stream().map(RunDirectory::methods).toList();
        for (RunSummary s : summaries) {
            for (String m : s.methods()) {
                seen.merge(m, 1, Integer::sum);
            }
        }
        Map<String, Integer> repeat = new HashMap<>();
        int order = 0;
        for (int i = 0; i < dirs.size(); i++) {
            for (String m : summaries.get(i).methods()) {
                MethodInfo info = Methods.of(m, recorded.get(i));
                String name = info.displayName();
                Style style = Methods.style(info, order);
                if (seen.get(m) > 1) {
                    name = name + " [" + dirs.get(i).name() + "]";
                    int k = repeat.merge(m, 1, Integer::sum);
                    if (k > 1) {
                        style = Style.line((style.colour() + k) % Palette.SIZE, Style.Dash.values()[k % Style.Dash.values().length]);
                    }
                }
                out.add(new Entry(m, info, name, style, summaries.get(i)));
                order++;
            }
        }
        return out;
    }

    /** What the panels of a figure found that its note must say, each said once. */
    private static final class Notes {
        private final Set<String> lines = new LinkedHashSet<>();

        void add(String line) {
            lines.add(line);
        }

        @Override
        public String toString() {
            return lines.isEmpty() ? "" : " " + String.join(" ", lines);
        }
    }

    /**
     * A panel of one metric: a line per method with a measured curve, its band under it; no legend of
     * its own; no series when no method measured it (the caller leaves such a panel out and says so).
     * Bands follow {@link #band}; a band left out where it covers the whole range says so in a corner.
     */
    private static Panel metricPanel(List<Entry> entries, Metric m, Axis x, Notes notes) {
        List<Series> series = new ArrayList<>();
        List<Band> bands = new ArrayList<>();
        List<double[]> means = new ArrayList<>();
        List<Annotation> corner = new ArrayList<>();
        for (Entry e : entries) {
            Curve c = e.curve(m.column());
            if (!c.measured()) {
                continue;
            }
            series.add(new Series(e.name(), c.step(), c.mean(), e.style()));
            means.add(c.mean());
            Series threshold = "lambda_max".equals(m.column()) ? stabilityThreshold(e, c.step()) : null;
            if (threshold != null) {
                series.add(threshold);
                means.add(threshold.y());
                notes.add("Lines named \"…: stability threshold\" (dotted, in the method's colour): its linear-stability threshold on a quadratic at the run's η and ρ (docs/stability.md).");
            }
            double[][] lh = band(c, m.floor(), m.ceiling());
            double[] lo = lh[0];
            double[] hi = lh[1];
            if (lh[2][0] > 0 && corner.isEmpty()) {
                corner.add(new Annotation("no band where the 95% interval covers all of [" + fmtInt(m.floor()) + ", " + fmtInt(m.ceiling())
                        + "]", Annotation.Corner.TOP_LEFT));
            }
            if (Double.isNaN(m.floor())) {
                for (int i = 0; i < lo.length; i++) {
                    if (lo[i] < 0 && c.mean()[i] >= 0) {
                        notes.add("λ_max bands are not clipped at 0: the top eigenvalue of a Hessian is negative where the loss is"
                                + " locally concave.");
                        break;
                    }
                }
            }
            if (Arrays.stream(lo).anyMatch(Double::isFinite)) {
                bands.add(new Band(e.name(), c.step(), lo, hi, e.style().colour()));
            }
        }
        Axis y = Axis.auto(m.yLabel(), means.toArray(double[][]::new));
        return new Panel(m.title(), x, y, series, bands, corner, Legend.HIDDEN);
    }

    /** The name of a method's stability threshold among a λ_max panel's series. */
    static String thresholdName(String methodName) {
        return methodName + ": stability threshold";
    }

    /**
     * A method's linear-stability threshold λ* over the steps of its λ_max curve, where its run
     * records one ({@link MethodInfo#stability()}: full-batch runs of a method that declares one):
     * ηλ(1 + (a + b/‖∇f‖)λ) = 2, constant where b = 0, else at each step's mean recorded ‖∇f‖ (for
     * SAM; steps without one are left out). Drawn dotted in the method's colour (dash-dot for a
     * method drawn dotted itself).
     *
     * @return the series, or null where there is none to draw
     */
    private static Series stabilityThreshold(Entry e, double[] steps) {
        org.samsde.sde.Stability st = e.info().stability();
        if (st == null) {
            return null;
        }
        double[] y = new double[steps.length];
        if (st.dependsOnGradient()) {
            if (!e.has("grad_norm")) {
                return null;
            }
            Curve g = e.curve("grad_norm");
            Map<Double, Double> byStep = new java.util.HashMap<>();
            for (int i = 0; i < g.step().length; i++) {
                byStep.put(g.step()[i], g.mean()[i]);
            }
            boolean any = false;
            for (int i = 0; i < steps.length; i++) {
                Double norm = byStep.get(steps[i]);
                y[i] = norm == null ? Double.NaN : st.threshold(norm);
                any |= Double.isFinite(y[i]);
            }
            if (!any) {
                return null;
            }
        } else {
            Arrays.fill(y, st.threshold(Double.NaN));
        }
        Style.Dash dash = e.style().dash() == Style.Dash.DOTTED ? Style.Dash.DASH_DOT : Style.Dash.DOTTED;
        return new Series(thresholdName(e.name()), steps.clone(), y, Style.line(e.style().colour(), dash));
    }

    /**
     * The band of a curve, as {lo, hi, {steps left out}}. Where exactly 2 seeds reached a step, the
     * band is the range of the two, mean ± h/t₀.₉₇₅(1) for the t-interval mean ± h (a 95% t-interval
     * from 2 seeds, 12.7 standard errors wide on each side, is no guide); elsewhere the 95%
     * t-interval. Both are intersected with the quantity's range [floor, ceiling] (NaN: open), and
     * where a bounded quantity's interval covers all of its range the band is left out (NaN) there:
     * it would fill the panel and says only that the seeds do not resolve the mean.
     */
    static double[][] band(Curve c, double floor, double ceiling) {
        double[] mean = c.mean();
        double[] lo = c.lo();
        double[] hi = c.hi();
        int[] seeds = c.seeds();
        int omitted = 0;
        boolean bounded = !Double.isNaN(floor) && !Double.isNaN(ceiling);
        for (int i = 0; i < lo.length; i++) {
            if (seeds[i] == 2 && Double.isFinite(lo[i]) && Double.isFinite(hi[i])) {
                double half = (hi[i] - lo[i]) / 2 / T_TWO_SEEDS;
                lo[i] = mean[i] - half;
                hi[i] = mean[i] + half;
            }
            lo[i] = clamp(lo[i], floor, ceiling);
            hi[i] = clamp(hi[i], floor, ceiling);
            if (bounded && lo[i] <= floor && hi[i] >= ceiling) {
                lo[i] = Double.NaN;
                hi[i] = Double.NaN;
                omitted++;
            }
        }
        return new double[][] {lo, hi, {omitted}};
    }

    /** v moved into [floor, ceiling] (NaN ends are open); NaN stays NaN. */
    private static double clamp(double v, double floor, double ceiling) {
        double out = Double.isNaN(floor) ? v : Math.max(floor, v);
        return Double.isNaN(ceiling) ? out : Math.min(ceiling, out);
    }

    private static double maxStep(List<Entry> entries) {
        double max = 0;
        for (Entry e : entries) {
            for (double s : e.curve("train_loss").step()) {
                max = Math.max(max, s);
            }
        }
        return max > 0 ? max : 1;
    }

    /**
     * What the lines and bands are: the seed count, the 95% t-interval, and where only 2 seeds
     * reached a step, that the band there is their range (a t-interval from 2 seeds is unreliable);
     * the trajectories that diverged, per method.
     */
    private static String bandNote(List<Entry> entries) {
        int seeds = 0;
        boolean two = false;
        for (Entry e : entries) {
            Curve c = e.curve("train_loss");
            seeds = Math.max(seeds, c.maxSeeds());
            two |= Arrays.stream(c.seeds()).anyMatch(n -> n == 2);
        }
        StringBuilder note = new StringBuilder("Lines: mean over " + seeds + " seed" + (seeds == 1 ? "" : "s"));
        if (seeds < 2) {
            note.append("; no band: an interval needs two seeds.");
        } else {
            note.append("; shaded: 95% t-interval of the mean");
            if (two) {
                note.append(seeds == 2 ? ", except that" : "; where only 2 seeds reached a step")
                        .append(" the band is the range of the 2 seeds, not an interval (a 95% t-interval from 2 seeds is 12.7 standard"
                                + " errors wide and UNRELIABLE)");
            }
            note.append('.');
        }
        for (Entry e : entries) {
            int[] reached = e.curve("train_loss").seeds();
            int lost = reached.length == 0 ? 0 : e.curve("train_loss").maxSeeds() - reached[reached.length - 1];
            if (lost > 0) {
                note.append(' ').append(e.name()).append(": ").append(lost)
                        .append(lost == 1 ? " trajectory" : " trajectories").append(" diverged and left the mean.");
            }
        }
        return note.toString();
    }

    /** ": every trajectory diverged" when run.json of every directory says so, else empty. */
    private static String divergedTitle(List<RunDirectory> dirs) {
        return dirs.stream().allMatch(Figures::allDiverged) ? ": every trajectory diverged" : "";
    }

    private static boolean allDiverged(RunDirectory d) {
        JsonNode trajectories = d.runInfo().path("trajectories");
        long diverged = 0;
        for (JsonNode t : trajectories) {
            diverged += t.path("diverged").asBoolean(false) ? 1 : 0;
        }
        return trajectories.size() > 0 && diverged == trajectories.size();
    }

    /** The distinct problem and hyper-parameter descriptions of the directories, from run.json. */
    private static String provenance(List<RunDirectory> dirs) {
        Set<String> out = new LinkedHashSet<>();
        for (RunDirectory d : dirs) {
            String s = describe(d);
            if (!s.isEmpty()) {
                out.add(s);
            }
        }
        return out.isEmpty() ? "" : " " + String.join("; ", out) + ".";
    }

    /** Problem, η, ρ and batch from a directory's run.json, as far as it says. */
    private static String describe(RunDirectory d) {
        JsonNode info = d.runInfo();
        JsonNode cfg = info.path("config");
        List<String> parts = new ArrayList<>();
        if (info.hasNonNull("problem")) {
            parts.add(info.get("problem").asText());
        } else if (info.hasNonNull("model")) {
            parts.add(info.get("model").asText() + (info.hasNonNull("data") ? " on " + info.get("data").asText() : "")
                    + (info.hasNonNull("d") ? " (d = " + info.get("d").asText() + ")" : ""));
        }
        if (cfg.hasNonNull("lr")) {
            parts.add("η = " + cfg.get("lr").asText());
        }
        if (cfg.hasNonNull("rho") && usesRho(d)) {
            parts.add("ρ = " + cfg.get("rho").asText());
        }
        if (cfg.hasNonNull("rho-scale") && cfg.hasNonNull("rho-exponent")) {
            parts.add(String.format(Locale.ROOT, "ρ = %s·η^%.3g", cfg.get("rho-scale").asText(), cfg.get("rho-exponent").asDouble()));
        }
        if (cfg.hasNonNull("observable")) {
            parts.add("φ = " + cfg.get("observable").asText());
        }
        if (cfg.hasNonNull("batch")) {
            parts.add("B = " + cfg.get("batch").asText());
        }
        if (allDiverged(d)) {
            parts.add(0, "EVERY TRAJECTORY DIVERGED (trajectories.csv marks the step)");
        }
        String steps = stepSizes(info.path("step_sizes"));
        if (!steps.isEmpty()) {
            parts.add(steps);
        }
        return String.join(", ", parts);
    }

    /**
     * Whether ρ means anything for a directory's methods: false only when every method it records
     * is discrete and does not perturb (SGD), true when it records none. run.json does not say
     * whether a method reads ρ, so an SDE model is taken to (the SAM SDEs do; an SGD SDE does not).
     */
    private static boolean usesRho(RunDirectory d) {
        Map<String, MethodInfo> recorded = d.methods();
        Set<String> labels = new LinkedHashSet<>(recorded.keySet());
        JsonNode cfg = d.runInfo().path("config");
        for (JsonNode m : cfg.path("methods")) {
            labels.add(m.asText());
        }
        if (cfg.path("optimizer").isTextual()) {
            labels.add(cfg.get("optimizer").asText());
        }
        return labels.isEmpty() || labels.stream().map(l -> Methods.of(l, recorded)).anyMatch(i -> i.perturbs() || i.sde());
    }

    /**
     * The SDE methods' step sizes from run.json's step_sizes: "SDEs at Δt = η/4 (converged)" when
     * all agree, else per method; "NOT shown converged" where the step size was forced or the check failed.
     */
    static String stepSizes(JsonNode steps) {
        Map<String, List<String>> byText = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = steps.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode c = e.getValue();
            String state = c.path("converged").asBoolean(false) ? "converged"
                    : c.path("checked").asBoolean(false) ? "NOT converged" : "NOT shown converged";
            byText.computeIfAbsent("Δt = η/" + c.path("substeps").asInt() + " (" + state + ")", k -> new ArrayList<>()).add(e.getKey());
        }
        if (byText.isEmpty()) {
            return "";
        }
        if (byText.size() == 1) {
            return "SDEs at " + byText.keySet().iterator().next();
        }
        List<String> parts = new ArrayList<>();
        byText.forEach((text, methods) -> parts.add(String.join("/", methods) + " at " + text));
        return String.join(", ", parts);
    }

    private static String names(List<RunDirectory> dirs) {
        return String.join(", ", dirs.stream().map(RunDirectory::toString).toList());
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.3g", v);
    }

    private static String fmtInt(double v) {
        return Long.toString(Math.round(v));
    }
}
