package org.samsde.sde.artifact;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.samsde.core.InvalidInputException;
import org.samsde.core.io.AtomicFiles;
import org.samsde.sde.run.Record;

/**
 * {@code sweep.csv}: one row per finished cell and method, with the cell's varied values and the
 * final record of its {@code summary.csv} (the last recorded step): every metric of
 * {@link Record#METRICS} as mean and 95% t-interval ({@code METRIC_mean, METRIC_lo, METRIC_hi},
 * as in summary.csv). Cells that did not finish have no row; the sweep lists them in its
 * {@code missing.txt}. Numbers are copied from summary.csv as text, so the file is bitwise the same
 * whatever ran the cells.
 */
public final class SweepCsv {
    /** The file name in a sweep directory. */
    public static final String NAME = "sweep.csv";
    /** The summary file of a run directory that the rows come from. */
    public static final String SUMMARY = "summary.csv";
    /** Column: the cell index. */
    public static final String INDEX = "index";
    /** Column: the cell directory name. */
    public static final String CELL = "cell";
    /** Column: the method (a cell of compare has several). */
    public static final String METHOD = "method";
    /** Column: the last recorded step. */
    public static final String STEP = "step";
    /** Column: how many seeds have a record there. */
    public static final String SEEDS = "seeds";
    /** Suffix of a metric's mean column. */
    public static final String MEAN = "_mean";
    /** Suffix of a metric's lower 95% bound column. */
    public static final String LO = "_lo";
    /** Suffix of a metric's upper 95% bound column. */
    public static final String HI = "_hi";

    private SweepCsv() {
    }

    /**
     * One row.
     *
     * @param index the cell index
     * @param cell the cell directory name
     * @param method the method
     * @param values axis name → value as text, in axis order
     * @param step the last recorded step
     * @param seeds the seeds recorded there
     * @param metrics metric column (e.g. {@code train_loss_mean}) → value as written in summary.csv,
     *     for every metric of {@link Record#METRICS} with the three suffixes
     */
    public record Row(int index, String cell, String method, Map<String, String> values, int step, int seeds, Map<String, String> metrics) {
        /**
         * Copies the maps.
         *
         * @param index the cell index
         * @param cell the cell directory name
         * @param method the method
         * @param values axis name → value as text, in axis order
         * @param step the last recorded step
         * @param seeds the seeds recorded there
         * @param metrics metric column (e.g. {@code train_loss_mean}) → value as written in summary.csv,
         *     for every metric of {@link Record#METRICS} with the three suffixes
         */
        public Row {
            values = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(values));
            metrics = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
        }

        /**
         * @param column a metric column
         * @return its value as a number (NaN when it is not one)
         */
        public double number(String column) {
            String s = metrics.get(column);
            if (s == null) {
                throw new InvalidInputException(NAME + ": no metric column '" + column + "'");
            }
            try {
                return Double.parseDouble(s);
            } catch (NumberFormatException e) {
                return Double.NaN;
            }
        }
    }

    /** @return the metric columns, in file order */
    public static List<String> metricColumns() {
        List<String> out = new ArrayList<>();
        for (String m : Record.METRICS) {
            out.add(m + MEAN);
            out.add(m + LO);
            out.add(m + HI);
        }
        return out;
    }

    /**
     * The final rows of a run's summary: per method (in file order), the row of its largest step.
     * Metrics the file lacks (older runs) are NaN.
     *
     * @param summary a summary.csv
     * @param index the cell index
     * @param cell the cell directory name
     * @param values the cell's varied values as text (as on its command line), in axis order
     * @return one row per method
     */
    public static List<Row> finalRows(Path summary, int index, String cell, Map<String, String> values) {
        CsvTable t = CsvTable.read(summary, METHOD, STEP, SEEDS);
        Map<String, Integer> last = new LinkedHashMap<>();
        for (int r = 0; r < t.size(); r++) {
            String m = t.text(r, METHOD);
            Integer prev = last.get(m);
            if (prev == null || t.number(r, STEP) >= t.number(prev, STEP)) {
                last.put(m, r);
            }
        }
        Map<String, String> text = new LinkedHashMap<>(values);
        List<Row> out = new ArrayList<>();
        for (Map.Entry<String, Integer> e : last.entrySet()) {
            int r = e.getValue();
            Map<String, String> metrics = new LinkedHashMap<>();
            for (String c : metricColumns()) {
                metrics.put(c, t.has(c) ? t.text(r, c) : "NaN");
            }
            out.add(new Row(index, cell, e.getKey(), text, (int) t.number(r, STEP), (int) t.number(r, SEEDS), metrics));
        }
        return out;
    }

    /**
     * @param file the file, written atomically
     * @param axes the axis columns, in order
     * @param rows the rows
     * @throws IOException when it cannot be written
     */
    public static void write(Path file, List<String> axes, List<Row> rows) throws IOException {
        for (String a : axes) {
            if (a.contains(",")) {
                throw new IllegalArgumentException("axis name with a comma: " + a);
            }
        }
        AtomicFiles.write(file, out -> {
            Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            List<String> header = new ArrayList<>(List.of(INDEX, CELL, METHOD));
            header.addAll(axes);
            header.add(STEP);
            header.add(SEEDS);
            header.addAll(metricColumns());
            w.write(String.join(",", header) + "\n");
            for (Row r : rows) {
                List<String> f = new ArrayList<>(List.of(Integer.toString(r.index()), r.cell(), r.method()));
                for (String a : axes) {
                    f.add(csvField(r.values().getOrDefault(a, "")));
                }
                f.add(Integer.toString(r.step()));
                f.add(Integer.toString(r.seeds()));
                for (String c : metricColumns()) {
                    f.add(r.metrics().get(c));
                }
                w.write(String.join(",", f) + "\n");
            }
            w.flush();
        });
    }

    /** A value that holds a comma (a list) is written with semicolons, since the toolkit's CSV has no quoting. */
    private static String csvField(String s) {
        return s.replace(',', ';');
    }

    /**
     * @param file a sweep.csv
     * @return its rows; the axis columns are those between {@value #METHOD} and {@value #STEP}
     * @throws InvalidInputException naming the file when it is missing or malformed
     */
    public static List<Row> read(Path file) {
        List<String> required = new ArrayList<>(List.of(INDEX, CELL, METHOD, STEP, SEEDS));
        required.addAll(metricColumns());
        CsvTable t = CsvTable.read(file, required.toArray(String[]::new));
        List<String> header = t.header();
        List<String> axes = header.subList(header.indexOf(METHOD) + 1, header.indexOf(STEP));
        List<Row> out = new ArrayList<>();
        for (int r = 0; r < t.size(); r++) {
            Map<String, String> values = new LinkedHashMap<>();
            for (String a : axes) {
                values.put(a, t.text(r, a));
            }
            Map<String, String> metrics = new LinkedHashMap<>();
            for (String c : metricColumns()) {
                metrics.put(c, t.text(r, c));
            }
            out.add(new Row((int) t.number(r, INDEX), t.text(r, CELL), t.text(r, METHOD), values, (int) t.number(r, STEP),
                    (int) t.number(r, SEEDS), metrics));
        }
        return out;
    }
}
