package org.samsde.core.hessian;

/**
 * Which end of the spectrum λ₁ ≥ λ₂ ≥ … ≥ λ_d an eigensolver targets, and the order of the pairs
 * it returns.
 */
public enum Which {
    /** The k algebraically largest eigenvalues λ₁ ≥ … ≥ λ_k, returned in descending order. */
    TOP,
    /** The k algebraically smallest eigenvalues λ_d ≤ … ≤ λ_{d−k+1}, returned in ascending order. */
    BOTTOM,
    /**
     * The k eigenvalues of largest magnitude |λ|, returned by decreasing |λ|: what power iteration
     * finds. For a Hessian whose most negative eigenvalue outweighs the top one, this is not λ_max.
     */
    LARGEST_MAGNITUDE;

    /**
     * @param a one eigenvalue
     * @param b another
     * @return negative when a comes before b in this order, positive when after, 0 when tied
     */
    int compare(double a, double b) {
        return switch (this) {
            case TOP -> Double.compare(b, a);
            case BOTTOM -> Double.compare(a, b);
            case LARGEST_MAGNITUDE -> Double.compare(Math.abs(b), Math.abs(a));
        };
    }

    /**
     * @param values eigenvalue estimates; not modified
     * @return the indices of values in this order (stable for ties)
     */
    int[] order(double[] values) {
        Integer[] idx = new Integer[values.length];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = i;
        }
        java.util.Arrays.sort(idx, (p, q) -> compare(values[p], values[q]));
        int[] out = new int[idx.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = idx[i];
        }
        return out;
    }
}
