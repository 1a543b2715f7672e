package org.samsde.plots;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.geom.Line2D;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.DoubleUnaryOperator;

import org.samsde.plots.spec.HeatMap;

/**
 * The geometry and colours of {@link HeatMap}s, for {@link XChartRenderer}: cell edges, the
 * colour scale (viridis, linear or logarithmic), contour lines by marching squares, nice contour
 * levels and colour-bar ticks. Everything but the {@code draw…} methods is pure and tested on its
 * own.
 */
final class HeatMaps {
    /** Viridis (matplotlib's default colour map) at 9 equally spaced points, interpolated linearly in RGB. */
    private static final int[] VIRIDIS = {0x440154, 0x472D7B, 0x3B528B, 0x2C728E, 0x21918C, 0x28AE80, 0x5EC962, 0xADDC30, 0xFDE725};
    /** The colour of cells without a drawable value. */
    static final Color MISSING = new Color(0xD0D0D0);
    /** Contour lines: thin, white and translucent. */
    private static final Color CONTOUR = new Color(255, 255, 255, 170);
    private static final float CONTOUR_WIDTH = 1.1f;
    private static final int BAR_WIDTH = 16;

    private HeatMaps() {
    }

    /**
     * @param centres ascending cell centres, at least 2
     * @return the lower edge of the first cell: half a spacing below the first centre
     */
    static double lowerEdge(double[] centres) {
        return centres[0] - 0.5 * (centres[1] - centres[0]);
    }

    /**
     * @param centres ascending cell centres, at least 2
     * @return the upper edge of the last cell
     */
    static double upperEdge(double[] centres) {
        int n = centres.length;
        return centres[n - 1] + 0.5 * (centres[n - 1] - centres[n - 2]);
    }

    /**
     * @param centres ascending cell centres
     * @param i a cell index
     * @return the edges of cell i: halfway to its neighbours
     */
    static double[] edges(double[] centres, int i) {
        double lo = i == 0 ? lowerEdge(centres) : 0.5 * (centres[i - 1] + centres[i]);
        double hi = i == centres.length - 1 ? upperEdge(centres) : 0.5 * (centres[i] + centres[i + 1]);
        return new double[] {lo, hi};
    }

    /**
     * The map from values to [0, 1]: u = (v − lo)/(hi − lo), or with logarithms of v, lo and hi on a
     * log scale; clamped to [0, 1]; NaN for values that are not drawable.
     *
     * @param lo the value at the bottom of the colour bar
     * @param hi the value at the top, above lo
     * @param log whether the scale is logarithmic
     */
    record Scale(double lo, double hi, boolean log) {
        /**
         * @param h a heat map
         * @return the scale spanning its drawable values (a small range around a constant field)
         */
        static Scale of(HeatMap h) {
            double lo = h.min();
            double hi = h.max();
            if (Double.isNaN(lo)) {
                return new Scale(h.log() ? 1 : 0, h.log() ? 10 : 1, h.log());
            }
            if (!(hi > lo)) {
                double d = h.log() ? 0 : Math.max(Math.abs(lo) * 0.1, 1e-12);
                return h.log() ? new Scale(lo / 2, hi * 2, true) : new Scale(lo - d, hi + d, false);
            }
            return new Scale(lo, hi, h.log());
        }

        double unit(double v) {
            if (!Double.isFinite(v) || (log && !(v > 0))) {
                return Double.NaN;
            }
            double u = log ? Math.log(v / lo) / Math.log(hi / lo) : (v - lo) / (hi - lo);
            return Math.max(0, Math.min(1, u));
        }

        double valueAt(double u) {
            return log ? lo * Math.pow(hi / lo, u) : lo + u * (hi - lo);
        }
    }

    /**
     * @param u a position in [0, 1] (clamped), or NaN
     * @return its viridis colour, {@link #MISSING} for NaN
     */
    static Color colour(double u) {
        if (Double.isNaN(u)) {
            return MISSING;
        }
        double s = Math.max(0, Math.min(1, u)) * (VIRIDIS.length - 1);
        int k = Math.min((int) Math.floor(s), VIRIDIS.length - 2);
        double f = s - k;
        int a = VIRIDIS[k];
        int b = VIRIDIS[k + 1];
        return new Color(mix(a >> 16, b >> 16, f), mix(a >> 8, b >> 8, f), mix(a, b, f));
    }

    private static int mix(int a, int b, double f) {
        int x = a & 0xFF;
        int y = b & 0xFF;
        return (int) Math.round(x + f * (y - x));
    }

    /**
     * Contour lines at one level by marching squares over the cells between four neighbouring
     * centres, crossings placed by linear interpolation (of log values on a log scale); the saddle
     * cases are resolved by the mean of the four corners. Squares with a corner that is not
     * drawable are skipped.
     *
     * @param h the heat map
     * @param level the level
     * @return segments {x₁, y₁, x₂, y₂} in data coordinates
     */
    static List<double[]> contour(HeatMap h, double level) {
        double[] x = h.x();
        double[] y = h.y();
        List<double[]> out = new ArrayList<>();
        double l = h.log() ? Math.log(level) : level;
        for (int j = 0; j + 1 < y.length; j++) {
            for (int i = 0; i + 1 < x.length; i++) {
                // corners counter-clockwise from (i, j): 0 = (i, j), 1 = (i+1, j), 2 = (i+1, j+1), 3 = (i, j+1)
                double[] v = {h.value(i, j), h.value(i + 1, j), h.value(i + 1, j + 1), h.value(i, j + 1)};
                double[] cx = {x[i], x[i + 1], x[i + 1], x[i]};
                double[] cy = {y[j], y[j], y[j + 1], y[j + 1]};
                if (!(h.drawable(v[0]) && h.drawable(v[1]) && h.drawable(v[2]) && h.drawable(v[3]))) {
                    continue;
                }
                for (int c = 0; c < 4 && h.log(); c++) {
                    v[c] = Math.log(v[c]);
                }
                // crossing on edge e, between corners e and e+1
                double[][] cross = new double[4][];
                int count = 0;
                for (int e = 0; e < 4; e++) {
                    double a = v[e];
                    double b = v[(e + 1) % 4];
                    if ((a >= l) != (b >= l)) {
                        double f = (l - a) / (b - a);
                        cross[e] = new double[] {cx[e] + f * (cx[(e + 1) % 4] - cx[e]), cy[e] + f * (cy[(e + 1) % 4] - cy[e])};
                        count++;
                    }
                }
                if (count == 2) {
                    double[] p = null;
                    for (double[] c : cross) {
                        if (c != null) {
                            if (p == null) {
                                p = c;
                            } else {
                                out.add(new double[] {p[0], p[1], c[0], c[1]});
                            }
                        }
                    }
                } else if (count == 4) {
                    boolean centreHigh = (v[0] + v[1] + v[2] + v[3]) / 4 >= l;
                    if (centreHigh == (v[0] >= l)) {
                        // corners 0 and 2 joined through the centre: cut off corners 1 and 3
                        out.add(segment(cross[0], cross[1]));
                        out.add(segment(cross[2], cross[3]));
                    } else {
                        out.add(segment(cross[3], cross[0]));
                        out.add(segment(cross[1], cross[2]));
                    }
                }
            }
        }
        return out;
    }

    private static double[] segment(double[] p, double[] q) {
        return new double[] {p[0], p[1], q[0], q[1]};
    }

    /** Mantissas of log-scale levels per decade, finest first. */
    private static final double[][] LOG_MANTISSAS = {{1, 2, 3, 4, 5, 6, 7, 8, 9}, {1, 1.5, 2, 3, 5, 7}, {1, 2, 5}, {1, 3}, {1}};

    /**
     * Nice levels strictly inside (lo, hi). On a log scale m·10ᵏ for the finest set of mantissas
     * m among 1…9; 1, 1.5, 2, 3, 5, 7; 1, 2, 5; 1, 3; 1 that gives at most {@code most} (then
     * every other decade while there are still more); on a linear scale the multiples of the least
     * 1, 2 or 5·10ᵏ step that gives at most {@code most}.
     *
     * @param scale the range and scale
     * @param most the most levels wanted, at least 1
     * @return the levels, ascending
     */
    static double[] levels(Scale scale, int most) {
        double lo = scale.lo();
        double hi = scale.hi();
        List<Double> out = new ArrayList<>();
        if (scale.log()) {
            int k0 = (int) Math.floor(Math.log10(lo));
            int k1 = (int) Math.ceil(Math.log10(hi));
            for (double[] mantissas : LOG_MANTISSAS) {
                out.clear();
                for (int k = k0; k <= k1; k++) {
                    for (double m : mantissas) {
                        double v = m * Math.pow(10, k);
                        if (v > lo && v < hi) {
                            out.add(v);
                        }
                    }
                }
                if (out.size() <= most) {
                    break;
                }
            }
            while (out.size() > most) {
                List<Double> kept = new ArrayList<>();
                for (int i = 0; i < out.size(); i += 2) {
                    kept.add(out.get(i));
                }
                out = kept;
            }
        } else {
            double step = Ticks.niceStep((hi - lo) / (most + 1));
            for (double v = Math.ceil(lo / step) * step; v < hi; v += step) {
                double r = Math.round(v / step) * step;
                if (r > lo && r < hi) {
                    out.add(r);
                }
            }
        }
        return out.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** Fills every cell with its colour (no anti-aliasing, so neighbours meet without seams). */
    static void drawCells(Graphics2D g, HeatMap h, Scale scale, DoubleUnaryOperator sx, DoubleUnaryOperator sy) {
        double[] x = h.x();
        double[] y = h.y();
        Object aa = g.getRenderingHint(RenderingHints.KEY_ANTIALIASING);
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_OFF);
        for (int j = 0; j < y.length; j++) {
            double[] ye = edges(y, j);
            double top = Math.min(sy.applyAsDouble(ye[1]), sy.applyAsDouble(ye[0]));
            double bottom = Math.max(sy.applyAsDouble(ye[1]), sy.applyAsDouble(ye[0]));
            for (int i = 0; i < x.length; i++) {
                double[] xe = edges(x, i);
                double left = sx.applyAsDouble(xe[0]);
                double right = sx.applyAsDouble(xe[1]);
                g.setColor(colour(scale.unit(h.value(i, j))));
                // half a pixel of overlap hides seams in viewers that anti-alias vector output
                g.fill(new Rectangle2D.Double(left, top, right - left + 0.5, bottom - top + 0.5));
            }
        }
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, aa == null ? RenderingHints.VALUE_ANTIALIAS_ON : aa);
    }

    /** Draws the contour lines at the heat map's levels. */
    static void drawContours(Graphics2D g, HeatMap h, DoubleUnaryOperator sx, DoubleUnaryOperator sy) {
        g.setColor(CONTOUR);
        g.setStroke(new BasicStroke(CONTOUR_WIDTH, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        for (double level : h.contours()) {
            for (double[] s : contour(h, level)) {
                g.draw(new Line2D.Double(sx.applyAsDouble(s[0]), sy.applyAsDouble(s[1]), sx.applyAsDouble(s[2]), sy.applyAsDouble(s[3])));
            }
        }
    }

    /**
     * Writes each cell's text at its centre, in black on light cells and white on dark ones, in
     * the given font or, where a line is wider than 90% of its cell, a smaller one (not below 8
     * points).
     */
    static void drawCellText(Graphics2D g, HeatMap h, Scale scale, DoubleUnaryOperator sx, DoubleUnaryOperator sy, Font font) {
        double[] x = h.x();
        double[] y = h.y();
        for (int j = 0; j < y.length; j++) {
            double[] ye = edges(y, j);
            double top = Math.min(sy.applyAsDouble(ye[1]), sy.applyAsDouble(ye[0]));
            double bottom = Math.max(sy.applyAsDouble(ye[1]), sy.applyAsDouble(ye[0]));
            for (int i = 0; i < x.length; i++) {
                String text = h.text(i, j);
                if (text.isEmpty()) {
                    continue;
                }
                double[] xe = edges(x, i);
                double left = sx.applyAsDouble(xe[0]);
                double right = sx.applyAsDouble(xe[1]);
                String[] lines = text.split("\n");
                Font f = font;
                for (String line : lines) {
                    double w = Text.width(f, line);
                    if (w > 0.9 * (right - left)) {
                        f = f.deriveFont((float) Math.max(8, f.getSize2D() * 0.9 * (right - left) / w));
                    }
                }
                double lineH = Text.lineHeight(f);
                double baseline = (top + bottom) / 2 - lines.length * lineH / 2 + Text.ascent(f);
                g.setColor(textOn(colour(scale.unit(h.value(i, j)))));
                for (String line : lines) {
                    Text.centred(g, f, line, (left + right) / 2, baseline);
                    baseline += lineH;
                }
            }
        }
    }

    /**
     * @param cell a cell's colour
     * @return black or white, whichever reads better on it (by relative luminance)
     */
    static Color textOn(Color cell) {
        double l = 0.2126 * linear(cell.getRed()) + 0.7152 * linear(cell.getGreen()) + 0.0722 * linear(cell.getBlue());
        return l > 0.179 ? Color.BLACK : Color.WHITE;
    }

    private static double linear(int c) {
        double v = c / 255.0;
        return v <= 0.04045 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
    }

    /**
     * Draws the colour bar: a vertical gradient from {@code bottom} (the scale's low end) to
     * {@code top}, the contour levels as white marks across it, tick labels to its right and the
     * heat map's label, rotated, beyond them.
     */
    static void drawColourBar(Graphics2D g, HeatMap h, Scale scale, double x, double top, double bottom, Font tickFont,
                              Font titleFont, Color text) {
        double height = bottom - top;
        if (!(height > 0)) {
            return;
        }
        int slices = 128;
        Object aa = g.getRenderingHint(RenderingHints.KEY_ANTIALIASING);
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_OFF);
        for (int k = 0; k < slices; k++) {
            double y0 = bottom - height * (k + 1) / slices;
            g.setColor(colour((k + 0.5) / slices));
            g.fill(new Rectangle2D.Double(x, y0, BAR_WIDTH, height / slices + 0.5));
        }
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, aa == null ? RenderingHints.VALUE_ANTIALIAS_ON : aa);
        g.setColor(CONTOUR);
        g.setStroke(new BasicStroke(1f));
        for (double level : h.contours()) {
            double u = scale.unit(level);
            if (!Double.isNaN(u)) {
                double yl = bottom - u * height;
                g.draw(new Line2D.Double(x, yl, x + BAR_WIDTH, yl));
            }
        }
        g.setColor(new Color(0x606060));
        g.draw(new Rectangle2D.Double(x, top, BAR_WIDTH, height));
        g.setColor(text);
        double labelWidth = 0;
        for (double t : ticks(scale)) {
            double yt = bottom - scale.unit(t) * height;
            g.draw(new Line2D.Double(x + BAR_WIDTH, yt, x + BAR_WIDTH + 4, yt));
            String label = plain(t);
            Text.draw(g, tickFont, label, x + BAR_WIDTH + 7, yt + Text.ascent(tickFont) / 2.0 - 1);
            labelWidth = Math.max(labelWidth, Text.width(tickFont, label));
        }
        Graphics2D r = (Graphics2D) g.create();
        try {
            double tx = x + BAR_WIDTH + 12 + labelWidth + Text.ascent(titleFont);
            r.transform(AffineTransform.getRotateInstance(-Math.PI / 2, tx, top + height / 2));
            Text.centred(r, titleFont, h.label() + (h.log() ? " (log scale)" : ""), tx, top + height / 2);
        } finally {
            r.dispose();
        }
    }

    /**
     * @param scale the colour scale
     * @return tick values inside [lo, hi] for the colour bar (its ends when nothing nice fits)
     */
    static double[] ticks(Scale scale) {
        double[] nice = levels(scale, 6);
        if (nice.length >= 2) {
            return nice;
        }
        double[] ends = {scale.lo(), scale.hi()};
        if (nice.length == 1) {
            return new double[] {scale.lo(), nice[0], scale.hi()};
        }
        return ends;
    }

    private static String plain(double v) {
        if (v == 0) {
            return "0";
        }
        double a = Math.abs(v);
        String s = a >= 1e-3 && a < 1e5 ? String.format(Locale.ROOT, "%.4g", v) : String.format(Locale.ROOT, "%.2e", v);
        if (s.contains(".") && !s.contains("e")) {
            s = s.replaceAll("0+$", "");
            s = s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
        }
        return s;
    }
}
