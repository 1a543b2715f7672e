package org.samsde.sde.model;

import java.util.List;

import org.apache.commons.math3.util.CombinatoricsUtils;
import org.samsde.core.objective.Batch;
import org.samsde.core.tensor.Tensor;
import org.samsde.core.tensor.Vectors;
import org.samsde.sde.Registry;
import org.samsde.sde.Sampling;

/**
 * The exact drift E_γ[G_γ]: the full batch when B = n, otherwise the mean over every batch of B
 * distinct samples, enumerated (without replacement only, and only where C(n, B) ≤
 * {@link #LIMIT}). Cost per evaluation C(n, B)·(gradient + order-K pass) over B samples.
 */
public record ExactDrift() implements DriftEstimator {
    /** The most batches the exact drift enumerates. */
    public static final long LIMIT = 5000;

    @Override
    public String name() {
        return "exact";
    }

    @Override
    public boolean unbiased() {
        return true;
    }

    @Override
    public void validate(SdeSolver solver) {
        int n = solver.objective().sampleCount();
        Sampling sampling = solver.sampling();
        if (!solver.model().batchDirection() || sampling.isFull(n)) {
            return;
        }
        if (sampling.replacement()) {
            throw new IllegalArgumentException("the exact drift is available for batches without replacement only; use mc:M");
        }
        int b = sampling.size(n);
        double count = CombinatoricsUtils.binomialCoefficientDouble(n, b);
        if (count > LIMIT) {
            throw new IllegalArgumentException("the exact drift would average C(" + n + ", " + b + ") = "
                    + String.format(java.util.Locale.ROOT, count < 1e15 ? "%.0f" : "%.3g", count)
                    + " batches, more than the " + LIMIT + " it enumerates: use mc:M");
        }
    }

    @Override
    public DriftEstimate estimate(SdeSolver solver, Tensor x, Sampling.Sampler batches) {
        DriftEstimate exact = DriftEstimator.fullBatchIfExact(solver, x);
        if (exact != null) {
            return exact;
        }
        int n = solver.objective().sampleCount();
        int b = solver.sampling().size(n);
        int[] comb = new int[b];
        for (int i = 0; i < b; i++) {
            comb[i] = i;
        }
        Tensor sum = x.backend().zeros(x.size());
        int count = 0;
        do {
            Tensor g = solver.model().increment(solver.objective(), x, Batch.of(comb), solver.coefficients());
            Vectors.axpy(1.0, g, sum);
            g.close();
            count++;
        } while (nextCombination(comb, n));
        Vectors.scale(1.0 / count, sum);
        return new DriftEstimate(sum, List.of(), null, false);
    }

    /**
     * Advances a strictly increasing combination of 0…n−1 in lexicographic order.
     *
     * @param c the combination; modified
     * @param n the number of items
     * @return false after the last combination
     */
    public static boolean nextCombination(int[] c, int n) {
        int b = c.length;
        int i = b - 1;
        while (i >= 0 && c[i] == n - b + i) {
            i--;
        }
        if (i < 0) {
            return false;
        }
        c[i]++;
        for (int j = i + 1; j < b; j++) {
            c[j] = c[j - 1] + 1;
        }
        return true;
    }

    /** Registers {@code exact}. */
    public static final class Provider implements DriftEstimator.Provider {
        @Override
        public String name() {
            return "exact";
        }

        @Override
        public DriftEstimator create(String argument) {
            Registry.noArgument("exact", argument);
            return new ExactDrift();
        }
    }
}
