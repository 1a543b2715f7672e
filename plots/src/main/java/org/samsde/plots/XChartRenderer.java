package org.samsde.plots;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import javax.imageio.ImageIO;

import de.erichseifert.vectorgraphics2d.VectorGraphics2D;
import de.erichseifert.vectorgraphics2d.VectorHints;
import de.erichseifert.vectorgraphics2d.Processors;
import de.erichseifert.vectorgraphics2d.util.PageSize;

import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.XYSeries.XYSeriesRenderStyle;
import org.knowm.xchart.style.Styler.LegendLayout;
import org.knowm.xchart.style.Styler.LegendPosition;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.markers.Marker;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.samsde.core.InvalidInputException;
import org.samsde.core.io.AtomicFiles;
import org.samsde.plots.spec.Annotation;
import org.samsde.plots.spec.Axis;
import org.samsde.plots.spec.Band;
import org.samsde.plots.spec.Figure;
import org.samsde.plots.spec.HeatMap;
import org.samsde.plots.spec.Legend;
import org.samsde.plots.spec.Panel;
import org.samsde.plots.spec.Series;
import org.samsde.plots.spec.Style;

/**
 * The one renderer: draws a {@link Figure} with XChart onto a single canvas, a raster image
 * (PNG) or a VectorGraphics2D document (SVG, PDF). Each panel becomes an {@link XYChart} painted
 * into its grid cell; the figure title, the shared legend, corner annotations and the note are
 * drawn around them with the same fonts. Bands are filled polygons under the lines; on a log
 * axis, points that are not positive are left out and band lower bounds that are not positive
 * are raised to the smallest positive value drawn in that panel.
 *
 * <p>Runs headless ({@code java.awt.headless=true} is set before AWT is first used here).
 */
public final class XChartRenderer {
    static {
        System.setProperty("java.awt.headless", "true");
    }

    /** Output formats. */
    public enum Format {
        /** Portable Network Graphics, raster. */
        PNG,
        /** Scalable Vector Graphics, text kept as text. */
        SVG,
        /** Portable Document Format, vector, text drawn as outlines. */
        PDF;

        /**
         * @param file a file name ending in .png, .svg or .pdf (any case)
         * @return its format
         * @throws InvalidInputException naming the file when the extension is none of these
         */
        public static Format of(Path file) {
            Path name = file.getFileName();
            String s = name == null ? "" : name.toString().toLowerCase(Locale.ROOT);
            int dot = s.lastIndexOf('.');
            String ext = dot < 0 ? "" : s.substring(dot + 1);
            for (Format f : values()) {
                if (f.extension().equals(ext)) {
                    return f;
                }
            }
            throw new InvalidInputException(file + ": unknown figure format '" + (ext.isEmpty() ? "(no extension)" : "." + ext)
                    + "' (expected .png, .svg or .pdf)");
        }

        /** @return the file extension, without the dot */
        public String extension() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private static final String FAMILY = Font.SANS_SERIF;
    private static final Font TITLE_FONT = new Font(FAMILY, Font.BOLD, 22);
    private static final Font PANEL_TITLE_FONT = new Font(FAMILY, Font.BOLD, 17);
    private static final Font AXIS_TITLE_FONT = new Font(FAMILY, Font.PLAIN, 16);
    private static final Font TICK_FONT = new Font(FAMILY, Font.PLAIN, 15);
    private static final Font LEGEND_FONT = new Font(FAMILY, Font.PLAIN, 16);
    private static final Font NOTE_FONT = new Font(FAMILY, Font.PLAIN, 14);
    private static final Color TEXT = new Color(0x202020);
    private static final Color GRID = new Color(0xE4E4E4);
    private static final Color NOTE = new Color(0x505050);
    private static final int PAD = 10;
    private static final double MM_PER_POINT = 25.4 / 72;
    private static final int LEGEND_SAMPLE = 40;
    private static final int MARKER_SIZE = 8;
    /** Least pixels between x tick labels (XChart's hint), so that labels never run together. */
    private static final int X_TICK_SPACING = 100;
    /** Where the invisible off-grid point sits, as a fraction of the x range (irrational-looking on purpose). */
    private static final double OFF_GRID = 0.0123456;
    /** Least pixels between y tick labels. */
    private static final int Y_TICK_SPACING = 50;
    /** Log axes spanning more decades than this get grid lines at decades only. */
    private static final double DENSE_DECADES = 4;
    /** Room for the colour bar of a heat-map panel, in pixels at scale 1. */
    private static final int COLOUR_BAR_WIDTH = 110;

    private XChartRenderer() {
    }

    /**
     * @param figure the figure
     * @return it as an RGB image of figure.width × figure.height pixels
     */
    public static BufferedImage image(Figure figure) {
        return image(figure, 1.0);
    }

    /**
     * @param figure the figure
     * @param scale pixels per figure unit (2 for a print-resolution PNG), in [0.25, 8]
     * @return it as an RGB image
     */
    public static BufferedImage image(Figure figure, double scale) {
        if (!(scale >= 0.25 && scale <= 8)) {
            throw new IllegalArgumentException("scale must be in [0.25, 8], got " + scale);
        }
        int w = (int) Math.round(figure.width() * scale);
        int h = (int) Math.round(figure.height() * scale);
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
            g.scale(scale, scale);
            draw(g, figure);
        } finally {
            g.dispose();
        }
        return img;
    }

    /**
     * @param figure the figure
     * @param format the format (PNG at scale 1)
     * @return the encoded file
     */
    public static byte[] render(Figure figure, Format format) {
        return render(figure, format, 1.0);
    }

    /**
     * @param figure the figure
     * @param format the format
     * @param scale PNG pixels per figure unit (ignored by the vector formats)
     * @return the encoded file
     */
    public static byte[] render(Figure figure, Format format, double scale) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (format == Format.PNG) {
                ImageIO.write(image(figure, scale), "png", out);
            } else {
                // VectorGraphics2D measures PDF pages in millimetres: scale so that one figure unit is one point
                double unit = format == Format.PDF ? MM_PER_POINT : 1.0;
                VectorGraphics2D g = new VectorGraphics2D();
                g.setRenderingHint(VectorHints.KEY_TEXT, VectorHints.VALUE_TEXT_VECTOR);
                g.scale(unit, unit);
                draw(g, figure);
                Processors.get(format.extension())
                        .getDocument(g.getCommands(), new PageSize(0, 0, figure.width() * unit, figure.height() * unit))
                        .writeTo(out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode the figure as " + format, e);
        }
        return out.toByteArray();
    }

    /**
     * Writes a figure atomically, the format chosen by the file's extension.
     *
     * @param figure the figure
     * @param file a .png, .svg or .pdf file (parent directories are created)
     * @param scale PNG pixels per figure unit
     * @throws IOException when the file cannot be written
     * @throws InvalidInputException when the extension is not a known format
     */
    public static void write(Figure figure, Path file, double scale) throws IOException {
        byte[] bytes = render(figure, Format.of(file), scale);
        AtomicFiles.write(file, out -> out.write(bytes));
    }

    /** Draws the whole figure in figure units onto g. */
    private static void draw(Graphics2D g, Figure f) {
        g.setColor(Color.WHITE);
        g.fill(new Rectangle2D.Double(0, 0, f.width(), f.height()));
        double top = PAD;
        if (!f.title().isEmpty()) {
            g.setColor(TEXT);
            Text.centred(g, TITLE_FONT, f.title(), f.width() / 2.0, top + Text.ascent(TITLE_FONT));
            top += Text.lineHeight(TITLE_FONT) + PAD / 2.0;
        }
        if (f.sharedLegend()) {
            top += drawSharedLegend(g, f, top) + PAD / 2.0;
        }
        double bottom = f.height() - PAD / 2.0;
        if (!f.note().isEmpty()) {
            bottom -= drawNote(g, f, bottom);
        }
        int rows = f.rows();
        double cellW = (f.width() - 2.0 * PAD) / f.columns();
        double cellH = (bottom - top) / rows;
        for (int i = 0; i < f.panels().size(); i++) {
            int r = i / f.columns();
            int c = i % f.columns();
            Graphics2D pg = (Graphics2D) g.create();
            try {
                pg.translate(PAD + c * cellW, top + r * cellH);
                drawPanel(pg, f.panels().get(i), (int) Math.floor(cellW), (int) Math.floor(cellH));
            } finally {
                pg.dispose();
            }
        }
    }

    /** Draws the legend shared by all panels, centred, wrapped into rows; returns its height. */
    private static double drawSharedLegend(Graphics2D g, Figure f, double top) {
        Map<String, Style> entries = new LinkedHashMap<>();
        for (Panel p : f.panels()) {
            for (Series s : p.series()) {
                if (s.listed()) {
                    entries.putIfAbsent(s.name(), s.style());
                }
            }
        }
        if (entries.isEmpty()) {
            return 0;
        }
        int gap = 28;
        double maxWidth = f.width() - 2.0 * PAD;
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        double rowWidth = 0;
        for (String name : entries.keySet()) {
            double w = LEGEND_SAMPLE + 8 + Text.width(LEGEND_FONT, name);
            if (!row.isEmpty() && rowWidth + gap + w > maxWidth) {
                rows.add(row);
                row = new ArrayList<>();
                rowWidth = 0;
            }
            rowWidth += (row.isEmpty() ? 0 : gap) + w;
            row.add(name);
        }
        rows.add(row);
        double lineH = Text.lineHeight(LEGEND_FONT) + 4;
        double ascent = Text.ascent(LEGEND_FONT);
        for (int r = 0; r < rows.size(); r++) {
            List<String> names = rows.get(r);
            double width = -gap;
            for (String n : names) {
                width += gap + LEGEND_SAMPLE + 8 + Text.width(LEGEND_FONT, n);
            }
            double x = (f.width() - width) / 2.0;
            double baseline = top + r * lineH + ascent;
            double mid = baseline - ascent / 2.0 + 1;
            for (String n : names) {
                Style s = entries.get(n);
                drawSample(g, s, x, mid);
                g.setColor(TEXT);
                Text.draw(g, LEGEND_FONT, n, x + LEGEND_SAMPLE + 8, baseline);
                x += LEGEND_SAMPLE + 8 + Text.width(LEGEND_FONT, n) + gap;
            }
        }
        return rows.size() * lineH;
    }

    /** A short line (and marker) in a series' style, for legends. */
    private static void drawSample(Graphics2D g, Style s, double x, double y) {
        g.setColor(Palette.colour(s.colour()));
        if (s.render() != Style.Render.POINTS) {
            g.setStroke(Palette.stroke(s.dash(), Palette.LINE_WIDTH));
            g.draw(new Line2D.Double(x, y, x + LEGEND_SAMPLE, y));
        }
        if (s.marker() != Style.Marker.NONE) {
            marker(s.marker()).paint(g, x + LEGEND_SAMPLE / 2.0, y, MARKER_SIZE);
        }
    }

    /** Draws the note at the bottom, wrapped to the width; returns its height. */
    private static double drawNote(Graphics2D g, Figure f, double bottom) {
        List<String> lines = Text.wrap(NOTE_FONT, f.note(), f.width() - 2.0 * PAD);
        double lineH = Text.lineHeight(NOTE_FONT);
        double y = bottom - lines.size() * lineH;
        g.setColor(NOTE);
        for (int i = 0; i < lines.size(); i++) {
            Text.draw(g, NOTE_FONT, lines.get(i), PAD, y + i * lineH + Text.ascent(NOTE_FONT));
        }
        return lines.size() * lineH + PAD / 2.0;
    }

    /** The drawable points of one curve and the range they cover. */
    private record Points(double[] x, double[] y) {
    }

    /** The data range of a panel, per axis. */
    private static final class Range {
        double xMin = Double.POSITIVE_INFINITY;
        double xMax = Double.NEGATIVE_INFINITY;
        double yMin = Double.POSITIVE_INFINITY;
        double yMax = Double.NEGATIVE_INFINITY;
        double yMinPositive = Double.POSITIVE_INFINITY;

        void add(double x, double y) {
            xMin = Math.min(xMin, x);
            xMax = Math.max(xMax, x);
            yMin = Math.min(yMin, y);
            yMax = Math.max(yMax, y);
            if (y > 0) {
                yMinPositive = Math.min(yMinPositive, y);
            }
        }

        boolean empty() {
            return !(xMin <= xMax);
        }
    }

    private static boolean drawable(double v, boolean log) {
        return Double.isFinite(v) && (!log || v > 0);
    }

    private static Points points(Series s, Axis xa, Axis ya, Range range) {
        double[] x = s.x();
        double[] y = s.y();
        int n = 0;
        double[] px = new double[x.length];
        double[] py = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            if (drawable(x[i], xa.log()) && drawable(y[i], ya.log())) {
                px[n] = x[i];
                py[n] = y[i];
                range.add(x[i], y[i]);
                n++;
            }
        }
        return new Points(java.util.Arrays.copyOf(px, n), java.util.Arrays.copyOf(py, n));
    }

    /**
     * The band as closed polygons, one per run of consecutive drawable points (a point whose lo or hi
     * is not drawable ends a polygon, so that a band left out over a stretch is not bridged across it):
     * each along hi forwards, back along lo.
     */
    private static List<Points> polygons(Band b, Axis xa, Axis ya, double floor, Range range) {
        double[] x = b.x();
        double[] lo = b.lo();
        double[] hi = b.hi();
        List<Points> out = new ArrayList<>();
        List<double[]> kept = new ArrayList<>();
        for (int i = 0; i < x.length; i++) {
            double l = ya.log() && lo[i] <= 0 ? floor : lo[i];
            if (drawable(x[i], xa.log()) && drawable(l, ya.log()) && drawable(hi[i], ya.log())) {
                kept.add(new double[] {x[i], l, hi[i]});
            } else if (drawable(x[i], xa.log()) && !kept.isEmpty()) {
                out.add(polygon(kept, range));
                kept = new ArrayList<>();
            }
        }
        if (!kept.isEmpty()) {
            out.add(polygon(kept, range));
        }
        return out;
    }

    private static Points polygon(List<double[]> kept, Range range) {
        int n = kept.size();
        double[] px = new double[2 * n];
        double[] py = new double[2 * n];
        for (int i = 0; i < n; i++) {
            double[] k = kept.get(i);
            px[i] = k[0];
            py[i] = k[2];
            px[2 * n - 1 - i] = k[0];
            py[2 * n - 1 - i] = k[1];
            range.add(k[0], k[1]);
            range.add(k[0], k[2]);
        }
        return new Points(px, py);
    }

    /** Paints one panel into a cell of the given size at the origin of g. */
    private static void drawPanel(Graphics2D g, Panel p, int w, int h) {
        if (p.heatMap() != null) {
            drawHeatPanel(g, p, w, h);
            return;
        }
        Range range = new Range();
        List<Points> lines = new ArrayList<>();
        for (Series s : p.series()) {
            lines.add(points(s, p.xAxis(), p.yAxis(), range));
        }
        if (range.empty()) {
            drawEmpty(g, p, w, h);
            return;
        }
        double floor = range.yMinPositive;
        List<List<Points>> bands = new ArrayList<>();
        for (Band b : p.bands()) {
            bands.add(polygons(b, p.xAxis(), p.yAxis(), floor, range));
        }
        XYChart chart = new XYChart(w, h);
        style(chart, p);
        double[] xr = limits(p.xAxis(), range.xMin, range.xMax, false);
        double[] yr = limits(p.yAxis(), range.yMin, range.yMax, true);
        axes(chart, p, xr, yr);
        for (int i = 0; i < bands.size(); i++) {
            List<Points> parts = bands.get(i);
            for (int k = 0; k < parts.size(); k++) {
                Points b = parts.get(k);
                XYSeries xs = chart.addSeries("\u2009band " + i + "." + k + ": " + p.bands().get(i).name(), b.x(), b.y());
                xs.setXYSeriesRenderStyle(XYSeriesRenderStyle.PolygonArea);
                xs.setFillColor(Palette.bandColour(p.bands().get(i).colour()));
                xs.setLineColor(new Color(0, 0, 0, 0));
                xs.setLineWidth(0.1f);
                xs.setMarker(SeriesMarkers.NONE);
                xs.setShowInLegend(false);
            }
        }
        boolean[] own = lines(chart, p, lines, p.legend() == Legend.HIDDEN);
        chart.paint(g, w, h);
        drawPaths(g, chart, p, lines, own, xr, yr);
        drawAnnotations(g, chart, p, xr, yr);
    }

    /**
     * Whether a series' line is drawn here rather than by XChart: dashed lines, which XChart strokes
     * one segment at a time, restarting the dash pattern at every point (records 20 pixels apart
     * then show a gap at the end of every segment, records 5 pixels apart no dash at all). Drawn
     * as one path, the pattern runs on along the whole line. Only in panels without a legend of
     * their own, whose samples XChart draws from the series it holds.
     */
    private static boolean ownPath(Style style, Points pts, boolean allowed) {
        return allowed && style.render() == Style.Render.LINE && style.dash() != Style.Dash.SOLID && pts.x().length > 1;
    }

    /** Draws the lines that {@link #ownPath} keeps from XChart, each as one path, clipped to the plot area. */
    private static void drawPaths(Graphics2D g, XYChart chart, Panel p, List<Points> lines, boolean[] own, double[] xr, double[] yr) {
        double left = chart.getScreenXFromChart(xr[0]);
        double right = chart.getScreenXFromChart(xr[1]);
        double top = chart.getScreenYFromChart(yr[1]);
        double bottom = chart.getScreenYFromChart(yr[0]);
        Graphics2D c = (Graphics2D) g.create();
        try {
            c.clip(new Rectangle2D.Double(Math.min(left, right), Math.min(top, bottom), Math.abs(right - left), Math.abs(bottom - top)));
            for (int i = 0; i < lines.size(); i++) {
                if (!own[i]) {
                    continue;
                }
                Points pts = lines.get(i);
                Path2D.Double path = new Path2D.Double();
                for (int k = 0; k < pts.x().length; k++) {
                    double sx = chart.getScreenXFromChart(pts.x()[k]);
                    double sy = chart.getScreenYFromChart(pts.y()[k]);
                    if (k == 0) {
                        path.moveTo(sx, sy);
                    } else {
                        path.lineTo(sx, sy);
                    }
                }
                Style style = p.series().get(i).style();
                c.setColor(Palette.colour(style.colour()));
                c.setStroke(Palette.stroke(style.dash(), Palette.LINE_WIDTH));
                c.draw(path);
            }
        } finally {
            c.dispose();
        }
    }

    /** Fixes the axis ranges and tick labels of a panel's chart. */
    private static void axes(XYChart chart, Panel p, double[] xr, double[] yr) {
        XYStyler st = chart.getStyler();
        st.setXAxisMin(xr[0]);
        st.setXAxisMax(xr[1]);
        st.setYAxisMin(yr[0]);
        st.setYAxisMax(yr[1]);
        if (p.xAxis().log()) {
            double decades = Math.log10(xr[1] / xr[0]);
            st.setXAxisLogarithmicDecadeOnly(decades > DENSE_DECADES);
            chart.setCustomXAxisTickLabelsFormatter(v -> Ticks.log(v, decades));
        } else if (p.xAxis().categorical()) {
            List<String> levels = p.xAxis().categories();
            chart.setCustomXAxisTickLabelsFormatter(v -> Ticks.category(v, levels));
        } else {
            double span = xr[1] - xr[0];
            chart.setCustomXAxisTickLabelsFormatter(v -> Ticks.linear(v, span));
        }
        if (p.xAxis().categorical() || p.yAxis().categorical()) {
            levelPoints(chart, p, xr, yr);
        } else if (!p.xAxis().log()) {
            // XChart places x ticks on the data's own x values when these are equally spaced, ignoring the
            // spacing hint, which runs labels together in narrow panels; an invisible point off that grid
            // makes it use the hint (X_TICK_SPACING) instead
            XYSeries off = chart.addSeries("\u2009x grid", new double[] {xr[0] + OFF_GRID * (xr[1] - xr[0])}, new double[] {yr[0]});
            off.setLineColor(new Color(0, 0, 0, 0));
            off.setMarker(SeriesMarkers.NONE);
            off.setShowInLegend(false);
        }
        if (p.yAxis().log()) {
            double decades = Math.log10(yr[1] / yr[0]);
            st.setYAxisLogarithmicDecadeOnly(decades > DENSE_DECADES);
            chart.setCustomYAxisTickLabelsFormatter(v -> Ticks.log(v, decades));
        } else if (p.yAxis().categorical()) {
            List<String> levels = p.yAxis().categories();
            chart.setCustomYAxisTickLabelsFormatter(v -> Ticks.category(v, levels));
        } else {
            double span = yr[1] - yr[0];
            chart.setCustomYAxisTickLabelsFormatter(v -> Ticks.linear(v, span));
        }
    }

    /**
     * Invisible points at the levels of a categorical axis (0, 1, …, n − 1), and on the other axis
     * at values it already shows: XChart puts its ticks on the data's own values when these are
     * equally spaced, so the ticks fall on the levels.
     */
    private static void levelPoints(XYChart chart, Panel p, double[] xr, double[] yr) {
        int nx = p.xAxis().categorical() ? p.xAxis().categories().size() : 1;
        int ny = p.yAxis().categorical() ? p.yAxis().categories().size() : 1;
        double x0 = p.xAxis().categorical() ? 0 : xr[0];
        double y0 = p.yAxis().categorical() ? 0 : yr[0];
        double[][] xs = {new double[nx], new double[ny]};
        double[][] ys = {new double[nx], new double[ny]};
        for (int i = 0; i < nx; i++) {
            xs[0][i] = p.xAxis().categorical() ? i : x0;
            ys[0][i] = y0;
        }
        for (int j = 0; j < ny; j++) {
            xs[1][j] = x0;
            ys[1][j] = p.yAxis().categorical() ? j : y0;
        }
        for (int k = 0; k < 2; k++) {
            XYSeries s = chart.addSeries("\u2009levels " + k, xs[k], ys[k]);
            s.setXYSeriesRenderStyle(XYSeriesRenderStyle.Scatter);
            s.setMarker(SeriesMarkers.NONE);
            s.setLineColor(new Color(0, 0, 0, 0));
            s.setShowInLegend(false);
        }
    }

    /**
     * Adds a panel's lines, whose drawable points are given, to its chart; returns which of them
     * the chart holds without their line, to be drawn by {@link #drawPaths} (see {@link #ownPath}).
     */
    private static boolean[] lines(XYChart chart, Panel p, List<Points> lines, boolean ownPaths) {
        boolean[] own = new boolean[lines.size()];
        for (int i = 0; i < lines.size(); i++) {
            Points pts = lines.get(i);
            if (pts.x().length == 0) {
                continue;
            }
            Series s = p.series().get(i);
            Style style = s.style();
            XYSeries xs = chart.addSeries(s.name(), pts.x(), pts.y());
            xs.setXYSeriesRenderStyle(switch (style.render()) {
                case LINE -> XYSeriesRenderStyle.Line;
                case STEP -> XYSeriesRenderStyle.Step;
                case POINTS -> XYSeriesRenderStyle.Scatter;
            });
            Color c = Palette.colour(style.colour());
            xs.setLineColor(c);
            xs.setLineStyle(Palette.stroke(style.dash(), Palette.LINE_WIDTH));
            own[i] = ownPath(style, pts, ownPaths);
            if (own[i]) {
                xs.setLineStyle(SeriesLines.NONE);
            }
            // a line through one point draws nothing: mark the point
            xs.setMarker(marker(style.marker() == Style.Marker.NONE && pts.x().length == 1 ? Style.Marker.CIRCLE : style.marker()));
            xs.setMarkerColor(c);
            xs.setShowInLegend(s.listed());
        }
        return own;
    }

    /**
     * Paints a panel over a heat map: the chart is laid out once without drawing (an empty clip) to
     * learn where its plot area falls, the cells and contour lines are drawn there, then the chart
     * is painted over them with a transparent plot area (axes, lines, legend), and the colour bar
     * beside it. The axes span the cells' edges unless the spec fixes them.
     */
    private static void drawHeatPanel(Graphics2D g, Panel p, int w, int h) {
        HeatMap hm = p.heatMap();
        int cw = Math.max(Figure.MIN_SIZE / 2, w - COLOUR_BAR_WIDTH);
        double[] x = hm.x();
        double[] y = hm.y();
        double[] xr = {Double.isNaN(p.xAxis().min()) ? HeatMaps.lowerEdge(x) : p.xAxis().min(),
            Double.isNaN(p.xAxis().max()) ? HeatMaps.upperEdge(x) : p.xAxis().max()};
        double[] yr = {Double.isNaN(p.yAxis().min()) ? HeatMaps.lowerEdge(y) : p.yAxis().min(),
            Double.isNaN(p.yAxis().max()) ? HeatMaps.upperEdge(y) : p.yAxis().max()};
        List<Points> lines = new ArrayList<>();
        for (Series s : p.series()) {
            lines.add(points(s, p.xAxis(), p.yAxis(), new Range()));
        }
        XYChart chart = new XYChart(cw, h);
        style(chart, p);
        Color clear = new Color(0, 0, 0, 0);
        XYStyler st = chart.getStyler();
        st.setPlotBackgroundColor(clear);
        st.setChartBackgroundColor(clear);
        st.setPlotGridLinesVisible(false);
        st.setPlotContentSize(1.0);
        axes(chart, p, xr, yr);
        if (!p.xAxis().categorical() && !p.yAxis().categorical()) {
            // as for x in axes(): a y value off any regular grid, so that y ticks follow the spacing hint
            XYSeries off = chart.addSeries("\u2009y grid", new double[] {xr[0]}, new double[] {yr[0] + OFF_GRID * (yr[1] - yr[0])});
            off.setLineColor(clear);
            off.setMarker(SeriesMarkers.NONE);
            off.setShowInLegend(false);
        }
        lines(chart, p, lines, false);
        Graphics2D layout = (Graphics2D) g.create();
        try {
            layout.setClip(new Rectangle2D.Double(0, 0, 0, 0));
            chart.paint(layout, cw, h);
        } finally {
            layout.dispose();
        }
        double left = chart.getScreenXFromChart(xr[0]);
        double right = chart.getScreenXFromChart(xr[1]);
        double top = chart.getScreenYFromChart(yr[1]);
        double bottom = chart.getScreenYFromChart(yr[0]);
        HeatMaps.Scale scale = HeatMaps.Scale.of(hm);
        Graphics2D cells = (Graphics2D) g.create();
        try {
            cells.clip(new Rectangle2D.Double(left, top, right - left, bottom - top));
            HeatMaps.drawCells(cells, hm, scale, v -> sx(chart, v), v -> sy(chart, v));
            HeatMaps.drawContours(cells, hm, v -> sx(chart, v), v -> sy(chart, v));
            HeatMaps.drawCellText(cells, hm, scale, v -> sx(chart, v), v -> sy(chart, v), LEGEND_FONT);
        } finally {
            cells.dispose();
        }
        chart.paint(g, cw, h);
        HeatMaps.drawColourBar(g, hm, scale, cw + 12, top, bottom, TICK_FONT, AXIS_TITLE_FONT, TEXT);
        drawAnnotations(g, chart, p, xr, yr);
    }

    private static double sx(XYChart chart, double v) {
        return chart.getScreenXFromChart(v);
    }

    private static double sy(XYChart chart, double v) {
        return chart.getScreenYFromChart(v);
    }

    /** Axis limits: the spec's where given, else the data's, padded a little on y. */
    private static double[] limits(Axis a, double lo, double hi, boolean pad) {
        double min = lo;
        double max = hi;
        if (a.log()) {
            if (!(max > min)) {
                min /= 2;
                max *= 2;
            } else if (pad) {
                double f = Math.pow(max / min, 0.04);
                min /= f;
                max *= f;
            }
        } else {
            double span = max - min;
            if (!(span > 0)) {
                // one value: a nice step on either side of it, the ends on multiples of the step
                double d = Ticks.niceStep(Math.max(Math.abs(min) * 0.1, 1e-9));
                min = Math.floor((min - d) / d) * d;
                max = Math.ceil((max + d) / d) * d;
            } else if (pad) {
                min -= 0.04 * span;
                max += 0.04 * span;
            } else {
                double step = Ticks.niceStep(span / 10);
                min = Math.floor(min / step) * step;
                max = Math.ceil(max / step) * step;
            }
        }
        if (!Double.isNaN(a.min())) {
            min = a.min();
        }
        if (!Double.isNaN(a.max())) {
            max = a.max();
        }
        return new double[] {min, max};
    }

    private static void style(XYChart chart, Panel p) {
        XYStyler st = chart.getStyler();
        st.setChartBackgroundColor(Color.WHITE);
        st.setPlotBackgroundColor(Color.WHITE);
        st.setPlotBorderColor(new Color(0x606060));
        st.setPlotGridLinesColor(GRID);
        st.setChartFontColor(TEXT);
        st.setChartTitleVisible(!p.title().isEmpty());
        st.setChartTitleBoxVisible(false);
        st.setChartTitleFont(PANEL_TITLE_FONT);
        st.setChartTitlePadding(4);
        st.setAxisTitleFont(AXIS_TITLE_FONT);
        st.setAxisTickLabelsFont(TICK_FONT);
        st.setAxisTickLabelsColor(TEXT);
        st.setLegendFont(LEGEND_FONT);
        st.setLegendBorderColor(new Color(0xB0B0B0));
        st.setLegendBackgroundColor(new Color(255, 255, 255, 225));
        st.setLegendSeriesLineLength(LEGEND_SAMPLE);
        st.setLegendPadding(6);
        st.setMarkerSize(MARKER_SIZE);
        st.setChartPadding(6);
        st.setXAxisTickMarkSpacingHint(X_TICK_SPACING);
        st.setYAxisTickMarkSpacingHint(Y_TICK_SPACING);
        st.setPlotMargin(0);
        st.setAntiAlias(true);
        st.setTextAntiAlias(true);
        st.setXAxisLogarithmic(p.xAxis().log());
        st.setYAxisLogarithmic(p.yAxis().log());
        if (p.legend() == Legend.HIDDEN) {
            st.setLegendVisible(false);
        } else {
            st.setLegendVisible(true);
            st.setLegendPosition(switch (p.legend()) {
                case INSIDE_TOP_LEFT -> LegendPosition.InsideNW;
                case INSIDE_BOTTOM_RIGHT -> LegendPosition.InsideSE;
                case INSIDE_BOTTOM_LEFT -> LegendPosition.InsideSW;
                case BELOW -> LegendPosition.OutsideS;
                case RIGHT -> LegendPosition.OutsideE;
                default -> LegendPosition.InsideNE;
            });
            if (p.legend() == Legend.BELOW) {
                st.setLegendLayout(LegendLayout.Horizontal);
            }
        }
        chart.setTitle(p.title());
        chart.setXAxisTitle(p.xAxis().label());
        chart.setYAxisTitle(p.yAxis().label());
    }

    private static Marker marker(Style.Marker m) {
        return switch (m) {
            case NONE -> SeriesMarkers.NONE;
            case CIRCLE -> SeriesMarkers.CIRCLE;
            case SQUARE -> SeriesMarkers.SQUARE;
            case DIAMOND -> SeriesMarkers.DIAMOND;
            case TRIANGLE -> SeriesMarkers.TRIANGLE_UP;
            case CROSS -> SeriesMarkers.CROSS;
        };
    }

    /** Corner annotations inside the plot area, stacked per corner, on a white box. */
    private static void drawAnnotations(Graphics2D g, XYChart chart, Panel p, double[] xr, double[] yr) {
        if (p.annotations().isEmpty()) {
            return;
        }
        double left = chart.getScreenXFromChart(xr[0]);
        double right = chart.getScreenXFromChart(xr[1]);
        double top = chart.getScreenYFromChart(yr[1]);
        double bottom = chart.getScreenYFromChart(yr[0]);
        Map<Annotation.Corner, Integer> stacked = new LinkedHashMap<>();
        for (Annotation a : p.annotations()) {
            int k = stacked.merge(a.corner(), 1, Integer::sum) - 1;
            double tw = Text.width(LEGEND_FONT, a.text());
            double th = Text.lineHeight(LEGEND_FONT);
            boolean east = a.corner() == Annotation.Corner.TOP_RIGHT || a.corner() == Annotation.Corner.BOTTOM_RIGHT;
            boolean north = a.corner() == Annotation.Corner.TOP_LEFT || a.corner() == Annotation.Corner.TOP_RIGHT;
            double x = east ? right - 8 - tw : left + 8;
            double y = north ? top + 8 + k * (th + 2) : bottom - 8 - (k + 1) * (th + 2);
            g.setColor(new Color(255, 255, 255, 225));
            g.fill(new Rectangle2D.Double(x - 4, y - 1, tw + 8, th + 2));
            g.setColor(TEXT);
            Text.draw(g, LEGEND_FONT, a.text(), x, y + Text.ascent(LEGEND_FONT));
        }
    }

    /** A panel without drawable data: its frame, title and annotations, and why it is empty. */
    private static void drawEmpty(Graphics2D g, Panel p, int w, int h) {
        g.setColor(TEXT);
        Text.centred(g, PANEL_TITLE_FONT, p.title(), w / 2.0, 6 + Text.ascent(PANEL_TITLE_FONT));
        double y0 = 12 + Text.lineHeight(PANEL_TITLE_FONT);
        g.setColor(new Color(0x606060));
        g.setStroke(new java.awt.BasicStroke(1f));
        g.draw(new Rectangle2D.Double(8, y0, w - 16, h - y0 - 8));
        List<String> lines = new ArrayList<>();
        lines.add("no data to draw");
        for (Annotation a : p.annotations()) {
            lines.add(a.text());
        }
        double lineH = Text.lineHeight(LEGEND_FONT);
        double y = y0 + (h - y0) / 2.0 - lines.size() * lineH / 2.0;
        g.setColor(TEXT);
        for (String line : lines) {
            Text.centred(g, LEGEND_FONT, line, w / 2.0, y + Text.ascent(LEGEND_FONT));
            y += lineH;
        }
    }
}
