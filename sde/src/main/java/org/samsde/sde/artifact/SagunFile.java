package org.samsde.sde.artifact;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.samsde.core.io.Npy;
import org.samsde.core.io.NpyArray;
import org.samsde.sde.study.Landscape;
import org.samsde.sde.study.SagunStudy;

/**
 * The table of {@code samsde study sagun}: {@code sagun.csv}, one row per solution ({@link Row});
 * beside it, per solution NAME, {@code eigenvalues_NAME.npy} (d values for the full spectrum,
 * probes × steps Ritz values for SLQ) and {@code params_NAME.npy}. The line between the solutions
 * is written by {@link LandscapeFiles#writeLine}.
 */
public final class SagunFile {
    /** The file name in a study directory. */
    public static final String NAME = "sagun.csv";
    /** Column: the solution's name. */
    public static final String RUN = "run";
    /** Column: its batch size. */
    public static final String BATCH = "batch";
    /** Column: how the spectrum was computed ({@code full} or {@code slq}). */
    public static final String SPECTRUM = "spectrum";
    /** Column: λ_max. */
    public static final String LAMBDA_MAX = "lambda_max";
    /** Column: the outlier count. */
    public static final String OUTLIERS = "outliers";
    /** Column: the bulk edge. */
    public static final String BULK_EDGE = "bulk_edge";

    /**
     * One row of sagun.csv.
     *
     * @param run the solution's name
     * @param batch its batch size
     * @param point its losses and accuracies
     * @param spectrum {@code full} or {@code slq}
     * @param lambdaMax λ_max
     * @param outliers the outlier count
     * @param bulkEdge the bulk edge (NaN when there is none)
     */
    public record Row(String run, int batch, Landscape.Point point, String spectrum, double lambdaMax, int outliers, double bulkEdge) {
        /**
         * @param s a solution of the study
         * @return its row
         */
        public static Row of(SagunStudy.Solution s) {
            SagunStudy.Spectrum sp = s.spectrum();
            return new Row(s.name(), s.batch(), s.point(), sp.method(), sp.lambdaMax(), sp.outliers().count(), sp.outliers().edge());
        }
    }

    private SagunFile() {
    }

    private static List<String> columns() {
        List<String> c = new ArrayList<>(List.of(RUN, BATCH));
        c.addAll(Landscape.Point.COLUMNS);
        c.addAll(List.of(SPECTRUM, LAMBDA_MAX, OUTLIERS, BULK_EDGE));
        return c;
    }

    /**
     * @param name a solution's name
     * @return the file of its eigenvalues
     */
    public static String eigenvalues(String name) {
        return "eigenvalues_" + name + ".npy";
    }

    /**
     * @param name a solution's name
     * @return the file of its parameters
     */
    public static String params(String name) {
        return "params_" + name + ".npy";
    }

    /**
     * @param file the file, written atomically
     * @param rows the rows; not modified
     * @throws IOException when it cannot be written
     */
    public static void write(Path file, List<Row> rows) throws IOException {
        List<String> lines = new ArrayList<>();
        for (Row r : rows) {
            lines.add(r.run() + "," + r.batch() + "," + Csv.join(r.point().values()) + "," + r.spectrum() + "," + r.lambdaMax() + ","
                    + r.outliers() + "," + r.bulkEdge());
        }
        Csv.write(file, columns(), lines);
    }

    /**
     * Writes sagun.csv and each solution's eigenvalues and parameters.
     *
     * @param dir the study directory (must exist)
     * @param solutions the solutions; not modified
     * @throws IOException when a file cannot be written
     */
    public static void writeSolutions(Path dir, List<SagunStudy.Solution> solutions) throws IOException {
        for (SagunStudy.Solution s : solutions) {
            SagunStudy.Spectrum sp = s.spectrum();
            double[] ev = sp.eigenvalues();
            NpyArray array = sp.method().equals("full") ? NpyArray.ofDoubles(ev, ev.length)
                    : NpyArray.ofDoubles(ev, sp.probes(), ev.length / sp.probes());
            Npy.write(dir.resolve(eigenvalues(s.name())), array);
            double[] x = s.parameters();
            Npy.write(dir.resolve(params(s.name())), NpyArray.ofDoubles(x, x.length));
        }
        write(dir.resolve(NAME), solutions.stream().map(Row::of).toList());
    }

    /**
     * @param file the file
     * @return its rows, in file order
     * @throws org.samsde.core.InvalidInputException naming the file when it is missing or malformed
     */
    public static List<Row> read(Path file) {
        CsvTable csv = CsvTable.read(file, columns().toArray(String[]::new));
        List<String> p = Landscape.Point.COLUMNS;
        List<Row> out = new ArrayList<>();
        for (int r = 0; r < csv.size(); r++) {
            Landscape.Point point = new Landscape.Point(csv.number(r, p.get(0)), csv.number(r, p.get(1)), csv.number(r, p.get(2)),
                    csv.number(r, p.get(3)));
            out.add(new Row(csv.text(r, RUN), (int) csv.number(r, BATCH), point, csv.text(r, SPECTRUM), csv.number(r, LAMBDA_MAX),
                    (int) csv.number(r, OUTLIERS), csv.number(r, BULK_EDGE)));
        }
        return out;
    }
}
