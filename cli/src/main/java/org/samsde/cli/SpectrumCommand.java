package org.samsde.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

import org.samsde.core.InvalidInputException;
import org.samsde.core.data.DataFiles;
import org.samsde.core.data.Dataset;
import org.samsde.core.hessian.DensityEstimate;
import org.samsde.core.hessian.EigenResult;
import org.samsde.core.hessian.FullHessian;
import org.samsde.core.hessian.FullSpectrum;
import org.samsde.core.hessian.HessianOperator;
import org.samsde.core.hessian.Lanczos;
import org.samsde.core.hessian.PowerIteration;
import org.samsde.core.hessian.Probe;
import org.samsde.core.hessian.SpectralDensity;
import org.samsde.core.hessian.SymmetricOperator;
import org.samsde.core.hessian.Trace;
import org.samsde.core.hessian.TraceEstimate;
import org.samsde.core.hessian.Which;
import org.samsde.core.io.Npy;
import org.samsde.core.io.NpyArray;
import org.samsde.core.model.ModelSpec;
import org.samsde.core.objective.Batch;
import org.samsde.core.objective.Objective;
import org.samsde.core.tensor.Backend;
import org.samsde.plots.FigureKind;
import org.samsde.plots.Figures;
import org.samsde.sde.artifact.RunFiles;
import org.samsde.sde.artifact.RunInfo;
import org.samsde.sde.run.RunDirectory;
import org.samsde.sde.artifact.SpectrumFiles;

import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code samsde spectrum}: the Hessian spectrum of a model's training loss at given parameters,
 * by one of the methods of {@code org.samsde.core.hessian}, written as NumPy arrays, CSV and JSON
 * into a directory. Every option is checked before anything is computed or written.
 */
@Command(name = "spectrum", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Hessian spectrum of the training loss at x, from Hessian-vector products.",
            "Methods: full (all d eigenvalues, d up to a few thousand), lanczos (k",
            "extreme eigenpairs, --which top|bottom, stops on |Hv - lv| <= tol |l|),",
            "power (k pairs of LARGEST |l|, PyHessian defaults), slq (eigenvalue",
            "density by stochastic Lanczos quadrature), hutchinson (trace).",
            "Writes into --out: eigenvalues.npy (descending), eigenvectors.npy (k x d),",
            "density.csv, slq_nodes.npy and slq_weights.npy (probes x steps),",
            "trace.json, and run.json (method, model, data, d, HVPs, residuals,",
            "converged, seconds)."})
final class SpectrumCommand implements Callable<Integer> {

    /** The methods, with the method-specific options each accepts. */
    enum Method {
        FULL(Set.of("--vectors")),
        LANCZOS(Set.of("--k", "--which", "--tol", "--max-iter")),
        POWER(Set.of("--k", "--tol", "--max-iter")),
        SLQ(Set.of("--probes", "--max-iter")),
        HUTCHINSON(Set.of("--probes"));

        private final Set<String> accepts;

        Method(Set<String> accepts) {
            this.accepts = accepts;
        }

        String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** The ends of the spectrum Lanczos can target from the command line. */
    enum End {
        TOP(Which.TOP), BOTTOM(Which.BOTTOM);

        private final Which which;

        End(Which which) {
            this.which = which;
        }
    }

    /** Case-insensitive enum conversion with a message listing the lower-case choices. */
    abstract static class LowerCaseEnum<E extends Enum<E>> implements ITypeConverter<E> {
        private final Class<E> type;

        LowerCaseEnum(Class<E> type) {
            this.type = type;
        }

        @Override
        public E convert(String value) {
            for (E e : type.getEnumConstants()) {
                if (e.name().equalsIgnoreCase(value)) {
                    return e;
                }
            }
            throw new TypeConversionException("expected one of " + Arrays.stream(type.getEnumConstants())
                    .map(e -> e.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", ")) + ", got '" + value + "'");
        }
    }

    /** Converts {@code --method}. */
    static final class MethodConverter extends LowerCaseEnum<Method> {
        MethodConverter() {
            super(Method.class);
        }
    }

    /** Converts {@code --which}. */
    static final class EndConverter extends LowerCaseEnum<End> {
        EndConverter() {
            super(End.class);
        }
    }

    @Spec
    CommandSpec spec;

    @Option(names = "--model", paramLabel = "SPEC",
            description = "Model: mlp:IN-H1-...-OUT:ACT, linreg, logreg, quadratic:FILE.npz or poly:FILE.npz (as for derive). "
                    + "Default: the model recorded in the run.json beside --params (a run directory's params*.npy).")
    String model;

    @Option(names = "--data", paramLabel = "D",
            description = "Training data: an .npz with X, y, blobs:..., or teacher:.... Default: with --model, blobs for network "
                    + "models; without it, the data recorded beside --params. Toys take none.")
    String data;

    @ArgGroup(exclusive = true)
    DeriveCommand.Start start = new DeriveCommand.Start();

    @Option(names = "--subset", paramLabel = "N",
            description = "Hessian of the loss on the first N training samples only (default: all).")
    Integer subset;

    @Option(names = "--method", paramLabel = "M", required = true, converter = MethodConverter.class,
            description = "full, lanczos, power, slq or hutchinson.")
    Method method;

    @Option(names = "--k", paramLabel = "K", description = "Eigenpairs for lanczos and power (default 1).")
    Integer k;

    @Option(names = "--which", paramLabel = "END", converter = EndConverter.class,
            description = "lanczos: top (largest eigenvalues, the default) or bottom (smallest).")
    End which;

    @Option(names = "--vectors", description = "full: also compute and write all d eigenvectors (d x d).")
    boolean vectors;

    @Option(names = "--probes", paramLabel = "P",
            description = "Random probe vectors: slq (default 1), hutchinson (default 100, at least 2).")
    Integer probes;

    @Option(names = "--tol", paramLabel = "T",
            description = "lanczos: relative residual (default 1e-8); power: relative eigenvalue change (default 1e-3).")
    Double tol;

    @Option(names = "--max-iter", paramLabel = "M",
            description = "lanczos: most steps (default min(d, max(300, 20k))); power: iterations per pair (default 100); "
                    + "slq: Lanczos steps per probe (default 100).")
    Integer maxIter;

    @Option(names = "--start-seed", paramLabel = "S", defaultValue = "1",
            description = "Seed of the random start vectors and probes (default ${DEFAULT-VALUE}).")
    long startSeed;

    @picocli.CommandLine.Mixin
    BackendOption backend = new BackendOption();

    @Option(names = "--out", paramLabel = "DIR", required = true,
            description = "Output directory, created if missing; its files are written atomically.")
    Path out;

    @picocli.CommandLine.Mixin
    ForceOption force = new ForceOption();

    /**
     * What a method produced: arrays and other files by name (text or a JSON object), the fields it
     * adds to run.json, and a one-line summary.
     */
    /**
     * What a method computed: arrays to write (names from {@link SpectrumFiles}), an SLQ density
     * or a trace estimate (null when the method has none), fields for run.json and a summary line.
     */
    private record Outcome(Map<String, NpyArray> arrays, SpectrumFiles.Density density, SpectrumFiles.Trace trace,
                           Map<String, Object> record, String summary) {
    }

    @Override
    public Integer call() throws IOException {
        Recorded recorded = model == null ? recorded() : null;
        Backend backend = this.backend.get();
        ModelSpec ms = recorded == null ? ModelSpec.parse(model) : recordedModel(recorded);
        Dataset train = null;
        String dataSpec = null;
        if (ms.needsData()) {
            if (data == null && recorded != null && recorded.data() == null) {
                throw new InvalidInputException("--data: not given, and " + recorded.file() + " records no data for the model "
                        + ms + "; give --data D");
            }
            dataSpec = data != null ? data : recorded != null ? recorded.data() : "blobs";
            train = DataFiles.resolve(dataSpec).train();
        } else if (data != null) {
            throw new InvalidInputException("--data: model " + ms + " is a closed-form toy and takes no data");
        }
        ModelSpec.Model built = ms.build(train, backend);
        Objective objective = built.objective();
        int d = objective.dimension();
        // cheap checks first: a model too big for --method full is refused before its parameters exist
        checkOptions(d);
        Batch batch = batch(objective.sampleCount());
        Inputs.outputDirectory(out, "--out");
        double[] x = start.params != null
                ? Inputs.vector(start.params, "--params", d, "the parameter count of " + ms
                        + (recorded == null ? "" : " (the model recorded in " + recorded.file() + ", for want of --model)"))
                : built.initialParameters(start.seed);

        if (force.force && start.params != null && RunFiles.written(start.params.getFileName().toString())
                && start.params.toAbsolutePath().normalize().getParent().equals(out.toAbsolutePath().normalize())) {
            throw new InvalidInputException("--force would remove --params " + start.params + " from --out " + out
                    + " before reading it: choose another --out");
        }
        force.checkVacant(out);
        HessianOperator h = HessianOperator.of(objective, x, batch);
        Lanczos lanczos = method != Method.LANCZOS ? null
                : new Lanczos(tol == null ? Lanczos.DEFAULT_TOLERANCE : tol, maxIter == null ? 0 : maxIter, startSeed);
        PowerIteration power = method != Method.POWER ? null
                : new PowerIteration(maxIter == null ? PowerIteration.DEFAULT_MAX_ITERATIONS : maxIter,
                        tol == null ? PowerIteration.DEFAULT_TOLERANCE : tol, startSeed);
        // the HVPs each method needs: exact for full, slq and hutchinson; a cap for the iterative
        // methods, which stop early on convergence (their estimate of the time left is an upper bound)
        long hvps = switch (method) {
            case FULL -> d;
            case LANCZOS -> (long) lanczos.stepLimit(d, pairs()) + pairs();
            case POWER -> (long) power.maxIterations() * pairs();
            case SLQ -> (long) (probes == null ? 1 : probes) * (maxIter == null ? SpectralDensity.DEFAULT_STEPS : maxIter);
            case HUTCHINSON -> probes == null ? 100 : probes;
        };
        boolean exact = method == Method.FULL || method == Method.SLQ || method == Method.HUTCHINSON;
        long t0 = System.nanoTime();
        Outcome outcome;
        try (Progress progress = Progress.start(spec, "spectrum", hvps, exact ? "HVPs" : "HVPs at most")) {
            SymmetricOperator counted = new Reporting(h, progress);
            outcome = switch (method) {
                case FULL -> full(counted);
                case LANCZOS -> eigen(lanczos.compute(counted, pairs(), (which == null ? End.TOP : which).which));
                case POWER -> eigen(power.compute(counted, pairs()));
                case SLQ -> slq(counted);
                case HUTCHINSON -> hutchinson(counted);
            };
        }
        double seconds = (System.nanoTime() - t0) / 1e9;

        RunInfo run = RunInfo.of("spectrum", backend.description(), Options.of(spec));
        RunDirectory dir = force.claim(out, run);

        run.put("method", method.label());
        run.put("model", ms.toString());
        run.put("data", dataSpec);
        run.put("model_from", recorded == null ? null : recorded.file().toString());
        run.put("params", start.params == null ? null : start.params.toString());
        run.put("seed", start.params == null ? start.seed : null);
        run.put("subset", subset);
        run.put("samples", batch.size(objective.sampleCount()));
        run.put("d", d);
        run.put("start_seed", startSeed);
        run.putAll(outcome.record);
        run.put("hvps", h.applications());
        run.put("seconds", seconds);

        for (Map.Entry<String, NpyArray> e : outcome.arrays.entrySet()) {
            Npy.write(out.resolve(e.getKey()), e.getValue());
        }
        java.util.List<String> files = new java.util.ArrayList<>();
        if (outcome.density != null) {
            SpectrumFiles.writeDensity(out.resolve(SpectrumFiles.DENSITY), outcome.density);
            files.add(SpectrumFiles.DENSITY);
        }
        if (outcome.trace != null) {
            SpectrumFiles.writeTrace(out.resolve(SpectrumFiles.TRACE), outcome.trace);
            files.add(SpectrumFiles.TRACE);
        }
        files.add(RunInfo.NAME);
        boolean figure = method != Method.HUTCHINSON;
        if (figure) {
            dir.figure("spectrum", "figure");
        }
        dir.finish();

        PrintWriter o = spec.commandLine().getOut();
        o.printf("model      %s (d = %d, %d samples%s)%n", ms, d, batch.size(objective.sampleCount()),
                recorded == null ? "" : "; as recorded in " + recorded.file());
        o.printf("method     %s: %s%n", method.label(), outcome.summary);
        o.printf("cost       %d HVPs, %.3f s%n", h.applications(), seconds);
        o.printf("wrote      %s (%s%s)%n", out, String.join(", ", concat(outcome.arrays.keySet(), files)),
                figure ? ", figure.png, figure.svg" : "");
        o.flush();
        return 0;
    }

    /**
     * The model and data of the run that wrote --params, from the run.json beside it.
     *
     * @param file that run.json
     * @param model the model it records
     * @param data the data it records, or null
     */
    record Recorded(Path file, String model, String data) {
    }

    /**
     * Without --model: the model (and data) recorded in the run.json beside --params, as every run
     * command records them ({@code config.model}, {@code config.data}; or the top-level {@code model}
     * and {@code data} of a spectrum run). A relative file in them names the one in the run
     * directory when it is there, else the one in the working directory.
     *
     * @return what the run recorded
     * @throws InvalidInputException naming --model when there is no run.json or it records no model
     */
    private Recorded recorded() {
        if (start.params == null) {
            throw new InvalidInputException("--model: not given, and there is no --params in a run directory to take it from; "
                    + "give --model SPEC (or --params DIR/params.npy of a run)");
        }
        Path dir = start.params.toAbsolutePath().normalize().getParent();
        Path file = dir == null ? null : dir.resolve(RunInfo.NAME);
        if (file == null || !Files.isRegularFile(file)) {
            throw new InvalidInputException("--model: not given, and --params " + start.params
                    + " is not in a run directory (no " + RunInfo.NAME + " beside it) to take it from; give --model SPEC");
        }
        com.fasterxml.jackson.databind.JsonNode info = RunInfo.read(dir);
        String m = text(info.path(RunInfo.CONFIG_FIELD).path("model"), info.path("model"));
        if (m == null) {
            throw new InvalidInputException("--model: not given, and " + file + " records no model to take; give --model SPEC");
        }
        String dt = text(info.path(RunInfo.CONFIG_FIELD).path("data"), info.path("data"));
        return new Recorded(file, Replay.absolute("--model", m, dir), dt == null ? null : Replay.absolute("--data", dt, dir));
    }

    /** @return the model recorded, parsed; a model that cannot be parsed is one line naming run.json and --model */
    private static ModelSpec recordedModel(Recorded recorded) {
        try {
            return ModelSpec.parse(recorded.model());
        } catch (InvalidInputException | IllegalArgumentException e) {
            throw new InvalidInputException("--model: not given, and the model '" + recorded.model() + "' recorded in "
                    + recorded.file() + " cannot be used (" + e.getMessage() + "); give --model SPEC", e);
        }
    }

    /** @return the first of the nodes that is non-blank text, or null */
    private static String text(com.fasterxml.jackson.databind.JsonNode... nodes) {
        for (com.fasterxml.jackson.databind.JsonNode n : nodes) {
            if (n.isTextual() && !n.asText().isBlank()) {
                return n.asText();
            }
        }
        return null;
    }

    private Batch batch(int n) {
        if (subset == null) {
            return Batch.all();
        }
        if (subset < 1 || subset > n) {
            throw new InvalidInputException("--subset " + subset + ": must be between 1 and the " + n + " training samples");
        }
        return Batch.first(subset);
    }

    /** Rejects options the method does not use and values out of range, before any work. */
    private void checkOptions(int d) {
        Map<String, Boolean> given = new LinkedHashMap<>();
        given.put("--k", k != null);
        given.put("--which", which != null);
        given.put("--vectors", vectors);
        given.put("--probes", probes != null);
        given.put("--tol", tol != null);
        given.put("--max-iter", maxIter != null);
        for (Map.Entry<String, Boolean> e : given.entrySet()) {
            if (e.getValue() && !method.accepts.contains(e.getKey())) {
                throw new InvalidInputException(e.getKey() + " does not apply to --method " + method.label()
                        + " (it takes " + (method.accepts.isEmpty() ? "none" : String.join(", ", method.accepts.stream().sorted().toList())) + ")");
            }
        }
        if (k != null && (k < 1 || k > d)) {
            throw new InvalidInputException("--k " + k + ": must be between 1 and d = " + d + ", the number of parameters");
        }
        if (tol != null && !(tol > 0 && tol < 1)) {
            throw new InvalidInputException("--tol " + tol + ": must be in (0, 1)");
        }
        if (maxIter != null && maxIter < (method == Method.LANCZOS ? pairs() : 1)) {
            throw new InvalidInputException("--max-iter " + maxIter + ": must be at least "
                    + (method == Method.LANCZOS ? "k = " + pairs() : "1"));
        }
        int minProbes = method == Method.HUTCHINSON ? 2 : 1;
        if (probes != null && probes < minProbes) {
            throw new InvalidInputException("--probes " + probes + ": " + method.label() + " needs at least " + minProbes);
        }
        if (method == Method.FULL) {
            FullHessian.defaults().requireFits(d, vectors);
        }
    }

    private int pairs() {
        return k == null ? 1 : k;
    }

    private Outcome full(SymmetricOperator h) {
        FullSpectrum s = FullHessian.defaults().spectrum(h, vectors);
        int d = s.dimension();
        Map<String, NpyArray> arrays = new LinkedHashMap<>();
        arrays.put(SpectrumFiles.EIGENVALUES, NpyArray.ofDoubles(s.eigenvalues(), d));
        if (vectors) {
            arrays.put(SpectrumFiles.EIGENVECTORS, NpyArray.ofDoubles(s.eigenvectors(), d, d));
        }
        Map<String, Object> rec = new LinkedHashMap<>();
        rec.put("vectors", vectors);
        rec.put("asymmetry", s.asymmetry());
        rec.put("residuals", null);
        rec.put("converged", true);
        return new Outcome(arrays, null, null, rec, String.format(Locale.ROOT, "lambda_max %.10g, lambda_min %.10g, trace %.10g",
                s.eigenvalue(0), s.eigenvalue(d - 1), s.trace()));
    }

    private Outcome eigen(EigenResult r) {
        EigenResult sorted = r.descending();
        int kk = sorted.count();
        Map<String, NpyArray> arrays = new LinkedHashMap<>();
        arrays.put(SpectrumFiles.EIGENVALUES, NpyArray.ofDoubles(sorted.eigenvalues(), kk));
        arrays.put(SpectrumFiles.EIGENVECTORS, NpyArray.ofDoubles(sorted.eigenvectors(), kk, sorted.dimension()));
        Map<String, Object> rec = new LinkedHashMap<>();
        rec.put("k", kk);
        rec.put("which", r.which().name().toLowerCase(Locale.ROOT));
        rec.put("tolerance", r.tolerance());
        rec.put("iterations", r.iterations());
        rec.put("eigenvalues", sorted.eigenvalues());
        rec.put("residuals", sorted.residuals());
        rec.put("converged", r.converged());
        return new Outcome(arrays, null, null, rec, String.format(Locale.ROOT, "%s eigenvalues %s, %s; %s", rec.get("which"),
                Arrays.toString(sorted.eigenvalues()), r.converged() ? "converged" : "NOT converged",
                residualText(sorted.residuals())));
    }

    /**
     * The residuals in words: for a symmetric H an eigenvalue lies within ‖Hv − λv‖ of each λ
     * (v a unit vector), whatever stopping rule was used; power iteration's rule (PyHessian's
     * relative change of λ) can stop with a residual far above its tolerance.
     */
    static String residualText(double[] residuals) {
        StringBuilder b = new StringBuilder("residuals ||Hv - lambda v||");
        for (int i = 0; i < residuals.length; i++) {
            b.append(i == 0 ? " " : ", ").append(String.format(Locale.ROOT, "%.3g", residuals[i]));
        }
        return b.append(" (each lambda is within its residual of a true eigenvalue)").toString();
    }

    private Outcome slq(SymmetricOperator h) {
        SpectralDensity config = SpectralDensity.defaults()
                .withSteps(maxIter == null ? SpectralDensity.DEFAULT_STEPS : maxIter)
                .withProbes(probes == null ? 1 : probes, Probe.RADEMACHER)
                .withSeed(startSeed);
        DensityEstimate e = config.compute(h);
        Map<String, NpyArray> arrays = new LinkedHashMap<>();
        arrays.put(SpectrumFiles.SLQ_NODES, NpyArray.ofDoubles(e.nodes(), e.probes(), e.steps()));
        arrays.put(SpectrumFiles.SLQ_WEIGHTS, NpyArray.ofDoubles(e.weights(), e.probes(), e.steps()));
        double[] grid = e.grid();
        Map<String, Object> rec = new LinkedHashMap<>();
        rec.put("probes", e.probes());
        rec.put("steps", e.steps());
        rec.put("variance", e.variance());
        rec.put("grid_points", grid.length);
        rec.put("residuals", null);
        rec.put("converged", null);
        return new Outcome(arrays, new SpectrumFiles.Density(grid, e.density()), null, rec, String.format(Locale.ROOT,
                "density on [%.6g, %.6g] from %d probe(s) x %d steps", grid[0], grid[grid.length - 1], e.probes(), e.steps()));
    }

    private Outcome hutchinson(SymmetricOperator h) {
        TraceEstimate t = Trace.hutchinson(h, probes == null ? 100 : probes, startSeed);
        SpectrumFiles.Trace tr = new SpectrumFiles.Trace(t.trace(), t.standardError(), t.probes());
        Map<String, Object> rec = new LinkedHashMap<>(tr.fields());
        rec.put("residuals", null);
        rec.put("converged", null);
        return new Outcome(Map.of(), null, tr, rec,
                String.format(Locale.ROOT, "trace %.10g +- %.3g (%d probes)", t.trace(), t.standardError(), t.probes()));
    }

    /**
     * An operator that reports each product to a {@link Progress} as it is made.
     *
     * @param h the operator applied; its count of applications grows
     * @param progress receives m per application of m vectors
     */
    private record Reporting(SymmetricOperator h, Progress progress) implements SymmetricOperator {
        @Override
        public int dimension() {
            return h.dimension();
        }

        @Override
        public void apply(double[] vs, int m, double[] out) {
            h.apply(vs, m, out);
            progress.step(m);
        }

        @Override
        public long applications() {
            return h.applications();
        }
    }

    private static java.util.List<String> concat(java.util.Collection<String> a, java.util.Collection<String> b) {
        java.util.List<String> all = new java.util.ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
