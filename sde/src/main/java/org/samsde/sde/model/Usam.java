package org.samsde.sde.model;

import org.samsde.core.tensor.Tensor;
import org.samsde.core.tensor.Vectors;

/**
 * The USAM SDE (Compagnoni et al., ICML 2023): G_γ = g_γ + ρH_γg_γ, the batch gradient at
 * x + ρg_γ to first order, so b = g + ρE_γ[H_γg_γ] and Σ̃ = Cov_γ(G_γ) = Σ_B + ρ(HΣ_B + Σ_BH) + O(ρ²).
 *
 * <p>Method properties: weak order 1 in η for ρ = O(√η); cost per increment one gradient and one
 * order-1 pass over the batch. Direction Jacobian J·w = ρw.
 */
public final class Usam implements SdeModel {
    /** The model. */
    public static final Usam INSTANCE = new Usam();

    private Usam() {
    }

    @Override
    public String name() {
        return "usam";
    }

    @Override
    public String displayName() {
        return "USAM SDE (Compagnoni et al.)";
    }

    // vermillion as the discrete USAM, dotted to tell the two apart
    @Override
    public org.samsde.sde.Appearance appearance() {
        return new org.samsde.sde.Appearance(1, "dotted");
    }

    @Override
    public int order() {
        return 1;
    }

    @Override
    public Tensor direction(Tensor x, Tensor g, Coefficients c) {
        Tensor v = Vectors.copy(g);
        Vectors.scale(c.rho(), v);
        return v;
    }

    @Override
    public boolean batchDirection() {
        return true;
    }

    @Override
    public boolean directionJacobian(Tensor x, Tensor g, Tensor w, Coefficients c) {
        if (c.rho() == 0) {
            return false;
        }
        Vectors.scale(c.rho(), w);
        return true;
    }

    /** Registers {@code usam}. */
    public static final class Provider extends SdeModel.Fixed {
        /** The provider. */
        public Provider() {
            super(INSTANCE);
        }
    }
}
