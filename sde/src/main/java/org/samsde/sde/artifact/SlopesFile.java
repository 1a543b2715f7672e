package org.samsde.sde.artifact;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.samsde.core.InvalidInputException;
import org.samsde.sde.study.ApproxStudy;
import org.samsde.sde.study.Slopes;

/**
 * {@code slopes.csv}: fitted orders, the least-squares slope of log(error) on log(step). Two
 * shapes share the name: {@code study approx} writes {@code model,slope,stderr,levels,of} (one
 * {@link ApproxStudy.Order} per model), {@code study weak} writes {@code scheme,slope,stderr} (one
 * {@link Slopes.Fit} per scheme). The intercept of a fit is not stored: it reads back as NaN.
 */
public final class SlopesFile {
    /** The file name in a study directory. */
    public static final String NAME = "slopes.csv";
    /** Column: the SDE model (study approx). */
    public static final String MODEL = "model";
    /** Column: the integrator (study weak). */
    public static final String SCHEME = "scheme";
    /** Column: the fitted slope. */
    public static final String SLOPE = "slope";
    /** Column: its standard error. */
    public static final String STDERR = "stderr";
    /** Column: the levels the fit used (study approx). */
    public static final String LEVELS = "levels";
    /** Column: the levels there were (study approx). */
    public static final String OF = "of";

    private SlopesFile() {
    }

    /**
     * Writes the orders of {@code study approx}.
     *
     * @param file the file, written atomically
     * @param orders per model, its fitted order; not modified
     * @throws IOException when it cannot be written
     */
    public static void writeOrders(Path file, Map<String, ApproxStudy.Order> orders) throws IOException {
        List<String> rows = new ArrayList<>();
        orders.forEach((model, o) -> rows.add(model + "," + o.fit().slope() + "," + o.fit().stderr() + "," + o.levels() + "," + o.of()));
        Csv.write(file, List.of(MODEL, SLOPE, STDERR, LEVELS, OF), rows);
    }

    /**
     * Writes the fits of {@code study weak}.
     *
     * @param file the file, written atomically
     * @param fits per scheme, its fit; not modified
     * @throws IOException when it cannot be written
     */
    public static void writeFits(Path file, Map<String, Slopes.Fit> fits) throws IOException {
        List<String> rows = new ArrayList<>();
        fits.forEach((scheme, f) -> rows.add(scheme + "," + f.slope() + "," + f.stderr()));
        Csv.write(file, List.of(SCHEME, SLOPE, STDERR), rows);
    }

    /**
     * Reads the orders of a {@code study approx} file.
     *
     * @param file the file
     * @return model → order, in file order (intercepts NaN)
     * @throws InvalidInputException naming the file when it is missing, malformed or lacks a column
     */
    public static Map<String, ApproxStudy.Order> readOrders(Path file) {
        CsvTable csv = CsvTable.read(file, MODEL, SLOPE, STDERR, LEVELS, OF);
        Map<String, ApproxStudy.Order> out = new LinkedHashMap<>();
        for (int r = 0; r < csv.size(); r++) {
            out.put(csv.text(r, MODEL), new ApproxStudy.Order(new Slopes.Fit(csv.number(r, SLOPE), csv.number(r, STDERR), Double.NaN),
                    (int) csv.number(r, LEVELS), (int) csv.number(r, OF)));
        }
        return out;
    }

    /**
     * Reads the fits of either shape: the first column is {@code model} or {@code scheme}.
     *
     * @param file the file
     * @return name → fit, in file order (intercepts NaN)
     * @throws InvalidInputException naming the file when it is missing or malformed
     */
    public static Map<String, Slopes.Fit> readFits(Path file) {
        CsvTable csv = CsvTable.read(file, SLOPE, STDERR);
        String key = csv.has(MODEL) ? MODEL : SCHEME;
        if (!csv.has(key)) {
            throw new InvalidInputException(file + ": no column '" + MODEL + "' or '" + SCHEME + "'");
        }
        Map<String, Slopes.Fit> out = new LinkedHashMap<>();
        for (int r = 0; r < csv.size(); r++) {
            out.put(csv.text(r, key), new Slopes.Fit(csv.number(r, SLOPE), csv.number(r, STDERR), Double.NaN));
        }
        return out;
    }
}
