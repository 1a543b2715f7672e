package org.samsde.sde.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.LongConsumer;

import org.samsde.core.random.RandomStreams;
import org.samsde.core.tensor.Backend;
import org.samsde.core.tensor.CpuBackend;
import org.samsde.core.tensor.Tensor;
import org.samsde.core.tensor.Vectors;
import org.samsde.sde.Dynamics;

/**
 * Runs several methods from the same initial parameters as ensembles of seeds, in parallel, and
 * records each trajectory every {@code every} steps.
 *
 * <p>Seed j of every method is RandomStreams.key(master, j), and each trajectory draws all its
 * randomness from streams below its seed; trajectories share only immutable data (the problem),
 * and OpenBLAS runs single-threaded inside each (the CPU backend's thread count is restored when
 * the run ends), so results are bitwise identical whatever the number of threads. Memory: the data and the problem are shared; each running trajectory holds a
 * few parameter-sized vectors and its objective's per-thread scratch.
 */
public final class Ensemble {
    private Ensemble() {
    }

    /**
     * How an ensemble runs, built with {@link #builder()}. Record time is k·η with η the method's
     * own {@link Dynamics#timeStep()}, so η is given once, to the method.
     */
    public static final class Settings {
        private final int steps;
        private final int every;
        private final int seeds;
        private final long masterSeed;
        private final int threads;
        private final boolean hessian;
        private final double hessianTolerance;
        private final double divergenceBound;
        private final int checkpointEvery;
        private final Path checkpoints;
        private final java.util.concurrent.atomic.AtomicBoolean stop;

        private Settings(Builder b) {
            if (b.checkpointEvery < 0 || (b.checkpointEvery > 0 && b.checkpoints == null)) {
                throw new IllegalArgumentException("checkpoints need a non-negative interval and a directory");
            }
            if (b.steps < 1 || b.every < 1 || b.seeds < 1 || b.threads < 1) {
                throw new IllegalArgumentException("steps, every, seeds and threads must be positive");
            }
            if (!(b.hessianTolerance > 0) || !(b.divergenceBound > 0)) {
                throw new IllegalArgumentException("the Hessian tolerance and the divergence bound must be positive");
            }
            steps = b.steps;
            every = b.every;
            seeds = b.seeds;
            masterSeed = b.masterSeed;
            threads = b.threads;
            hessian = b.hessian;
            hessianTolerance = b.hessianTolerance;
            divergenceBound = b.divergenceBound;
            checkpointEvery = b.checkpointEvery;
            checkpoints = b.checkpoints;
            stop = b.stop;
        }

        /**
         * @return a builder with the defaults: 100 steps recorded every 10, 8 seeds, master seed 0,
         *     one thread, λ_max measured (Lanczos tolerance 10⁻⁴), divergence bound 10⁶, no checkpoints
         */
        public static Builder builder() {
            return new Builder();
        }

        /** @return N, steps per trajectory */
        public int steps() {
            return steps;
        }

        /** @return the recording interval (the first and last step are always recorded) */
        public int every() {
            return every;
        }

        /** @return the ensemble size per method */
        public int seeds() {
            return seeds;
        }

        /** @return the master seed */
        public long masterSeed() {
            return masterSeed;
        }

        /** @return worker threads */
        public int threads() {
            return threads;
        }

        /** @return whether λ_max and the alignments are measured */
        public boolean hessian() {
            return hessian;
        }

        /** @return Lanczos's relative residual tolerance for λ_max */
        public double hessianTolerance() {
            return hessianTolerance;
        }

        /** @return a trajectory whose ‖x‖ exceeds this, or that holds NaN/Inf, is stopped */
        public double divergenceBound() {
            return divergenceBound;
        }

        /** @return the checkpoint interval in steps (0: never) */
        public int checkpointEvery() {
            return checkpointEvery;
        }

        /** @return the checkpoint directory, read on start to resume (null: none) */
        public Path checkpoints() {
            return checkpoints;
        }

        /** @return the stop request every trajectory polls after each step, or null for none */
        public java.util.concurrent.atomic.AtomicBoolean stop() {
            return stop;
        }

        /** @return the number of records per trajectory that does not diverge */
        public int recordsPerTrajectory() {
            return 1 + (steps + every - 1) / every;
        }

        /** @return a builder holding these settings */
        public Builder toBuilder() {
            return new Builder().steps(steps).every(every).seeds(seeds).masterSeed(masterSeed).threads(threads).hessian(hessian)
                    .hessianTolerance(hessianTolerance).divergenceBound(divergenceBound).checkpoints(checkpointEvery, checkpoints)
                    .stop(stop);
        }

        /** Options of {@link Settings}, with defaults. */
        public static final class Builder {
            private int steps = 100;
            private int every = 10;
            private int seeds = 8;
            private long masterSeed;
            private int threads = 1;
            private boolean hessian = true;
            private double hessianTolerance = 1e-4;
            private double divergenceBound = 1e6;
            private int checkpointEvery;
            private Path checkpoints;
            private java.util.concurrent.atomic.AtomicBoolean stop;

            private Builder() {
            }

            /**
             * @param v a stop request: once it is set, every trajectory checkpoints where it stands (when
             *     checkpoints are kept) and the run ends with {@link Stopped}; null for none
             * @return this
             */
            public Builder stop(java.util.concurrent.atomic.AtomicBoolean v) {
                stop = v;
                return this;
            }

            /**
             * @param v N
             * @return this
             */
            public Builder steps(int v) {
                steps = v;
                return this;
            }

            /**
             * @param v the recording interval
             * @return this
             */
            public Builder every(int v) {
                every = v;
                return this;
            }

            /**
             * @param v the ensemble size
             * @return this
             */
            public Builder seeds(int v) {
                seeds = v;
                return this;
            }

            /**
             * @param v the master seed
             * @return this
             */
            public Builder masterSeed(long v) {
                masterSeed = v;
                return this;
            }

            /**
             * @param v worker threads
             * @return this
             */
            public Builder threads(int v) {
                threads = v;
                return this;
            }

            /**
             * @param v whether to measure λ_max and alignments
             * @return this
             */
            public Builder hessian(boolean v) {
                hessian = v;
                return this;
            }

            /**
             * @param v Lanczos's relative residual tolerance
             * @return this
             */
            public Builder hessianTolerance(double v) {
                hessianTolerance = v;
                return this;
            }

            /**
             * @param v the divergence bound on ‖x‖
             * @return this
             */
            public Builder divergenceBound(double v) {
                divergenceBound = v;
                return this;
            }

            /**
             * @param interval checkpoint every this many steps (0: never)
             * @param dir the checkpoint directory (null: none)
             * @return this
             */
            public Builder checkpoints(int interval, Path dir) {
                checkpointEvery = interval;
                checkpoints = dir;
                return this;
            }

            /**
             * @return the settings
             * @throws IllegalArgumentException naming a setting that does not fit
             */
            public Settings build() {
                return new Settings(this);
            }
        }
    }

    /** A run ended on its stop request; every trajectory with a checkpoint file was checkpointed where it stood. */
    public static final class Stopped extends RuntimeException {
        private static final long serialVersionUID = 1L;

        /** @param message what stopped */
        public Stopped(String message) {
            super(message);
        }
    }

    /**
     * One finished trajectory.
     *
     * @param method the method's label
     * @param seedIndex j
     * @param seed the trajectory's seed
     * @param records its records in step order
     * @param finalParameters x at the last step reached
     * @param diverged whether it stopped early
     * @param seconds wall time
     */
    public record Trajectory(String method, int seedIndex, long seed, List<Record> records, double[] finalParameters,
                             boolean diverged, double seconds) {
    }

    /**
     * An upper estimate of the heap an ensemble needs: every finished trajectory keeps its records
     * (14 numbers each) and final parameters, and each of the running ones (one per thread) holds
     * about 16 parameter-sized vectors plus its objective's scratch, taken as 64 MiB.
     *
     * @param problem the problem
     * @param methods how many methods
     * @param settings the settings
     * @return bytes
     */
    public static long estimateBytes(Problem problem, int methods, Settings settings) {
        long d = problem.dimension();
        long trajectories = (long) methods * settings.seeds();
        long perResult = (long) settings.recordsPerTrajectory() * (14 * 8 + 64) + d * 8 + 512;
        long perRunning = 16 * d * 8 + (64L << 20);
        return trajectories * perResult + Math.min(trajectories, settings.threads()) * perRunning;
    }

    /**
     * Removes the checkpoints of a run: the files in {@code dir} that {@link #run} wrote there (named
     * like its checkpoints and starting with their magic string, or left-over temporary files of
     * their atomic writes), the same in the subfolders of {@link StepSizes}' levels ({@code m<m>-T<T>}),
     * then each folder itself if that leaves it empty. Any other file, and any other subdirectory,
     * is left alone.
     *
     * @param dir the checkpoint directory of {@link Settings#checkpoints()}; nothing happens when it
     *     is not a directory
     * @throws IOException when a checkpoint cannot be deleted
     */
    public static void removeCheckpoints(Path dir) throws IOException {
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        List<Path> own = new ArrayList<>();
        List<Path> levels = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path f : files) {
                if (Checkpoint.isOwn(f)) {
                    own.add(f);
                } else if (Files.isDirectory(f, LinkOption.NOFOLLOW_LINKS) && StepSizes.isLevelFolder(f.getFileName().toString())) {
                    levels.add(f);
                }
            }
        }
        for (Path level : levels) {
            removeCheckpoints(level); // the step-size levels' checkpoints (StepSizes), same rule
        }
        for (Path f : own) {
            Files.deleteIfExists(f);
        }
        try {
            Files.deleteIfExists(dir);
        } catch (DirectoryNotEmptyException e) {
            // files of someone else's: they stay, and so does the directory
        }
    }

    /**
     * Runs every method for every seed.
     *
     * @param problem the problem
     * @param methods the methods, each an immutable configuration
     * @param settings the settings
     * @param progress receives the number of steps done, as they are done (from worker threads)
     * @return the trajectories, methods in the given order, seeds ascending within each
     * @throws IllegalStateException wrapping a failure of any trajectory
     */
    public static List<Trajectory> run(Problem problem, List<? extends Dynamics<?>> methods, Settings settings,
                                       LongConsumer progress) {
        return run(problem, methods, settings, progress, () -> { });
    }

    /**
     * Runs every method for every seed, saying when each trajectory has finished.
     *
     * @param problem the problem
     * @param methods the methods, each an immutable configuration
     * @param settings the settings
     * @param progress receives the number of steps done, as they are done (from worker threads)
     * @param finished called once per finished trajectory (from worker threads)
     * @return the trajectories, methods in the given order, seeds ascending within each
     * @throws IllegalStateException wrapping a failure of any trajectory
     */
    public static List<Trajectory> run(Problem problem, List<? extends Dynamics<?>> methods, Settings settings,
                                       LongConsumer progress, Runnable finished) {
        if (problem.train().backend() instanceof CpuBackend cpu) {
            return cpu.singleThreaded(() -> runAll(problem, methods, settings, progress, finished));
        }
        return runAll(problem, methods, settings, progress, finished);
    }

    private static List<Trajectory> runAll(Problem problem, List<? extends Dynamics<?>> methods, Settings settings,
                                           LongConsumer progress, Runnable finished) {
        ExecutorService pool = Executors.newFixedThreadPool(settings.threads(), r -> {
            Thread t = new Thread(r, "samsde-ensemble");
            t.setDaemon(true);
            return t;
        });
        try {
            if (settings.checkpoints() != null) {
                Files.createDirectories(settings.checkpoints());
            }
            List<Future<Trajectory>> futures = new ArrayList<>();
            for (int i = 0; i < methods.size(); i++) {
                Dynamics<?> method = methods.get(i);
                Path dir = settings.checkpoints();
                for (int j = 0; j < settings.seeds(); j++) {
                    int index = j;
                    long seed = RandomStreams.key(settings.masterSeed(), j);
                    Path ckpt = dir == null ? null : Checkpoint.file(dir, i, method.name(), j);
                    futures.add(pool.submit(() -> {
                        Trajectory t = trajectory(problem, method, index, seed, settings, ckpt, progress);
                        finished.run();
                        return t;
                    }));
                }
            }
            List<Trajectory> out = new ArrayList<>();
            Stopped stopped = null;
            for (Future<Trajectory> f : futures) {
                try {
                    out.add(f.get());
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof Stopped s)) {
                        throw e;
                    }
                    stopped = s; // the others stop at their next step: wait for their checkpoints
                }
            }
            if (stopped != null) {
                throw stopped;
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("ensemble interrupted", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException("a trajectory failed: " + cause, cause);
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * Runs one trajectory.
     *
     * @param <S> the state type
     * @param problem the problem
     * @param dynamics the method
     * @param seedIndex j
     * @param seed its seed
     * @param settings the settings
     * @param checkpoint this trajectory's checkpoint file (resumed from when present), or null
     * @param progress receives steps done
     * @return the trajectory
     * @throws IOException when a checkpoint cannot be read or written
     */
    public static <S extends Dynamics.State> Trajectory trajectory(Problem problem, Dynamics<S> dynamics, int seedIndex,
                                                                   long seed, Settings settings, Path checkpoint,
                                                                   LongConsumer progress) throws IOException {
        Backend backend = problem.train().backend();
        Tensor x0 = backend.upload(problem.x0(), problem.dimension());
        S state = dynamics.init(x0, seed);
        x0.close();
        Recorder recorder = new Recorder(problem, dynamics, settings.hessian(), settings.hessianTolerance(), RandomStreams.key(seed, 99));
        int n = settings.steps();
        int d = problem.dimension();
        Checkpoint.Header resumed = checkpoint == null ? null : Checkpoint.read(checkpoint, dynamics, state, recorder, seedIndex, seed, d);
        double before = resumed == null ? 0.0 : resumed.seconds();
        long start = System.nanoTime();
        List<Record> records = new ArrayList<>();
        boolean diverged = false;
        int first = 0;
        if (resumed != null) {
            records.addAll(resumed.records());
            diverged = resumed.diverged();
            first = resumed.finished() ? n : resumed.done();
            progress.accept(first);
        } else {
            records.add(recorder.record(state, 0, 0.0, 0.0));
        }
        if (first < n && settings.stop() != null && settings.stop().get()) {
            throw new Stopped(dynamics.name() + " seed " + seedIndex + " not started");
        }
        for (int k = first; k < n; k++) {
            dynamics.step(state, k, n);
            int done = k + 1;
            double seconds = before + (System.nanoTime() - start) / 1e9;
            double norm = Vectors.norm(state.x());
            if (!Double.isFinite(norm) || norm > settings.divergenceBound()) {
                records.add(Record.divergedAt(done, done * dynamics.timeStep(), seconds));
                diverged = true;
                progress.accept(n - k);
                break;
            }
            if (done % settings.every() == 0 || done == n) {
                records.add(recorder.record(state, done, done * dynamics.timeStep(), seconds));
            }
            boolean stopNow = settings.stop() != null && settings.stop().get() && done < n;
            if (checkpoint != null && done < n && (done % settings.checkpointEvery() == 0 || stopNow)) {
                Checkpoint.write(checkpoint, dynamics, state, recorder, seedIndex, seed, d,
                        new Checkpoint.Header(done, false, false, seconds, records));
            }
            progress.accept(1);
            if (stopNow) {
                throw new Stopped(dynamics.name() + " seed " + seedIndex + " stopped at step " + done);
            }
        }
        double seconds = before + (System.nanoTime() - start) / 1e9;
        if (checkpoint != null && (resumed == null || !resumed.finished())) {
            Checkpoint.write(checkpoint, dynamics, state, recorder, seedIndex, seed, d,
                    new Checkpoint.Header(n, true, diverged, seconds, records));
        }
        return new Trajectory(dynamics.name(), seedIndex, seed, List.copyOf(records), state.x().toArray(), diverged, seconds);
    }
}
