package org.samsde.plots;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.samsde.core.InvalidInputException;
import org.samsde.plots.spec.Axis;
import org.samsde.plots.spec.Band;
import org.samsde.plots.spec.Figure;
import org.samsde.plots.spec.HeatMap;
import org.samsde.plots.spec.Legend;
import org.samsde.plots.spec.Panel;
import org.samsde.plots.spec.Series;
import org.samsde.plots.spec.Style;
import org.samsde.sde.artifact.SweepCsv;

/**
 * The figure of a sweep, drawn from its {@code sweep.csv} rows: a chosen final metric over the
 * axes that vary.
 * <ul>
 *   <li>one varied axis: the metric's mean against it, one line per method, with its 95% band and
 *       one legend above the panel (a numeric axis on a log scale when its values span a decade);</li>
 *   <li>two or more: a heat map of the mean over the first two varied axes, one panel per
 *       combination of the others (at most {@value #MAX_PANELS}). Both axes are categorical: one
 *       column or row per grid value, labelled with it, and each cell written with its mean and
 *       95% interval.</li>
 * </ul>
 * Numeric levels are ordered by value, others (model names) in first-seen order. Where a cell
 * has only 2 seeds, its band or interval is the range of the two (a t-interval from 2 seeds is
 * 12.7 standard errors wide), and the note says so. Cells without a row (not finished) are grey
 * in a heat map and absent from a line. Metrics and axes are named for readers ("test accuracy",
 * "η (--lr)"), not by their column names.
 */
public final class SweepFigures {
    /** The most panels a heat-map figure draws. */
    public static final int MAX_PANELS = 12;

    private SweepFigures() {
    }

    /** An axis's levels in drawing order, their numeric values (NaN for names) and where they go. */
    private record Coordinates(String axis, List<String> levels, double[] values, boolean numeric) {
        int index(String v) {
            return levels.indexOf(v);
        }
    }

    /**
     * @param rows the rows of sweep.csv
     * @param axes the sweep's axes, in order
     * @param metric a metric of {@code Record.METRICS}
     * @param method the method to draw in a heat map (null: the first in the rows)
     * @return the figure
     * @throws InvalidInputException when there is no row or nothing varies
     */
    public static Figure of(List<SweepCsv.Row> rows, List<String> axes, String metric, String method) {
        if (rows.isEmpty()) {
            throw new InvalidInputException("no finished cell to draw");
        }
        List<String> varied = new ArrayList<>();
        for (String a : axes) {
            if (rows.stream().map(r -> r.values().get(a)).distinct().count() >= 2) {
                varied.add(a);
            }
        }
        if (varied.isEmpty()) {
            throw new InvalidInputException("nothing varies across the finished cells: no figure");
        }
        Map<String, Coordinates> coords = new LinkedHashMap<>();
        for (String a : varied) {
            coords.put(a, coordinates(a, rows));
        }
        String quantity = Figures.quantity(metric);
        double[] domain = Figures.domain(metric);
        boolean two = rows.stream().anyMatch(r -> r.seeds() == 2);
        int fewest = rows.stream().mapToInt(SweepCsv.Row::seeds).min().orElse(0);
        String seedNote = (fewest < 2 ? "; cells with one seed have no interval" : "")
                + (two ? "; where a cell has only 2 seeds, its interval is the range of the two, not a 95% interval (a t-interval from"
                        + " 2 seeds is 12.7 standard errors wide and UNRELIABLE)" : "");
        if (varied.size() == 1) {
            Coordinates x = coords.get(varied.get(0));
            boolean log = x.numeric() && logScale(x.values());
            List<String> methods = rows.stream().map(SweepCsv.Row::method).distinct().toList();
            List<Series> series = new ArrayList<>();
            List<Band> bands = new ArrayList<>();
            for (int m = 0; m < methods.size(); m++) {
                String name = methods.get(m);
                List<SweepCsv.Row> mine = new ArrayList<>(rows.stream().filter(r -> r.method().equals(name)).toList());
                mine.sort((p, q) -> Integer.compare(x.index(p.values().get(x.axis())), x.index(q.values().get(x.axis()))));
                double[] xs = mine.stream().mapToDouble(r -> position(x, r.values().get(x.axis()))).toArray();
                double[][] band = band(mine, metric, domain);
                int colour = m % Palette.SIZE;
                String display = Methods.displayName(name);
                series.add(new Series(display, xs, band[0], Style.line(colour, Style.Dash.SOLID).withMarker(Style.Marker.CIRCLE)));
                bands.add(new Band(display, xs, band[1], band[2], colour));
            }
            Axis xAxis = x.numeric() ? new Axis(axisName(x.axis()), log, Double.NaN, Double.NaN)
                    : Axis.categorical(axisName(x.axis()), x.levels());
            Panel p = new Panel("", xAxis, Axis.linear(quantity + " at the last record"), series, bands, List.of(), Legend.HIDDEN);
            String note = "The last record of each cell; lines: mean over seeds; shaded: 95% t-interval" + seedNote + ".";
            return new Figure("Sweep: " + quantity + " over " + axisName(x.axis()), List.of(p), 1, 900, 640, true, note);
        }
        String chosen = method != null ? method : rows.get(0).method();
        List<SweepCsv.Row> mine = rows.stream().filter(r -> r.method().equals(chosen)).toList();
        if (mine.isEmpty()) {
            throw new InvalidInputException("no finished cell has method '" + chosen + "'");
        }
        Coordinates x = coords.get(varied.get(0));
        Coordinates y = coords.get(varied.get(1));
        List<String> rest = varied.subList(2, varied.size());
        Map<List<String>, List<SweepCsv.Row>> groups = new LinkedHashMap<>();
        for (SweepCsv.Row r : mine) {
            List<String> key = rest.stream().map(a -> r.values().get(a)).toList();
            groups.computeIfAbsent(key, k -> new ArrayList<>()).add(r);
        }
        List<String> notes = new ArrayList<>();
        if (groups.size() > MAX_PANELS) {
            notes.add("first " + MAX_PANELS + " of " + groups.size() + " panels drawn");
        }
        int nx = x.levels().size();
        int ny = y.levels().size();
        double[] xs = new double[nx];
        double[] ys = new double[ny];
        Arrays.setAll(xs, i -> i);
        Arrays.setAll(ys, j -> j);
        List<Panel> panels = new ArrayList<>();
        for (Map.Entry<List<String>, List<SweepCsv.Row>> g : groups.entrySet()) {
            if (panels.size() == MAX_PANELS) {
                break;
            }
            double[] z = new double[nx * ny];
            Arrays.fill(z, Double.NaN);
            List<String> text = new ArrayList<>(java.util.Collections.nCopies(nx * ny, ""));
            for (SweepCsv.Row r : g.getValue()) {
                int i = x.index(r.values().get(x.axis()));
                int j = y.index(r.values().get(y.axis()));
                double[][] b = band(List.of(r), metric, domain);
                z[j * nx + i] = b[0][0];
                text.set(j * nx + i, cellText(b[0][0], b[1][0], b[2][0], r.seeds()));
            }
            // no contour lines: a sweep's grid is too coarse for them to mean much
            HeatMap hm = new HeatMap(quantity, xs, ys, z, false, new double[0], text);
            StringBuilder title = new StringBuilder();
            for (int k = 0; k < rest.size(); k++) {
                title.append(k == 0 ? "" : ", ").append(axisName(rest.get(k))).append(" = ").append(g.getKey().get(k));
            }
            panels.add(new Panel(title.toString(), Axis.categorical(axisName(x.axis()), x.levels()),
                    Axis.categorical(axisName(y.axis()), y.levels()), List.of(), List.of(), List.of(), Legend.HIDDEN, hm));
        }
        notes.add(0, Methods.displayName(chosen) + ", the last record of each cell: mean over seeds and its 95% t-interval" + seedNote
                + "; grey: no finished cell");
        int columns = Math.min(3, panels.size());
        int rowsOfPanels = (panels.size() + columns - 1) / columns;
        return new Figure("Sweep: " + quantity + ", " + Methods.displayName(chosen), panels, columns, 120 + 560 * columns,
                80 + 460 * rowsOfPanels, false, String.join("; ", notes) + ".");
    }

    /**
     * The cells' means and bands as {mean, lo, hi}: the 95% t-interval, or the range of the seeds
     * where there are only 2, within the metric's domain (as the run figures draw them).
     */
    private static double[][] band(List<SweepCsv.Row> rows, String metric, double[] domain) {
        double[] mean = rows.stream().mapToDouble(r -> r.number(metric + SweepCsv.MEAN)).toArray();
        double[] lo = rows.stream().mapToDouble(r -> r.number(metric + SweepCsv.LO)).toArray();
        double[] hi = rows.stream().mapToDouble(r -> r.number(metric + SweepCsv.HI)).toArray();
        int[] seeds = rows.stream().mapToInt(SweepCsv.Row::seeds).toArray();
        double[] clampedLo = lo.clone();
        double[] clampedHi = hi.clone();
        for (int i = 0; i < mean.length; i++) {
            if (seeds[i] == 2 && Double.isFinite(lo[i]) && Double.isFinite(hi[i])) {
                double half = (hi[i] - lo[i]) / 2 / Figures.T_TWO_SEEDS;
                clampedLo[i] = mean[i] - half;
                clampedHi[i] = mean[i] + half;
            }
            clampedLo[i] = clamp(clampedLo[i], domain);
            clampedHi[i] = clamp(clampedHi[i], domain);
        }
        return new double[][] {mean, clampedLo, clampedHi};
    }

    private static double clamp(double v, double[] domain) {
        double out = Double.isNaN(domain[0]) ? v : Math.max(domain[0], v);
        return Double.isNaN(domain[1]) ? out : Math.min(domain[1], out);
    }

    /** A cell's text: its mean on one line, its interval (or that it has none) on the next. */
    static String cellText(double mean, double lo, double hi, int seeds) {
        if (!Double.isFinite(mean)) {
            return "";
        }
        String interval = Double.isFinite(lo) && Double.isFinite(hi) ? "[" + fmt(lo) + ", " + fmt(hi) + "]"
                : seeds < 2 ? "(1 seed)" : "(no interval)";
        return fmt(mean) + "\n" + interval;
    }

    private static String fmt(double v) {
        return String.format(java.util.Locale.ROOT, "%.3g", v);
    }

    /** An option name as an axis title: the symbol where there is one, and the option itself. */
    static String axisName(String axis) {
        return switch (axis) {
            case "lr" -> "learning rate η (--lr)";
            case "rho" -> "ρ (--rho)";
            case "batch" -> "batch size B (--batch)";
            default -> "--" + axis;
        };
    }

    private static double position(Coordinates c, String level) {
        return c.numeric() ? c.values()[c.index(level)] : c.index(level);
    }

    private static boolean logScale(double[] v) {
        double min = Arrays.stream(v).min().orElse(0);
        double max = Arrays.stream(v).max().orElse(0);
        return min > 0 && max / min >= 10;
    }

    /** The levels of an axis: by numeric value when all are numbers, else in first-seen order. */
    private static Coordinates coordinates(String axis, List<SweepCsv.Row> rows) {
        Set<String> seen = new LinkedHashSet<>();
        rows.forEach(r -> seen.add(r.values().get(axis)));
        List<String> levels = new ArrayList<>(seen);
        double[] v = new double[levels.size()];
        boolean numeric = true;
        for (int i = 0; i < v.length; i++) {
            try {
                v[i] = Double.parseDouble(levels.get(i));
                numeric &= Double.isFinite(v[i]);
            } catch (NumberFormatException e) {
                numeric = false;
            }
        }
        if (!numeric) {
            double[] none = new double[v.length];
            Arrays.fill(none, Double.NaN);
            return new Coordinates(axis, levels, none, false);
        }
        Integer[] idx = new Integer[v.length];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = i;
        }
        Arrays.sort(idx, (a, b) -> Double.compare(v[a], v[b]));
        List<String> sorted = new ArrayList<>();
        double[] values = new double[v.length];
        for (int k = 0; k < idx.length; k++) {
            sorted.add(levels.get(idx[k]));
            values[k] = v[idx[k]];
        }
        return new Coordinates(axis, sorted, values, true);
    }
}
