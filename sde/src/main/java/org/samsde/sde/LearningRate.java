package org.samsde.sde;

/**
 * A learning-rate schedule η_k over a run of N steps.
 */
public sealed interface LearningRate {

    /**
     * @param step k, 0-based
     * @param total N
     * @param stepsPerEpoch the steps in an epoch, ⌊n/B⌋ (for schedules stepped once per epoch)
     * @return η_k
     */
    double at(int step, int total, int stepsPerEpoch);

    /** @return η₀, the base rate */
    double base();

    /**
     * η_k = η.
     *
     * @param eta η
     */
    record Constant(double eta) implements LearningRate {
        /**
         * Validates η.
         *
         * @param eta η &gt; 0
         */
        public Constant {
            requirePositive(eta);
        }

        @Override
        public double at(int step, int total, int stepsPerEpoch) {
            return eta;
        }

        @Override
        public double base() {
            return eta;
        }
    }

    /**
     * Cosine annealing. Stepped once per epoch (the default, as PyTorch's CosineAnnealingLR in
     * the Eigen-SAM authors' code, which calls {@code scheduler.step()} after each epoch):
     * η_k = η_min + ½(η − η_min)(1 + cos(π·e/E)) with e = ⌊k/S⌋ the epoch of step k, S = ⌊n/B⌋
     * steps per epoch and E = ⌈N/S⌉ epochs. Stepped every step ({@code perStep}): e = k, E = N.
     *
     * @param eta η
     * @param etaMin η_min ≥ 0
     * @param perStep anneal at every step instead of once per epoch
     */
    record Cosine(double eta, double etaMin, boolean perStep) implements LearningRate {
        /**
         * Validates the rates.
         *
         * @param eta η
         * @param etaMin η_min ≥ 0
         * @param perStep anneal at every step instead of once per epoch
         */
        public Cosine {
            requirePositive(eta);
            if (!(etaMin >= 0) || etaMin > eta) {
                throw new IllegalArgumentException("minimum learning rate must be in [0, " + eta + "], got " + etaMin);
            }
        }

        @Override
        public double at(int step, int total, int stepsPerEpoch) {
            int per = perStep ? 1 : Math.max(1, stepsPerEpoch);
            int epochs = Math.max(1, (total + per - 1) / per);
            return etaMin + 0.5 * (eta - etaMin) * (1 + Math.cos(Math.PI * (step / per) / epochs));
        }

        @Override
        public double base() {
            return eta;
        }
    }

    private static void requirePositive(double eta) {
        if (!(eta > 0) || !Double.isFinite(eta)) {
            throw new IllegalArgumentException("learning rate must be positive and finite, got " + eta);
        }
    }
}
