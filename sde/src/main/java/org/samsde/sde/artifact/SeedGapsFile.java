package org.samsde.sde.artifact;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.samsde.core.InvalidInputException;
import org.samsde.sde.study.SeedGaps;

/**
 * {@code gaps.csv} of {@code samsde study gaps}, {@code study paper-sde} and {@code study
 * paper-alignment}: one row per candidate and observable ({@link SeedGaps.Gap}; the definitions
 * are there). The gap is candidate minus reference of the time-averaged observable, with its
 * family-wise 95% interval; {@link #RESOLVED} and {@link #PAIRED} are 1 or 0. Not the
 * {@code gaps.csv} of {@code study approx}, which {@link GapsFile} owns.
 */
public final class SeedGapsFile {
    /** The file name in a run or study directory. */
    public static final String NAME = "gaps.csv";
    /** Column: the candidate's label. */
    public static final String CANDIDATE = "candidate";
    /** Column: the observable, a name of the records' metrics. */
    public static final String OBSERVABLE = "observable";
    /** Column: candidate minus reference of the time-averaged observable. */
    public static final String GAP = "gap";
    /** Column: the lower end of its family-wise 95% interval (Bonferroni). */
    public static final String LO = "lo";
    /** Column: the upper end. */
    public static final String HI = "hi";
    /** Column: 1 when the interval excludes 0. */
    public static final String RESOLVED = "resolved";
    /** Column: the reference's label. */
    public static final String REFERENCE = "reference";
    /** Column: 1 when the ensembles shared their seeds (a mean of per-seed differences), 0 for Welch. */
    public static final String PAIRED = "paired";
    /** Column: the candidate's seeds that entered (the pairs, when paired). */
    public static final String SEEDS = "seeds";
    /** Column: the reference's seeds that entered. */
    public static final String REFERENCE_SEEDS = "reference_seeds";
    /** Column: diverged trajectories left out, of both ensembles. */
    public static final String DIVERGED = "diverged";
    /** Column: the standard error of the gap. */
    public static final String SE = "se";
    /** Column: the degrees of freedom of its t distribution. */
    public static final String DF = "df";
    /** Column: the unadjusted two-sided p-value of a zero gap. */
    public static final String P = "p";
    /** Column: Holm's adjusted p-value over the family. */
    public static final String P_HOLM = "p_holm";

    private static final List<String> COLUMNS = List.of(CANDIDATE, OBSERVABLE, GAP, LO, HI, RESOLVED, REFERENCE, PAIRED, SEEDS,
            REFERENCE_SEEDS, DIVERGED, SE, DF, P, P_HOLM);

    private SeedGapsFile() {
    }

    /** @return the header's names in order */
    public static List<String> columns() {
        return COLUMNS;
    }

    /**
     * @param file the file, written atomically
     * @param gaps the rows; not modified
     * @throws IOException when it cannot be written
     * @throws IllegalArgumentException when a label holds a comma or a line break, which the file cannot hold
     */
    public static void write(Path file, List<SeedGaps.Gap> gaps) throws IOException {
        List<String> rows = new ArrayList<>();
        for (SeedGaps.Gap g : gaps) {
            rows.add(label(g.candidate()) + "," + label(g.observable()) + "," + Csv.join(g.gap(), g.lo(), g.hi()) + "," + (g.resolved() ? 1 : 0)
                    + "," + label(g.reference()) + "," + (g.paired() ? 1 : 0) + "," + g.seeds() + "," + g.referenceSeeds() + ","
                    + g.diverged() + "," + Csv.join(g.standardError(), g.df(), g.p(), g.pHolm()));
        }
        Csv.write(file, COLUMNS, rows);
    }

    /**
     * Reads the rows in file order.
     *
     * @param file the file
     * @return the gaps
     * @throws InvalidInputException naming the file when it is missing or malformed
     */
    public static List<SeedGaps.Gap> read(Path file) {
        CsvTable csv = CsvTable.read(file, COLUMNS.toArray(String[]::new));
        List<SeedGaps.Gap> out = new ArrayList<>();
        for (int r = 0; r < csv.size(); r++) {
            out.add(new SeedGaps.Gap(csv.text(r, CANDIDATE), csv.text(r, OBSERVABLE), csv.number(r, GAP), csv.number(r, LO), csv.number(r, HI),
                    flag(file, csv, r, RESOLVED), flag(file, csv, r, PAIRED), count(file, csv, r, SEEDS), count(file, csv, r, REFERENCE_SEEDS),
                    count(file, csv, r, DIVERGED), csv.text(r, REFERENCE), csv.number(r, SE), csv.number(r, DF), csv.number(r, P), csv.number(r, P_HOLM)));
        }
        return out;
    }

    private static String label(String s) {
        if (s.contains(",") || s.contains("\n") || s.contains("\r")) {
            throw new IllegalArgumentException("'" + s + "' holds a comma or a line break, which " + NAME + " cannot hold");
        }
        return s;
    }

    private static boolean flag(Path file, CsvTable csv, int row, String column) {
        String s = csv.text(row, column);
        if (!s.equals("0") && !s.equals("1")) {
            throw new InvalidInputException(file + ": line " + (row + 2) + ", column " + column + ": expected 0 or 1, got '" + s + "'");
        }
        return s.equals("1");
    }

    private static int count(Path file, CsvTable csv, int row, String column) {
        double v = csv.number(row, column);
        if (!(v >= 0) || v != Math.rint(v) || v > Integer.MAX_VALUE) {
            throw new InvalidInputException(file + ": line " + (row + 2) + ", column " + column + ": expected a count, got " + v);
        }
        return (int) v;
    }
}
