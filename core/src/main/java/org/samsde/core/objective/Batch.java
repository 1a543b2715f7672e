package org.samsde.core.objective;

import java.util.Arrays;

/**
 * Which samples a loss is taken over, and with which weights.
 *
 * <p>For a batch γ of B sample indices (repetitions allowed) and weights w, the batch loss is
 * f_γ(x) = (1/B)·Σ_{r &lt; B} w_r·f_{γ_r}(x). Without weights, w_r = 1; without indices, γ is the whole
 * data set in order, so {@code Batch.all().withWeights(w)} gives (1/n)·Σᵢ wᵢ fᵢ, the per-sample
 * weighted loss used for noise sampling.
 *
 * @param indices sample indices, or null for all samples
 * @param weights per-entry weights (same length as the batch), or null for ones
 */
public record Batch(int[] indices, double[] weights) {
    private static final Batch ALL = new Batch(null, null);

    /**
     * Validates lengths and values.
     *
     * @param indices sample indices, or null for all samples
     * @param weights per-entry weights (same length as the batch), or null for ones
     */
    public Batch {
        if (indices != null && indices.length == 0) {
            throw new IllegalArgumentException("a batch needs at least one sample");
        }
        if (weights != null) {
            for (double w : weights) {
                if (!Double.isFinite(w)) {
                    throw new IllegalArgumentException("sample weights must be finite, got " + w);
                }
            }
            if (indices != null && weights.length != indices.length) {
                throw new IllegalArgumentException("batch has " + indices.length + " indices but " + weights.length + " weights");
            }
        }
    }

    /** @return the full data set with unit weights */
    public static Batch all() {
        return ALL;
    }

    /**
     * @param indices sample indices; copied
     * @return that batch with unit weights
     */
    public static Batch of(int... indices) {
        return new Batch(indices.clone(), null);
    }

    /**
     * @param n how many samples, at least 1
     * @return the first n samples, 0, …, n − 1
     */
    public static Batch first(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("a batch of the first n samples needs n >= 1, got " + n);
        }
        return new Batch(java.util.stream.IntStream.range(0, n).toArray(), null);
    }

    /**
     * @param w weights, one per batch entry; copied
     * @return this batch with the given weights
     */
    public Batch withWeights(double[] w) {
        return new Batch(indices, w.clone());
    }

    /**
     * @param n the number of samples of the objective
     * @return the number of entries B of this batch over n samples
     */
    public int size(int n) {
        int size = indices == null ? n : indices.length;
        if (weights != null && weights.length != size) {
            throw new IllegalArgumentException("there are " + size + " samples but " + weights.length + " weights");
        }
        return size;
    }

    /**
     * @param n the number of samples of the objective
     * @return the indices, checked against n (0…n−1 in order when this batch is the full set)
     */
    public int[] resolve(int n) {
        if (indices == null) {
            int[] all = new int[n];
            for (int i = 0; i < n; i++) {
                all[i] = i;
            }
            return all;
        }
        for (int i : indices) {
            if (i < 0 || i >= n) {
                throw new IllegalArgumentException("sample index " + i + " outside 0.." + (n - 1));
            }
        }
        return indices;
    }

    /**
     * @param r position in the batch
     * @return the weight of that entry (1 without weights)
     */
    public double weight(int r) {
        return weights == null ? 1.0 : weights[r];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Batch b && Arrays.equals(indices, b.indices) && Arrays.equals(weights, b.weights);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(indices) + Arrays.hashCode(weights);
    }

    @Override
    public String toString() {
        return indices == null ? "Batch[all" + (weights == null ? "]" : ", weighted]")
                : "Batch[" + indices.length + " samples" + (weights == null ? "]" : ", weighted]");
    }
}
