package org.samsde.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.samsde.plots.FigureKind;
import org.samsde.plots.Figures;
import org.samsde.plots.XChartRenderer;
import org.samsde.plots.spec.Figure;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code samsde plot}: redraws a figure from existing run directories (never from anything but
 * their files), several directories combined into one figure, to PNG, SVG or PDF by the output's
 * extension (by default {@code DIR/KIND.png}, DIR the first {@code --in}). Every option is checked
 * before any file is read. The kinds in the help come from {@link FigureKind} itself, each with the
 * line of {@link #describe} (a switch the compiler holds to every kind), so the help cannot miss one.
 */
@Command(name = "plot", mixinStandardHelpOptions = true, sortOptions = false)
final class PlotCommand implements Callable<Integer> {
    CommandSpec spec;

    /**
     * Receives the command's spec when picocli builds it, and sets the description from the kinds.
     *
     * @param spec this command's spec
     */
    @Spec
    void spec(CommandSpec spec) {
        this.spec = spec;
        spec.usageMessage().description(description());
    }

    /** The column where a kind's text starts in the help. */
    private static final int TEXT_COLUMN = 13;

    /**
     * What each kind draws and from which runs, in lines of the help (the first beside the kind's
     * name, the others below it); a kind added to {@link FigureKind} does not compile until it has its lines.
     *
     * @param kind a kind
     * @return its lines, each at most 80 - 13 columns
     */
    static List<String> describe(FigureKind kind) {
        return switch (kind) {
            case COMPARE -> List.of("train, sde or compare runs: six panels with 95%% bands");
            case ALIGNMENT -> List.of("train runs of SAM, Eigen-SAM, SGD: |cos(eps, v1)| and lambda_max");
            case SPECTRUM -> List.of("spectrum or study outliers: eigenvalue histogram or SLQ density,",
                    "with the outlier count");
            case APPROX -> List.of("study approx or study weak: log-log orders with fitted slopes");
            case LOSSES -> List.of("train runs of SAM, Reverse-SAM, EGR: train and test loss");
            case FIDELITY -> List.of("study fidelity: each drift estimator's and noise sampler's error",
                    "against the noise ratio");
            case NOISE -> List.of("train, sde or compare runs: the noise ratio r over training and",
                    "a plug-in drift's estimated bias");
        };
    }

    /** @return the command's description, one line per line of {@link #describe} for every kind */
    static String[] description() {
        List<String> lines = new ArrayList<>();
        lines.add("Draw a figure from run directories; several --in directories are combined.");
        lines.add("Kinds (and the runs they read):");
        for (FigureKind k : FigureKind.values()) {
            List<String> text = describe(k);
            for (int i = 0; i < text.size(); i++) {
                String head = i == 0 ? "  " + k.label() : "";
                lines.add(head + " ".repeat(Math.max(1, TEXT_COLUMN - head.length())) + text.get(i));
            }
        }
        lines.add("The format comes from --out: .png, .svg or .pdf; without --out the figure");
        lines.add("is DIR/KIND.png, DIR the first --in.");
        return lines.toArray(String[]::new);
    }

    /** The kinds' names, for the help of --kind. */
    static final class Kinds implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return Arrays.stream(FigureKind.values()).map(FigureKind::label).iterator();
        }
    }

    @Option(names = "--kind", required = true, paramLabel = "KIND", completionCandidates = Kinds.class,
            description = "One of ${COMPLETION-CANDIDATES}.")
    String kind;

    @Option(names = "--in", required = true, arity = "1..*", paramLabel = "DIR", description = "Run directories to read.")
    List<Path> in;

    @Option(names = "--out", paramLabel = "FILE",
            description = "The figure: FILE.png, FILE.svg or FILE.pdf (default: DIR/KIND.png, DIR the first --in).")
    Path out;

    @Option(names = "--width", paramLabel = "W", description = "Width in pixels (points for SVG/PDF); default: the figure's own.")
    Integer width;

    @Option(names = "--height", paramLabel = "H", description = "Height in pixels; default: the figure's own.")
    Integer height;

    @Option(names = "--scale", paramLabel = "S", defaultValue = "1",
            description = "PNG pixels per unit, e.g. 2 for print (default ${DEFAULT-VALUE}; ignored by SVG/PDF).")
    double scale;

    @Option(names = "--title", paramLabel = "TEXT", description = "Replace the figure's title (an empty string removes it).")
    String title;

    @Override
    public Integer call() throws Exception {
        FigureKind k = Checks.input("--kind", () -> FigureKind.parse(kind));
        Path out = this.out != null ? this.out : in.get(0).resolve(k.label() + ".png");
        XChartRenderer.Format format = XChartRenderer.Format.of(out);
        Inputs.output(out, this.out != null ? "--out" : "--out (by default the first --in's " + out.getFileName() + ")");
        Checks.inRange("--scale", scale, 0.25, 8);
        if (width != null) {
            Checks.inRange("--width", width, Figure.MIN_SIZE, Figure.MAX_SIZE);
        }
        if (height != null) {
            Checks.inRange("--height", height, Figure.MIN_SIZE, Figure.MAX_SIZE);
        }
        Figure f = Figures.of(k, in);
        f = f.withSize(width == null ? f.width() : width, height == null ? f.height() : height);
        if (title != null) {
            f = f.withTitle(title);
        }
        XChartRenderer.write(f, out, scale);
        PrintWriter o = spec.commandLine().getOut();
        o.printf(Locale.ROOT, "wrote %s (%s figure, %s, %d x %d) from %d director%s%n", out, k.label(), format.extension(),
                f.width(), f.height(), in.size(), in.size() == 1 ? "y" : "ies");
        o.flush();
        return 0;
    }
}
