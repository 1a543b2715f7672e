package org.samsde.sde.artifact;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.samsde.core.io.Npy;
import org.samsde.core.io.NpyArray;
import org.samsde.sde.run.Ensemble;
import org.samsde.sde.run.Summary;

/**
 * The run directory of an ensemble, every file written atomically:
 * <ul>
 *   <li>{@link TrajectoriesFile trajectories.csv} and {@link SummaryFile summary.csv};</li>
 *   <li>{@code params.npy} (one method) or {@code params_METHOD.npy} (several): the final
 *       parameters of seed 0;</li>
 *   <li>{@code params_all.npy} (one method) or {@code params_all_METHOD.npy} (several): the final
 *       parameters of every seed, shape (seeds, d), rows in seed order, a diverged seed's row NaN;</li>
 * </ul>
 * and, per trajectory, its method, seed, divergence and seconds into the run's {@link RunInfo}, which
 * {@link org.samsde.sde.run.RunDirectory} writes as {@code run.json}.
 * Numbers are written with {@link Double#toString}, which round-trips exactly; NaN as {@code NaN}.
 */
public final class RunFiles {
    /** Seed 0's final parameters when the run has one method. */
    public static final String PARAMS = "params.npy";
    /** Every seed's final parameters when the run has one method. */
    public static final String PARAMS_ALL = "params_all.npy";

    private RunFiles() {
    }

    /**
     * What a run or study writes into its directory, by name: a directory holding any of these holds
     * a run, and replacing a run removes these and nothing else (with the checkpoints, removed by
     * their owner).
     *
     * @param name a file name
     * @return whether runs write files of that name
     */
    public static boolean written(String name) {
        return WRITTEN.contains(name) || (name.startsWith("params") && name.endsWith(".npy"))
                || (name.startsWith("eigenvalues") && name.endsWith(".npy"))
                || name.matches("(figure|noise|alignment)\\.(png|svg|pdf)");
    }

    /** The fixed names of {@link #written}: every artifact file of a run or study. */
    private static final Set<String> WRITTEN = Set.of(RunInfo.NAME, RunInfo.CONFIG, TrajectoriesFile.NAME, SummaryFile.NAME,
            SeedGapsFile.NAME, EndpointsFile.NAME, "sde_gaps.csv", FidelityFile.NAME, SlopesFile.NAME, WeakFile.NAME, OutliersFile.NAME,
            SagunFile.NAME, TableFile.NAME, TableFile.MARKDOWN, LandscapeFiles.LINE + ".csv", LandscapeFiles.LINE + ".npz",
            LandscapeFiles.PLANE_CSV, LandscapeFiles.PLANE_NPZ, LandscapeFiles.DIRECTIONS, SpectrumFiles.EIGENVECTORS, SpectrumFiles.DENSITY,
            SpectrumFiles.SLQ_NODES, SpectrumFiles.SLQ_WEIGHTS, SpectrumFiles.TRACE);

    /**
     * @param dir a directory (may be missing)
     * @return one line on the run recorded there (its command and status from run.json, or the run
     *     files found), or null when it holds none
     * @throws IOException when the directory cannot be listed
     */
    public static String occupant(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return null;
        }
        if (Files.isRegularFile(dir.resolve(RunInfo.NAME))) {
            com.fasterxml.jackson.databind.JsonNode info;
            try {
                info = RunInfo.read(dir);
            } catch (RuntimeException e) {
                return "a run.json that cannot be read";
            }
            String command = info.path(RunInfo.COMMAND).asText("a samsde command");
            String status = info.path(RunInfo.STATUS).asText("");
            return "a " + command + " run" + (status.isEmpty() ? "" : " (" + status + ")");
        }
        List<String> found = new ArrayList<>();
        try (java.util.stream.Stream<Path> files = Files.list(dir)) {
            files.map(f -> f.getFileName().toString()).filter(RunFiles::written).sorted().forEach(found::add);
        }
        return found.isEmpty() ? null : "run files (" + String.join(", ", found) + ")";
    }

    /**
     * Removes the files of {@link #written} from a directory, and nothing else.
     *
     * @param dir the directory
     * @return the names removed
     * @throws IOException when one cannot be removed
     */
    public static List<String> clear(Path dir) throws IOException {
        List<Path> own = new ArrayList<>();
        try (java.util.stream.Stream<Path> files = Files.list(dir)) {
            files.filter(f -> Files.isRegularFile(f, java.nio.file.LinkOption.NOFOLLOW_LINKS) && written(f.getFileName().toString()))
                    .forEach(own::add);
        }
        List<String> names = new ArrayList<>();
        for (Path f : own) {
            Files.deleteIfExists(f);
            names.add(f.getFileName().toString());
        }
        return names;
    }

    /**
     * @param method the method
     * @param single whether the run has only this method
     * @return the file of seed 0's final parameters
     */
    public static String params(String method, boolean single) {
        return single ? PARAMS : "params_" + method + ".npy";
    }

    /**
     * @param method the method
     * @param single whether the run has only this method
     * @return the file of every seed's final parameters
     */
    public static String paramsAll(String method, boolean single) {
        return single ? PARAMS_ALL : "params_all_" + method + ".npy";
    }

    /**
     * @param dir the run directory (created if missing)
     * @param trajectories the ensemble; not modified
     * @param info the provenance; modified: the list of trajectories is added as {@code trajectories}
     *     (written by {@link org.samsde.sde.run.RunDirectory}, the one writer of run.json)
     * @throws IOException when a file cannot be written
     */
    public static void write(Path dir, List<Ensemble.Trajectory> trajectories, RunInfo info) throws IOException {
        Files.createDirectories(dir);
        TrajectoriesFile.write(dir.resolve(TrajectoriesFile.NAME), trajectories);
        SummaryFile.write(dir.resolve(SummaryFile.NAME), Summary.of(trajectories));
        Set<String> methods = new LinkedHashSet<>();
        for (Ensemble.Trajectory t : trajectories) {
            methods.add(t.method());
        }
        boolean single = methods.size() == 1;
        for (Ensemble.Trajectory t : trajectories) {
            if (t.seedIndex() == 0) {
                Npy.write(dir.resolve(params(t.method(), single)), NpyArray.ofDoubles(t.finalParameters(), t.finalParameters().length));
            }
        }
        for (String method : methods) {
            List<Ensemble.Trajectory> mine = trajectories.stream().filter(t -> t.method().equals(method))
                    .sorted(Comparator.comparingInt(Ensemble.Trajectory::seedIndex)).toList();
            int d = mine.get(0).finalParameters().length;
            double[] all = new double[mine.size() * d];
            for (int j = 0; j < mine.size(); j++) {
                if (mine.get(j).diverged()) {
                    Arrays.fill(all, j * d, (j + 1) * d, Double.NaN);
                } else {
                    System.arraycopy(mine.get(j).finalParameters(), 0, all, j * d, d);
                }
            }
            Npy.write(dir.resolve(paramsAll(method, single)), NpyArray.ofDoubles(all, mine.size(), d));
        }
        List<Map<String, Object>> seeds = new ArrayList<>();
        for (Ensemble.Trajectory t : trajectories) {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("method", t.method());
            s.put("seed_index", t.seedIndex());
            s.put("seed", t.seed());
            s.put("diverged", t.diverged());
            s.put("seconds", t.seconds());
            seeds.add(s);
        }
        info.put(RunInfo.TRAJECTORIES, seeds);
    }
}
