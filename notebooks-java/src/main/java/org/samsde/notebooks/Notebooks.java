package org.samsde.notebooks;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.samsde.plots.FigureKind;
import org.samsde.plots.Figures;
import org.samsde.plots.XChartRenderer;
import org.samsde.sde.Dynamics;
import org.samsde.sde.artifact.RunFiles;
import org.samsde.sde.artifact.RunInfo;
import org.samsde.sde.run.Ensemble;
import org.samsde.sde.run.Problem;
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
     * Runs an ensemble and writes its records (trajectories.csv, summary.csv, params, run.json)
     * into a directory, as {@code samsde compare} does (run.json names each method's approximations),
     * without a progress bar. The SDE methods' step sizes are refined until converged, as the
     * command line's default {@code --substeps auto} does ({@link StepSizes}), and run.json records
     * them.
     *
     * @param dir the run directory
     * @param problem the problem
     * @param methods the methods
     * @param settings the ensemble settings
     * @return the trajectories
     * @throws IOException when the records cannot be written
     */
    public static List<Ensemble.Trajectory> record(Path dir, Problem problem, List<? extends Dynamics<?>> methods,
                                                   Ensemble.Settings settings) throws IOException {
        long start = System.nanoTime();
        StepSizes.Result run = StepSizes.run(problem, methods, settings, StepSizes.Policy.auto(), n -> { }, () -> { });
        List<Ensemble.Trajectory> t = run.trajectories();
        RunInfo info = RunInfo.of("notebook", problem.train().backend().description(), Map.of("lr", methods.get(0).timeStep(),
                "steps", settings.steps(), "seeds", settings.seeds(), "every", settings.every(), "master_seed", settings.masterSeed()));
        info.put("problem", problem.description());
        info.put("dimension", problem.dimension());
        info.methods(methods);  // each method's approximations, as the command line records them
        info.stepSizes(run.choices());
        info.put("seconds", (System.nanoTime() - start) / 1e9);
        RunFiles.write(dir, t, info);
        return t;
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
