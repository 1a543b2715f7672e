package org.samsde.core.jet;

/**
 * How the Taylor coefficients of a jet are stacked in memory.
 *
 * <p>A jet of order K along m directions v₁…v_m holds, for a quantity y(x + t·v_j), the
 * coefficients y_k^{(j)} of t^k for k = 0…K. The zeroth coefficient is the same for every
 * direction and is stored once. Blocks are laid out as
 * {@code [y₀, y₁^{(1)}…y₁^{(m)}, y₂^{(1)}…y₂^{(m)}, …]}, each block a contiguous row-major array
 * of the same shape, so that all blocks together form one matrix of {@code blocks()·rows} rows and
 * a product with a weight matrix shared by every coefficient is a single GEMM.
 *
 * @param order K, the highest Taylor coefficient kept (0 ≤ K ≤ {@link #MAX_ORDER})
 * @param directions m, the number of directions (≥ 1; 1 when K = 0)
 */
public record JetLayout(int order, int directions) {
    /** The highest order every primitive supports. */
    public static final int MAX_ORDER = 3;

    /** The layout of a plain value: order 0, one block. */
    public static final JetLayout VALUE = new JetLayout(0, 1);

    /**
     * Validates the order and the direction count.
     *
     * @param order K, the highest Taylor coefficient kept (0 ≤ K ≤ {@link #MAX_ORDER})
     * @param directions m, the number of directions (≥ 1; 1 when K = 0)
     */
    public JetLayout {
        if (order < 0 || order > MAX_ORDER) {
            throw new IllegalArgumentException("jet order must be in 0.." + MAX_ORDER + ", got " + order);
        }
        if (directions < 1) {
            throw new IllegalArgumentException("a jet needs at least one direction, got " + directions);
        }
        if (order == 0 && directions != 1) {
            throw new IllegalArgumentException("an order-0 jet has exactly one direction");
        }
    }

    /** @return the number of stored blocks, 1 + K·m */
    public int blocks() {
        return 1 + order * directions;
    }

    /**
     * @param k the Taylor order, 0…K
     * @param j the direction, 0…m−1 (ignored for k = 0)
     * @return the index of the block holding coefficient k of direction j
     */
    public int block(int k, int j) {
        if (k < 0 || k > order || j < 0 || j >= directions) {
            throw new IndexOutOfBoundsException("coefficient " + k + " of direction " + j + " in " + this);
        }
        return k == 0 ? 0 : 1 + (k - 1) * directions + j;
    }
}
