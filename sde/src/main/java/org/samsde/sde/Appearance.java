package org.samsde.sde;

import java.util.List;

/**
 * How a method asks to be drawn in figures, so that it looks the same in every figure: a palette
 * index and a dash pattern. The figures map it onto their own styles; a method that declares none
 * gets the palette in order.
 *
 * @param colour the palette index, 0 or more (the figures' palette: 0 blue, 1 vermillion, 2 bluish
 *     green, 3 black, 4 orange, 5 reddish purple, 6 sky blue; larger indices wrap around)
 * @param dash one of {@link #DASHES}
 */
public record Appearance(int colour, String dash) {
    /** The dash patterns: solid, dashed, dotted, dash-dot, short-dash. */
    public static final List<String> DASHES = List.of("solid", "dashed", "dotted", "dash-dot", "short-dash");

    /**
     * @param colour the palette index, 0 or more
     * @param dash one of {@link #DASHES}
     * @throws IllegalArgumentException when either is out of range
     */
    public Appearance {
        if (colour < 0) {
            throw new IllegalArgumentException("a palette index is 0 or more, got " + colour);
        }
        if (!DASHES.contains(dash)) {
            throw new IllegalArgumentException("unknown dash '" + dash + "' (expected one of " + String.join(", ", DASHES) + ")");
        }
    }
}
