package org.samsde.plots.data;

/**
 * One row of {@code gaps.csv} written by {@code samsde study approx}: the gap between a discrete
 * method and an SDE model at one learning rate.
 *
 * @param model the SDE model (e.g. {@code sam2})
 * @param eta η
 * @param rho ρ used at this η
 * @param gap max over k of |E φ(x_k) − E φ(X_kη)|
 * @param halfWidth the 95% half-width of the gap (0 or NaN for deterministic studies)
 * @param step the step k where the maximum was reached
 */
public record Gap(String model, double eta, double rho, double gap, double halfWidth, int step) {
}
