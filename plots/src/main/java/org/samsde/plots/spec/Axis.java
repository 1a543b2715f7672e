package org.samsde.plots.spec;

import java.util.List;
import java.util.Objects;

/**
 * One axis of a panel: numeric, or categorical (levels at positions 0, 1, …, n − 1, each tick
 * labelled with its level and no tick between them).
 *
 * @param label the axis title, with units where the quantity has them
 * @param log whether the scale is logarithmic (base 10)
 * @param min the lower end, or NaN to fit the data
 * @param max the upper end, or NaN to fit the data
 * @param categories the levels of a categorical axis, in position order; empty for a numeric axis
 */
public record Axis(String label, boolean log, double min, double max, List<String> categories) {

    /** The ratio max/min of positive data from which {@link #auto} chooses a log scale: two decades. */
    public static final double LOG_SPAN = 100.0;

    /**
     * Validates the label and the range.
     *
     * @param label the axis title, with units where the quantity has them
     * @param log whether the scale is logarithmic (base 10)
     * @param min the lower end, or NaN to fit the data
     * @param max the upper end, or NaN to fit the data
     * @param categories the levels of a categorical axis, in position order; empty for a numeric axis
     */
    public Axis {
        Objects.requireNonNull(label, "label");
        categories = List.copyOf(categories);
        if (log && !categories.isEmpty()) {
            throw new IllegalArgumentException("axis '" + label + "': a categorical axis cannot be logarithmic");
        }
        if (!Double.isNaN(min) && !Double.isNaN(max) && !(min < max)) {
            throw new IllegalArgumentException("axis '" + label + "': min " + min + " must be below max " + max);
        }
        if (log && (min <= 0 || max <= 0)) {
            throw new IllegalArgumentException("axis '" + label + "': a log axis needs a positive range, got [" + min + ", " + max + "]");
        }
    }

    /**
     * A numeric axis.
     *
     * @param label the axis title, with units where the quantity has them
     * @param log whether the scale is logarithmic (base 10)
     * @param min the lower end, or NaN to fit the data
     * @param max the upper end, or NaN to fit the data
     */
    public Axis(String label, boolean log, double min, double max) {
        this(label, log, min, max, List.of());
    }

    /**
     * A categorical axis: level i at position i, the range [−0.5, n − 0.5] (half a step beyond the
     * outer levels, as heat-map cells take it).
     *
     * @param label the title
     * @param levels the levels' labels, at least one
     * @return the axis
     */
    public static Axis categorical(String label, List<String> levels) {
        if (levels.isEmpty()) {
            throw new IllegalArgumentException("axis '" + label + "': a categorical axis needs at least one level");
        }
        return new Axis(label, false, -0.5, levels.size() - 0.5, levels);
    }

    /** @return whether the axis is categorical */
    public boolean categorical() {
        return !categories.isEmpty();
    }

    /**
     * @param label the title
     * @return a linear axis fitted to the data
     */
    public static Axis linear(String label) {
        return new Axis(label, false, Double.NaN, Double.NaN);
    }

    /**
     * @param label the title
     * @return a log axis fitted to the data
     */
    public static Axis log(String label) {
        return new Axis(label, true, Double.NaN, Double.NaN);
    }

    /**
     * Chooses the scale from the data: logarithmic when every finite value is positive and
     * max/min ≥ {@link #LOG_SPAN} (the data span at least two decades), linear otherwise, in
     * particular whenever a value is zero or negative. Non-finite values are ignored.
     *
     * @param label the title
     * @param data the values the axis must show
     * @return the axis
     */
    public static Axis auto(String label, double[]... data) {
        return new Axis(label, spansDecades(data), Double.NaN, Double.NaN);
    }

    /**
     * @param data arrays of values; non-finite ones are ignored
     * @return whether all finite values are positive and max/min ≥ {@link #LOG_SPAN}
     */
    public static boolean spansDecades(double[]... data) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = 0;
        boolean any = false;
        for (double[] a : data) {
            for (double v : a) {
                if (!Double.isFinite(v)) {
                    continue;
                }
                if (v <= 0) {
                    return false;
                }
                any = true;
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
        }
        return any && hi / lo >= LOG_SPAN;
    }

    /**
     * @param lower the new lower end (NaN: fit)
     * @param upper the new upper end (NaN: fit)
     * @return this axis with a fixed range
     */
    public Axis withRange(double lower, double upper) {
        return new Axis(label, log, lower, upper, categories);
    }
}
