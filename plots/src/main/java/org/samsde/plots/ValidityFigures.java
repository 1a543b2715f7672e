package org.samsde.plots;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

import org.samsde.core.InvalidInputException;
import org.samsde.plots.spec.Axis;
import org.samsde.plots.spec.Figure;
import org.samsde.plots.spec.HeatMap;
import org.samsde.plots.spec.Legend;
import org.samsde.plots.spec.Panel;
import org.samsde.plots.spec.Series;
import org.samsde.plots.spec.Style;
import org.samsde.sde.study.Validity;

/**
 * The phase diagram of {@code samsde study validity} (docs/validity.md): for each model of SAM
 * (a row of panels) and batch size (a column), a heat map over (η, ρ) of the model's gap to
 * discrete SAM relative to the observable's scale, the largest over the observables unless one is
 * chosen. Each cell's text gives that value and how many of its gaps are resolved (their 95%
 * interval, family-wise over the cell, excludes 0); a dagger marks cells where SAM's time-averaged
 * λ_max is at or above its linear-stability threshold λ*(‖∇f‖) (docs/stability.md). Lines:
 * ρ = √η and ρ = η^{1/3}, the regimes of {@code sam2} and {@code sam3}, and SAM's stability boundary
 * ηλ(1 + ρλ/‖∇f‖) = 2 at the median over the panel's cells of SAM's time-averaged λ_max and ‖∇f‖.
 * The axes are the grid's levels, evenly spaced; the lines are placed by interpolating log η and
 * log ρ between the levels.
 */
public final class ValidityFigures {
    /** The name of the line ρ = √η. */
    public static final String SQRT_LINE = "ρ = √η";
    /** The name of the line ρ = η^{1/3}. */
    public static final String CUBE_ROOT_LINE = "ρ = η^(1/3)";
    /** The name of SAM's stability boundary. */
    public static final String BOUNDARY = "SAM's stability boundary";
    private static final int SAMPLES = 60;

    private ValidityFigures() {
    }

    /**
     * @param rows validity.csv's rows
     * @param observable one observable, or null for the largest relative gap over the observables
     * @return the figure
     * @throws InvalidInputException when there are fewer than 2 η or 2 ρ levels, or no row of the observable
     */
    public static Figure of(List<Validity.Row> rows, String observable) {
        List<Validity.Row> use = observable == null ? rows : rows.stream().filter(r -> r.observable().equals(observable)).toList();
        if (use.isEmpty()) {
            throw new InvalidInputException("validity figure: no row" + (observable == null ? "" : " of observable '" + observable + "'"));
        }
        double[] etas = use.stream().mapToDouble(r -> r.cell().eta()).distinct().sorted().toArray();
        double[] rhos = use.stream().mapToDouble(r -> r.cell().rho()).distinct().sorted().toArray();
        if (etas.length < 2 || rhos.length < 2) {
            throw new InvalidInputException("validity figure: a map needs at least 2 values of η and 2 of ρ, got " + etas.length + " and "
                    + rhos.length);
        }
        List<String> models = new ArrayList<>(new LinkedHashSet<>(use.stream().map(Validity.Row::model).toList()));
        List<String> batches = new ArrayList<>(new LinkedHashSet<>(use.stream().map(r -> r.cell().batch()).toList()));
        List<String> etaLevels = Arrays.stream(etas).mapToObj(ValidityFigures::fmt).toList();
        List<String> rhoLevels = Arrays.stream(rhos).mapToObj(ValidityFigures::fmt).toList();
        double[] xs = new double[etas.length];
        double[] ys = new double[rhos.length];
        Arrays.setAll(xs, i -> i);
        Arrays.setAll(ys, j -> j);
        List<Panel> panels = new ArrayList<>();
        for (String model : models) {
            for (String batch : batches) {
                List<Validity.Row> mine = use.stream().filter(r -> r.model().equals(model) && r.cell().batch().equals(batch)).toList();
                double[] z = new double[etas.length * rhos.length];
                Arrays.fill(z, Double.NaN);
                List<String> text = new ArrayList<>(Collections.nCopies(z.length, ""));
                for (int i = 0; i < etas.length; i++) {
                    for (int j = 0; j < rhos.length; j++) {
                        double eta = etas[i];
                        double rho = rhos[j];
                        List<Validity.Row> cell = mine.stream().filter(r -> r.cell().eta() == eta && r.cell().rho() == rho).toList();
                        if (cell.isEmpty()) {
                            continue;
                        }
                        double worst = cell.stream().mapToDouble(Validity.Row::relative).filter(Double::isFinite).max().orElse(Double.NaN);
                        long resolved = cell.stream().filter(Validity.Row::resolved).count();
                        boolean edge = cell.get(0).stabilityRatio() >= 1;
                        z[j * etas.length + i] = worst;
                        text.set(j * etas.length + i, fmt(worst) + (edge ? " †" : "") + "\n" + resolved + "/" + cell.size() + " resolved");
                    }
                }
                boolean log = Arrays.stream(z).filter(Double::isFinite).allMatch(v -> v > 0)
                        && Arrays.stream(z).anyMatch(Double::isFinite);
                HeatMap hm = new HeatMap("relative gap", xs, ys, z, log, new double[0], text);
                List<Series> lines = new ArrayList<>();
                addLine(lines, SQRT_LINE, etas, rhos, eta -> Math.sqrt(eta), Style.reference(Style.Dash.DASHED));
                addLine(lines, CUBE_ROOT_LINE, etas, rhos, eta -> Math.cbrt(eta), Style.reference(Style.Dash.DOTTED));
                double lambda = median(mine.stream().mapToDouble(Validity.Row::samLambda).toArray());
                double grad = median(mine.stream().mapToDouble(Validity.Row::samGradNorm).toArray());
                if (Double.isFinite(lambda) && lambda > 0 && Double.isFinite(grad)) {
                    addLine(lines, BOUNDARY, etas, rhos, eta -> (2 / (eta * lambda) - 1) * grad / lambda, Style.line(1, Style.Dash.SOLID));
                }
                List<String> outside = new ArrayList<>();
                for (String name : List.of(SQRT_LINE, CUBE_ROOT_LINE, BOUNDARY)) {
                    if (lines.stream().noneMatch(l -> l.name().equals(name))) {
                        outside.add(name);
                    }
                }
                List<org.samsde.plots.spec.Annotation> corner = outside.isEmpty() ? List.of()
                        : List.of(new org.samsde.plots.spec.Annotation("outside the grid: " + String.join(", ", outside),
                                org.samsde.plots.spec.Annotation.Corner.BOTTOM_RIGHT));
                String title = Methods.displayName(model) + ", B = " + batch;
                panels.add(new Panel(title, Axis.categorical("η", etaLevels), Axis.categorical("ρ", rhoLevels), lines, List.of(), corner,
                        Legend.HIDDEN, hm));
            }
        }
        int columns = batches.size();
        int rowsOfPanels = models.size();
        String what = observable == null ? "the largest over " + String.join(", ", new TreeSet<>(use.stream().map(Validity.Row::observable)
                .toList())) : observable;
        String note = "Colour and first line of each cell: |model − SAM| / |SAM| of the time-averaged observable, " + what
                + "; second line: gaps whose 95% interval (family-wise over the cell's models and observables, seeds as replicates)"
                + " excludes 0. †: SAM's time-averaged λ_max at or above its linear-stability threshold λ*(‖∇f‖). Lines: ρ = √η (dashed),"
                + " ρ = η^(1/3) (dotted), SAM's stability boundary ηλ(1 + ρλ/‖∇f‖) = 2 at the panel's median λ_max and ‖∇f‖ of SAM"
                + " (solid; full-batch theory, a reference on mini-batches); grey: no cell.";
        return new Figure("Where the SAM SDEs hold: gap to discrete SAM over (η, ρ)", panels, columns, Math.max(1200, 120 + 520 * columns),
                80 + 420 * rowsOfPanels, true, note);
    }

    /** A curve ρ = f(η) in the grid's index coordinates, the part inside the panel. */
    private static void addLine(List<Series> lines, String name, double[] etas, double[] rhos, java.util.function.DoubleUnaryOperator f,
                                Style style) {
        List<double[]> pts = new ArrayList<>();
        double lo = Math.log(etas[0]);
        double hi = Math.log(etas[etas.length - 1]);
        for (int s = 0; s <= SAMPLES; s++) {
            double eta = Math.exp(lo + (hi - lo) * s / SAMPLES);
            double rho = f.applyAsDouble(eta);
            if (!(rho > 0)) {
                continue;
            }
            double y = position(Math.log(rho), rhos);
            if (y >= -0.5 && y <= rhos.length - 0.5) {
                pts.add(new double[] {position(Math.log(eta), etas), y});
            }
        }
        if (pts.size() >= 2) {
            lines.add(new Series(name, pts.stream().mapToDouble(p -> p[0]).toArray(), pts.stream().mapToDouble(p -> p[1]).toArray(), style));
        }
    }

    /**
     * @param logValue log of a value
     * @param levels the ascending levels, at least 2
     * @return its position in index coordinates: linear in log between levels, extrapolated from the end pairs
     */
    static double position(double logValue, double[] levels) {
        int n = levels.length;
        int k = 0;
        while (k < n - 2 && logValue > Math.log(levels[k + 1])) {
            k++;
        }
        double a = Math.log(levels[k]);
        double b = Math.log(levels[k + 1]);
        return k + (logValue - a) / (b - a);
    }

    private static double median(double[] v) {
        double[] f = Arrays.stream(v).filter(Double::isFinite).sorted().toArray();
        if (f.length == 0) {
            return Double.NaN;
        }
        return f.length % 2 == 1 ? f[f.length / 2] : (f[f.length / 2 - 1] + f[f.length / 2]) / 2;
    }

    private static String fmt(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.3g", v) : "n/a";
    }
}
