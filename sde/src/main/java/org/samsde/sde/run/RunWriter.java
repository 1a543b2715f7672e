package org.samsde.sde.run;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import org.samsde.core.io.AtomicFiles;
import org.samsde.core.io.Npy;
import org.samsde.core.io.NpyArray;

/**
 * Writes an ensemble's outputs into a run directory, every file atomically:
 * <ul>
 *   <li>{@code trajectories.csv}: one row per method, seed and recorded step (the metrics, the
 *       relative residual of λ_max, wall seconds, the divergence mark);</li>
 *   <li>{@code summary.csv}: per method and step, every metric's mean and 95% t-interval;</li>
 *   <li>{@code params.npy} (one method) or {@code params_METHOD.npy} (several): the final
 *       parameters of seed 0;</li>
 *   <li>{@code params_all.npy} (one method) or {@code params_all_METHOD.npy} (several): the final
 *       parameters of every seed, shape (seeds, d), rows in seed order, a diverged seed's row NaN;</li>
 *   <li>{@code run.json}: the configuration, seeds, versions, backend and timings given by the caller.</li>
 * </ul>
 * Numbers are written with {@link Double#toString}, which round-trips exactly; NaN as {@code NaN}.
 */
public final class RunWriter {
    private RunWriter() {
    }

    /**
     * @param dir the run directory (created if missing)
     * @param trajectories the ensemble
     * @param runInfo the contents of run.json (configuration, seeds, versions, timings)
     * @throws IOException when a file cannot be written
     */
    public static void write(Path dir, List<Ensemble.Trajectory> trajectories, Map<String, Object> runInfo) throws IOException {
        Files.createDirectories(dir);
        writeTrajectories(dir.resolve("trajectories.csv"), trajectories);
        writeSummary(dir.resolve("summary.csv"), Summary.of(trajectories));
        Set<String> methods = new LinkedHashSet<>();
        for (Ensemble.Trajectory t : trajectories) {
            methods.add(t.method());
        }
        for (Ensemble.Trajectory t : trajectories) {
            if (t.seedIndex() == 0) {
                String name = methods.size() == 1 ? "params.npy" : "params_" + t.method() + ".npy";
                Npy.write(dir.resolve(name), NpyArray.ofDoubles(t.finalParameters(), t.finalParameters().length));
            }
        }
        for (String method : methods) {
            List<Ensemble.Trajectory> mine = trajectories.stream().filter(t -> t.method().equals(method))
                    .sorted(java.util.Comparator.comparingInt(Ensemble.Trajectory::seedIndex)).toList();
            int d = mine.get(0).finalParameters().length;
            double[] all = new double[mine.size() * d];
            for (int j = 0; j < mine.size(); j++) {
                if (mine.get(j).diverged()) {
                    java.util.Arrays.fill(all, j * d, (j + 1) * d, Double.NaN);
                } else {
                    System.arraycopy(mine.get(j).finalParameters(), 0, all, j * d, d);
                }
            }
            String name = methods.size() == 1 ? "params_all.npy" : "params_all_" + method + ".npy";
            Npy.write(dir.resolve(name), NpyArray.ofDoubles(all, mine.size(), d));
        }
        Map<String, Object> info = new LinkedHashMap<>(runInfo);
        List<Map<String, Object>> seeds = new java.util.ArrayList<>();
        for (Ensemble.Trajectory t : trajectories) {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("method", t.method());
            s.put("seed_index", t.seedIndex());
            s.put("seed", t.seed());
            s.put("diverged", t.diverged());
            s.put("seconds", t.seconds());
            seeds.add(s);
        }
        info.put("trajectories", seeds);
        writeJson(dir.resolve("run.json"), info);
    }

    /**
     * Writes a JSON document atomically.
     *
     * @param file the file
     * @param content maps, lists, strings, numbers, booleans
     * @throws IOException when the file cannot be written
     */
    public static void writeJson(Path file, Object content) throws IOException {
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        byte[] bytes = mapper.writeValueAsBytes(content);
        AtomicFiles.write(file, out -> out.write(bytes));
    }

    /**
     * Reads back the records of {@code trajectories.csv} as {@link #write} wrote them (files without
     * the optional metrics give NaN for them). The trajectories carry no final parameters (null) and
     * their seed index as seed; the seeds themselves are in run.json.
     *
     * @param file a trajectories.csv
     * @return the trajectories in file order
     * @throws org.samsde.core.InvalidInputException when the file is missing or malformed
     */
    public static List<Ensemble.Trajectory> readTrajectories(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new org.samsde.core.InvalidInputException(file + ": cannot read (" + e.getMessage() + ")");
        }
        if (lines.isEmpty()) {
            throw new org.samsde.core.InvalidInputException(file + ": empty, expected a header");
        }
        List<String> header = List.of(lines.get(0).split(",", -1));
        int[] metric = new int[Record.METRICS.size()];
        for (int m = 0; m < metric.length; m++) {
            metric[m] = header.indexOf(Record.METRICS.get(m));
            if (metric[m] < 0 && !Record.OPTIONAL.contains(Record.METRICS.get(m))) {
                throw new org.samsde.core.InvalidInputException(file + ": no column " + Record.METRICS.get(m));
            }
        }
        int method = column(file, header, "method");
        int seed = column(file, header, "seed");
        int step = column(file, header, "step");
        int time = column(file, header, "time");
        int residual = header.indexOf("lambda_residual");
        int seconds = column(file, header, "seconds");
        int diverged = column(file, header, "diverged");
        Map<String, List<Record>> records = new LinkedHashMap<>();
        for (int i = 1; i < lines.size(); i++) {
            String[] f = lines.get(i).split(",", -1);
            if (f.length != header.size()) {
                throw new org.samsde.core.InvalidInputException(file + " line " + (i + 1) + ": " + f.length + " fields, expected " + header.size());
            }
            try {
                double[] m = new double[metric.length];
                for (int k = 0; k < m.length; k++) {
                    m[k] = metric[k] < 0 ? Double.NaN : Double.parseDouble(f[metric[k]]);
                }
                Record r = Record.of(Integer.parseInt(f[step]), Double.parseDouble(f[time]), m, Double.parseDouble(f[seconds]),
                        f[diverged].equals("1"), residual < 0 ? Double.NaN : Double.parseDouble(f[residual]));
                records.computeIfAbsent(f[method] + "," + Integer.parseInt(f[seed]), k -> new java.util.ArrayList<>()).add(r);
            } catch (NumberFormatException e) {
                throw new org.samsde.core.InvalidInputException(file + " line " + (i + 1) + ": not a number (" + e.getMessage() + ")");
            }
        }
        List<Ensemble.Trajectory> out = new java.util.ArrayList<>();
        records.forEach((key, rs) -> {
            int comma = key.lastIndexOf(',');
            int j = Integer.parseInt(key.substring(comma + 1));
            boolean div = rs.stream().anyMatch(Record::diverged);
            out.add(new Ensemble.Trajectory(key.substring(0, comma), j, j, List.copyOf(rs), null, div, rs.get(rs.size() - 1).seconds()));
        });
        return out;
    }

    private static int column(Path file, List<String> header, String name) {
        int i = header.indexOf(name);
        if (i < 0) {
            throw new org.samsde.core.InvalidInputException(file + ": no column " + name);
        }
        return i;
    }

    private static String num(double v) {
        return Double.toString(v);
    }

    private static void writeTrajectories(Path file, List<Ensemble.Trajectory> trajectories) throws IOException {
        AtomicFiles.write(file, out -> {
            Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            w.write("method,seed,step,time," + String.join(",", Record.METRICS) + ",lambda_residual,seconds,diverged\n");
            for (Ensemble.Trajectory t : trajectories) {
                for (Record r : t.records()) {
                    StringBuilder s = new StringBuilder();
                    s.append(t.method()).append(',').append(t.seedIndex()).append(',').append(r.step()).append(',').append(num(r.time()));
                    for (double m : r.metrics()) {
                        s.append(',').append(num(m));
                    }
                    s.append(',').append(num(r.lambdaResidual())).append(',').append(num(r.seconds())).append(',')
                            .append(r.diverged() ? 1 : 0).append('\n');
                    w.write(s.toString());
                }
            }
            w.flush();
        });
    }

    private static void writeSummary(Path file, List<Summary.Row> rows) throws IOException {
        AtomicFiles.write(file, out -> {
            Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            StringBuilder header = new StringBuilder("method,step,time,seeds");
            for (String m : Record.METRICS) {
                header.append(',').append(m).append("_mean,").append(m).append("_lo,").append(m).append("_hi");
            }
            w.write(header.append('\n').toString());
            for (Summary.Row r : rows) {
                StringBuilder s = new StringBuilder();
                s.append(r.method()).append(',').append(r.step()).append(',').append(num(r.time())).append(',').append(r.seeds());
                for (int m = 0; m < r.mean().length; m++) {
                    s.append(',').append(num(r.mean()[m])).append(',').append(num(r.lower()[m])).append(',').append(num(r.upper()[m]));
                }
                w.write(s.append('\n').toString());
            }
            w.flush();
        });
    }
}
