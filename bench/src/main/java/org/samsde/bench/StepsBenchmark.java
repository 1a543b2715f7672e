package org.samsde.bench;

import java.io.PrintWriter;
import java.util.Map;

import org.samsde.sde.Dynamics;
import org.samsde.sde.run.Ensemble;
import org.samsde.sde.run.Problem;

/**
 * Steps per second of ensembles of given dynamics on one problem, on 1 and on T threads: the
 * figure behind {@code samsde bench steps} ({@link StepsBench} builds the compare problem, SAM and
 * sam3, and calls {@link #run}).
 *
 * <p>Each method is first run on both thread counts for {@code warmup} seconds, so that the JIT
 * compiler has finished with the step code before anything is timed (compiling on the cores the
 * workers need skews short runs by a factor of two either way). Then 1-thread and T-thread
 * ensembles alternate {@code repeats} times, each sized to last about {@code seconds} on one
 * thread, and the figure is the ratio of the two medians.
 */
public final class StepsBenchmark {
    private StepsBenchmark() {
    }

    /**
     * What to measure; the command line checks the values.
     *
     * @param threads T, the threads of the parallel figure, at least 1
     * @param seeds trajectories per ensemble, at least 1
     * @param steps steps per trajectory, or null for as many as take about {@code seconds} on one thread
     * @param seconds length of one 1-thread measurement when {@code steps} is null
     * @param repeats measurements per thread count, at least 1
     * @param warmup seconds of warm-up per method, at least 0
     */
    public record Settings(int threads, int seeds, Integer steps, double seconds, int repeats, double warmup) {
    }

    /**
     * Measures every method and prints one line each.
     *
     * @param out where the lines go
     * @param problem the problem every ensemble runs on
     * @param methods the dynamics by the name printed for them, in order
     * @param s what to measure
     */
    public static void run(PrintWriter out, Problem problem, Map<String, Dynamics<?>> methods, Settings s) {
        int t = s.threads();
        int repeats = s.repeats();
        for (Map.Entry<String, Dynamics<?>> e : methods.entrySet()) {
            String name = e.getKey();
            Dynamics<?> d = e.getValue();
            double rate = warmUp(problem, d, t, s);
            int n = s.steps() != null ? s.steps() : (int) Math.max(20, Math.round(rate * s.seconds() / s.seeds()));
            double[] one = new double[repeats];
            double[] many = new double[repeats];
            for (int r = 0; r < repeats; r++) {
                // alternate which goes first, so that a drift of the machine's speed hits both alike
                if (r % 2 == 0) {
                    one[r] = stepsPerSecond(problem, d, 1, n, s.seeds());
                    many[r] = stepsPerSecond(problem, d, t, n, s.seeds());
                } else {
                    many[r] = stepsPerSecond(problem, d, t, n, s.seeds());
                    one[r] = stepsPerSecond(problem, d, 1, n, s.seeds());
                }
            }
            double m1 = PassTimings.median(one);
            double mt = PassTimings.median(many);
            out.printf("%-5s %8.0f steps/s on 1 thread, %8.0f on %d threads: %.2fx (medians of %d; %d seeds x %d steps; 1 thread %.0f-%.0f, %d threads %.0f-%.0f)%n",
                    name, m1, mt, t, mt / m1, repeats, s.seeds(), n, PassTimings.min(one), PassTimings.max(one), t, PassTimings.min(many), PassTimings.max(many));
            out.flush();
        }
    }

    /** Runs both thread counts until the warm-up time is spent; returns the last 1-thread rate. */
    private static double warmUp(Problem p, Dynamics<?> d, int t, Settings s) {
        long end = System.nanoTime() + (long) (s.warmup() * 1e9);
        double rate = stepsPerSecond(p, d, 1, 20, s.seeds());
        do {
            stepsPerSecond(p, d, t, 50, s.seeds());
            rate = stepsPerSecond(p, d, 1, 50, s.seeds());
        } while (System.nanoTime() < end);
        return rate;
    }

    private static double stepsPerSecond(Problem p, Dynamics<?> d, int threads, int n, int seeds) {
        Ensemble.Settings settings = Ensemble.Settings.builder().steps(n).every(n).seeds(seeds).masterSeed(0).threads(threads).hessian(false).build();
        long start = System.nanoTime();
        Ensemble.run(p, java.util.List.of(d), settings, k -> { });
        return (double) n * seeds / ((System.nanoTime() - start) / 1e9);
    }


}
