package org.samsde.plots.data;

import java.util.Arrays;

/**
 * Separates the outliers of a Hessian spectrum from its bulk (Sagun et al. 2017: a bulk near zero
 * plus a few large positive eigenvalues whose number follows the number of classes).
 *
 * <p>Rule (positive outliers only): sort the positive eigenvalues λ₁ ≥ λ₂ ≥ …, and let the floor
 * be {@link #RELATIVE_FLOOR}·λ₁. Among the first {@code min(c, n/2)} of them, where c counts those
 * above the floor and n all eigenvalues, find the largest multiplicative gap λᵢ / max(λᵢ₊₁, floor).
 * If that gap is at least {@link #MIN_GAP}, the i eigenvalues above it are the outliers and the
 * bulk edge is the geometric middle of the gap; otherwise there are none. The rule looks at gaps
 * on a log scale, so a single huge outlier does not hide smaller ones above the bulk.
 */
public final class Outliers {
    /** Eigenvalues below this fraction of λ₁ count as the bulk's floor. */
    public static final double RELATIVE_FLOOR = 1e-3;
    /** The smallest ratio across the gap that separates outliers from the bulk. */
    public static final double MIN_GAP = 2.0;

    private Outliers() {
    }

    /**
     * @param count how many eigenvalues lie above the edge
     * @param edge the threshold between bulk and outliers (NaN when there are no positive eigenvalues)
     */
    public record Split(int count, double edge) {
    }

    /**
     * @param eigenvalues eigenvalues in any order; non-finite ones are ignored
     * @return the outlier count and the bulk edge
     */
    public static Split split(double[] eigenvalues) {
        double[] p = Arrays.stream(eigenvalues).filter(v -> Double.isFinite(v) && v > 0).sorted().toArray();
        int m = p.length;
        if (m == 0) {
            return new Split(0, Double.NaN);
        }
        reverse(p);
        double floor = RELATIVE_FLOOR * p[0];
        int candidates = 0;
        while (candidates < m && p[candidates] >= floor) {
            candidates++;
        }
        int limit = Math.min(candidates, Math.max(1, eigenvalues.length / 2));
        int best = 0;
        double bestRatio = 0;
        for (int i = 1; i <= limit; i++) {
            double below = Math.max(i < m ? p[i] : 0, floor);
            double ratio = p[i - 1] / below;
            if (ratio > bestRatio) {
                bestRatio = ratio;
                best = i;
            }
        }
        if (bestRatio < MIN_GAP) {
            return new Split(0, p[0]);
        }
        double below = Math.max(best < m ? p[best] : 0, floor);
        return new Split(best, Math.sqrt(p[best - 1] * below));
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
        return new Split(most, pooled.edge());
    }

    private static void reverse(double[] a) {
        for (int i = 0, j = a.length - 1; i < j; i++, j--) {
            double t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }
}
