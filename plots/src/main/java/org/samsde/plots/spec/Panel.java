package org.samsde.plots.spec;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One plot: axes, lines, shaded bands (drawn under the lines) and corner annotations.
 *
 * @param title the panel title (may be empty)
 * @param xAxis the horizontal axis
 * @param yAxis the vertical axis
 * @param series the lines, names unique within the panel, in legend order
 * @param bands the shaded regions
 * @param annotations text in the plot area's corners
 * @param legend where the panel lists its series
 */
public record Panel(String title, Axis xAxis, Axis yAxis, List<Series> series, List<Band> bands,
                    List<Annotation> annotations, Legend legend) {

    /** Validates the fields: series names must be unique. */
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
