package org.samsde.plots.spec;

/** Where a panel lists its series. */
public enum Legend {
    /** No legend (the figure's shared legend, if any, lists the series). */
    HIDDEN,
    /** Inside the plot area, top right. */
    INSIDE_TOP_RIGHT,
    /** Inside the plot area, top left. */
    INSIDE_TOP_LEFT,
    /** Inside the plot area, bottom right. */
    INSIDE_BOTTOM_RIGHT,
    /** Inside the plot area, bottom left. */
    INSIDE_BOTTOM_LEFT,
    /** Below the plot area, never over the data. */
    BELOW,
    /** Right of the plot area, never over the data. */
    RIGHT
}
