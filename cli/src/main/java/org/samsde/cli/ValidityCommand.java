package org.samsde.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import org.samsde.core.InvalidInputException;
import org.samsde.plots.ValidityFigures;
import org.samsde.plots.XChartRenderer;
import org.samsde.plots.spec.Figure;
import org.samsde.sde.artifact.JsonFile;
import org.samsde.sde.artifact.ValidityFile;
import org.samsde.sde.run.Record;
import org.samsde.sde.study.Validity;
import org.samsde.sweep.CellFiles;
import org.samsde.sweep.SweepFile;
import org.samsde.sweep.SweepSpec;

import com.fasterxml.jackson.databind.JsonNode;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code samsde study validity}: the validity map of SAM's SDEs over (η, ρ, B) (docs/validity.md).
 * The study is a sweep of {@code compare} cells (methods sam, sam@svag=L₁, sam@svag=L₂, sam2, sam3
 * on the same seeds, the SDEs at converged step sizes): this command plans it into --out (a sweep
 * directory with {@code validity.json} beside it), runs its cells locally unless --plan-only, and
 * collects validity.csv and the phase diagram. {@code samsde sweep run OUT --engine slurm} runs the
 * same cells as one job array, and {@code sweep collect} (its collect job) or
 * {@code study validity --collect --out OUT} draws the map from them.
 */
@Command(name = "validity", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Where each SDE of SAM is a faithful model of it: a grid over the learning rate, the radius (also on lines rho = c*eta^a) "
                + "and the batch size, on any model and data. Each cell is a compare run of discrete SAM, SVAG-SAM at two L, and sam2 and "
                + "sam3 at converged step sizes on the same seeds; each model is compared with SAM through the seed gaps of study gaps on "
                + "train loss, gradient norm, lambda_max and test accuracy (95%% intervals family-wise over the cell).",
            "The cells are sweep cells: --out is a sweep directory, resumable (run the same command again), and runnable on Slurm with "
                + "--plan-only then 'samsde sweep run OUT --engine slurm'; its collect job, or --collect, writes the map.",
            "Writes validity.csv (a row per cell, model and observable: gap, interval, resolved, relative gap, SAM's lambda_max and "
                + "stability ratio) and validity.png/.svg (a heat map over (eta, rho) per model and batch size)."})
final class ValidityCommand implements Callable<Integer> {
    /** The study's parameters beside the sweep's files. */
    static final String FILE = "validity.json";
    /** The figure's file name without extension. */
    static final String FIGURE = "validity";

    @Spec
    CommandSpec spec;

    @Option(names = "--out", paramLabel = "DIR", required = true, description = "The study's sweep directory.")
    Path out;

    @Option(names = "--model", paramLabel = "SPEC", description = "Model (default: compare's).")
    String model;

    @Option(names = "--data", paramLabel = "D", description = "Data set (default: compare's).")
    String data;

    @Option(names = "--params", paramLabel = "FILE", description = "Initial parameters, a 1-d .npy.")
    Path params;

    @Option(names = "--init-seed", paramLabel = "S", description = "Seed of the initial parameters (default: compare's, 0).")
    Integer initSeed;

    @Option(names = "--hessian-subset", paramLabel = "N", description = "Samples for lambda_max (default: compare's, 256).")
    Integer hessianSubset;

    @Option(names = "--lr", paramLabel = "LIST", split = ",", defaultValue = "0.02,0.05,0.1", description = "Learning rates (default ${DEFAULT-VALUE}).")
    List<Double> etas;

    @Option(names = "--rho", paramLabel = "LIST", split = ",", description = "Radii, crossed with every learning rate (default 0.01,0.05,0.2 "
            + "unless --rho-line is given).")
    List<Double> rhos;

    @Option(names = "--rho-line", paramLabel = "C:A", description = "A line rho = C*eta^A: one radius per learning rate (repeatable), e.g. 1:0.5.")
    List<String> rhoLines = new ArrayList<>();

    @Option(names = "--batch", paramLabel = "LIST", split = ",", defaultValue = "32,full", description = "Batch sizes, or full (default ${DEFAULT-VALUE}).")
    List<String> batches;

    @Option(names = "--svag", paramLabel = "L1,L2", split = ",", defaultValue = "2,4", description = "The two SVAG levels L (default ${DEFAULT-VALUE}).")
    List<Integer> svag;

    @Option(names = "--steps", paramLabel = "N", defaultValue = "100", description = "Steps per cell (default ${DEFAULT-VALUE}).")
    int steps;

    @Option(names = "--seeds", paramLabel = "K", defaultValue = "4", description = "Seeds per cell, at least 2 (default ${DEFAULT-VALUE}).")
    int seeds;

    @Option(names = "--every", paramLabel = "E", defaultValue = "10", description = "Record every E steps (default ${DEFAULT-VALUE}).")
    int every;

    @Option(names = "--master-seed", paramLabel = "S", defaultValue = "0", description = "Master seed of every cell (default ${DEFAULT-VALUE}).")
    long masterSeed;

    @Option(names = "--drift", paramLabel = "E", description = "Drift estimator of the SDEs (default: compare's, " + MethodOptions.DEFAULT_DRIFT + ").")
    String drift;

    @Option(names = "--noise", paramLabel = "N", description = "Noise sampler of the SDEs (default: compare's, compensated).")
    String noise;

    @Option(names = "--threads", paramLabel = "T", description = "Worker threads of each cell (default: the number of cores).")
    Integer threads;

    @Option(names = "--plan-only", description = "Plan the cells and stop (run them with samsde sweep run OUT).")
    boolean planOnly;

    @Option(names = "--collect", description = "Only collect validity.csv and the figure from the finished cells in --out.")
    boolean collect;

    @Option(names = "--observable", paramLabel = "NAME", description = "Draw one observable's relative gap (default: the largest over them).")
    String observable;

    @Override
    public Integer call() throws IOException {
        PrintWriter o = spec.commandLine().getOut();
        if (observable != null && !Validity.OBSERVABLES.contains(observable)) {
            throw new InvalidInputException("--observable: expected one of " + String.join(", ", Validity.OBSERVABLES) + ", got '" + observable + "'");
        }
        if (collect) {
            if (!Files.isRegularFile(out.resolve(FILE))) {
                throw new InvalidInputException("--out " + out + ": no " + FILE + " (not a validity study)");
            }
            collect(out, observable, o);
            return 0;
        }
        Checks.positive("--steps", steps);
        Checks.positive("--every", every);
        if (seeds < 2) {
            throw new InvalidInputException("--seeds must be at least 2 (the gaps' intervals need two seeds), got " + seeds);
        }
        if (svag.size() != 2 || svag.get(0).equals(svag.get(1)) || svag.stream().anyMatch(l -> l < 2)) {
            throw new InvalidInputException("--svag: expected two distinct levels L of at least 2, got " + svag);
        }
        for (double e : etas) {
            Checks.positive("--lr", e);
        }
        List<double[]> pairs = pairs();
        Map<String, Object> options = new LinkedHashMap<>();
        put(options, "model", model);
        put(options, "data", data);
        put(options, "params", params == null ? null : params.toAbsolutePath().toString());
        put(options, "init_seed", initSeed);
        put(options, "hessian_subset", hessianSubset);
        options.put("methods", methods());
        options.put("steps", steps);
        options.put("seeds", seeds);
        options.put("every", every);
        options.put("master_seed", masterSeed);
        put(options, "drift", drift);
        put(options, "noise", noise);
        put(options, "threads", threads);
        options.put("checkpoint-every", Math.max(1, Math.min(steps, 50)));
        List<Map<String, Object>> list = new ArrayList<>();
        for (double[] p : pairs) {
            Map<String, Object> cell = new LinkedHashMap<>();
            cell.put("lr", p[0]);
            cell.put("rho", p[1]);
            list.add(cell);
        }
        Map<String, Object> specJson = new LinkedHashMap<>();
        specJson.put("command", "compare");
        specJson.put("options", options);
        specJson.put("list", list);
        specJson.put("grid", Map.of("batch", batches));
        Files.createDirectories(out);
        Path specFile = Files.createTempFile("samsde-validity", ".json");
        try {
            JsonFile.write(specFile, specJson);
            boolean planned = Files.isRegularFile(out.resolve(SweepFile.NAME));
            List<String> args = new ArrayList<>(List.of("sweep", "plan", specFile.toString(), "--out", out.toString()));
            if (planned) {
                args.add("--force");
            }
            int code = Main.execute(o, spec.commandLine().getErr(), args.toArray(String[]::new));
            if (code != 0) {
                return code;
            }
        } finally {
            Files.deleteIfExists(specFile);
        }
        Map<String, Object> study = new LinkedHashMap<>();
        study.put("reference", "sam");
        study.put("models", models());
        study.put("observables", Validity.OBSERVABLES);
        JsonFile.write(out.resolve(FILE), study);
        if (planOnly) {
            o.printf("planned the validity study in %s; run it with: samsde sweep run %s [--engine slurm ...]%n", out, out);
            o.flush();
            return 0;
        }
        List<String> run = new ArrayList<>(List.of("sweep", "run", out.toString(), "--no-collect"));
        int code = Main.execute(o, spec.commandLine().getErr(), run.toArray(String[]::new));
        collect(out, observable, o);
        return code;
    }

    private static void put(Map<String, Object> m, String key, Object value) {
        if (value != null) {
            m.put(key, value);
        }
    }

    private List<String> models() {
        return List.of("sam@svag=" + svag.get(0), "sam@svag=" + svag.get(1), "sam2", "sam3");
    }

    private List<String> methods() {
        List<String> m = new ArrayList<>(List.of("sam"));
        m.addAll(models());
        return m;
    }

    /** The (η, ρ) pairs: the radii crossed with the rates, and one radius per rate on each line, without repeats. */
    private List<double[]> pairs() {
        List<Double> radii = rhos == null ? (rhoLines.isEmpty() ? List.of(0.01, 0.05, 0.2) : List.of()) : rhos;
        for (double r : radii) {
            Checks.nonNegative("--rho", r);
        }
        LinkedHashSet<List<Double>> out = new LinkedHashSet<>();
        for (double e : etas) {
            for (double r : radii) {
                out.add(List.of(e, r));
            }
            for (String line : rhoLines) {
                String[] ca = line.split(":", -1);
                double c;
                double a;
                try {
                    if (ca.length != 2) {
                        throw new NumberFormatException();
                    }
                    c = Double.parseDouble(ca[0]);
                    a = Double.parseDouble(ca[1]);
                } catch (NumberFormatException ex) {
                    throw new InvalidInputException("--rho-line: expected C:A (rho = C*eta^A), e.g. 1:0.5, got '" + line + "'");
                }
                if (!(c > 0) || !Double.isFinite(c) || !Double.isFinite(a)) {
                    throw new InvalidInputException("--rho-line " + line + ": C must be positive and A finite");
                }
                out.add(List.of(e, Double.parseDouble(String.format(Locale.ROOT, "%.6g", c * Math.pow(e, a)))));
            }
        }
        return out.stream().map(p -> new double[] {p.get(0), p.get(1)}).toList();
    }

    /**
     * @param dir a validity study's sweep directory
     * @return whether it holds one
     */
    static boolean isStudy(Path dir) {
        return Files.isRegularFile(dir.resolve(FILE));
    }

    /**
     * Writes validity.csv from the finished cells of dir, and the figure.
     *
     * @param dir the study's sweep directory
     * @param observable the figure's observable, or null for the largest relative gap
     * @param o where to report
     * @throws IOException when a file cannot be written
     */
    static void collect(Path dir, String observable, PrintWriter o) throws IOException {
        JsonNode study = JsonFile.read(dir.resolve(FILE));
        String reference = study.path("reference").asText("sam");
        List<String> models = new ArrayList<>();
        study.path("models").forEach(n -> models.add(n.asText()));
        List<String> observables = new ArrayList<>();
        study.path("observables").forEach(n -> observables.add(n.asText()));
        if (models.isEmpty() || observables.isEmpty() || !Record.METRICS.containsAll(observables)) {
            throw new InvalidInputException(dir.resolve(FILE) + ": needs models and observables (names of the records' metrics)");
        }
        SweepFile.Sweep sweep = SweepCommand.open(dir);
        List<Validity.Row> rows = new ArrayList<>();
        int done = 0;
        for (SweepFile.Row r : sweep.cells()) {
            Path cell = sweep.cellDir(dir, r.index());
            if (!CellFiles.done(cell)) {
                continue;
            }
            Map<String, String> v = SweepSpec.texts(r.values());
            Validity.Cell c = new Validity.Cell(r.index(), Double.parseDouble(v.get("lr")), Double.parseDouble(v.get("rho")), v.get("batch"));
            GapsCommand.Run run = GapsCommand.read(cell, "cell " + r.index());
            try {
                rows.addAll(Validity.of(c, run.trajectories(), reference, models, observables));
            } catch (IllegalArgumentException e) {
                o.printf("cell %d (%s): no gaps (%s)%n", r.index(), r.dir(), e.getMessage());
                continue;
            }
            done++;
        }
        ValidityFile.write(dir.resolve(ValidityFile.NAME), rows);
        String figure;
        try {
            Figure f = ValidityFigures.of(rows, observable);
            XChartRenderer.write(f, dir.resolve(FIGURE + ".png"), 1.0);
            XChartRenderer.write(f, dir.resolve(FIGURE + ".svg"), 1.0);
            figure = FIGURE + ".png, " + FIGURE + ".svg";
        } catch (InvalidInputException e) {
            figure = "no figure (" + e.getMessage() + ")";
        }
        o.printf("validity: %d of %d cells into %s (%d rows); %s%n", done, sweep.cells().size(), dir.resolve(ValidityFile.NAME), rows.size(),
                figure);
        o.flush();
    }
}
