package org.samsde.sde.model;

/**
 * The continuous models, as Itô SDEs in time t = kη: dX = −b(X)dt + √η·S(X)dW with S·Sᵀ = Σ̃.
 * With G_γ the increment of one batch (the truncated expansion of the method's batch direction),
 * b = E_γ[G_γ] and Σ̃ = Cov_γ(G_γ):
 * <ul>
 *   <li>{@code sgd1} (Li, Tai, E): G_γ = g_γ, so b = g, Σ̃ = Σ_B; weak order 1 for any setting.</li>
 *   <li>{@code sgd2}: b = g + (η/2)Hg (full batch), Σ̃ = Σ_B; weak order 2.</li>
 *   <li>{@code usam}: G_γ = g_γ + ρH_γg_γ; regime ρ = O(√η).</li>
 *   <li>{@code sam2} (Compagnoni et al. 2023): G_γ = g_γ + ρH_γn_γ; regime ρ = O(√η).</li>
 *   <li>{@code sam3} (third order, Luo et al. 2024): G_γ = g_γ + ρH_γn_γ + (ρ²/2)T_γ[n_γ, n_γ];
 *       regime ρ = O(η^{1/3}). Its ρ² term contains (ρ²/2)⟨n, v₁⟩²∇λ_max, a penalty on the top
 *       eigenvalue weighted by the squared alignment.</li>
 * </ul>
 * With full batches Σ̃ = 0 and the model is an ODE. Each G_γ is c₀ + c₁ (+ c₂) of one Taylor pass
 * of the batch loss along v_γ = ρn_γ (ρg_γ for usam), so a model costs one gradient pass plus one
 * pass of order 1 (sam2, usam, sgd2) or 2 (sam3) per batch.
 */
public enum SdeKind {
    /** First-order SGD SDE. */
    SGD1("sgd1", 0),
    /** Second-order SGD SDE. */
    SGD2("sgd2", 1),
    /** USAM SDE. */
    USAM("usam", 1),
    /** SAM SDE to first order in ρ. */
    SAM2("sam2", 1),
    /** SAM SDE to second order in ρ. */
    SAM3("sam3", 2);

    private final String label;
    private final int order;

    SdeKind(String label, int order) {
        this.label = label;
        this.order = order;
    }

    /** @return the name in commands and records */
    public String label() {
        return label;
    }

    /** @return K, the Taylor order of the increment */
    public int order() {
        return order;
    }

    /** @return whether the direction v depends on the batch (usam, sam2, sam3) */
    public boolean batchDirection() {
        return this == USAM || this == SAM2 || this == SAM3;
    }

    /**
     * @param name a label such as {@code sam3}
     * @return the model
     * @throws IllegalArgumentException listing the labels when none matches
     */
    public static SdeKind byLabel(String name) {
        for (SdeKind k : values()) {
            if (k.label.equalsIgnoreCase(name)) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown SDE model '" + name + "' (expected one of sgd1, sgd2, usam, sam2, sam3)");
    }
}
