package org.samsde.core.hessian;

import java.util.Arrays;

/**
 * Separates the outliers of a Hessian spectrum from its bulk (Sagun et al. 2017: a bulk near zero
 * plus a few large positive eigenvalues whose number follows the number of classes).
 *
 * <p>Rule (used by {@code samsde study outliers} and by the spectrum figure):
 * with the eigenvalues sorted descending λ₁ ≥ λ₂ ≥ … and m the median of |λ| (the scale of the
 * bulk), the count is the i ≤ {@link #MAX_OUTLIERS} with λᵢ &gt; 0 that maximises the ratio
 * λᵢ / max(λᵢ₊₁, m): the widest relative gap at the top of the spectrum, gaps inside the bulk
 * excluded. The bulk edge reported with it is the geometric middle of that gap.
 */
public final class Outliers {
    /** The largest count the rule considers by default. */
    public static final int MAX_OUTLIERS = 20;

    private Outliers() {
    }

    /**
     * @param count how many eigenvalues lie above the edge
     * @param edge the threshold between bulk and outliers (NaN when there are no positive eigenvalues)
     * @param gap the ratio across the edge
     */
    public record Split(int count, double edge, double gap) {
    }

    /**
     * @param eigenvalues eigenvalues in any order; non-finite ones are ignored
     * @return the outlier count and the bulk edge
     */
    public static Split split(double[] eigenvalues) {
        return split(eigenvalues, MAX_OUTLIERS);
    }

    /**
     * @param eigenvalues eigenvalues in any order; non-finite ones are ignored
     * @param maxOutliers the largest count considered, at least 1
     * @return the outlier count and the bulk edge
     */
    public static Split split(double[] eigenvalues, int maxOutliers) {
        double[] v = Arrays.stream(eigenvalues).filter(Double::isFinite).sorted().toArray();
        int n = v.length;
        if (n == 0 || v[n - 1] <= 0) {
            return new Split(0, Double.NaN, Double.NaN);
        }
        double[] abs = Arrays.stream(v).map(Math::abs).sorted().toArray();
        double floor = Math.max(abs[n / 2], Double.MIN_NORMAL);
        int best = 0;
        double bestRatio = -1;
        for (int i = 1; i <= Math.min(maxOutliers, n - 1); i++) {
            double above = v[n - i];
            double ratio = above / Math.max(v[n - i - 1], floor);
            if (above > 0 && ratio > bestRatio) {
                bestRatio = ratio;
                best = i;
            }
        }
        if (best == 0) {
            return new Split(0, v[n - 1], Double.NaN);
        }
        double below = Math.max(v[n - best - 1], floor);
        return new Split(best, Math.sqrt(v[n - best] * below), bestRatio);
    }

    /**
     * Outliers from stochastic Lanczos quadrature: the edge comes from {@link #split} applied to all
     * Ritz values pooled, and the count is the largest number of one probe's Ritz values above it
     * (Lanczos resolves each isolated eigenvalue once per probe).
     *
     * @param nodes the Ritz values, probes × steps flattened row by row
     * @param probes the number of probes
     * @return the outlier count and the bulk edge
     */
    public static Split fromQuadrature(double[] nodes, int probes) {
        if (probes < 1 || nodes.length % probes != 0) {
            throw new IllegalArgumentException(nodes.length + " Ritz values do not split into " + probes + " probes");
        }
        Split pooled = split(nodes);
        if (pooled.count() == 0) {
            return pooled;
        }
        int steps = nodes.length / probes;
        int most = 0;
        for (int j = 0; j < probes; j++) {
            int above = 0;
            for (int i = 0; i < steps; i++) {
                if (nodes[j * steps + i] > pooled.edge()) {
                    above++;
                }
            }
            most = Math.max(most, above);
        }
        return new Split(most, pooled.edge(), pooled.gap());
    }
}
