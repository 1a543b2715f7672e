package org.samsde.sde.artifact;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.samsde.sde.study.ApproxStudy;

/** {@code gaps.csv} of {@code samsde study approx}: one row per SDE model and η ({@link ApproxStudy.Gap}). */
public final class GapsFile {
    /** The file name in a study directory. */
    public static final String NAME = "gaps.csv";
    /** Column: the SDE model. */
    public static final String MODEL = "model";
    /** Column: η. */
    public static final String ETA = "eta";
    /** Column: ρ at this η. */
    public static final String RHO = "rho";
    /** Column: the gap max over k of |E φ(x_k) − E φ(X_kη)|. */
    public static final String GAP = "gap";
    /** Column: its 95% half-width. */
    public static final String HALFWIDTH = "halfwidth";
    /** Column: the step k where the maximum was reached. */
    public static final String STEP = "step";
    /** Column: 1 when the gap stands clear of its Monte Carlo half-width. */
    public static final String RESOLVED = "resolved";

    private static final List<String> COLUMNS = List.of(MODEL, ETA, RHO, GAP, HALFWIDTH, STEP, RESOLVED);

    private GapsFile() {
    }

    /**
     * @param file the file, written atomically
     * @param gaps the rows; not modified
     * @throws IOException when it cannot be written
     */
    public static void write(Path file, List<ApproxStudy.Gap> gaps) throws IOException {
        List<String> rows = new ArrayList<>();
        for (ApproxStudy.Gap g : gaps) {
            rows.add(g.model() + "," + g.eta() + "," + g.rho() + "," + g.gap() + "," + g.halfWidth() + "," + g.step() + ","
                    + (g.resolved() ? 1 : 0));
        }
        Csv.write(file, COLUMNS, rows);
    }

    /**
     * Reads the rows in file order. Files written before the {@code resolved} column existed are
     * read with every gap resolved.
     *
     * @param file the file
     * @return the gaps
     * @throws org.samsde.core.InvalidInputException naming the file when it is missing or malformed
     */
    public static List<ApproxStudy.Gap> read(Path file) {
        CsvTable csv = CsvTable.read(file, MODEL, ETA, RHO, GAP, HALFWIDTH, STEP);
        List<ApproxStudy.Gap> out = new ArrayList<>();
        for (int r = 0; r < csv.size(); r++) {
            out.add(new ApproxStudy.Gap(csv.text(r, MODEL), csv.number(r, ETA), csv.number(r, RHO), csv.number(r, GAP),
                    csv.number(r, HALFWIDTH), (int) csv.number(r, STEP), !csv.has(RESOLVED) || csv.number(r, RESOLVED) != 0));
        }
        return out;
    }
}
