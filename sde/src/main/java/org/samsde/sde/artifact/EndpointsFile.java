package org.samsde.sde.artifact;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.samsde.core.InvalidInputException;
import org.samsde.core.io.AtomicFiles;
import org.samsde.sde.run.Ensemble;
import org.samsde.sde.run.Record;
import org.samsde.sde.run.Summary;

/**
 * {@code endpoints.csv} of {@code samsde study paper-alignment}: every method's metrics at its last
 * recorded step, as the mean over seeds with its 95% t-interval half-width, one row per data set,
 * method and metric ({@link Endpoint}).
 */
public final class EndpointsFile {
    /** The file name in a study directory (and in each data set's run directory). */
    public static final String NAME = "endpoints.csv";
    /** Column: the data set's label. */
    public static final String DATA = "data";
    /** Column: the method. */
    public static final String METHOD = "method";
    /** Column: the last recorded step. */
    public static final String STEP = "step";
    /** Column: the seeds in the mean (diverged ones left out). */
    public static final String SEEDS = "seeds";
    /** Column: the metric (a name of {@link Record#METRICS}). */
    public static final String METRIC = "metric";
    /** Column: the mean over seeds. */
    public static final String MEAN = "mean";
    /** Column: the 95% t-interval half-width (NaN for one seed). */
    public static final String HALFWIDTH = "halfwidth";

    private static final List<String> COLUMNS = List.of(DATA, METHOD, STEP, SEEDS, METRIC, MEAN, HALFWIDTH);

    /**
     * One method's metric at its last step.
     *
     * @param data the data set's label
     * @param method the method
     * @param step the last recorded step
     * @param seeds the seeds in the mean
     * @param metric the metric
     * @param mean the mean over seeds
     * @param halfWidth its 95% half-width
     */
    public record Endpoint(String data, String method, int step, int seeds, String metric, double mean, double halfWidth) {
    }

    private EndpointsFile() {
    }

    /**
     * @param data the data set's label
     * @param trajectories an ensemble
     * @return every method's metrics at its last recorded step, methods in first-seen order
     */
    public static List<Endpoint> of(String data, List<Ensemble.Trajectory> trajectories) {
        Map<String, Summary.Row> last = new LinkedHashMap<>();
        for (Summary.Row r : Summary.of(trajectories)) {
            last.put(r.method(), r);
        }
        List<Endpoint> out = new ArrayList<>();
        for (Summary.Row r : last.values()) {
            for (int m = 0; m < Record.METRICS.size(); m++) {
                out.add(new Endpoint(data, r.method(), r.step(), r.seeds(), Record.METRICS.get(m), r.mean()[m],
                        (r.upper()[m] - r.lower()[m]) / 2));
            }
        }
        return out;
    }

    /**
     * @param file the file, written atomically
     * @param rows the rows
     * @throws IOException when it cannot be written
     */
    public static void write(Path file, List<Endpoint> rows) throws IOException {
        AtomicFiles.write(file, out -> {
            Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            w.write(String.join(",", COLUMNS) + "\n");
            for (Endpoint e : rows) {
                w.write(e.data() + "," + e.method() + "," + e.step() + "," + e.seeds() + "," + e.metric() + "," + e.mean() + ","
                        + e.halfWidth() + "\n");
            }
            w.flush();
        });
    }

    /**
     * @param file a file written by {@link #write}
     * @return its rows
     * @throws InvalidInputException when it is missing or malformed
     */
    public static List<Endpoint> read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new InvalidInputException(file + ": cannot read (" + e.getMessage() + ")");
        }
        if (lines.isEmpty() || !lines.get(0).equals(String.join(",", COLUMNS))) {
            throw new InvalidInputException(file + ": not an " + NAME + " (expected the header " + String.join(",", COLUMNS) + ")");
        }
        List<Endpoint> out = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            String[] f = lines.get(i).split(",", -1);
            if (f.length != COLUMNS.size()) {
                throw new InvalidInputException(file + " line " + (i + 1) + ": " + f.length + " fields, expected " + COLUMNS.size());
            }
            try {
                out.add(new Endpoint(f[0], f[1], Integer.parseInt(f[2]), Integer.parseInt(f[3]), f[4], Double.parseDouble(f[5]),
                        Double.parseDouble(f[6])));
            } catch (NumberFormatException e) {
                throw new InvalidInputException(file + " line " + (i + 1) + ": not a number (" + e.getMessage() + ")");
            }
        }
        return out;
    }
}
