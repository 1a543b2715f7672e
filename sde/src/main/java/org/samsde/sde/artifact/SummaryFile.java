package org.samsde.sde.artifact;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.samsde.core.InvalidInputException;
import org.samsde.sde.run.Record;
import org.samsde.sde.run.Summary;

/**
 * {@code summary.csv} of an ensemble: per method and recorded step, every metric's mean and 95%
 * t-interval ({@link Summary.Row}), columns {@code M_mean, M_lo, M_hi} for each M of {@link Record#METRICS}.
 */
public final class SummaryFile {
    /** The file name in a run directory. */
    public static final String NAME = "summary.csv";
    /** Column: the method's name. */
    public static final String METHOD = "method";
    /** Column: the step. */
    public static final String STEP = "step";
    /** Column: SDE time. */
    public static final String TIME = "time";
    /** Column: how many seeds reached the step without diverging. */
    public static final String SEEDS = "seeds";
    /** Suffix of a metric's mean column. */
    public static final String MEAN = "_mean";
    /** Suffix of a metric's lower 95% bound. */
    public static final String LO = "_lo";
    /** Suffix of a metric's upper 95% bound. */
    public static final String HI = "_hi";

    private SummaryFile() {
    }

    /** @return the header's names in order */
    public static List<String> columns() {
        List<String> c = new ArrayList<>(List.of(METHOD, STEP, TIME, SEEDS));
        for (String m : Record.METRICS) {
            c.addAll(List.of(m + MEAN, m + LO, m + HI));
        }
        return c;
    }

    /**
     * @param file the file, written atomically
     * @param rows the rows; not modified
     * @throws IOException when it cannot be written
     */
    public static void write(Path file, List<Summary.Row> rows) throws IOException {
        List<String> lines = new ArrayList<>();
        for (Summary.Row r : rows) {
            StringBuilder s = new StringBuilder();
            s.append(r.method()).append(',').append(r.step()).append(',').append(r.time()).append(',').append(r.seeds());
            for (int m = 0; m < r.mean().length; m++) {
                s.append(',').append(r.mean()[m]).append(',').append(r.lower()[m]).append(',').append(r.upper()[m]);
            }
            lines.add(s.toString());
        }
        Csv.write(file, columns(), lines);
    }

    /**
     * Reads the rows in file order. The columns of {@link Record#OPTIONAL} metrics may be absent
     * (files written before they existed) and are then NaN; so is {@code time} when absent.
     *
     * @param file the file
     * @return the rows, metric arrays in the order of {@link Record#METRICS}
     * @throws InvalidInputException naming the file when it is missing, malformed or has no rows
     */
    public static List<Summary.Row> read(Path file) {
        List<String> required = new ArrayList<>(List.of(METHOD, STEP, SEEDS));
        for (String m : Record.METRICS) {
            if (!Record.OPTIONAL.contains(m)) {
                required.addAll(List.of(m + MEAN, m + LO, m + HI));
            }
        }
        CsvTable csv = CsvTable.read(file, required.toArray(String[]::new));
        int k = Record.METRICS.size();
        List<Summary.Row> out = new ArrayList<>();
        for (int r = 0; r < csv.size(); r++) {
            double[] mean = new double[k];
            double[] lo = new double[k];
            double[] hi = new double[k];
            for (int i = 0; i < k; i++) {
                String m = Record.METRICS.get(i);
                boolean present = csv.has(m + MEAN);
                mean[i] = present ? csv.number(r, m + MEAN) : Double.NaN;
                lo[i] = present ? csv.number(r, m + LO) : Double.NaN;
                hi[i] = present ? csv.number(r, m + HI) : Double.NaN;
            }
            out.add(new Summary.Row(csv.text(r, METHOD), (int) csv.number(r, STEP), csv.has(TIME) ? csv.number(r, TIME) : Double.NaN,
                    (int) csv.number(r, SEEDS), mean, lo, hi));
        }
        if (out.isEmpty()) {
            throw new InvalidInputException(file + ": no rows");
        }
        return out;
    }
}
