package org.samsde.sde.model;

/**
 * How √η·S(X)·ξ is sampled without forming d × d matrices.
 */
public sealed interface NoiseSpec {

    /**
     * Exact Gaussian, full rank: ξ′ = √(c_B/n)·Σᵢ zᵢ(aᵢ − ā) with zᵢ ~ N(0, 1) and aᵢ the per-sample
     * increment, linearised in the batch fluctuation: for a batch direction v(g) with derivative
     * J (J·w = ρ(I − nnᵀ)w/‖g‖ for SAM, ρw for USAM) aᵢ = Σ_k c_k,ᵢ(x; v(g)) + H′·J·gᵢ, where H′ = H(x)
     * for order-1 models and H(x + v) (= H + T[v, ·] to this order) for sam3. Then Cov(ξ′) =
     * c_B·Cov_i(aᵢ), which equals Cov_γ(G_γ) to the model's order in ρ. Σᵢ zᵢaᵢ costs one weighted
     * Taylor pass plus one order-1 pass, never n separate gradients.
     */
    record PerSample() implements NoiseSpec {
        @Override
        public String toString() {
            return "per-sample";
        }
    }

    /** ξ′ = (M − 1)^{−1/2}·Σⱼ zⱼ(Gⱼ − Ḡ) over M fresh batches: rank M − 1, batch-level covariance. @param batches M ≥ 2 */
    record BatchMc(int batches) implements NoiseSpec {
        /** Validates M. */
        public BatchMc {
            if (batches < 2) {
                throw new IllegalArgumentException("batch-mc needs at least two batches, got " + batches);
            }
        }

        @Override
        public String toString() {
            return "batch-mc:" + batches;
        }
    }

    /** ξ′ = G_{γ′} − b for one fresh batch: not Gaussian, right covariance when b is the exact mean. */
    record Resample() implements NoiseSpec {
        @Override
        public String toString() {
            return "resample";
        }
    }

    /** ξ′ = σ·z, z ~ N(0, I): injected isotropic noise. @param sigma σ ≥ 0 */
    record Isotropic(double sigma) implements NoiseSpec {
        /** Validates σ. */
        public Isotropic {
            if (!(sigma >= 0) || !Double.isFinite(sigma)) {
                throw new IllegalArgumentException("isotropic noise needs a finite sigma >= 0, got " + sigma);
            }
        }

        @Override
        public String toString() {
            return "isotropic:" + sigma;
        }
    }

    /** No noise: the ODE of the drift. */
    record None() implements NoiseSpec {
        @Override
        public String toString() {
            return "none";
        }
    }

    /**
     * @param spec per-sample, batch-mc:M, resample, isotropic:σ or none
     * @return the sampler specification
     * @throws IllegalArgumentException naming the problem
     */
    static NoiseSpec parse(String spec) {
        String s = spec.trim();
        switch (s) {
            case "per-sample":
                return new PerSample();
            case "resample":
                return new Resample();
            case "none":
                return new None();
            default:
                break;
        }
        try {
            if (s.startsWith("batch-mc:")) {
                return new BatchMc(Integer.parseInt(s.substring(9)));
            }
            if (s.startsWith("isotropic:")) {
                return new Isotropic(Double.parseDouble(s.substring(10)));
            }
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("noise '" + spec + "': the parameter is not a number");
        }
        throw new IllegalArgumentException("unknown noise '" + spec + "' (expected per-sample, batch-mc:M, resample, isotropic:SIGMA or none)");
    }
}
