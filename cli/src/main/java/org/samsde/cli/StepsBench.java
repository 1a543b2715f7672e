package org.samsde.cli;

import java.io.PrintWriter;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;

import org.samsde.core.objective.PassTimings;
import org.samsde.core.tensor.CpuBackend;
import org.samsde.sde.Dynamics;
import org.samsde.sde.run.Ensemble;
import org.samsde.sde.run.Problem;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code samsde bench steps}: steps per second of discrete SAM and of the sam3 SDE (per-sample
 * noise) on the default compare problem, as ensembles on 1 and on T threads.
 *
 * <p>Each method is first run on both thread counts for {@code --warmup} seconds, so that the JIT
 * compiler has finished with the step code before anything is timed (compiling on the cores the
 * workers need skews short runs by a factor of two either way). Then 1-thread and T-thread
 * ensembles alternate {@code --repeats} times, each sized to last about {@code --seconds} on one
 * thread, and the figure is the ratio of the two medians.
 */
@Command(name = "steps", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Steps/s of SAM and sam3 (per-sample noise) on the default compare problem, ensembles on 1 thread",
            "and on --threads: medians of alternating runs after a warm-up."})
final class StepsBench implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--threads", paramLabel = "T", description = "Threads of the parallel figure (default: the number of cores).")
    Integer threads;

    @Option(names = "--seeds", paramLabel = "K", defaultValue = "8", description = "Trajectories per ensemble (default ${DEFAULT-VALUE}).")
    int seeds;

    @Option(names = "--steps", paramLabel = "N",
            description = "Steps per trajectory (default: as many as take about --seconds on one thread).")
    Integer steps;

    @Option(names = "--seconds", paramLabel = "S", defaultValue = "1.5",
            description = "Length of one 1-thread measurement when --steps is not given (default ${DEFAULT-VALUE}).")
    double seconds;

    @Option(names = "--repeats", paramLabel = "R", defaultValue = "5", description = "Measurements per thread count (default ${DEFAULT-VALUE}).")
    int repeats;

    @Option(names = "--warmup", paramLabel = "S", defaultValue = "4", description = "Seconds of warm-up per method (default ${DEFAULT-VALUE}).")
    double warmup;

    @Override
    public Integer call() {
        int t = threads != null ? threads : Runtime.getRuntime().availableProcessors();
        Checks.positive("--threads", t);
        Checks.positive("--seeds", seeds);
        Checks.positive("--repeats", repeats);
        if (steps != null) {
            Checks.positive("--steps", steps);
        }
        Checks.positive("--seconds", seconds);
        Checks.nonNegative("--warmup", warmup);
        CompareCommand.Settings s = new CompareCommand.Settings();
        Problem p = s.problem.build(CpuBackend.get());
        PrintWriter o = spec.commandLine().getOut();
        for (String name : List.of("sam", "sam3")) {
            Dynamics<?> d = s.methods.build(name, p.train(), s.run);
            double rate = warmUp(p, d, t);
            int n = steps != null ? steps : (int) Math.max(20, Math.round(rate * seconds / seeds));
            double[] one = new double[repeats];
            double[] many = new double[repeats];
            for (int r = 0; r < repeats; r++) {
                // alternate which goes first, so that a drift of the machine's speed hits both alike
                if (r % 2 == 0) {
                    one[r] = stepsPerSecond(p, d, 1, n);
                    many[r] = stepsPerSecond(p, d, t, n);
                } else {
                    many[r] = stepsPerSecond(p, d, t, n);
                    one[r] = stepsPerSecond(p, d, 1, n);
                }
            }
            double m1 = PassTimings.median(one);
            double mt = PassTimings.median(many);
            o.printf("%-5s %8.0f steps/s on 1 thread, %8.0f on %d threads: %.2fx (medians of %d; %d seeds x %d steps; 1 thread %.0f-%.0f, %d threads %.0f-%.0f)%n",
                    name, m1, mt, t, mt / m1, repeats, seeds, n, min(one), max(one), t, min(many), max(many));
            o.flush();
        }
        return 0;
    }

    /** Runs both thread counts until the warm-up time is spent; returns the last 1-thread rate. */
    private double warmUp(Problem p, Dynamics<?> d, int t) {
        long end = System.nanoTime() + (long) (warmup * 1e9);
        double rate = stepsPerSecond(p, d, 1, 20);
        do {
            stepsPerSecond(p, d, t, 50);
            rate = stepsPerSecond(p, d, 1, 50);
        } while (System.nanoTime() < end);
        return rate;
    }

    private double stepsPerSecond(Problem p, Dynamics<?> d, int threads, int n) {
        Ensemble.Settings settings = Ensemble.Settings.builder().steps(n).every(n).seeds(seeds).masterSeed(0).threads(threads).hessian(false).build();
        long start = System.nanoTime();
        Ensemble.run(p, List.of(d), settings, k -> { });
        return (double) n * seeds / ((System.nanoTime() - start) / 1e9);
    }

    private static double min(double[] v) {
        return Arrays.stream(v).min().orElse(Double.NaN);
    }

    private static double max(double[] v) {
        return Arrays.stream(v).max().orElse(Double.NaN);
    }
}
