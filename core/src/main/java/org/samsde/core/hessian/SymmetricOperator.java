package org.samsde.core.hessian;

/**
 * A symmetric linear map v ↦ Hv on ℝᵈ, known only through its action on vectors: the one thing
 * every tool of this package needs from a Hessian.
 *
 * <p>Order of use: build the operator (for a loss, {@link HessianOperator#of}); hand it to an
 * algorithm ({@link Lanczos}, {@link PowerIteration}, {@link FullHessian}, {@link SpectralDensity},
 * {@link Trace}); read the cost off {@link #applications()}, which counts every vector the
 * operator has been applied to (for a Hessian, the number of Hessian-vector products, HVPs).
 *
 * <p>Implementations must be safe to call from several threads at once; the algorithms of this
 * package call them from one thread.
 */
public interface SymmetricOperator {

    /** @return d ≥ 1, the dimension of the space the operator acts on */
    int dimension();

    /**
     * Applies the operator to m stacked vectors at once: out_j = H·v_j for j = 0…m−1, where v_j is
     * row j of the row-major (m × d) array {@code vs}. Implementations may do all m products in one
     * pass (for a loss: one Taylor pass of order 1 along m directions).
     *
     * @param vs the vectors, at least m·d elements (only the first m·d are read); not modified
     * @param m the number of vectors, ≥ 1
     * @param out the products, at least m·d elements (the first m·d are overwritten); modified;
     *            must not be {@code vs}
     * @throws IllegalArgumentException when m &lt; 1, an array is too short or out is vs
     */
    void apply(double[] vs, int m, double[] out);

    /** @return the number of vectors applied so far (m per call of {@link #apply}): the HVP count */
    long applications();

    /**
     * @param v one vector of d elements; not modified
     * @return a new array holding H·v
     */
    default double[] apply(double[] v) {
        if (v.length != dimension()) {
            throw new IllegalArgumentException("vector has " + v.length + " elements, the operator acts on d = " + dimension());
        }
        double[] out = new double[v.length];
        apply(v, 1, out);
        return out;
    }
}
