package org.samsde.sde.model;

/**
 * The third-order SAM SDE (Luo et al., NeurIPS 2024): G_γ = g_γ + ρH_γn_γ + (ρ²/2)T_γ[n_γ, n_γ],
 * so b = E_γ[G_γ] and Σ̃ = Cov_γ(G_γ). Its ρ² term contains (ρ²/2)⟨n, v₁⟩²∇λ_max, a penalty on
 * the top eigenvalue weighted by the squared alignment. Derived from the expansion
 * ∇f_γ(x + ρn_γ) = g_γ + ρH_γn_γ + (ρ²/2)T_γ[n_γ, n_γ] + O(ρ³) and checked numerically (the gap
 * to discrete SAM shrinks like η with ρ = c·η^{1/3}).
 *
 * <p>Method properties: weak order 1 in η for ρ = O(η^{1/3}); cost per increment one gradient and
 * one order-2 pass over the batch.
 */
public final class Sam3 extends NormalisedExpansion {
    /** The model. */
    public static final Sam3 INSTANCE = new Sam3();

    private Sam3() {
    }

    @Override
    public String name() {
        return "sam3";
    }

    @Override
    public String displayName() {
        return "SAM SDE, order 3 (Luo et al.)";
    }

    @Override
    public org.samsde.sde.Appearance appearance() {
        return new org.samsde.sde.Appearance(2, "dash-dot");
    }

    @Override
    public int order() {
        return 2;
    }

    /** Registers {@code sam3}. */
    public static final class Provider extends SdeModel.Fixed {
        /** The provider. */
        public Provider() {
            super(INSTANCE);
        }
    }
}
