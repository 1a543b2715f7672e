package org.samsde.sde.optim;

/**
 * Stochastic Variance Amplified Gradient (SVAG; Li, Malladi &amp; Arora, NeurIPS 2021, "On the
 * validity of modeling SGD with stochastic differential equations"), applied to the update
 * direction G_γ(x) of any memoryless rule x ← x − η·G_γ(x) (SGD's g_γ, SAM's ∇f_γ(x + ρn_γ), …).
 *
 * <p>Each of L inner steps per unit of SDE time (per original step of size η) draws two
 * independent batches γ₁, γ₂ and moves x ← x − (η/L)·G̃ with
 * <pre>
 *   G̃ = a·G_γ₁(x) + b·G_γ₂(x),   a, b = (1 ± √(2L − 1))/2,   a + b = 1,   a² + b² = L.
 * </pre>
 * So E[G̃] = E_γ[G_γ] and Cov[G̃] = L·Cov_γ(G_γ): over one unit η the L inner steps have the mean
 * −η·E_γ[G_γ] and the covariance L·(η/L)²·L·Cov_γ(G_γ) = η²·Cov_γ(G_γ) of one original step, but
 * spread over steps of size Δt = η/L. As L → ∞ the iterates tend, in the weak sense with error
 * O(1/L) on a finite horizon, to the Itô SDE dX = −E_γ[G_γ(X)] dt + √η·Cov_γ(G_γ(X))^{1/2} dW in
 * SDE time t = kη (for SAM, the SDE exact in ρ of which sam2 and sam3 are truncations; the
 * derivation is in docs/svag.md). With L = 1, a = 1 and b = 0 exactly: one batch, the plain method.
 *
 * <p>Method properties: weak order 1 in 1/L towards the SDE (not towards the discrete method);
 * cost per unit of SDE time 2L times the rule's cost per step (L times on the full batch, where
 * γ₁ = γ₂ and G̃ = G); the noise of G̃ is not Gaussian (third moment (3L − 1)/2 times the
 * rule's), its effect on expectations O(1/L) as well.
 *
 * @param copies L ≥ 1, the inner steps per unit η
 */
public record Svag(int copies) {
    /**
     * Validates L.
     *
     * @param copies L ≥ 1
     */
    public Svag {
        if (copies < 1) {
            throw new IllegalArgumentException("SVAG's L must be a positive whole number, got " + copies);
        }
    }

    /** @return a = (1 + √(2L − 1))/2, the weight of the first batch (1 at L = 1) */
    public double a() {
        return 0.5 * (1 + Math.sqrt(2.0 * copies - 1));
    }

    /** @return b = (1 − √(2L − 1))/2 = 1 − a, the weight of the second batch (0 at L = 1, negative beyond) */
    public double b() {
        return 0.5 * (1 - Math.sqrt(2.0 * copies - 1));
    }

    /** @return whether L &gt; 1 (L = 1 is the plain method) */
    public boolean amplifies() {
        return copies > 1;
    }

    /**
     * How SVAG runs are drawn: in the palette's sky blue (6, which no built-in method declares), the
     * dash by ⌈log₂ L⌉ through {@link org.samsde.sde.Appearance#DASHES} (L = 1 solid, 2 dashed,
     * 4 dotted, 8 dash-dot, 16 short-dash), so that the levels of one figure are told apart.
     *
     * @return the appearance
     */
    public org.samsde.sde.Appearance appearance() {
        int level = 32 - Integer.numberOfLeadingZeros(copies - 1);
        java.util.List<String> dashes = org.samsde.sde.Appearance.DASHES;
        return new org.samsde.sde.Appearance(6, dashes.get(level % dashes.size()));
    }

    /** @return the suffix of a method's label, {@code @svag=L} */
    public String suffix() {
        return "@svag=" + copies;
    }
}
