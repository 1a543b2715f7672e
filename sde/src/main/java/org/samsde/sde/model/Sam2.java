package org.samsde.sde.model;

/**
 * The SAM SDE of Compagnoni et al. (ICML 2023): G_γ = g_γ + ρH_γn_γ with the per-batch
 * n_γ = g_γ/‖g_γ‖, so b = g + ρE_γ[H_γn_γ] = ∇(f + ρE_γ‖∇f_γ‖) and Σ̃ = Cov_γ(G_γ).
 * (With the full-batch n instead of n_γ the drift is ∇(f + ρ‖∇f‖), their DNSAM SDE: see
 * {@link PluginDrift}.)
 *
 * <p>Method properties: weak order 1 in η for ρ = O(√η); cost per increment one gradient and one
 * order-1 pass over the batch.
 */
public final class Sam2 extends NormalisedExpansion {
    /** The model. */
    public static final Sam2 INSTANCE = new Sam2();

    private Sam2() {
    }

    @Override
    public String name() {
        return "sam2";
    }

    @Override
    public String displayName() {
        return "SAM SDE, order 2 (Compagnoni et al.)";
    }

    @Override
    public org.samsde.sde.Appearance appearance() {
        return new org.samsde.sde.Appearance(1, "dashed");
    }

    @Override
    public int order() {
        return 1;
    }

    /** Registers {@code sam2}. */
    public static final class Provider extends SdeModel.Fixed {
        /** The provider. */
        public Provider() {
            super(INSTANCE);
        }
    }
}
