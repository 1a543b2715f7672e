package org.samsde.sde.optim;

/**
 * How an update direction d becomes a step: plainly x ← x − η·d, or with heavy-ball momentum μ
 * and weight decay λ applied to the descent step only: buf ← μ·buf + (d + λx), x ← x − η·buf.
 * The SDE comparisons use the plain step.
 */
public sealed interface BaseStep {

    /** x ← x − η·d. */
    record Plain() implements BaseStep {
    }

    /**
     * Momentum with weight decay.
     *
     * @param momentum μ ∈ [0, 1)
     * @param weightDecay λ ≥ 0
     */
    record Momentum(double momentum, double weightDecay) implements BaseStep {
        /**
         * Validates μ and λ.
         *
         * @param momentum μ ∈ [0, 1)
         * @param weightDecay λ ≥ 0
         */
        public Momentum {
            if (!(momentum >= 0 && momentum < 1)) {
                throw new IllegalArgumentException("momentum must be in [0, 1), got " + momentum);
            }
            if (!(weightDecay >= 0) || !Double.isFinite(weightDecay)) {
                throw new IllegalArgumentException("weight decay must be finite and non-negative, got " + weightDecay);
            }
        }
    }
}
