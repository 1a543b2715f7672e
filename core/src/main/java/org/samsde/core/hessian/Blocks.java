package org.samsde.core.hessian;

/**
 * How the Hessian algorithms hand stacked vectors to an operator (package-private): in calls of at
 * most {@link #BLOCK} vectors, which bounds a backend's memory. The vector operations themselves are
 * {@link org.samsde.core.tensor.Vectors}.
 */
final class Blocks {
    /** The most vectors the algorithms hand an operator in one call (bounds backend memory). */
    static final int BLOCK = 32;

    private Blocks() {
    }

    /**
     * out_j = H·v_j for m stacked vectors, in calls of at most {@link #BLOCK} vectors.
     *
     * @param h the operator
     * @param vs m·d elements; not modified
     * @param m the number of vectors
     * @param out m·d elements; modified
     */
    static void applyInBlocks(SymmetricOperator h, double[] vs, int m, double[] out) {
        int d = h.dimension();
        if (m <= BLOCK) {
            h.apply(vs, m, out);
            return;
        }
        for (int j0 = 0; j0 < m; j0 += BLOCK) {
            int b = Math.min(BLOCK, m - j0);
            double[] in = java.util.Arrays.copyOfRange(vs, j0 * d, (j0 + b) * d);
            double[] res = new double[b * d];
            h.apply(in, b, res);
            System.arraycopy(res, 0, out, j0 * d, b * d);
        }
    }
}
