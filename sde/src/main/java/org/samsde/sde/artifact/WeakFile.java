package org.samsde.sde.artifact;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.samsde.sde.study.WeakOrderStudy;

/** {@code weak.csv} of {@code samsde study weak}: one row per scheme and step ({@link WeakOrderStudy.Level}). */
public final class WeakFile {
    /** The file name in a study directory. */
    public static final String NAME = "weak.csv";
    /** Column: the scheme, a registered integrator ({@code euler}) or its Richardson extrapolation ({@code richardson}, {@code richardson:NAME} for another integrator). */
    public static final String SCHEME = "scheme";
    /** Column: the step Δt. */
    public static final String DT = "dt";
    /** Column: the Monte Carlo estimate of E φ(X_T). */
    public static final String ESTIMATE = "estimate";
    /** Column: the exact value. */
    public static final String EXACT = "exact";
    /** Column: |estimate − exact|. */
    public static final String ERROR = "error";
    /** Column: the Monte Carlo standard error. */
    public static final String STDERR = "stderr";

    private static final List<String> COLUMNS = List.of(SCHEME, DT, ESTIMATE, EXACT, ERROR, STDERR);

    private WeakFile() {
    }

    /**
     * @param file the file, written atomically
     * @param levels the rows; not modified
     * @throws IOException when it cannot be written
     */
    public static void write(Path file, List<WeakOrderStudy.Level> levels) throws IOException {
        List<String> rows = new ArrayList<>();
        for (WeakOrderStudy.Level l : levels) {
            rows.add(l.scheme() + "," + Csv.join(l.dt(), l.estimate(), l.exact(), l.error(), l.stderr()));
        }
        Csv.write(file, COLUMNS, rows);
    }

    /**
     * @param file the file
     * @return its rows, in file order
     * @throws org.samsde.core.InvalidInputException naming the file when it is missing or malformed
     */
    public static List<WeakOrderStudy.Level> read(Path file) {
        CsvTable csv = CsvTable.read(file, COLUMNS.toArray(String[]::new));
        List<WeakOrderStudy.Level> out = new ArrayList<>();
        for (int r = 0; r < csv.size(); r++) {
            out.add(new WeakOrderStudy.Level(csv.text(r, SCHEME), csv.number(r, DT), csv.number(r, ESTIMATE), csv.number(r, EXACT),
                    csv.number(r, ERROR), csv.number(r, STDERR)));
        }
        return out;
    }
}
