package org.samsde.sde.artifact;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.samsde.core.io.AtomicFiles;
import org.samsde.sde.study.FidelityStudy;

/**
 * {@code fidelity.csv} of {@code samsde study fidelity}: one row per point, number of substeps and
 * estimator pair ({@link FidelityStudy.Row}).
 */
public final class FidelityFile {
    /** The file name in a study directory. */
    public static final String NAME = "fidelity.csv";
    /** Column: the point's index. */
    public static final String POINT = "point";
    /** Column: the training step of the point. */
    public static final String STEP = "step";
    /** Column: r = √tr Σ_B/‖g‖ at the point. */
    public static final String NOISE_RATIO = "noise_ratio";
    /** Column: the estimator pair, DRIFT+NOISE. */
    public static final String ESTIMATOR = "estimator";
    /**
     * Column: m, the solver's substeps; the step measured is one substep, Δt = η/m (files written
     * before the column read as 1).
     */
    public static final String SUBSTEPS = "substeps";
    /** Column: the relative error of the step's mean. */
    public static final String MEAN_ERROR = "mean_error";
    /** Column: its Monte Carlo floor. */
    public static final String MEAN_FLOOR = "mean_floor";
    /** Column: the relative error of the step's covariance. */
    public static final String COV_ERROR = "cov_error";
    /** Column: its Monte Carlo floor. */
    public static final String COV_FLOOR = "cov_floor";
    /** Column: 1 when the reference enumerates every batch, 0 when it is a large-sample estimate. */
    public static final String EXACT_REFERENCE = "exact_reference";

    private static final List<String> COLUMNS = List.of(POINT, STEP, NOISE_RATIO, ESTIMATOR, SUBSTEPS, MEAN_ERROR, MEAN_FLOOR, COV_ERROR,
            COV_FLOOR, EXACT_REFERENCE);

    private FidelityFile() {
    }

    /**
     * @param file the file, written atomically
     * @param rows the rows
     * @throws IOException when it cannot be written
     */
    public static void write(Path file, List<FidelityStudy.Row> rows) throws IOException {
        AtomicFiles.write(file, out -> {
            Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            w.write(String.join(",", COLUMNS) + "\n");
            for (FidelityStudy.Row r : rows) {
                w.write(r.point() + "," + r.step() + "," + r.noiseRatio() + "," + r.estimator() + "," + r.substeps() + "," + r.meanError()
                        + "," + r.meanFloor() + "," + r.covError() + "," + r.covFloor() + "," + (r.exactReference() ? 1 : 0) + "\n");
            }
            w.flush();
        });
    }

    /**
     * @param file the file
     * @return its rows, in file order
     * @throws org.samsde.core.InvalidInputException naming the file when it is missing or malformed
     */
    public static List<FidelityStudy.Row> read(Path file) {
        CsvTable csv = CsvTable.read(file, COLUMNS.stream().filter(c -> !c.equals(SUBSTEPS)).toArray(String[]::new));
        boolean substeps = csv.has(SUBSTEPS);
        List<FidelityStudy.Row> out = new ArrayList<>();
        for (int r = 0; r < csv.size(); r++) {
            out.add(new FidelityStudy.Row((int) csv.number(r, POINT), (int) csv.number(r, STEP), csv.number(r, NOISE_RATIO),
                    csv.text(r, ESTIMATOR), substeps ? (int) csv.number(r, SUBSTEPS) : 1, csv.number(r, MEAN_ERROR), csv.number(r, MEAN_FLOOR),
                    csv.number(r, COV_ERROR), csv.number(r, COV_FLOOR), csv.number(r, EXACT_REFERENCE) != 0));
        }
        return out;
    }
}
