package org.samsde.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
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
 * extension. Every option is checked before any file is read.
 */
@Command(name = "plot", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Draw a figure from run directories; several --in directories are combined.",
            "Kinds (and the runs they read):",
            "  compare    train, sde or compare runs: six panels with 95%% bands",
            "  alignment  train runs of SAM, Eigen-SAM, SGD: |cos(eps, v1)| and lambda_max",
            "  spectrum   spectrum or study outliers: eigenvalue histogram or SLQ density,",
            "             with the outlier count",
            "  approx     study approx or study weak: log-log orders with fitted slopes",
            "  losses     train runs of SAM, Reverse-SAM, EGR: train and test loss",
            "The format comes from --out: .png, .svg or .pdf."})
final class PlotCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--kind", required = true, paramLabel = "KIND",
            description = "compare, alignment, spectrum, approx or losses.")
    String kind;

    @Option(names = "--in", required = true, arity = "1..*", paramLabel = "DIR", description = "Run directories to read.")
    List<Path> in;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "The figure: FILE.png, FILE.svg or FILE.pdf.")
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
        XChartRenderer.Format format = XChartRenderer.Format.of(out);
        Inputs.output(out, "--out");
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
