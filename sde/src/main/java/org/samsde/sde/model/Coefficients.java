package org.samsde.sde.model;

/**
 * The numbers an SDE model's increment depends on.
 *
 * @param rho ρ ≥ 0, the perturbation radius
 * @param eta η &gt; 0, the learning rate whose SDE this is (the SDE time of one optimiser step)
 */
public record Coefficients(double rho, double eta) {
    /**
     * Validates ρ and η.
     *
     * @param rho ρ ≥ 0, the perturbation radius
     * @param eta η &gt; 0, the learning rate whose SDE this is (the SDE time of one optimiser step)
     */
    public Coefficients {
        if (!(rho >= 0) || !Double.isFinite(rho)) {
            throw new IllegalArgumentException("rho must be finite and non-negative, got " + rho);
        }
        if (!(eta > 0) || !Double.isFinite(eta)) {
            throw new IllegalArgumentException("learning rate must be positive and finite, got " + eta);
        }
    }
}
