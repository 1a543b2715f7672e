package org.samsde.sde.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.function.LongConsumer;

import org.samsde.core.InvalidInputException;
import org.samsde.core.io.IoErrors;
import org.samsde.sde.Dynamics;
import org.samsde.sde.artifact.JsonFile;
import org.samsde.sde.artifact.RunFiles;
import org.samsde.sde.artifact.RunInfo;

/**
 * A run directory, owned from its claim to its last file: the one place where {@code run.json} is
 * written, for every command, study and notebook, and for a library user's own runs.
 *
 * <p>Its life: {@link #open} claims the directory (refusing one that holds another run unless it is
 * replaced, and then removing only the files runs write and their checkpoints) and records
 * {@code run.json} with status {@code running}; an ensemble is run with {@link #run}, which checks
 * the methods and the heap, solves the SDE methods at converged step sizes ({@link StepSizes}),
 * checkpoints into {@link #checkpoints()}, and writes the records ({@link RunFiles}), the figures and
 * {@code run.json} (status {@code finished}, then the checkpoints are removed); a study writes its own
 * artifact files into {@link #path()} and ends with {@link #finish}. A run whose files could not all
 * be written (a full disk) keeps status {@code writing} and its checkpoints, so that a resumed run
 * writes what is missing.
 *
 * <p>Figures are drawn by the {@link FigureDrawer} found through {@link ServiceLoader} (the
 * {@code samsde-plots} module provides one); without one on the class path a run has its records and
 * {@code run.json} only, which says so under {@code figures}.
 *
 * <p>Example, the library's equivalent of {@code samsde compare} (the same records for the same
 * settings):
 * <pre>{@code
 * RunInfo info = RunInfo.of("compare", cpu.description(), Map.of("steps", 400));
 * RunDirectory run = RunDirectory.open(Path.of("runs/mine"), RunDirectory.Claim.NEW, info);
 * RunDirectory.Outcome outcome = run.run(problem, List.of(sam, sam3), settings);
 * }</pre>
 */
public final class RunDirectory {
    /** The checkpoint folder inside a run directory. */
    public static final String CHECKPOINTS = "checkpoints";
    /** run.json field: the figure files drawn through {@link #figure} (or why none could be). */
    public static final String FIGURES = "figures";

    /** How a directory is claimed. */
    public enum Claim {
        /** A new run: a directory that holds another run is refused ({@link Occupied}). */
        NEW,
        /** A new run that replaces the run there, removing only the files runs write and the checkpoints. */
        REPLACE,
        /** Continue the run there from its checkpoints; its files are kept. */
        RESUME
    }

    /**
     * Draws a run directory's figures; implemented by the plots module and found through
     * {@link ServiceLoader}.
     */
    public interface FigureDrawer {
        /**
         * Draws one figure of a directory into it.
         *
         * @param dir the run directory, its records written
         * @param kind the figure's kind, e.g. {@code compare}, {@code noise}, {@code alignment}
         * @param name the file name without extension
         * @return the files written
         * @throws IOException when a file cannot be written
         */
        List<Path> draw(Path dir, String kind, String name) throws IOException;
    }

    /** The directory holds another run, and the claim was {@link Claim#NEW}. */
    public static final class Occupied extends InvalidInputException {
        private static final long serialVersionUID = 1L;
        private final transient Path dir;
        private final String occupant;
        private final boolean finished;

        Occupied(Path dir, String occupant, boolean finished) {
            super(dir + " holds " + occupant + ": " + (finished ? "" : "resume it, ") + "replace it, or choose another directory");
            this.dir = dir;
            this.occupant = occupant;
            this.finished = finished;
        }

        /** @return the directory */
        public Path dir() {
            return dir;
        }

        /** @return one line on the run that is there */
        public String occupant() {
            return occupant;
        }

        /** @return whether that run finished (so there is nothing to resume) */
        public boolean finished() {
            return finished;
        }
    }

    /** The records of a finished ensemble could not all be written (e.g. a full disk). */
    public static final class Unwritable extends InvalidInputException {
        private static final long serialVersionUID = 1L;
        private final boolean kept;

        Unwritable(Path dir, IOException cause, boolean kept) {
            super(dir + ": cannot write the run's files (" + IoErrors.describe(cause) + "); " + (kept
                    ? "the finished trajectories are kept in " + dir.resolve(CHECKPOINTS) + ": make room and resume the run to write them"
                    : "run it again once there is room"), cause);
            this.kept = kept;
        }

        /** @return whether the trajectories are kept in checkpoints, so that resuming writes the files */
        public boolean kept() {
            return kept;
        }
    }

    /**
     * What an ensemble run produced.
     *
     * @param trajectories every method's trajectories, methods in order, seeds in order within each
     * @param choices the step size of each SDE method and the evidence for it
     * @param seconds the wall time of the solves
     */
    public record Outcome(List<Ensemble.Trajectory> trajectories, List<StepSizes.Choice> choices, double seconds) {
        /** Copies the lists. */
        public Outcome {
            trajectories = List.copyOf(trajectories);
            choices = List.copyOf(choices);
        }

        /** @return whether there were trajectories and every one diverged */
        public boolean allDiverged() {
            return !trajectories.isEmpty() && trajectories.stream().allMatch(Ensemble.Trajectory::diverged);
        }
    }

    private final Path dir;
    private final RunInfo info;
    private final Claim claim;
    private final List<String> figures = new ArrayList<>();

    private RunDirectory(Path dir, RunInfo info, Claim claim) {
        this.dir = dir;
        this.info = info;
        this.claim = claim;
    }

    /**
     * Claims a directory for a run and, unless resuming, records {@code run.json} with status
     * {@code running}.
     *
     * @param dir the directory (created with its parents when missing)
     * @param claim new, replacing the run there, or resuming it
     * @param info the run's provenance (command, backend, configuration, the arguments that
     *     reproduce it); kept and completed by this directory
     * @return the directory
     * @throws Occupied when dir holds another run and the claim is {@link Claim#NEW}
     * @throws InvalidInputException when the directory cannot be created or written
     */
    public static RunDirectory open(Path dir, Claim claim, RunInfo info) {
        checkVacant(dir, claim);
        try {
            if (claim == Claim.REPLACE && Files.isDirectory(dir)) {
                RunFiles.clear(dir); // the run there: the files runs write, and nothing else
            }
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new InvalidInputException(dir + ": cannot create the directory (" + IoErrors.describe(e) + ")", e);
        }
        Path checkpoints = dir.resolve(CHECKPOINTS);
        if (Files.exists(checkpoints) && !Files.isDirectory(checkpoints)) {
            throw new InvalidInputException(dir + ": " + checkpoints + " is a file, but samsde keeps its checkpoints there");
        }
        if (claim != Claim.RESUME) {
            removeCheckpoints(checkpoints);
        }
        RunDirectory run = new RunDirectory(dir, info, claim);
        if (claim != Claim.RESUME) {
            info.put(RunInfo.STATUS, "running");
            run.record();
        }
        return run;
    }

    /**
     * Checks, without creating or writing anything, that {@link #open} would accept the claim: for a
     * study that computes before it writes, so that an occupied directory is refused up front.
     *
     * @param dir the directory
     * @param claim the claim
     * @throws Occupied when dir holds another run and the claim is {@link Claim#NEW}
     */
    public static void checkVacant(Path dir, Claim claim) {
        if (claim != Claim.NEW) {
            return;
        }
        String there;
        try {
            there = RunFiles.occupant(dir);
        } catch (IOException e) {
            throw new InvalidInputException(dir + ": cannot list the directory (" + IoErrors.describe(e) + ")", e);
        }
        if (there != null) {
            throw new Occupied(dir, there, finished(dir));
        }
    }

    /**
     * @param dir a directory
     * @return whether it holds a run whose {@code run.json} says it finished
     */
    public static boolean finished(Path dir) {
        try {
            return "finished".equals(RunInfo.read(dir).path(RunInfo.STATUS).asText());
        } catch (InvalidInputException e) {
            return false;
        }
    }

    /** @return the directory */
    public Path path() {
        return dir;
    }

    /** @return the checkpoint folder, {@code DIR/checkpoints} */
    public Path checkpoints() {
        return dir.resolve(CHECKPOINTS);
    }

    /** @return whether this run continues an interrupted one */
    public boolean resumed() {
        return claim == Claim.RESUME;
    }

    /** @return the provenance recorded as run.json; a study adds its fields before {@link #finish} */
    public RunInfo info() {
        return info;
    }

    /**
     * Writes the configuration file {@code config.json} beside {@code run.json} (not when resuming:
     * the run's own is kept).
     *
     * @param config the configuration that reproduces the run; not modified
     * @return this
     * @throws InvalidInputException when it cannot be written
     */
    public RunDirectory config(java.util.Map<String, Object> config) {
        if (claim != Claim.RESUME) {
            try {
                RunInfo.writeConfig(dir, config);
            } catch (IOException e) {
                throw new InvalidInputException(dir + ": cannot write " + RunInfo.CONFIG + " (" + IoErrors.describe(e) + ")", e);
            }
        }
        return this;
    }

    /**
     * Runs an ensemble with the SDE methods at converged step sizes ({@link StepSizes.Policy#auto()});
     * see {@link #run(Problem, List, Ensemble.Settings, StepSizes.Policy, LongConsumer, Runnable)}.
     *
     * @param problem the problem
     * @param methods the methods, with distinct labels
     * @param settings the ensemble settings; their checkpoints, when kept, go to {@link #checkpoints()}
     * @return the outcome
     */
    public Outcome run(Problem problem, List<? extends Dynamics<?>> methods, Ensemble.Settings settings) {
        return run(problem, methods, settings, StepSizes.Policy.auto(), n -> { }, () -> { });
    }

    /**
     * Runs an ensemble into this directory and writes everything: {@code trajectories.csv},
     * {@code summary.csv}, the parameters, the figures ({@code figure}, and {@code noise} when the
     * records hold noise ratios) and {@code run.json} with status {@code finished}; then removes the
     * checkpoints. Before running, refuses duplicate method labels (their rows would be pooled) and
     * an ensemble that would not fit the heap.
     *
     * @param problem the problem
     * @param methods the methods, with distinct labels
     * @param settings the ensemble settings; checkpoints, when the settings keep them, go to
     *     {@link #checkpoints()} (settings with a checkpoint interval but another folder are refused)
     * @param policy how the SDE methods' substeps are chosen
     * @param progress receives the steps done (from worker threads)
     * @param finished called once per finished trajectory
     * @return the outcome
     * @throws Ensemble.Stopped when the settings' stop request ended the run (checkpoints kept)
     * @throws Unwritable when the files cannot all be written
     * @throws InvalidInputException for duplicate labels, too small a heap, or unusable checkpoints
     */
    public Outcome run(Problem problem, List<? extends Dynamics<?>> methods, Ensemble.Settings settings, StepSizes.Policy policy,
                       LongConsumer progress, Runnable finished) {
        check(problem, methods, settings);
        if (settings.checkpoints() != null && !settings.checkpoints().toAbsolutePath().normalize()
                .equals(checkpoints().toAbsolutePath().normalize())) {
            throw new IllegalArgumentException("the settings checkpoint into " + settings.checkpoints() + ", not into this run's "
                    + checkpoints());
        }
        info.put("problem", problem.description());
        info.put("dimension", problem.dimension());
        info.put("threads", settings.threads());
        info.put("master_seed", settings.masterSeed());
        info.methods(methods);
        long start = System.nanoTime();
        Instant started = Instant.now();
        StepSizes.Result result;
        try {
            result = StepSizes.run(problem, methods, settings, policy, progress, finished);
        } catch (UncheckedIOException e) {
            throw new InvalidInputException((resumed() ? "cannot resume from " + dir : dir + ": cannot use the checkpoints")
                    + ": " + e.getCause().getMessage(), e);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        info.stepSizes(result.choices());
        info.put("resumed", resumed());
        info.put("started", started.toString());
        info.put("seconds", seconds);
        // "finished" only once every file is there, and the checkpoints go last: a run whose files
        // could not all be written (a full disk) is resumed, and the resume writes what is missing
        info.put(RunInfo.STATUS, "writing");
        List<Ensemble.Trajectory> trajectories = result.trajectories();
        try {
            RunFiles.write(dir, trajectories, info);
            figure("compare", "figure");
            if (trajectories.stream().flatMap(t -> t.records().stream()).anyMatch(r -> Double.isFinite(r.noiseRatio()))) {
                figure("noise", "noise");
            }
            finishOrThrow();
        } catch (IOException | UncheckedIOException e) {
            IOException io = e instanceof UncheckedIOException u ? u.getCause() : (IOException) e;
            throw new Unwritable(dir, io, settings.checkpoints() != null);
        }
        if (settings.checkpoints() != null) {
            removeCheckpoints(settings.checkpoints());
        }
        return new Outcome(trajectories, result.choices(), seconds);
    }

    /**
     * The checks {@link #run} makes before it runs, for a caller that wants them before it claims a
     * directory (so that a refused ensemble writes nothing): distinct method labels (the rows of two
     * methods with one label would be pooled) and an ensemble that fits the heap.
     *
     * @param problem the problem
     * @param methods the methods
     * @param settings the ensemble settings
     * @throws InvalidInputException naming what is wrong
     */
    public static void check(Problem problem, List<? extends Dynamics<?>> methods, Ensemble.Settings settings) {
        Set<String> labels = new HashSet<>();
        for (Dynamics<?> m : methods) {
            if (!labels.add(m.name())) {
                throw new InvalidInputException("method '" + m.name() + "' is listed twice: each method is one ensemble, and its "
                        + "rows would be pooled (give each method once, or settings that tell them apart in their labels)");
            }
        }
        long need = Ensemble.estimateBytes(problem, methods.size(), settings);
        long have = Runtime.getRuntime().maxMemory();
        if (need > 0.8 * have) {
            throw new InvalidInputException(String.format("the ensemble needs about %d MiB of heap but %d MiB are available: "
                    + "use fewer seeds or records (a larger record interval), or a larger heap (-Xmx; the samsde launcher passes SAMSDE_JAVA_OPTS)", need >> 20, have >> 20));
        }
    }

    /**
     * Writes the records of trajectories a study ran itself (trajectories.csv, summary.csv, the
     * parameters; {@link RunFiles}) and lists them in {@code run.json}, written at {@link #finish}.
     *
     * @param trajectories the trajectories; not modified
     * @throws InvalidInputException when a file cannot be written (naming it and the reason)
     */
    public void records(List<Ensemble.Trajectory> trajectories) {
        try {
            RunFiles.write(dir, trajectories, info);
        } catch (IOException e) {
            throw new InvalidInputException(dir + ": cannot write the records (" + IoErrors.describe(e) + ")", e);
        }
    }

    /**
     * Draws a figure of this directory with the {@link FigureDrawer} on the class path, and lists
     * its files in {@code run.json} (written at {@link #finish}); without a drawer nothing is drawn.
     *
     * @param kind the figure's kind (the plots module's {@code FigureKind}, in lower case)
     * @param name the file name without extension
     * @return the files written
     * @throws IOException when a file cannot be written
     */
    public List<Path> figure(String kind, String name) throws IOException {
        FigureDrawer drawer = drawer();
        if (drawer == null) {
            return List.of();
        }
        JsonFile.write(dir.resolve(RunInfo.NAME), info.fields()); // the figure's notes read run.json as it stands
        List<Path> files = drawer.draw(dir, kind, name);
        for (Path f : files) {
            figures.add(f.getFileName().toString());
        }
        info.put(FIGURES, List.copyOf(figures));
        return files;
    }

    /**
     * Ends a study: records {@code run.json} with status {@code finished}.
     *
     * @throws InvalidInputException when it cannot be written (naming the directory and the reason)
     */
    public void finish() {
        try {
            finishOrThrow();
        } catch (IOException e) {
            throw new InvalidInputException(dir + ": cannot write " + RunInfo.NAME + " (" + IoErrors.describe(e) + ")", e);
        }
    }

    private void finishOrThrow() throws IOException {
        // the figures drawn through figure() are listed as they are drawn; a study that draws its own
        // (the landscape figures) lists none here rather than claim that it drew none
        if (!info.fields().containsKey(FIGURES) && drawer() == null) {
            info.put(FIGURES, "none: no figure drawer on the class path");
        }
        info.put(RunInfo.STATUS, "finished");
        JsonFile.write(dir.resolve(RunInfo.NAME), info.fields());
    }

    private static void removeCheckpoints(Path folder) {
        try {
            Ensemble.removeCheckpoints(folder);
        } catch (IOException e) {
            throw new InvalidInputException(folder + ": cannot remove the checkpoints (" + IoErrors.describe(e) + ")", e);
        }
    }

    /** Writes run.json as it stands. */
    private void record() {
        try {
            JsonFile.write(dir.resolve(RunInfo.NAME), info.fields());
        } catch (IOException e) {
            throw new InvalidInputException(dir + ": cannot write " + RunInfo.NAME + " (" + IoErrors.describe(e) + ")", e);
        }
    }

    private static volatile FigureDrawer drawer;
    private static volatile boolean looked;

    private static FigureDrawer drawer() {
        if (!looked) {
            synchronized (RunDirectory.class) {
                if (!looked) {
                    drawer = ServiceLoader.load(FigureDrawer.class, RunDirectory.class.getClassLoader()).findFirst().orElse(null);
                    looked = true;
                }
            }
        }
        return drawer;
    }
}
