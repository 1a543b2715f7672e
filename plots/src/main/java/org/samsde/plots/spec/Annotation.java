package org.samsde.plots.spec;

import java.util.Objects;

/**
 * A line of text inside a panel's plot area, placed in one of its corners.
 *
 * @param text the text
 * @param corner where it goes
 */
public record Annotation(String text, Corner corner) {

    /** Corners of the plot area. */
    public enum Corner {
        /** Top left. */
        TOP_LEFT,
        /** Top right. */
        TOP_RIGHT,
        /** Bottom left. */
        BOTTOM_LEFT,
        /** Bottom right. */
        BOTTOM_RIGHT
    }

    /**
     * Validates the fields.
     *
     * @param text the text
     * @param corner where it goes
     */
    public Annotation {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(corner, "corner");
        if (text.isBlank()) {
            throw new IllegalArgumentException("an annotation needs text");
        }
    }
}
