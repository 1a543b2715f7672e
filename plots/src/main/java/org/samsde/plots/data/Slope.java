package org.samsde.plots.data;

/**
 * One row of a {@code slopes.csv}: the least-squares slope of log(error) against log(step size).
 *
 * @param name the model (study approx) or scheme (study weak)
 * @param slope the fitted slope, the observed order
 * @param stderr its standard error
 */
public record Slope(String name, double slope, double stderr) {
}
