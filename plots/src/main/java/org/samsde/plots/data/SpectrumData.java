package org.samsde.plots.data;

import java.util.Optional;

/**
 * What {@code samsde spectrum} wrote into a directory: eigenvalues (method full, lanczos or
 * power), or an SLQ density with its quadrature nodes and weights (method slq).
 *
 * @param source the directory's name, for labels
 * @param dimension d, the number of parameters (0 when run.json does not say)
 * @param eigenvalues the eigenvalues, descending, when present
 * @param densityX the grid of the SLQ density (empty without density.csv)
 * @param density the density on the grid
 * @param nodes the SLQ Ritz values, probes × steps flattened (empty without them)
 * @param weights their quadrature weights, same shape
 * @param probes the number of SLQ probes (rows of nodes)
 */
public record SpectrumData(String source, int dimension, Optional<double[]> eigenvalues, double[] densityX, double[] density,
                           double[] nodes, double[] weights, int probes) {

    /**
     * Checks the shapes.
     *
     * @param source the directory's name, for labels
     * @param dimension d, the number of parameters (0 when run.json does not say)
     * @param eigenvalues the eigenvalues, descending, when present
     * @param densityX the grid of the SLQ density (empty without density.csv)
     * @param density the density on the grid
     * @param nodes the SLQ Ritz values, probes × steps flattened (empty without them)
     * @param weights their quadrature weights, same shape
     * @param probes the number of SLQ probes (rows of nodes)
     */
    public SpectrumData {
        if (densityX.length != density.length) {
            throw new IllegalArgumentException(source + ": density grid and values differ in length");
        }
        if (nodes.length != weights.length) {
            throw new IllegalArgumentException(source + ": SLQ nodes and weights differ in length");
        }
        eigenvalues = eigenvalues.map(double[]::clone);
        densityX = densityX.clone();
        density = density.clone();
        nodes = nodes.clone();
        weights = weights.clone();
    }

    /** @return whether an SLQ density is present */
    public boolean hasDensity() {
        return densityX.length > 0;
    }
}
