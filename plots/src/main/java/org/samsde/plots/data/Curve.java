package org.samsde.plots.data;

import java.util.Objects;

/**
 * One metric of one method against step, as an ensemble mean with its 95% t-interval
 * (lo = mean − h, hi = mean + h; NaN where fewer than two seeds reached the step).
 *
 * @param method the method's label (e.g. {@code sam}, {@code sam3})
 * @param metric the metric's column name (e.g. {@code train_loss})
 * @param step recorded steps k, ascending
 * @param mean the mean over seeds
 * @param lo the lower 95% bound
 * @param hi the upper 95% bound
 * @param seeds how many seeds reached each step
 */
public record Curve(String method, String metric, double[] step, double[] mean, double[] lo, double[] hi, int[] seeds) {

    /**
     * Validates the lengths and copies the arrays.
     *
     * @param method the method's label (e.g. {@code sam}, {@code sam3})
     * @param metric the metric's column name (e.g. {@code train_loss})
     * @param step recorded steps k, ascending
     * @param mean the mean over seeds
     * @param lo the lower 95% bound
     * @param hi the upper 95% bound
     * @param seeds how many seeds reached each step
     */
    public Curve {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(metric, "metric");
        int n = step.length;
        if (mean.length != n || lo.length != n || hi.length != n || seeds.length != n) {
            throw new IllegalArgumentException("curve " + method + "/" + metric + ": arrays of different lengths");
        }
        step = step.clone();
        mean = mean.clone();
        lo = lo.clone();
        hi = hi.clone();
        seeds = seeds.clone();
    }

    /** @return a copy of the steps */
    /** @return a copy of {@code step} */
    @Override
    public double[] step() {
        return step.clone();
    }

    /** @return a copy of the means */
    /** @return a copy of {@code mean} */
    @Override
    public double[] mean() {
        return mean.clone();
    }

    /** @return a copy of the lower bounds */
    /** @return a copy of {@code lo} */
    @Override
    public double[] lo() {
        return lo.clone();
    }

    /** @return a copy of the upper bounds */
    /** @return a copy of {@code hi} */
    @Override
    public double[] hi() {
        return hi.clone();
    }

    /** @return a copy of the seed counts */
    /** @return a copy of {@code seeds} */
    @Override
    public int[] seeds() {
        return seeds.clone();
    }

    /** @return whether any mean is finite (false for a metric that was not measured) */
    public boolean measured() {
        for (double v : mean) {
            if (Double.isFinite(v)) {
                return true;
            }
        }
        return false;
    }

    /** @return the largest number of seeds at any step */
    public int maxSeeds() {
        int m = 0;
        for (int s : seeds) {
            m = Math.max(m, s);
        }
        return m;
    }
}
