package org.samsde.sde;

/**
 * A learning-rate schedule η_k over a run of N steps.
 */
public sealed interface LearningRate {

    /**
     * @param step k, 0-based
     * @param total N
     * @return η_k
     */
    double at(int step, int total);

    /** @return η₀, the base rate */
    double base();

    /** η_k = η. @param eta η */
    record Constant(double eta) implements LearningRate {
        /** Validates η. */
        public Constant {
            requirePositive(eta);
        }

        @Override
        public double at(int step, int total) {
            return eta;
        }

        @Override
        public double base() {
            return eta;
        }
    }

    /**
     * Cosine annealing η_k = η_min + ½(η − η_min)(1 + cos(πk/N)).
     *
     * @param eta η
     * @param etaMin η_min ≥ 0
     */
    record Cosine(double eta, double etaMin) implements LearningRate {
        /** Validates the rates. */
        public Cosine {
            requirePositive(eta);
            if (!(etaMin >= 0) || etaMin > eta) {
                throw new IllegalArgumentException("minimum learning rate must be in [0, " + eta + "], got " + etaMin);
            }
        }

        @Override
        public double at(int step, int total) {
            return etaMin + 0.5 * (eta - etaMin) * (1 + Math.cos(Math.PI * step / Math.max(1, total)));
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
