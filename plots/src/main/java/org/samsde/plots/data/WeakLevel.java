package org.samsde.plots.data;

/**
 * One row of {@code weak.csv} written by {@code samsde study weak}.
 *
 * @param scheme {@code euler} or {@code richardson}
 * @param dt the step Δt
 * @param estimate the Monte Carlo estimate of E φ(X_T)
 * @param exact the exact value
 * @param error |estimate − exact|
 * @param stderr the Monte Carlo standard error
 */
public record WeakLevel(String scheme, double dt, double estimate, double exact, double error, double stderr) {
}
