package org.samsde.core.hessian;

import java.util.Arrays;

/**
 * A smoothed eigenvalue density from stochastic Lanczos quadrature ({@link SpectralDensity}), with
 * the raw quadrature rules it was built from.
 *
 * @param grid the equally spaced evaluation points t_0 &lt; … &lt; t_{N−1}
 * @param density φ_σ(t_i), normalised so that its trapezoid integral over the grid is 1
 * @param probes P, the number of probe vectors
 * @param steps m, the Lanczos steps (nodes) per probe
 * @param nodes θ_j^{(p)} as a row-major P × m array (each row ascending)
 * @param weights τ_j^{(p)} = (first component of the j-th eigenvector of T_m)², P × m like the nodes;
 *                each row sums to 1
 * @param variance σ², the variance of the Gaussian kernel
 * @param hvps operator applications used (P·m)
 * @param rawMass the trapezoid integral over the grid of the smoothed quadrature before normalisation,
 *                (1/P)·Σ_p Σ_j τ_j^{(p)}·∫ g_σ(t − θ_j^{(p)}) dt over the grid: 1 less the kernel tails
 *                beyond the grid's ends (and the quadrature error), so a check that weights, kernel and
 *                probe average are right
 */
public record DensityEstimate(double[] grid, double[] density, int probes, int steps, double[] nodes, double[] weights,
                              double variance, long hvps, double rawMass) {

    /**
     * Checks the shapes and copies the arrays.
     *
     * @param grid the equally spaced evaluation points t_0 &lt; … &lt; t_{N−1}
     * @param density φ_σ(t_i), normalised so that its trapezoid integral over the grid is 1
     * @param probes P, the number of probe vectors
     * @param steps m, the Lanczos steps (nodes) per probe
     * @param nodes θ_j^{(p)} as a row-major P × m array (each row ascending)
     * @param weights τ_j^{(p)} = (first component of the j-th eigenvector of T_m)², P × m like the nodes;
     *     each row sums to 1
     * @param variance σ², the variance of the Gaussian kernel
     * @param hvps operator applications used (P·m)
     * @param rawMass the trapezoid integral over the grid of the smoothed quadrature before normalisation,
     *     (1/P)·Σ_p Σ_j τ_j^{(p)}·∫ g_σ(t − θ_j^{(p)}) dt over the grid: 1 less the kernel tails
     *     beyond the grid's ends (and the quadrature error), so a check that weights, kernel and
     *     probe average are right
     */
    public DensityEstimate {
        if (grid.length != density.length || nodes.length != (long) probes * steps || weights.length != nodes.length) {
            throw new IllegalArgumentException("density estimate needs grid and density of equal length and P x m nodes and weights");
        }
        grid = grid.clone();
        density = density.clone();
        nodes = nodes.clone();
        weights = weights.clone();
    }

    /** @return a copy of the grid t_i */
    /** @return a copy of {@code grid} */
    @Override
    public double[] grid() {
        return grid.clone();
    }

    /** @return a copy of the density φ_σ(t_i) */
    /** @return a copy of {@code density} */
    @Override
    public double[] density() {
        return density.clone();
    }

    /** @return a copy of the nodes θ_j^{(p)}, P × m row-major */
    /** @return a copy of {@code nodes} */
    @Override
    public double[] nodes() {
        return nodes.clone();
    }

    /** @return a copy of the weights τ_j^{(p)}, P × m row-major */
    /** @return a copy of {@code weights} */
    @Override
    public double[] weights() {
        return weights.clone();
    }

    /**
     * @param lo lower end
     * @param hi upper end
     * @return the trapezoid integral of the density over the grid points in [lo, hi]
     */
    public double mass(double lo, double hi) {
        double s = 0;
        for (int i = 0; i + 1 < grid.length; i++) {
            if (grid[i] >= lo && grid[i + 1] <= hi) {
                s += 0.5 * (density[i] + density[i + 1]) * (grid[i + 1] - grid[i]);
            }
        }
        return s;
    }

    /**
     * @param lo lower end
     * @param hi upper end
     * @return the quadrature mass (1/P)·Σ τ_j^{(p)} of the nodes in [lo, hi] (no smoothing)
     */
    public double nodeMass(double lo, double hi) {
        double s = 0;
        for (int j = 0; j < nodes.length; j++) {
            if (nodes[j] >= lo && nodes[j] <= hi) {
                s += weights[j];
            }
        }
        return s / probes;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DensityEstimate e && probes == e.probes && steps == e.steps && Arrays.equals(grid, e.grid)
                && Arrays.equals(density, e.density) && Arrays.equals(nodes, e.nodes) && Arrays.equals(weights, e.weights)
                && Double.compare(variance, e.variance) == 0 && hvps == e.hvps && Double.compare(rawMass, e.rawMass) == 0;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(nodes) * 31 + Arrays.hashCode(weights);
    }

    @Override
    public String toString() {
        return "DensityEstimate[" + probes + " probes x " + steps + " steps, grid [" + grid[0] + ", " + grid[grid.length - 1]
                + "] of " + grid.length + " points, sigma^2 = " + variance + ", mass before normalisation " + rawMass + ", " + hvps
                + " HVPs]";
    }
}
