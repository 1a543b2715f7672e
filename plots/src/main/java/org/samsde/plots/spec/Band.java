package org.samsde.plots.spec;

import java.util.Objects;

/**
 * A shaded region between two curves over the same abscissae, e.g. a 95% confidence interval
 * lo[i] ≤ mean ≤ hi[i]. Points where lo or hi is not finite are left out when drawing.
 *
 * @param name what the band shows (it belongs to the series of the same colour and is not listed in the legend)
 * @param x the abscissae
 * @param lo the lower curve
 * @param hi the upper curve, hi[i] ≥ lo[i] where both are finite
 * @param colour the palette index, that of the series it belongs to
 */
public record Band(String name, double[] x, double[] lo, double[] hi, int colour) {

    /**
     * Validates lengths and order and copies the arrays.
     *
     * @param name what the band shows (it belongs to the series of the same colour and is not listed in the legend)
     * @param x the abscissae
     * @param lo the lower curve
     * @param hi the upper curve, hi[i] ≥ lo[i] where both are finite
     * @param colour the palette index, that of the series it belongs to
     */
    public Band {
        Objects.requireNonNull(name, "name");
        if (x.length != lo.length || x.length != hi.length) {
            throw new IllegalArgumentException("band '" + name + "': lengths differ (x " + x.length + ", lo " + lo.length
                    + ", hi " + hi.length + ")");
        }
        for (int i = 0; i < x.length; i++) {
            if (lo[i] > hi[i]) {
                throw new IllegalArgumentException("band '" + name + "': lo " + lo[i] + " above hi " + hi[i] + " at x = " + x[i]);
            }
        }
        if (colour < Style.GREY) {
            throw new IllegalArgumentException("band '" + name + "': bad colour index " + colour);
        }
        x = x.clone();
        lo = lo.clone();
        hi = hi.clone();
    }

    /**
     * The band of a series, in its colour and under its name.
     *
     * @param series the series the band belongs to
     * @param lo the lower edge at the series' x; not modified
     * @param hi the upper edge; not modified
     * @return the band
     */
    public static Band of(Series series, double[] lo, double[] hi) {
        return new Band(series.name(), series.x(), lo, hi, series.style().colour());
    }

    /** @return a copy of the abscissae */
    /** @return a copy of {@code x} */
    @Override
    public double[] x() {
        return x.clone();
    }

    /** @return a copy of the lower curve */
    /** @return a copy of {@code lo} */
    @Override
    public double[] lo() {
        return lo.clone();
    }

    /** @return a copy of the upper curve */
    /** @return a copy of {@code hi} */
    @Override
    public double[] hi() {
        return hi.clone();
    }

    /** @return hi[i] − lo[i] for every point (NaN where either is missing) */
    public double[] widths() {
        double[] w = new double[x.length];
        for (int i = 0; i < w.length; i++) {
            w[i] = hi[i] - lo[i];
        }
        return w;
    }
}
