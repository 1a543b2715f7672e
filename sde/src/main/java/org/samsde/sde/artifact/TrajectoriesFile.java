package org.samsde.sde.artifact;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.samsde.core.InvalidInputException;
import org.samsde.sde.run.Ensemble;
import org.samsde.sde.run.Record;

/**
 * {@code trajectories.csv} of an ensemble ({@code train}, {@code sde}, {@code compare}, {@code study table}):
 * one row per method, seed and recorded step ({@link Record}): the metrics of {@link Record#METRICS},
 * the relative residual of λ_max, wall seconds and the divergence mark.
 */
public final class TrajectoriesFile {
    /** The file name in a run directory. */
    public static final String NAME = "trajectories.csv";
    /** Column: the method's name. */
    public static final String METHOD = "method";
    /** Column: the seed's index in the ensemble. */
    public static final String SEED = "seed";
    /** Column: the step. */
    public static final String STEP = "step";
    /** Column: SDE time, step·η. */
    public static final String TIME = "time";
    /** Column: the relative residual of λ_max. */
    public static final String LAMBDA_RESIDUAL = "lambda_residual";
    /** Column: wall seconds since the trajectory started. */
    public static final String SECONDS = "seconds";
    /** Column: 1 once the trajectory diverged. */
    public static final String DIVERGED = "diverged";

    private TrajectoriesFile() {
    }

    /** @return the header's names in order */
    public static List<String> columns() {
        List<String> c = new ArrayList<>(List.of(METHOD, SEED, STEP, TIME));
        c.addAll(Record.METRICS);
        c.addAll(List.of(LAMBDA_RESIDUAL, SECONDS, DIVERGED));
        return c;
    }

    /**
     * @param file the file, written atomically
     * @param trajectories the ensemble; not modified
     * @throws IOException when it cannot be written
     */
    public static void write(Path file, List<Ensemble.Trajectory> trajectories) throws IOException {
        List<String> rows = new ArrayList<>();
        for (Ensemble.Trajectory t : trajectories) {
            for (Record r : t.records()) {
                rows.add(t.method() + "," + t.seedIndex() + "," + r.step() + "," + r.time() + "," + Csv.join(r.metrics()) + ","
                        + r.lambdaResidual() + "," + r.seconds() + "," + (r.diverged() ? 1 : 0));
            }
        }
        Csv.write(file, columns(), rows);
    }

    /**
     * Reads the records back as trajectories, one per method and seed in file order. The file does
     * not hold final parameters, seeds' values or total seconds: those are empty, the seed index and 0.
     * Columns of {@link Record#OPTIONAL} metrics and {@code lambda_residual} may be absent (NaN).
     *
     * @param file the file
     * @return the trajectories
     * @throws InvalidInputException naming the file when it is missing, malformed or empty
     */
    public static List<Ensemble.Trajectory> read(Path file) {
        List<String> required = new ArrayList<>(List.of(METHOD, SEED, STEP, TIME, SECONDS, DIVERGED));
        Record.METRICS.stream().filter(m -> !Record.OPTIONAL.contains(m)).forEach(required::add);
        CsvTable csv = CsvTable.read(file, required.toArray(String[]::new));
        Map<String, Map<Integer, List<Record>>> records = new LinkedHashMap<>();
        for (int r = 0; r < csv.size(); r++) {
            double[] m = new double[Record.METRICS.size()];
            for (int i = 0; i < m.length; i++) {
                String name = Record.METRICS.get(i);
                m[i] = csv.has(name) ? csv.number(r, name) : Double.NaN;
            }
            Record rec = Record.of((int) csv.number(r, STEP), csv.number(r, TIME), m, csv.number(r, SECONDS),
                    csv.number(r, DIVERGED) != 0, csv.has(LAMBDA_RESIDUAL) ? csv.number(r, LAMBDA_RESIDUAL) : Double.NaN);
            records.computeIfAbsent(csv.text(r, METHOD), k -> new LinkedHashMap<>())
                    .computeIfAbsent((int) csv.number(r, SEED), k -> new ArrayList<>()).add(rec);
        }
        List<Ensemble.Trajectory> out = new ArrayList<>();
        records.forEach((method, bySeed) -> bySeed.forEach((seed, recs) -> out.add(new Ensemble.Trajectory(
                method, seed, seed, List.copyOf(recs), new double[0], recs.get(recs.size() - 1).diverged(), 0))));
        if (out.isEmpty()) {
            throw new InvalidInputException(file + ": no rows");
        }
        return out;
    }
}
