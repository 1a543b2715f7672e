package org.samsde.plots;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.samsde.plots.spec.Annotation;
import org.samsde.plots.spec.Axis;
import org.samsde.plots.spec.Figure;
import org.samsde.plots.spec.HeatMap;
import org.samsde.plots.spec.Legend;
import org.samsde.plots.spec.Panel;
import org.samsde.plots.spec.Series;
import org.samsde.plots.spec.Style;
import org.samsde.sde.study.Landscape;
import org.samsde.sde.study.SagunStudy;

/**
 * Figure specs of loss landscapes, built from the measurements of {@link Landscape} and
 * {@link SagunStudy}: the interpolation p(t) = (1 − t)·a + t·b as line plots (loss and accuracy,
 * training and test), a plane as heat maps with contour lines and the plane's named points
 * marked, and the Sagun figure (the interpolation between the small- and the large-batch solution
 * beside the top of both Hessian spectra).
 */
public final class LandscapeFigures {
    /** The most contour levels drawn on a heat map. */
    static final int CONTOURS = 8;
    /** The ratio max/min of positive values from which a heat map's colours are on a log scale. */
    static final double LOG_RATIO = 10;
    /** How many eigenvalues the spectrum panel of the Sagun figure shows. */
    static final int TOP_EIGENVALUES = 20;

    private static final Style.Marker[] MARK_MARKERS = {Style.Marker.CIRCLE, Style.Marker.SQUARE, Style.Marker.DIAMOND,
        Style.Marker.TRIANGLE};
    /** Palette colours of the marks, chosen to stand out on viridis: orange, sky blue, reddish purple, vermillion. */
    private static final int[] MARK_COLOURS = {4, 6, 5, 1};

    private LandscapeFigures() {
    }

    /**
     * The line's two panels: loss (training solid, test dashed; log scale when the curves span two
     * decades) and accuracy against t, with the endpoints marked on the training loss and the
     * training-loss barrier on [0, 1] in the loss panel's title.
     *
     * @param line the measured line
     * @param from the name of the point at t = 0 (e.g. {@code a}, {@code small batch})
     * @param to the name of the point at t = 1
     * @return one panel, or two when the line has accuracies
     */
    public static List<Panel> linePanels(Landscape.Line line, String from, String to) {
        double[] t = line.t();
        double[] train = line.column(Landscape.Point::trainLoss);
        double[] test = line.column(Landscape.Point::testLoss);
        Axis x = Axis.linear("t in (1 − t)·" + from + " + t·" + to).withRange(t[0], t[t.length - 1]);
        List<Series> losses = new ArrayList<>();
        losses.add(new Series("training", t, train, Style.line(0, Style.Dash.SOLID)));
        if (finite(test)) {
            losses.add(new Series("test", t, test, Style.line(1, Style.Dash.DASHED)));
        }
        losses.add(new Series("endpoints t = 0, 1", new double[] {0, 1},
                new double[] {line.start().trainLoss(), line.end().trainLoss()},
                new Style(3, Style.Dash.SOLID, Style.Marker.CIRCLE, Style.Render.POINTS)));
        Landscape.Barrier b = line.barrier();
        String barrier = b.height() > 0 ? String.format(Locale.ROOT, "barrier %.3g at t = %.2f", b.height(), b.at())
                : "no barrier on [0, 1]";
        List<Panel> panels = new ArrayList<>();
        panels.add(new Panel("Loss along the line: " + barrier, x, Axis.auto("loss", train, test), losses, List.of(), List.of(),
                Legend.INSIDE_TOP_LEFT));
        double[] trainAcc = line.column(Landscape.Point::trainAccuracy);
        double[] testAcc = line.column(Landscape.Point::testAccuracy);
        if (finite(trainAcc) || finite(testAcc)) {
            List<Series> acc = new ArrayList<>();
            acc.add(new Series("training", t, trainAcc, Style.line(0, Style.Dash.SOLID)));
            if (finite(testAcc)) {
                acc.add(new Series("test", t, testAcc, Style.line(1, Style.Dash.DASHED)));
            }
            panels.add(new Panel("Accuracy along the line", x, Axis.linear("accuracy"), acc, List.of(), List.of(),
                    Legend.INSIDE_BOTTOM_RIGHT));
        }
        return panels;
    }

    /**
     * The plane's panels: one heat map per loss that was measured (training, and test where there
     * is a test split), colour on a log scale when the values are positive and span a decade, contour lines at
     * nice levels, the basis's marks as points.
     *
     * @param plane the measured plane
     * @param alphaLabel the title of the α axis
     * @param betaLabel the title of the β axis
     * @return one or two panels
     */
    public static List<Panel> planePanels(Landscape.Plane plane, String alphaLabel, String betaLabel) {
        List<Series> marks = new ArrayList<>();
        List<Landscape.Mark> ms = plane.basis().marks();
        for (int i = 0; i < ms.size(); i++) {
            Landscape.Mark m = ms.get(i);
            marks.add(new Series(m.name(), new double[] {m.alpha()}, new double[] {m.beta()},
                    new Style(MARK_COLOURS[i % MARK_COLOURS.length], Style.Dash.SOLID, MARK_MARKERS[i % MARK_MARKERS.length],
                            Style.Render.POINTS)));
        }
        List<Panel> panels = new ArrayList<>();
        panels.add(heatPanel("Training loss", "training loss", plane, plane.column(Landscape.Point::trainLoss), alphaLabel, betaLabel,
                marks));
        double[] test = plane.column(Landscape.Point::testLoss);
        if (finite(test)) {
            panels.add(heatPanel("Test loss", "test loss", plane, test, alphaLabel, betaLabel, marks));
        }
        return panels;
    }

    private static Panel heatPanel(String title, String label, Landscape.Plane plane, double[] z, String alphaLabel, String betaLabel,
                                   List<Series> marks) {
        boolean log = logScale(z);
        HeatMap unlevelled = new HeatMap(label, plane.alpha(), plane.beta(), z, log, new double[0]);
        double[] levels = HeatMaps.levels(HeatMaps.Scale.of(unlevelled), CONTOURS);
        HeatMap hm = new HeatMap(label, plane.alpha(), plane.beta(), z, log, levels);
        return new Panel(title, Axis.linear(alphaLabel), Axis.linear(betaLabel), marks, List.of(), List.of(),
                marks.isEmpty() ? Legend.HIDDEN : Legend.INSIDE_TOP_RIGHT, hm);
    }

    /**
     * The axis titles that suit a basis: distances along b − a and across it for the plane
     * through three points, the eigenvector directions for a Hessian plane, the filter-normalised
     * directions for a random one.
     *
     * @param basis the plane
     * @param eigenvalues λ₁, λ₂ for a Hessian plane (written into the titles), or null
     * @return the α and β titles
     */
    public static String[] axisLabels(Landscape.Basis basis, double[] eigenvalues) {
        return switch (basis.kind()) {
            case "points" -> new String[] {"α: distance along b − a", "β: distance across, towards c"};
            case "hessian" -> eigenvalues == null || eigenvalues.length < 2
                    ? new String[] {"α along v₁ (top Hessian eigenvector)", "β along v₂"}
                    : new String[] {String.format(Locale.ROOT, "α along v₁ (λ₁ = %.4g)", eigenvalues[0]),
                        String.format(Locale.ROOT, "β along v₂ (λ₂ = %.4g)", eigenvalues[1])};
            case "random" -> new String[] {"α along filter-normalised direction 1", "β along filter-normalised direction 2"};
            default -> new String[] {"α", "β"};
        };
    }

    /**
     * A landscape figure: the line's panels, the plane's, or both (line first).
     *
     * @param line the line, or null
     * @param plane the plane, or null
     * @param alphaLabel the α axis title (ignored without a plane)
     * @param betaLabel the β axis title
     * @param title the figure title
     * @param note the line of provenance at the bottom
     * @return the figure
     */
    public static Figure landscape(Landscape.Line line, Landscape.Plane plane, String alphaLabel, String betaLabel, String title,
                                   String note) {
        List<Panel> panels = new ArrayList<>();
        if (line != null) {
            panels.addAll(linePanels(line, "a", "b"));
        }
        if (plane != null) {
            panels.addAll(planePanels(plane, alphaLabel, betaLabel));
        }
        if (panels.isEmpty()) {
            throw new IllegalArgumentException("a landscape figure needs a line or a plane");
        }
        int columns = panels.size() == 1 ? 1 : 2;
        int rows = (panels.size() + columns - 1) / columns;
        int height = line != null && plane == null ? 520 : 120 + 560 * rows;
        return new Figure(title, panels, columns, columns == 1 ? 760 : 1400, height, false, note);
    }

    /**
     * The Sagun figure: the loss and accuracy along p(t) = (1 − t)·x_small + t·x_large, and the
     * largest eigenvalues of both solutions' Hessians by rank, with their outlier counts.
     *
     * @param r the study's result
     * @param note the line of provenance at the bottom
     * @return the figure
     */
    public static Figure sagun(SagunStudy.Result r, String note) {
        List<Panel> panels = new ArrayList<>(linePanels(r.line(), "x_" + r.small().name(), "x_" + r.large().name()));
        List<Series> spectra = new ArrayList<>();
        List<Annotation> counts = new ArrayList<>();
        int colour = 0;
        for (SagunStudy.Solution s : r.solutions()) {
            double[] top = s.spectrum().top(TOP_EIGENVALUES);
            double[] rank = new double[top.length];
            Arrays.setAll(rank, i -> i + 1);
            String name = "x_" + s.name() + " (B = " + s.batch() + ")";
            spectra.add(new Series(name, rank, top, new Style(colour, colour == 0 ? Style.Dash.SOLID : Style.Dash.DASHED,
                    colour == 0 ? Style.Marker.CIRCLE : Style.Marker.SQUARE, Style.Render.LINE)));
            counts.add(new Annotation(String.format(Locale.ROOT, "%s: λ₁ = %.3g, %d outlier%s", name, s.spectrum().lambdaMax(),
                    s.spectrum().outliers().count(), s.spectrum().outliers().count() == 1 ? "" : "s"), Annotation.Corner.TOP_RIGHT));
            colour++;
        }
        double[][] all = spectra.stream().map(Series::y).toArray(double[][]::new);
        panels.add(new Panel("Top of the Hessian spectrum", Axis.linear("rank i"), Axis.auto("eigenvalue λᵢ", all), spectra, List.of(),
                counts, Legend.INSIDE_BOTTOM_LEFT));
        String verdict = r.barrierExists() ? String.format(Locale.ROOT, "a loss barrier of %.3g between them", r.barrier().height())
                : "no loss barrier between them";
        String title = String.format(Locale.ROOT, "SGD with batch %d and with batch %d from one start: %s", r.small().batch(), r.large().batch(),
                verdict);
        return new Figure(title, panels, panels.size(), 1500, 520, false, note);
    }

    /**
     * @param z values
     * @return whether a heat map of them gets a log colour scale: every finite value positive and
     *     max/min at least {@link #LOG_RATIO}, so that the low end (a basin) is resolved
     */
    static boolean logScale(double[] z) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = 0;
        for (double v : z) {
            if (Double.isFinite(v)) {
                if (!(v > 0)) {
                    return false;
                }
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
        }
        return hi > 0 && hi / lo >= LOG_RATIO;
    }

    private static boolean finite(double[] v) {
        return Arrays.stream(v).anyMatch(Double::isFinite);
    }
}
