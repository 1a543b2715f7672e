package org.samsde.sde.model;

/**
 * How b(x) = E_γ[G_γ(x)] is evaluated for mini-batch models (full-batch models are exact in every
 * case). A noisy drift estimate adds its own covariance, O(Δt²) per step: with Δt = η that is the
 * order of the diffusion itself, so {@code mc:M} needs M large or Δt &lt; η.
 */
public sealed interface DriftEstimator {

    /** The exact expectation: the full batch when B = n, otherwise the mean over every batch (feasible for tiny n). */
    record Exact() implements DriftEstimator {
        @Override
        public String toString() {
            return "exact";
        }
    }

    /** The mean over M fresh batches per evaluation: unbiased. @param batches M */
    record MonteCarlo(int batches) implements DriftEstimator {
        /** Validates M. */
        public MonteCarlo {
            if (batches < 1) {
                throw new IllegalArgumentException("mc needs at least one batch, got " + batches);
            }
        }

        @Override
        public String toString() {
            return "mc:" + batches;
        }
    }

    /** The full-batch direction plugged in for the batch one (n for n_γ): cheap, biased at O(ρ·noise). */
    record Plugin() implements DriftEstimator {
        @Override
        public String toString() {
            return "plugin";
        }
    }

    /**
     * @param spec {@code exact}, {@code mc:M} or {@code plugin}
     * @return the estimator
     * @throws IllegalArgumentException naming the problem
     */
    static DriftEstimator parse(String spec) {
        String s = spec.trim();
        if (s.equals("exact")) {
            return new Exact();
        }
        if (s.equals("plugin")) {
            return new Plugin();
        }
        if (s.startsWith("mc:")) {
            try {
                return new MonteCarlo(Integer.parseInt(s.substring(3)));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("drift estimator '" + spec + "': M must be a whole number");
            }
        }
        throw new IllegalArgumentException("unknown drift estimator '" + spec + "' (expected exact, mc:M or plugin)");
    }
}
