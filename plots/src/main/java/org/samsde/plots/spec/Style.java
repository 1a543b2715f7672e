package org.samsde.plots.spec;

import java.util.Objects;

/**
 * How a line or band is drawn, by index into the renderer's palette rather than by colour value,
 * so that a spec says "the third colour, dashed" and the renderer decides what that looks like.
 *
 * @param colour index into the palette (≥ 0), or {@link #GREY} for reference lines
 * @param dash the dash pattern
 * @param marker the point marker
 * @param render how the points are joined
 */
public record Style(int colour, Dash dash, Marker marker, Render render) {

    /** The colour index of reference lines: neutral grey. */
    public static final int GREY = -1;

    /** Dash patterns, distinct in greyscale. */
    public enum Dash {
        /** A continuous line. */
        SOLID,
        /** Long dashes. */
        DASHED,
        /** Dots. */
        DOTTED,
        /** Alternating dash and dot. */
        DASH_DOT,
        /** Short dashes. */
        SHORT_DASH
    }

    /** Point markers. */
    public enum Marker {
        /** No marker. */
        NONE,
        /** A filled circle. */
        CIRCLE,
        /** A filled square. */
        SQUARE,
        /** A filled diamond. */
        DIAMOND,
        /** A filled upward triangle. */
        TRIANGLE,
        /** An ×, not filled: drawn over a point to say that its value is only a bound. */
        CROSS
    }

    /** How consecutive points are joined. */
    public enum Render {
        /** Straight segments. */
        LINE,
        /** A staircase: each value holds until the next x (histograms). */
        STEP,
        /** Markers only. */
        POINTS
    }

    /**
     * Validates the fields.
     *
     * @param colour index into the palette (≥ 0), or {@link #GREY} for reference lines
     * @param dash the dash pattern
     * @param marker the point marker
     * @param render how the points are joined
     */
    public Style {
        if (colour < GREY) {
            throw new IllegalArgumentException("colour index must be >= 0 or GREY, got " + colour);
        }
        Objects.requireNonNull(dash, "dash");
        Objects.requireNonNull(marker, "marker");
        Objects.requireNonNull(render, "render");
        if (render == Render.POINTS && marker == Marker.NONE) {
            throw new IllegalArgumentException("a POINTS series needs a marker");
        }
    }

    /**
     * @param colour palette index
     * @param dash dash pattern
     * @return a line without markers
     */
    public static Style line(int colour, Dash dash) {
        return new Style(colour, dash, Marker.NONE, Render.LINE);
    }

    /**
     * @param dash dash pattern
     * @return a grey reference line
     */
    public static Style reference(Dash dash) {
        return line(GREY, dash);
    }

    /**
     * @param m the marker
     * @return this style with a marker at every point
     */
    public Style withMarker(Marker m) {
        return new Style(colour, dash, m, render);
    }

    /**
     * @param r how points are joined
     * @return this style joined differently
     */
    public Style withRender(Render r) {
        return new Style(colour, dash, marker, r);
    }
}
