package org.samsde.notebooks;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.samsde.plots.FigureKind;
import org.samsde.plots.Figures;
import org.samsde.plots.XChartRenderer;
import org.samsde.sde.Dynamics;
import org.samsde.sde.artifact.RunInfo;
import org.samsde.sde.run.Ensemble;
import org.samsde.sde.run.Problem;
import org.samsde.sde.run.RunDirectory;
import org.samsde.sde.run.StepSizes;

/**
 * What every notebook needs besides the library: sizes, run directories, records on disk and a
 * figure as an image the kernel displays inline ({@code display(Notebooks.figure(...))}).
 */
public final class Notebooks {
    /** When this environment variable is set (and not {@code 0}), notebooks use their quick sizes. */
    public static final String QUICK = "SAMSDE_NOTEBOOK_QUICK";
    /** The directory under which notebooks write their runs (default {@code runs/notebooks}). */
    public static final String RUNS = "SAMSDE_NOTEBOOK_RUNS";

    private Notebooks() {
    }

    /** @return whether the quick sizes are in force (run-all sets {@value #QUICK}=1) */
    public static boolean quick() {
        return quick(System.getenv());
    }

    /**
     * @param env the environment
     * @return whether it asks for quick sizes
     */
    static boolean quick(Map<String, String> env) {
        String v = env.get(QUICK);
        return v != null && !v.isBlank() && !v.equals("0");
    }

    /**
     * @param full the size for a figure worth reading (the command line's default)
     * @param small the size for a quick check that the notebook runs
     * @return small under {@link #quick()}, else full
     */
    public static int size(int full, int small) {
        return quick() ? small : full;
    }

    /**
     * @param name the run's name
     * @return the directory {@code $SAMSDE_NOTEBOOK_RUNS/name} (default {@code runs/notebooks/name}), created
     * @throws IOException when it cannot be created
     */
    public static Path runDirectory(String name) throws IOException {
        String base = System.getenv(RUNS);
        return Files.createDirectories(Path.of(base == null || base.isBlank() ? "runs/notebooks" : base).resolve(name));
    }

    /**
     * Runs an ensemble and writes its run directory as {@code samsde compare} does, through the
     * library's {@link RunDirectory} (records, run.json naming each method's approximations, the
     * figures), without a progress bar. The SDE methods' step sizes are refined until converged, as
     * the command line's default {@code --substeps auto} does ({@link StepSizes}), and run.json
     * records them. A notebook owns its directories: a run there from an earlier execution is
     * replaced.
     *
     * @param dir the run directory
     * @param problem the problem
     * @param methods the methods
     * @param settings the ensemble settings
     * @return the trajectories
     */
    public static List<Ensemble.Trajectory> record(Path dir, Problem problem, List<? extends Dynamics<?>> methods,
                                                   Ensemble.Settings settings) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("lr", methods.get(0).timeStep());
        config.put("steps", settings.steps());
        config.put("seeds", settings.seeds());
        config.put("every", settings.every());
        config.put("master_seed", settings.masterSeed());
        RunInfo info = RunInfo.of("notebook", problem.train().backend().description(), config);
        return RunDirectory.open(dir, RunDirectory.Claim.REPLACE, info).run(problem, methods, settings).trajectories();
    }

    /**
     * @param kind the figure
     * @param dirs run directories written before
     * @return the figure drawn from their files, as an image the kernel shows inline
     */
    public static BufferedImage figure(FigureKind kind, Path... dirs) {
        return XChartRenderer.image(Figures.of(kind, Arrays.asList(dirs)));
    }
}
