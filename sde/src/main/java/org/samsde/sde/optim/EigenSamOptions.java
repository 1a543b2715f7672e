package org.samsde.sde.optim;

/**
 * Eigen-SAM as in the authors' public code, quirks included as switches.
 *
 * <p>Each step on batch γ: g = g_γ(x), ĝ = g/‖g‖, s = sign⟨g, v⟩ (0 at 0, as torch.sign), v⊥ = v − ⟨ĝ, v⟩ĝ
 * (not renormalised), d = ĝ + α·s·v⊥, ε = ρ·d (renormalised to ‖ε‖ = ρ only with
 * {@code renormalise}), x ← x − η∇f_γ(x + ε). The estimate v of the top Hessian eigenvector is
 * refreshed by p power iterations v ← H_γv/‖H_γv‖ on the current batch, warm-started from the
 * previous v (the first time from N(0, I)), after every k-th step: by default k counts steps
 * within an epoch of ⌊n/B⌋ steps as the official code does (its loader drops the last
 * partial batch) (so with epochs shorter than k steps v
 * is never computed), with {@code globalCounter} it counts all steps. Until v exists, the official
 * code perturbs by ρ·g, unnormalised (the default); {@code samBeforeFirst} uses plain SAM instead.
 *
 * @param every k ≥ 1
 * @param powerIterations p ≥ 1
 * @param alpha α ≥ 0
 * @param globalCounter count steps globally instead of within the epoch
 * @param renormalise rescale ε to norm ρ
 * @param samBeforeFirst perturb like SAM (ρ·ĝ) rather than by ρ·g before the first v
 */
public record EigenSamOptions(int every, int powerIterations, double alpha, boolean globalCounter,
                              boolean renormalise, boolean samBeforeFirst) {
    /** The defaults of the official code: k = 100, p = 5, α = 0.2, epoch counter, no renormalisation, ρ·g first. */
    public static final EigenSamOptions DEFAULTS = new EigenSamOptions(100, 5, 0.2, false, false, false);

    /**
     * Validates k, p and α.
     *
     * @param every k ≥ 1
     * @param powerIterations p ≥ 1
     * @param alpha α ≥ 0
     * @param globalCounter count steps globally instead of within the epoch
     * @param renormalise rescale ε to norm ρ
     * @param samBeforeFirst perturb like SAM (ρ·ĝ) rather than by ρ·g before the first v
     */
    public EigenSamOptions {
        if (every < 1) {
            throw new IllegalArgumentException("eigenvector refresh interval must be at least 1, got " + every);
        }
        if (powerIterations < 1) {
            throw new IllegalArgumentException("power iterations must be at least 1, got " + powerIterations);
        }
        if (!(alpha >= 0) || !Double.isFinite(alpha)) {
            throw new IllegalArgumentException("alpha must be finite and non-negative, got " + alpha);
        }
    }

    /**
     * @param v k
     * @return these options with k = v
     */
    public EigenSamOptions withEvery(int v) {
        return new EigenSamOptions(v, powerIterations, alpha, globalCounter, renormalise, samBeforeFirst);
    }

    /**
     * @param v p
     * @return these options with p = v
     */
    public EigenSamOptions withPowerIterations(int v) {
        return new EigenSamOptions(every, v, alpha, globalCounter, renormalise, samBeforeFirst);
    }

    /**
     * @param v α
     * @return these options with α = v
     */
    public EigenSamOptions withAlpha(double v) {
        return new EigenSamOptions(every, powerIterations, v, globalCounter, renormalise, samBeforeFirst);
    }

    /**
     * @param v whether to count steps globally
     * @return these options with that switch
     */
    public EigenSamOptions withGlobalCounter(boolean v) {
        return new EigenSamOptions(every, powerIterations, alpha, v, renormalise, samBeforeFirst);
    }

    /**
     * @param v whether to rescale ε to norm ρ
     * @return these options with that switch
     */
    public EigenSamOptions withRenormalise(boolean v) {
        return new EigenSamOptions(every, powerIterations, alpha, globalCounter, v, samBeforeFirst);
    }

    /**
     * @param v whether to perturb like SAM before the first v
     * @return these options with that switch
     */
    public EigenSamOptions withSamBeforeFirst(boolean v) {
        return new EigenSamOptions(every, powerIterations, alpha, globalCounter, renormalise, v);
    }
}
