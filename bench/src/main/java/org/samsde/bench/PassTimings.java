package org.samsde.bench;

import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;

import org.samsde.core.objective.TaylorResult;

/** Interleaved wall-clock timings of Taylor passes, and their medians, for the benchmarks. */
public final class PassTimings {
    private PassTimings() {
    }

    /**
     * Times each pass once per round, after two warm-up runs of each, so that a slow spell of the
     * machine hits all passes of a round alike. Each result is closed at once.
     *
     * @param passes the passes
     * @param rounds the number of rounds, ≥ 1
     * @return wall times in milliseconds, [pass][round]
     */
    public static double[][] interleaved(List<Supplier<TaylorResult>> passes, int rounds) {
        return interleavedWork(passes.stream().map(PassTimings::work).toList(), rounds);
    }

    /**
     * @param pass a Taylor pass
     * @return running it and closing its result
     */
    public static Runnable work(Supplier<TaylorResult> pass) {
        return () -> pass.get().gradientCoefficients().close();
    }

    /**
     * Times each piece of work once per round, after two warm-up runs of each, so that a slow spell
     * of the machine hits all of a round alike.
     *
     * @param work the pieces of work
     * @param rounds the number of rounds, ≥ 1
     * @return wall times in milliseconds, [piece][round]
     */
    public static double[][] interleavedWork(List<Runnable> work, int rounds) {
        for (int i = 0; i < 2; i++) {
            for (Runnable w : work) {
                w.run();
            }
        }
        double[][] t = new double[work.size()][rounds];
        for (int r = 0; r < rounds; r++) {
            for (int p = 0; p < work.size(); p++) {
                long start = System.nanoTime();
                work.get(p).run();
                t[p][r] = (System.nanoTime() - start) / 1e6;
            }
        }
        return t;
    }

    /**
     * @param v values, not modified
     * @return their median (the mean of the middle two for an even count)
     */
    public static double median(double[] v) {
        double[] c = v.clone();
        Arrays.sort(c);
        int n = c.length;
        return n % 2 == 1 ? c[n / 2] : 0.5 * (c[n / 2 - 1] + c[n / 2]);
    }

    /**
     * @param a values of rounds
     * @param b values of the same rounds, non-zero
     * @return the median over rounds of a[r] / b[r]
     */
    public static double medianOfRatios(double[] a, double[] b) {
        double[] q = new double[a.length];
        for (int r = 0; r < a.length; r++) {
            q[r] = a[r] / b[r];
        }
        return median(q);
    }

    /**
     * @param v values
     * @return the smallest, or NaN for none
     */
    public static double min(double[] v) {
        return Arrays.stream(v).min().orElse(Double.NaN);
    }

    /**
     * @param v values
     * @return the largest, or NaN for none
     */
    public static double max(double[] v) {
        return Arrays.stream(v).max().orElse(Double.NaN);
    }
}
