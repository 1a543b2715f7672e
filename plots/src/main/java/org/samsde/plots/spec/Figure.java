package org.samsde.plots.spec;

import java.util.List;
import java.util.Objects;

/**
 * A whole figure: panels on a grid of {@code columns} columns, filled row by row, with an
 * optional title above, an optional legend shared by all panels below the title, and an optional
 * note (e.g. what the shaded bands are) at the bottom.
 *
 * @param title the figure title (may be empty)
 * @param panels the panels, at least one
 * @param columns panels per row
 * @param width the width in pixels at scale 1 (points in SVG/PDF)
 * @param height the height in pixels at scale 1
 * @param sharedLegend whether one legend above the panels lists every series name once (panels
 *     then usually hide theirs)
 * @param note a line of small text at the bottom (may be empty)
 */
public record Figure(String title, List<Panel> panels, int columns, int width, int height, boolean sharedLegend,
                     String note) {

    /** The smallest width or height accepted, in pixels. */
    public static final int MIN_SIZE = 100;

    /** The largest width or height accepted, in pixels. */
    public static final int MAX_SIZE = 10_000;

    /**
     * A figure with the defaults: the panels in rows of up to three, 400 × 360 pixels per panel, one
     * legend shared above the panels, no note.
     *
     * @param title the figure title (may be empty)
     * @param panels the panels, at least one
     * @return the figure
     */
    public static Figure of(String title, List<Panel> panels) {
        int columns = Math.max(1, Math.min(3, panels.size()));
        int rows = (panels.size() + columns - 1) / columns;
        return new Figure(title, panels, columns, 400 * columns, 80 + 360 * rows, true, "");
    }

    /**
     * Validates the fields.
     *
     * @param title the figure title (may be empty)
     * @param panels the panels, at least one
     * @param columns panels per row
     * @param width the width in pixels at scale 1 (points in SVG/PDF)
     * @param height the height in pixels at scale 1
     * @param sharedLegend whether one legend above the panels lists every series name once (panels
     *     then usually hide theirs)
     * @param note a line of small text at the bottom (may be empty)
     */
    public Figure {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(note, "note");
        panels = List.copyOf(panels);
        if (panels.isEmpty()) {
            throw new IllegalArgumentException("a figure needs at least one panel");
        }
        if (columns < 1) {
            throw new IllegalArgumentException("columns must be positive, got " + columns);
        }
        checkSize("width", width);
        checkSize("height", height);
    }

    private static void checkSize(String what, int v) {
        if (v < MIN_SIZE || v > MAX_SIZE) {
            throw new IllegalArgumentException("figure " + what + " must be between " + MIN_SIZE + " and " + MAX_SIZE
                    + " pixels, got " + v);
        }
    }

    /** @return the number of panel rows */
    public int rows() {
        return (panels.size() + columns - 1) / columns;
    }

    /**
     * @param w the new width
     * @param h the new height
     * @return this figure at another size
     */
    public Figure withSize(int w, int h) {
        return new Figure(title, panels, columns, w, h, sharedLegend, note);
    }

    /**
     * @param t the new title
     * @return this figure with another title
     */
    public Figure withTitle(String t) {
        return new Figure(t, panels, columns, width, height, sharedLegend, note);
    }
}
