package org.samsde.sde.artifact;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.samsde.core.InvalidInputException;
import org.samsde.sde.study.Validity;

/**
 * {@code validity.csv} of {@code samsde study validity}: one row per cell, model and observable
 * ({@link Validity.Row}; the definitions are there). {@link #RESOLVED} is 1 or 0.
 */
public final class ValidityFile {
    /** The file name in a validity study's directory. */
    public static final String NAME = "validity.csv";
    /** Column: the sweep cell's index. */
    public static final String CELL = "cell";
    /** Column: η. */
    public static final String ETA = "eta";
    /** Column: ρ. */
    public static final String RHO = "rho";
    /** Column: the batch size, or full. */
    public static final String BATCH = "batch";
    /** Column: the model's label. */
    public static final String MODEL = "model";
    /** Column: the observable. */
    public static final String OBSERVABLE = "observable";
    /** Column: the model minus SAM of the time-averaged observable. */
    public static final String GAP = "gap";
    /** Column: the lower end of its 95% interval (family-wise over the cell). */
    public static final String LO = "lo";
    /** Column: the upper end. */
    public static final String HI = "hi";
    /** Column: 1 when the interval excludes 0. */
    public static final String RESOLVED = "resolved";
    /** Column: |SAM's time-averaged observable|. */
    public static final String SCALE = "scale";
    /** Column: |gap|/scale. */
    public static final String RELATIVE = "relative_gap";
    /** Column: the seeds (pairs) that entered. */
    public static final String SEEDS = "seeds";
    /** Column: diverged trajectories left out. */
    public static final String DIVERGED = "diverged";
    /** Column: SAM's time-averaged λ_max. */
    public static final String SAM_LAMBDA = "sam_lambda_max";
    /** Column: SAM's time-averaged ‖∇f‖. */
    public static final String SAM_GRAD = "sam_grad_norm";
    /** Column: λ̄/λ*(Ḡ), SAM's sharpness over its linear-stability threshold. */
    public static final String STABILITY = "sam_stability_ratio";

    private static final List<String> COLUMNS = List.of(CELL, ETA, RHO, BATCH, MODEL, OBSERVABLE, GAP, LO, HI, RESOLVED, SCALE, RELATIVE,
            SEEDS, DIVERGED, SAM_LAMBDA, SAM_GRAD, STABILITY);

    private ValidityFile() {
    }

    /** @return the header's names in order */
    public static List<String> columns() {
        return COLUMNS;
    }

    /**
     * @param file the file, written atomically
     * @param rows the rows; not modified
     * @throws IOException when it cannot be written
     * @throws IllegalArgumentException when a label holds a comma or a line break
     */
    public static void write(Path file, List<Validity.Row> rows) throws IOException {
        List<String> lines = new ArrayList<>();
        for (Validity.Row r : rows) {
            lines.add(r.cell().index() + "," + Csv.join(r.cell().eta(), r.cell().rho()) + "," + label(r.cell().batch()) + "," + label(r.model())
                    + "," + label(r.observable()) + "," + Csv.join(r.gap(), r.lo(), r.hi()) + "," + (r.resolved() ? 1 : 0) + ","
                    + Csv.join(r.scale(), r.relative()) + "," + r.seeds() + "," + r.diverged() + ","
                    + Csv.join(r.samLambda(), r.samGradNorm(), r.stabilityRatio()));
        }
        Csv.write(file, COLUMNS, lines);
    }

    /**
     * @param file the file
     * @return the rows in file order
     * @throws InvalidInputException naming the file when it is missing or malformed
     */
    public static List<Validity.Row> read(Path file) {
        CsvTable csv = CsvTable.read(file, COLUMNS.toArray(String[]::new));
        List<Validity.Row> out = new ArrayList<>();
        for (int r = 0; r < csv.size(); r++) {
            String resolved = csv.text(r, RESOLVED);
            if (!resolved.equals("0") && !resolved.equals("1")) {
                throw new InvalidInputException(file + ": line " + (r + 2) + ", column " + RESOLVED + ": expected 0 or 1, got '" + resolved + "'");
            }
            Validity.Cell cell = new Validity.Cell((int) csv.number(r, CELL), csv.number(r, ETA), csv.number(r, RHO), csv.text(r, BATCH));
            out.add(new Validity.Row(cell, csv.text(r, MODEL), csv.text(r, OBSERVABLE), csv.number(r, GAP), csv.number(r, LO),
                    csv.number(r, HI), resolved.equals("1"), csv.number(r, SCALE), csv.number(r, RELATIVE), (int) csv.number(r, SEEDS),
                    (int) csv.number(r, DIVERGED), csv.number(r, SAM_LAMBDA), csv.number(r, SAM_GRAD), csv.number(r, STABILITY)));
        }
        return out;
    }

    private static String label(String s) {
        if (s.contains(",") || s.contains("\n") || s.contains("\r")) {
            throw new IllegalArgumentException("'" + s + "' holds a comma or a line break, which " + NAME + " cannot hold");
        }
        return s;
    }
}
