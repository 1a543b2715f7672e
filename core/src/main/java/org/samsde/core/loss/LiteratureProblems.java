package org.samsde.core.loss;

import org.samsde.core.testing.Problems;

/**
 * The SAM-SDE literature's test problems, each a few lines of {@link Jet} arithmetic, for
 * regression data with one target per sample (matrix sensing: features are the sensing matrix).
 */
public final class LiteratureProblems {
    private LiteratureProblems() {
    }

    /**
     * A diagonal linear network of depth L: x = (u, v), u, v ∈ ℝᴰ, β = u^L − v^L (elementwise), per
     * sample ½(⟨β, xᵢ⟩ − yᵢ)² (L = 2: β = u⊙u − v⊙v, Woodworth et al.; Andriushchenko &amp;
     * Flammarion). Initialised at u = v = α·1 with α = 0.1, so β = 0 (the seed is not used: the
     * small-scale symmetric start of those papers).
     *
     * @param dim D, the number of features
     * @param depth L ≥ 2
     * @return the model
     */
    public static JetModel diagonalLinear(int dim, int depth) {
        if (dim < 1 || depth < 2) {
            throw new IllegalArgumentException("diag-linear needs D ≥ 1 and depth ≥ 2, got D = " + dim + ", depth = " + depth);
        }
        JetLoss loss = (theta, s) -> {
            Jet u = theta.slice("u", 0, dim);
            Jet v = theta.slice("v", dim, dim);
            Jet beta = depth == 2 ? u.square().minus(v.square()) : u.pow(depth).minus(v.pow(depth));
            return beta.dot(s.x()).minus(s.y()).square().times(0.5);
        };
        return new JetModel(2 * dim, loss, seed -> java.util.stream.DoubleStream.generate(() -> 0.1).limit(2L * dim).toArray());
    }

    /**
     * A deep linear network x ↦ W_L⋯W₁x with W_l ∈ ℝ^{w_l × w_{l−1}} (row-major, one after the
     * other), per sample ½‖W_L⋯W₁xᵢ − yᵢ‖². Initialised with N(0, 1/w_{l−1}) entries.
     *
     * @param widths w₀ (features) … w_L (targets), at least two
     * @return the model
     */
    public static JetModel deepLinear(int[] widths) {
        if (widths.length < 2) {
            throw new IllegalArgumentException("deep-linear needs at least an input and an output width");
        }
        int[] offsets = new int[widths.length];
        for (int l = 1; l < widths.length; l++) {
            if (widths[l - 1] < 1 || widths[l] < 1) {
                throw new IllegalArgumentException("deep-linear widths must be positive");
            }
            offsets[l] = offsets[l - 1] + widths[l] * widths[l - 1];
        }
        int dim = offsets[widths.length - 1];
        JetLoss loss = (theta, s) -> {
            Jet h = theta.constant(s.x());
            for (int l = 1; l < widths.length; l++) {
                h = theta.slice("W" + l, offsets[l - 1], widths[l] * widths[l - 1]).matVec(widths[l], widths[l - 1], h);
            }
            return h.minus(s.targets()).square().sum().times(0.5);
        };
        return new JetModel(dim, loss, seed -> {
            double[] x = new double[dim];
            for (int l = 1; l < widths.length; l++) {
                double[] w = Problems.gaussian(seed + l, widths[l] * widths[l - 1], 1 / Math.sqrt(widths[l - 1]));
                System.arraycopy(w, 0, x, offsets[l - 1], w.length);
            }
            return x;
        });
    }

    /**
     * Matrix sensing with a factorised model: x = U ∈ ℝ^{D×R} stored column by column (u₁, …, u_R),
     * per sample ½(⟨Aᵢ, UUᵀ⟩ − yᵢ)² = ½(Σ_r u_rᵀAᵢu_r − yᵢ)², Aᵢ the sample's D² features
     * (row-major). Initialised with N(0, 1/D) entries.
     *
     * @param dim D
     * @param rank R
     * @return the model
     */
    public static JetModel matrixSensing(int dim, int rank) {
        if (dim < 1 || rank < 1) {
            throw new IllegalArgumentException("matrix-sensing needs D ≥ 1 and R ≥ 1, got " + dim + ", " + rank);
        }
        JetLoss loss = (theta, s) -> {
            Jet fit = theta.constant(-s.y());
            for (int r = 0; r < rank; r++) {
                Jet u = theta.slice("u" + (r + 1), r * dim, dim);
                fit = fit.plus(u.dot(u.leftMul(s.x(), dim, dim)));
            }
            return fit.square().times(0.5);
        };
        return new JetModel(dim * rank, loss, seed -> Problems.gaussian(seed, dim * rank, 1 / Math.sqrt(dim)));
    }
}
