package org.samsde.plots;

import java.awt.BasicStroke;
import java.awt.Color;

import org.samsde.plots.spec.Style;

/**
 * Colours and strokes for {@link Style} indices: the Okabe–Ito palette (distinct for the common
 * colour-vision deficiencies), ordered so that neighbours differ in lightness, always paired with
 * a dash pattern so that lines stay distinct when printed in grey.
 */
public final class Palette {
    /** Okabe–Ito: blue, vermillion, bluish green, black, orange, reddish purple, sky blue. */
    private static final Color[] COLOURS = {
        new Color(0x0072B2), new Color(0xD55E00), new Color(0x009E73), new Color(0x000000),
        new Color(0xE69F00), new Color(0xCC79A7), new Color(0x56B4E9)};

    /** The number of distinct colours. */
    public static final int SIZE = COLOURS.length;

    /** The colour of reference lines ({@link Style#GREY}). */
    public static final Color GREY = new Color(0x7A7A7A);

    /** Line width of series, in pixels at scale 1. */
    public static final float LINE_WIDTH = 2.2f;

    /** Opacity of confidence bands. */
    public static final int BAND_ALPHA = 60;

    private Palette() {
    }

    /**
     * @param index a palette index or {@link Style#GREY}
     * @return its colour (indices past the end wrap around)
     */
    public static Color colour(int index) {
        return index == Style.GREY ? GREY : COLOURS[index % SIZE];
    }

    /**
     * @param index a palette index or {@link Style#GREY}
     * @return its colour, translucent, for bands
     */
    public static Color bandColour(int index) {
        Color c = colour(index);
        return new Color(c.getRed(), c.getGreen(), c.getBlue(), BAND_ALPHA);
    }

    /**
     * @param dash a dash pattern
     * @param width the line width
     * @return the stroke
     */
    public static BasicStroke stroke(Style.Dash dash, float width) {
        return switch (dash) {
            case SOLID -> new BasicStroke(width, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND);
            case DASHED -> dashed(width, BasicStroke.CAP_BUTT, 8f, 4f);
            case DOTTED -> dashed(width, BasicStroke.CAP_ROUND, 0.1f, 3.5f);
            case DASH_DOT -> dashed(width, BasicStroke.CAP_ROUND, 7f, 3f, 0.1f, 3f);
            case SHORT_DASH -> dashed(width, BasicStroke.CAP_BUTT, 3f, 3f);
        };
    }

    private static BasicStroke dashed(float width, int cap, float... pattern) {
        float[] scaled = new float[pattern.length];
        for (int i = 0; i < pattern.length; i++) {
            scaled[i] = pattern[i] * width;
        }
        return new BasicStroke(width, cap, BasicStroke.JOIN_ROUND, 10f, scaled, 0f);
    }
}
