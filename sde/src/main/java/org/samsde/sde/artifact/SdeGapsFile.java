package org.samsde.sde.artifact;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.samsde.core.InvalidInputException;
import org.samsde.core.io.AtomicFiles;
import org.samsde.sde.study.SdeGaps;

/**
 * {@code sde_gaps.csv} of {@code samsde study paper-sde}: the gap between the discrete method and
 * each SDE model, one row per panel metric and model ({@link SdeGaps.Gap}; the definitions are
 * there). Empty fields are NaN or, for {@link #VERSUS}, no comparison.
 */
public final class SdeGapsFile {
    /** The file name in a study directory. */
    public static final String NAME = "sde_gaps.csv";
    /** Column: the metric (a name of the records). */
    public static final String METRIC = "metric";
    /** Column: the SDE model. */
    public static final String MODEL = "model";
    /** Column: the discrete method it is compared to. */
    public static final String REFERENCE = "reference";
    /** Column: the last recorded step. */
    public static final String STEP = "step";
    /** Column: reference mean − model mean at the last step. */
    public static final String FINAL_GAP = "final_gap";
    /** Column: its 95% half-width. */
    public static final String FINAL_HALFWIDTH = "final_halfwidth";
    /** Column: the RMS gap over the records after step 0, beyond the noise floor: √max(0, G² − F²). */
    public static final String RMS_GAP = "rms_gap";
    /** Column: the lower end of its 95% basic bootstrap interval. */
    public static final String RMS_LOWER = "rms_lower";
    /** Column: the upper end. */
    public static final String RMS_UPPER = "rms_upper";
    /** Column: F, the noise floor of the plug-in RMS gap G (two ensembles of the same dynamics show G ≈ F). */
    public static final String RMS_FLOOR = "rms_floor";
    /** Column: the model the excess is measured against. */
    public static final String VERSUS = "versus";
    /** Column: RMS gap of {@link #VERSUS} − RMS gap of this model (positive: this model is closer). */
    public static final String EXCESS = "excess";
    /** Column: the lower end of its 95% bootstrap interval. */
    public static final String EXCESS_LOWER = "excess_lower";
    /** Column: the upper end. */
    public static final String EXCESS_UPPER = "excess_upper";

    private static final List<String> COLUMNS = List.of(METRIC, MODEL, REFERENCE, STEP, FINAL_GAP, FINAL_HALFWIDTH, RMS_GAP, RMS_LOWER,
            RMS_UPPER, RMS_FLOOR, VERSUS, EXCESS, EXCESS_LOWER, EXCESS_UPPER);

    private SdeGapsFile() {
    }

    /**
     * @param file the file, written atomically
     * @param gaps the rows
     * @throws IOException when it cannot be written
     */
    public static void write(Path file, List<SdeGaps.Gap> gaps) throws IOException {
        AtomicFiles.write(file, out -> {
            Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            w.write(String.join(",", COLUMNS) + "\n");
            for (SdeGaps.Gap g : gaps) {
                w.write(g.metric() + "," + g.model() + "," + g.reference() + "," + g.step() + "," + g.finalGap() + "," + g.finalHalfWidth()
                        + "," + g.rmsGap() + "," + g.rmsLower() + "," + g.rmsUpper() + "," + g.rmsFloor() + ","
                        + (g.versus() == null ? "" : g.versus()) + "," + g.excess() + "," + g.excessLower() + "," + g.excessUpper() + "\n");
            }
            w.flush();
        });
    }

    /**
     * @param file a file written by {@link #write}
     * @return its rows
     * @throws InvalidInputException when it is missing or malformed
     */
    public static List<SdeGaps.Gap> read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new InvalidInputException(file + ": cannot read (" + e.getMessage() + ")");
        }
        if (lines.isEmpty() || !lines.get(0).equals(String.join(",", COLUMNS))) {
            throw new InvalidInputException(file + ": not a " + NAME + " (expected the header " + String.join(",", COLUMNS) + ")");
        }
        List<SdeGaps.Gap> out = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            String[] f = lines.get(i).split(",", -1);
            if (f.length != COLUMNS.size()) {
                throw new InvalidInputException(file + " line " + (i + 1) + ": " + f.length + " fields, expected " + COLUMNS.size());
            }
            try {
                out.add(new SdeGaps.Gap(f[0], f[1], f[2], Integer.parseInt(f[3]), d(f[4]), d(f[5]), d(f[6]), d(f[7]), d(f[8]), d(f[9]),
                        f[10].isEmpty() ? null : f[10], d(f[11]), d(f[12]), d(f[13])));
            } catch (NumberFormatException e) {
                throw new InvalidInputException(file + " line " + (i + 1) + ": not a number (" + e.getMessage() + ")");
            }
        }
        return out;
    }

    private static double d(String s) {
        return Double.parseDouble(s);
    }
}
