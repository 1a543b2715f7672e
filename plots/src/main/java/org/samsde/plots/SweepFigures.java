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
 *   <li>one varied axis: the metric's mean against it, one line per method, with its 95% band;</li>
 *   <li>two or more: a heat map of the mean over the first two varied axes, one panel per
 *       combination of the others (at most {@value #MAX_PANELS}).</li>
 * </ul>
 * A numeric axis is drawn at its values (log10 of them when they span a decade or more); a
 * non-numeric one (model names) at positions 0, 1, … in first-seen order, listed in the note.
 * Cells without a row (not finished) are grey in a heat map and absent from a line.
 */
public final class SweepFigures {
    /** The most panels a heat-map figure draws. */
    public static final int MAX_PANELS = 12;

    private SweepFigures() {
    }

    /** How an axis's text values map to coordinates. */
    private record Coordinates(String axis, String label, List<String> levels, double[] at, boolean categorical) {
        double of(String v) {
            return at[levels.indexOf(v)];
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
        List<String> notes = new ArrayList<>();
        Map<String, Coordinates> coords = new LinkedHashMap<>();
        for (String a : varied) {
            Coordinates c = coordinates(a, rows);
            coords.put(a, c);
            if (c.categorical()) {
                List<String> names = new ArrayList<>();
                for (int i = 0; i < c.levels().size(); i++) {
                    names.add(i + " = " + c.levels().get(i));
                }
                notes.add(a + ": " + String.join(", ", names));
            }
        }
        String mean = metric + SweepCsv.MEAN;
        if (varied.size() == 1) {
            Coordinates x = coords.get(varied.get(0));
            List<String> methods = rows.stream().map(SweepCsv.Row::method).distinct().toList();
            List<Series> series = new ArrayList<>();
            List<Band> bands = new ArrayList<>();
            for (int m = 0; m < methods.size(); m++) {
                String name = methods.get(m);
                List<SweepCsv.Row> mine = new ArrayList<>(rows.stream().filter(r -> r.method().equals(name)).toList());
                mine.sort((p, q) -> Double.compare(x.of(p.values().get(x.axis())), x.of(q.values().get(x.axis()))));
                double[] xs = mine.stream().mapToDouble(r -> x.of(r.values().get(x.axis()))).toArray();
                double[] ys = mine.stream().mapToDouble(r -> r.number(mean)).toArray();
                double[] lo = mine.stream().mapToDouble(r -> r.number(metric + SweepCsv.LO)).toArray();
                double[] hi = mine.stream().mapToDouble(r -> r.number(metric + SweepCsv.HI)).toArray();
                int colour = m % Palette.SIZE;
                series.add(new Series(Methods.displayName(name), xs, ys, Style.line(colour, Style.Dash.SOLID).withMarker(Style.Marker.CIRCLE)));
                bands.add(new Band(name + " 95%", xs, lo, hi, colour));
            }
            Panel p = new Panel("", new Axis(axisLabel(x), false, Double.NaN, Double.NaN), Axis.linear(metric + " (final)"), series, bands,
                    List.of(), Legend.BELOW);
            notes.add(0, "final record of each cell; bands: 95% t-intervals across seeds");
            return new Figure("Sweep: " + metric + " over " + x.axis(), List.of(p), 1, 760, 560, false, String.join("; ", notes));
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
        if (groups.size() > MAX_PANELS) {
            notes.add("first " + MAX_PANELS + " of " + groups.size() + " panels drawn");
        }
        List<Panel> panels = new ArrayList<>();
        for (Map.Entry<List<String>, List<SweepCsv.Row>> g : groups.entrySet()) {
            if (panels.size() == MAX_PANELS) {
                break;
            }
            double[] z = new double[x.at().length * y.at().length];
            Arrays.fill(z, Double.NaN);
            int[] xo = order(x.at());
            int[] yo = order(y.at());
            for (SweepCsv.Row r : g.getValue()) {
                int i = rank(xo, x.levels().indexOf(r.values().get(x.axis())));
                int j = rank(yo, y.levels().indexOf(r.values().get(y.axis())));
                z[j * x.at().length + i] = r.number(mean);
            }
            double[] xs = sorted(x.at());
            double[] ys = sorted(y.at());
            // no contour lines: a sweep's grid is too coarse for them to mean much
            HeatMap hm = new HeatMap(metric, xs, ys, z, false, new double[0]);
            StringBuilder title = new StringBuilder();
            for (int k = 0; k < rest.size(); k++) {
                title.append(k == 0 ? "" : ", ").append(rest.get(k)).append(" = ").append(g.getKey().get(k));
            }
            panels.add(new Panel(title.toString(), Axis.linear(axisLabel(x)), Axis.linear(axisLabel(y)), List.of(), List.of(), List.of(),
                    Legend.HIDDEN, hm));
        }
        notes.add(0, Methods.displayName(chosen) + ", final record of each cell (mean over seeds); grey: no finished cell");
        int columns = Math.min(3, panels.size());
        int rowsOfPanels = (panels.size() + columns - 1) / columns;
        return new Figure("Sweep: " + metric, panels, columns, 120 + 560 * columns, 80 + 460 * rowsOfPanels, false, String.join("; ", notes));
    }

    private static String axisLabel(Coordinates c) {
        return c.categorical() ? c.label() + " (index)" : c.label();
    }

    private static Coordinates coordinates(String axis, List<SweepCsv.Row> rows) {
        Set<String> seen = new LinkedHashSet<>();
        rows.forEach(r -> seen.add(r.values().get(axis)));
        List<String> levels = List.copyOf(seen);
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
            double[] at = new double[v.length];
            for (int i = 0; i < at.length; i++) {
                at[i] = i;
            }
            return new Coordinates(axis, axis, levels, at, true);
        }
        double min = Arrays.stream(v).min().orElse(0);
        double max = Arrays.stream(v).max().orElse(0);
        if (min > 0 && max / min >= 10) {
            return new Coordinates(axis, "log10 " + axis, levels, Arrays.stream(v).map(Math::log10).toArray(), false);
        }
        return new Coordinates(axis, axis, levels, v, false);
    }

    private static int[] order(double[] at) {
        Integer[] idx = new Integer[at.length];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = i;
        }
        Arrays.sort(idx, (a, b) -> Double.compare(at[a], at[b]));
        return Arrays.stream(idx).mapToInt(Integer::intValue).toArray();
    }

    private static int rank(int[] order, int level) {
        for (int k = 0; k < order.length; k++) {
            if (order[k] == level) {
                return k;
            }
        }
        throw new IllegalStateException("level " + level);
    }

    private static double[] sorted(double[] at) {
        double[] s = at.clone();
        Arrays.sort(s);
        return s;
    }
}
