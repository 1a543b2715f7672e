package org.samsde.plots.spec;

import java.util.Objects;

/**
 * A named line: points (x[i], y[i]) drawn in one style. Points with a non-finite coordinate,
 * or a non-positive one on a log axis, are left out when drawing; a line with a single drawable
 * point is drawn as a marker.
 *
 * @param name the legend label, unique within its panel
 * @param x the abscissae
 * @param y the ordinates, as many as x
 * @param style how it is drawn
 * @param listed whether legends list it (a line that only guides the eye, explained in the
 *     figure's note, is not listed)
 */
public record Series(String name, double[] x, double[] y, Style style, boolean listed) {

    /**
     * Validates the lengths and copies the arrays.
     *
     * @param name the legend label, unique within its panel
     * @param x the abscissae
     * @param y the ordinates, as many as x
     * @param style how it is drawn
     * @param listed whether legends list it
     */
    public Series {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(style, "style");
        if (x.length != y.length) {
            throw new IllegalArgumentException("series '" + name + "': " + x.length + " x values but " + y.length + " y values");
        }
        x = x.clone();
        y = y.clone();
    }

    /**
     * A series that legends list.
     *
     * @param name the legend label, unique within its panel
     * @param x the abscissae; not modified
     * @param y the ordinates, as many as x; not modified
     * @param style how it is drawn
     */
    public Series(String name, double[] x, double[] y, Style style) {
        this(name, x, y, style, true);
    }

    /** @return this series, left out of legends */
    public Series unlisted() {
        return new Series(name, x, y, style, false);
    }

    /** @return a copy of the abscissae */
    /** @return a copy of {@code x} */
    @Override
    public double[] x() {
        return x.clone();
    }

    /** @return a copy of the ordinates */
    /** @return a copy of {@code y} */
    @Override
    public double[] y() {
        return y.clone();
    }

    /** @return the number of points, drawable or not */
    public int size() {
        return x.length;
    }
}
