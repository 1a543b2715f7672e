package org.samsde.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import org.samsde.core.InvalidInputException;
import org.samsde.core.hessian.EigenResult;
import org.samsde.core.hessian.Lanczos;
import org.samsde.core.model.ModelSpec;
import org.samsde.plots.LandscapeFigures;
import org.samsde.plots.XChartRenderer;
import org.samsde.plots.spec.Figure;
import org.samsde.sde.run.Problem;
import org.samsde.sde.artifact.LandscapeFiles;
import org.samsde.sde.artifact.RunInfo;
import org.samsde.sde.run.RunDirectory;
import org.samsde.sde.study.Directions;
import org.samsde.sde.study.Landscape;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code samsde landscape}: the loss and accuracy (training and test) along the segment
 * p(t) = (1 − t)·a + t·b and, with {@code --plane}, on a plane p(α, β) = o + αu + βv: through a, b
 * and a third point c, or through a along the two top Hessian eigenvectors at a or two
 * filter-normalised random directions (Li et al. 2018). Every option is checked before anything is
 * computed or written.
 */
@Command(name = "landscape", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Loss landscape: along the segment from a to b, and on a plane.",
            "Training and test loss and accuracy along (1 - t)·a + t·b, t from -E to",
            "1 + E (t = 0 and 1 exactly on the grid); with --plane also on a 2-D grid:",
            "the plane through a, b and --third c (orthonormal axes, distances in",
            "parameter space), or a + αu + βv along --directions hessian (the top two",
            "Hessian eigenvectors at a, by Lanczos) or random (Gaussian directions,",
            "filter-normalised: each row of each layer's W, and each bias vector,",
            "rescaled to the norm of that row of a; Li et al. 2018).",
            "Writes into --out: line.csv and line.npz (t, train_loss, train_acc,",
            "test_loss, test_acc), plane.csv and plane.npz (alpha, beta and the four",
            "measurements as len(beta) x len(alpha) arrays), directions.npy (2 x d:",
            "u, v), run.json (configuration, endpoint losses, barrier, eigenvalues),",
            "figure.png and figure.svg (line plots; heat maps with contours)."})
final class LandscapeCommand implements Callable<Integer> {
    /** How a plane is spanned when no third point is given. */
    enum DirectionKind {
        HESSIAN, RANDOM
    }

    /** Converts {@code --directions}. */
    static final class DirectionConverter extends SpectrumCommand.LowerCaseEnum<DirectionKind> {
        DirectionConverter() {
            super(DirectionKind.class);
        }
    }

    @Spec
    CommandSpec spec;

    @Option(names = "--model", paramLabel = "SPEC", defaultValue = ProblemOptions.DEFAULT_MODEL,
            description = "Model: mlp:IN-H1-...-OUT:ACT, cnn6, cnn:..., linreg, logreg, quadratic:FILE.npz, poly:FILE.npz (default ${DEFAULT-VALUE}).")
    String model;

    @Option(names = "--data", paramLabel = "D", defaultValue = "blobs",
            description = "Data: an .npz, blobs:..., teacher:..., mnist:..., fashion-mnist:... (default ${DEFAULT-VALUE}; toys ignore it).")
    String data;

    @Option(names = "--from", paramLabel = "A.npy", required = true, description = "The point a (t = 0; the plane's origin).")
    Path from;

    @Option(names = "--to", paramLabel = "B.npy",
            description = "The point b (t = 1). Needed unless --plane uses --directions; with --directions, b's projection is marked on the plane.")
    Path to;

    @Option(names = "--steps", paramLabel = "N", defaultValue = "51", description = "Points of the line on [0, 1] (default ${DEFAULT-VALUE}).")
    int steps;

    @Option(names = "--extend", paramLabel = "E", defaultValue = "0.5",
            description = "The line runs from t = -E to 1 + E (rounded to the grid), and the plane through three points "
                    + "reaches E times its size beyond them (default ${DEFAULT-VALUE}).")
    double extend;

    @Option(names = "--plane", description = "Also measure a 2-D grid.")
    boolean plane;

    @Option(names = "--third", paramLabel = "C.npy", description = "--plane: the plane through a, b and this point c.")
    Path third;

    @Option(names = "--directions", paramLabel = "KIND", converter = DirectionConverter.class,
            description = "--plane without --third: hessian (top two eigenvectors at a) or random (filter-normalised; the default).")
    DirectionKind directions;

    @Option(names = "--grid", paramLabel = "N", defaultValue = "21", description = "--plane: points per axis (default ${DEFAULT-VALUE}).")
    int grid;

    @Option(names = "--span", paramLabel = "S", defaultValue = "1",
            description = "--plane with --directions: α and β run over [-S, S] (default ${DEFAULT-VALUE}).")
    double span;

    @Option(names = "--direction-seed", paramLabel = "S", defaultValue = "0",
            description = "Seed of the random directions, or of Lanczos's start vector (default ${DEFAULT-VALUE}).")
    long directionSeed;

    @Option(names = "--hessian-subset", paramLabel = "N",
            description = "--directions hessian: the Hessian of the loss on the first N training samples (default: all).")
    Integer hessianSubset;

    @Mixin
    BackendOption backend = new BackendOption();

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "runs/landscape", description = "Output directory (default ${DEFAULT-VALUE}).")
    Path out;

    @Mixin
    ForceOption force = new ForceOption();

    @Override
    public Integer call() throws IOException {
        checkOptions();
        Inputs.outputDirectory(out, "--out");
        force.checkVacant(out);
        ProblemOptions po = new ProblemOptions();
        po.model = model;
        po.data = data;
        po.hessianSubset = hessianSubset == null ? Integer.MAX_VALUE : hessianSubset;
        Problem problem = po.build(backend.get());
        int d = problem.dimension();
        String what = "the parameter count of " + model;
        double[] a = Inputs.vector(from, "--from", d, what);
        double[] b = to == null ? null : Inputs.vector(to, "--to", d, what);
        double[] c = third == null ? null : Inputs.vector(third, "--third", d, what);
        Landscape.Evaluator on = new Landscape.Evaluator(problem.train(), problem.test());

        long start = System.nanoTime();
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("problem", problem.description());
        record.put("dimension", d);
        Landscape.Line line = null;
        if (b != null) {
            double[] t = Landscape.interpolationGrid(steps, extend);
            try (Progress progress = Progress.start(spec, "landscape line", t.length, "points")) {
                line = Landscape.line(on, a, b, t, progress);
            }
            Landscape.Barrier barrier = line.barrier();
            record.put("distance", Landscape.distance(a, b));
            record.put("start", pointJson(line.start()));
            record.put("end", pointJson(line.end()));
            record.put("barrier", barrierJson(barrier));
        }
        Landscape.Plane measured = null;
        String[] labels = null;
        if (plane) {
            Landscape.Basis basis;
            double[] eigenvalues = null;
            double[] alpha;
            double[] beta;
            if (c != null) {
                basis = Checks.input("--third", () -> Landscape.Basis.throughPoints(a, b, c));
                alpha = Landscape.gridAroundMarks(basis, extend, grid, 0);
                beta = Landscape.gridAroundMarks(basis, extend, grid, 1);
            } else {
                if (directions == DirectionKind.HESSIAN) {
                    Directions.HessianPlane hp = Directions.hessian(problem.train(), a, problem.hessianBatch(),
                            Lanczos.defaults().withSeed(directionSeed));
                    basis = hp.basis();
                    EigenResult e = hp.eigen();
                    eigenvalues = e.eigenvalues();
                    Map<String, Object> h = new LinkedHashMap<>();
                    h.put("eigenvalues", eigenvalues);
                    h.put("residuals", e.residuals());
                    h.put("converged", e.converged());
                    h.put("hvps", e.hvps());
                    h.put("samples", problem.hessianBatch().size(problem.train().sampleCount()));
                    record.put("hessian", h);
                } else {
                    basis = Directions.random(problem.train(), a, directionSeed);
                }
                alpha = Landscape.symmetricGrid(span, grid);
                beta = alpha;
            }
            if (b != null && c == null) {
                basis = withMark(basis, "b", b);
            }
            try (Progress progress = Progress.start(spec, "landscape plane", (long) alpha.length * beta.length, "points")) {
                measured = Landscape.plane(on, basis, alpha, beta, progress);
            }
            labels = LandscapeFigures.axisLabels(basis, eigenvalues);
            record.put("plane", basis.kind());
            record.put("marks", basis.marks().stream().map(m -> Map.of("name", m.name(), "alpha", m.alpha(), "beta", m.beta())).toList());
            record.put("grid_min", pointJson(minimum(measured)));
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        RunInfo info = RunInfo.of("landscape", problem.train().backend().description(), Options.of(spec));
        RunDirectory dir = force.claim(out, info);

        if (line != null) {
            LandscapeFiles.writeLine(out, LandscapeFiles.LINE, line);
        }
        if (measured != null) {
            LandscapeFiles.writePlane(out, measured);
        }
        info.putAll(record);
        info.put("seconds", seconds);
        String title = "Loss landscape of " + model + (ModelSpec.parse(model).needsData() ? " on " + data : "");
        String note = "a = " + from + (b == null ? "" : ", b = " + to) + (c == null ? "" : ", c = " + third)
                + (plane && c == null ? ", directions: " + (directions == null ? DirectionKind.RANDOM : directions).name().toLowerCase(Locale.ROOT)
                        + " (seed " + directionSeed + ")" : "");
        writeFigure(out, LandscapeFigures.landscape(line, measured, labels == null ? "α" : labels[0], labels == null ? "β" : labels[1],
                title, note));
        dir.finish();

        PrintWriter o = spec.commandLine().getOut();
        o.printf("model      %s (d = %d)%n", problem.description(), d);
        if (line != null) {
            Landscape.Barrier barrier = line.barrier();
            o.printf(Locale.ROOT, "line       %d points, t in [%.3g, %.3g]: train loss %.6g at a, %.6g at b; barrier %.4g at t = %.3f%n",
                    line.t().length, line.t()[0], line.t()[line.t().length - 1], line.start().trainLoss(), line.end().trainLoss(),
                    barrier.height(), barrier.at());
        }
        if (measured != null) {
            Landscape.Point min = minimum(measured);
            o.printf(Locale.ROOT, "plane      %s, %d x %d grid; lowest train loss on it %.6g%n", planeName(measured.basis().kind()), grid,
                    grid, min.trainLoss());
        }
        o.printf("wrote      %s (%s) in %.1f s%n", out, String.join(", ", written(line != null, measured != null)), seconds);
        o.flush();
        return 0;
    }

    /** Rejects options that do not apply and values out of range, before any work. */
    private void checkOptions() {
        Checks.inRange("--steps", steps, 2, 100_000);
        Checks.inRange("--extend", extend, 0, 100);
        if (!plane) {
            for (Map.Entry<String, Boolean> e : Map.of("--third", third != null, "--directions", directions != null,
                    "--hessian-subset", hessianSubset != null).entrySet()) {
                if (e.getValue()) {
                    throw new InvalidInputException(e.getKey() + " applies only with --plane");
                }
            }
            if (to == null) {
                throw new InvalidInputException("--to is required for the line (or give --plane with --directions)");
            }
            return;
        }
        Checks.inRange("--grid", grid, 2, 1001);
        if (third != null) {
            if (directions != null) {
                throw new InvalidInputException("--third and --directions exclude each other: the plane is spanned by a, b, c or by two directions");
            }
            if (to == null) {
                throw new InvalidInputException("--third needs --to: the plane goes through a, b and c");
            }
            if (spec.commandLine().getParseResult().hasMatchedOption("--span")) {
                throw new InvalidInputException("--span applies to --directions planes; the plane through three points is sized by --extend");
            }
            return;
        }
        Checks.positive("--span", span);
        if (directions == null) {
            directions = DirectionKind.RANDOM;
        }
        if (hessianSubset != null && directions != DirectionKind.HESSIAN) {
            throw new InvalidInputException("--hessian-subset applies only to --directions hessian");
        }
        if (hessianSubset != null && hessianSubset < 1) {
            throw new InvalidInputException("--hessian-subset must be at least 1, got " + hessianSubset);
        }
    }

    /** The basis with one more mark: the orthogonal projection of p onto the plane. */
    static Landscape.Basis withMark(Landscape.Basis basis, String name, double[] p) {
        double[] o = basis.origin();
        double[] u = basis.u();
        double[] v = basis.v();
        // coordinates by least squares: [uu uv; uv vv]·[α β] = [u·(p−o); v·(p−o)]
        double uu = 0;
        double uv = 0;
        double vv = 0;
        double pu = 0;
        double pv = 0;
        for (int i = 0; i < o.length; i++) {
            double r = p[i] - o[i];
            uu += u[i] * u[i];
            uv += u[i] * v[i];
            vv += v[i] * v[i];
            pu += u[i] * r;
            pv += v[i] * r;
        }
        double det = uu * vv - uv * uv;
        if (!(det > 0)) {
            return basis;
        }
        List<Landscape.Mark> marks = new ArrayList<>(basis.marks());
        marks.add(new Landscape.Mark(name + " (projected)", (vv * pu - uv * pv) / det, (uu * pv - uv * pu) / det));
        return new Landscape.Basis(basis.kind(), o, u, v, marks);
    }

    private static Landscape.Point minimum(Landscape.Plane plane) {
        Landscape.Point best = null;
        for (Landscape.Point p : plane.points()) {
            if (best == null || p.trainLoss() < best.trainLoss()) {
                best = p;
            }
        }
        return best;
    }

    private static List<String> written(boolean line, boolean plane) {
        List<String> files = new ArrayList<>();
        if (line) {
            files.addAll(List.of(LandscapeFiles.lineCsv(LandscapeFiles.LINE), LandscapeFiles.lineNpz(LandscapeFiles.LINE)));
        }
        if (plane) {
            files.addAll(List.of(LandscapeFiles.PLANE_CSV, LandscapeFiles.PLANE_NPZ, LandscapeFiles.DIRECTIONS));
        }
        files.addAll(List.of(RunInfo.NAME, "figure.png", "figure.svg"));
        return files;
    }

    static Map<String, Object> pointJson(Landscape.Point p) {
        Map<String, Object> m = new LinkedHashMap<>();
        double[] v = p.values();
        for (int i = 0; i < v.length; i++) {
            m.put(Landscape.Point.COLUMNS.get(i), Double.isFinite(v[i]) ? v[i] : null);
        }
        return m;
    }

    static Map<String, Object> barrierJson(Landscape.Barrier b) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("height", b.height());
        m.put("at", b.at());
        m.put("peak", b.peak());
        m.put("endpoint", b.endpoint());
        return m;
    }

    /** Writes a figure as figure.png and figure.svg into a run directory. */
    static void writeFigure(Path dir, Figure figure) throws IOException {
        for (XChartRenderer.Format format : List.of(XChartRenderer.Format.PNG, XChartRenderer.Format.SVG)) {
            XChartRenderer.write(figure, dir.resolve("figure." + format.extension()), 1.0);
        }
    }

    /** @return how the summary names a plane's basis kind ({@code points}, {@code hessian}, {@code random}) */
    static String planeName(String kind) {
        switch (kind) {
            case "points":
                return "through a, b and c";
            case "hessian":
                return "along the top two Hessian eigenvectors at a";
            case "random":
                return "along two filter-normalised random directions at a";
            default:
                return kind;
        }
    }
}
