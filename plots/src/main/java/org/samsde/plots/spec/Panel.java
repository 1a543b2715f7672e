package org.samsde.plots.spec;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One plot: axes, lines, shaded bands (drawn under the lines) and corner annotations, optionally
 * over a {@link HeatMap} (drawn under everything, with a colour bar beside the plot).
 *
 * @param title the panel title (may be empty)
 * @param xAxis the horizontal axis
 * @param yAxis the vertical axis
 * @param series the lines, names unique within the panel, in legend order
 * @param bands the shaded regions
 * @param annotations text in the plot area's corners
 * @param legend where the panel lists its series
 * @param heatMap the field drawn under the lines, or null for none
 */
public record Panel(String title, Axis xAxis, Axis yAxis, List<Series> series, List<Band> bands,
                    List<Annotation> annotations, Legend legend, HeatMap heatMap) {

    /**
     * Validates the fields: series names must be unique.
     *
     * @param title the panel title (may be empty)
     * @param xAxis the horizontal axis
     * @param yAxis the vertical axis
     * @param series the lines, names unique within the panel, in legend order
     * @param bands the shaded regions
     * @param annotations text in the plot area's corners
     * @param legend where the panel lists its series
     * @param heatMap the field drawn under the lines, or null for none
     */
    public Panel {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(xAxis, "xAxis");
        Objects.requireNonNull(yAxis, "yAxis");
        Objects.requireNonNull(legend, "legend");
        series = List.copyOf(series);
        bands = List.copyOf(bands);
        annotations = List.copyOf(annotations);
        Set<String> names = new HashSet<>();
        for (Series s : series) {
            if (!names.add(s.name())) {
                throw new IllegalArgumentException("panel '" + title + "': two series named '" + s.name() + "'");
            }
        }
    }

    /**
     * A panel with the defaults: no bands, no annotations, its legend hidden (a figure's shared
     * legend lists the series).
     *
     * @param title the panel title (may be empty)
     * @param xAxis the horizontal axis
     * @param yAxis the vertical axis
     * @param series the lines
     * @return the panel
     */
    public static Panel of(String title, Axis xAxis, Axis yAxis, List<Series> series) {
        return new Panel(title, xAxis, yAxis, series, List.of(), List.of(), Legend.HIDDEN);
    }

    /**
     * A panel without a heat map.
     *
     * @param title the panel title (may be empty)
     * @param xAxis the horizontal axis
     * @param yAxis the vertical axis
     * @param series the lines
     * @param bands the shaded regions
     * @param annotations text in the plot area's corners
     * @param legend where the panel lists its series
     */
    public Panel(String title, Axis xAxis, Axis yAxis, List<Series> series, List<Band> bands, List<Annotation> annotations,
                 Legend legend) {
        this(title, xAxis, yAxis, series, bands, annotations, legend, null);
    }

    /**
     * @param name a series name
     * @return the series of that name, if any
     */
    public Optional<Series> series(String name) {
        return series.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    /**
     * @param name a band name
     * @return the band of that name, if any
     */
    public Optional<Band> band(String name) {
        return bands.stream().filter(b -> b.name().equals(name)).findFirst();
    }

    /** @return the series names in legend order */
    public List<String> seriesNames() {
        return series.stream().map(Series::name).toList();
    }
}
