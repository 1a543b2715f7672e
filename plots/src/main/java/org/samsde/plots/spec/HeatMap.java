package org.samsde.plots.spec;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A scalar field on a rectangular grid, drawn as coloured cells under a panel's lines, with
 * contour lines at given levels and a colour bar: z(x_i, y_j) = z[j·nx + i] (row-major over
 * (y, x)). Cell i, j covers the rectangle halfway to its neighbours' centres (half a spacing beyond
 * the outer centres). Non-finite values, and values that are not positive on a log scale, are
 * drawn in a neutral colour. Cells may carry text (e.g. the value and its interval), drawn at
 * their centres.
 *
 * @param label the colour bar's title (the quantity, e.g. "training loss")
 * @param x the cell centres along x, strictly ascending, at least 2
 * @param y the cell centres along y, strictly ascending, at least 2
 * @param z the values, x.length·y.length of them, row-major over (y, x)
 * @param log whether the colour scale is logarithmic (base 10)
 * @param contours the levels of the contour lines (finite; positive on a log scale; may be empty)
 * @param cells the text of each cell, row-major over (y, x) like z ("" for none; a line break
 *     starts a second line), or an empty list for no text
 */
public record HeatMap(String label, double[] x, double[] y, double[] z, boolean log, double[] contours, List<String> cells) {

    /**
     * Validates the shapes and copies the arrays.
     *
     * @param label the colour bar's title (the quantity, e.g. "training loss")
     * @param x the cell centres along x, strictly ascending, at least 2
     * @param y the cell centres along y, strictly ascending, at least 2
     * @param z the values, x.length·y.length of them, row-major over (y, x)
     * @param log whether the colour scale is logarithmic (base 10)
     * @param contours the levels of the contour lines (finite; positive on a log scale; may be empty)
     * @param cells the text of each cell, row-major over (y, x) like z, or an empty list for no text
     */
    public HeatMap {
        Objects.requireNonNull(label, "label");
        cells = List.copyOf(cells);
        if (!cells.isEmpty() && cells.size() != z.length) {
            throw new IllegalArgumentException("heat map '" + label + "': " + z.length + " values but " + cells.size() + " cell texts");
        }
        ascending(x, "x");
        ascending(y, "y");
        if (z.length != (long) x.length * y.length) {
            throw new IllegalArgumentException("heat map '" + label + "': a " + y.length + " x " + x.length + " grid needs "
                    + (long) x.length * y.length + " values, got " + z.length);
        }
        for (double c : contours) {
            if (!Double.isFinite(c) || (log && !(c > 0))) {
                throw new IllegalArgumentException("heat map '" + label + "': contour level " + c + " is not "
                        + (log ? "positive and finite (log scale)" : "finite"));
            }
        }
        x = x.clone();
        y = y.clone();
        z = z.clone();
        contours = contours.clone();
    }

    /**
     * A heat map without cell text.
     *
     * @param label the colour bar's title (the quantity, e.g. "training loss")
     * @param x the cell centres along x, strictly ascending, at least 2
     * @param y the cell centres along y, strictly ascending, at least 2
     * @param z the values, x.length·y.length of them, row-major over (y, x)
     * @param log whether the colour scale is logarithmic (base 10)
     * @param contours the levels of the contour lines (finite; positive on a log scale; may be empty)
     */
    public HeatMap(String label, double[] x, double[] y, double[] z, boolean log, double[] contours) {
        this(label, x, y, z, log, contours, List.of());
    }

    /**
     * A heat map with the defaults: a linear colour scale and no contour lines.
     *
     * @param label the colour bar's title
     * @param x the cell centres along x; not modified
     * @param y the cell centres along y; not modified
     * @param z the values, row-major over (y, x); not modified
     * @return the heat map
     */
    public static HeatMap of(String label, double[] x, double[] y, double[] z) {
        return new HeatMap(label, x, y, z, false, new double[0]);
    }

    private static void ascending(double[] v, String what) {
        if (v.length < 2) {
            throw new IllegalArgumentException("a heat map needs at least 2 " + what + " values, got " + v.length);
        }
        for (int i = 0; i < v.length; i++) {
            if (!Double.isFinite(v[i]) || (i > 0 && !(v[i] > v[i - 1]))) {
                throw new IllegalArgumentException("heat map " + what + " values must be finite and strictly ascending, got "
                        + Arrays.toString(v));
            }
        }
    }

    /** @return a copy of the x centres */
    /** @return a copy of {@code x} */
    @Override
    public double[] x() {
        return x.clone();
    }

    /** @return a copy of the y centres */
    /** @return a copy of {@code y} */
    @Override
    public double[] y() {
        return y.clone();
    }

    /** @return a copy of the values, row-major over (y, x) */
    /** @return a copy of {@code z} */
    @Override
    public double[] z() {
        return z.clone();
    }

    /** @return a copy of the contour levels */
    /** @return a copy of {@code contours} */
    @Override
    public double[] contours() {
        return contours.clone();
    }

    /**
     * @param i x index
     * @param j y index
     * @return z(x_i, y_j)
     */
    public double value(int i, int j) {
        return z[j * x.length + i];
    }

    /**
     * @param i x index
     * @param j y index
     * @return the text of cell (i, j), "" when there is none
     */
    public String text(int i, int j) {
        return cells.isEmpty() ? "" : cells.get(j * x.length + i);
    }

    /**
     * @param v a value
     * @return whether it is drawn in colour: finite, and positive on a log scale
     */
    public boolean drawable(double v) {
        return Double.isFinite(v) && (!log || v > 0);
    }

    /** @return the smallest drawable value (NaN when there is none) */
    public double min() {
        return Arrays.stream(z).filter(this::drawable).min().orElse(Double.NaN);
    }

    /** @return the largest drawable value (NaN when there is none) */
    public double max() {
        return Arrays.stream(z).filter(this::drawable).max().orElse(Double.NaN);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HeatMap h && label.equals(h.label) && log == h.log && Arrays.equals(x, h.x) && Arrays.equals(y, h.y)
                && Arrays.equals(z, h.z) && Arrays.equals(contours, h.contours) && cells.equals(h.cells);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(z) * 31 + label.hashCode();
    }

    @Override
    public String toString() {
        return "HeatMap[" + label + ", " + y.length + " x " + x.length + (log ? ", log" : "") + ", " + contours.length + " contours]";
    }
}
