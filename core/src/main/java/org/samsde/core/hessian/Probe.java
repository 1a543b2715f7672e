package org.samsde.core.hessian;

import org.apache.commons.rng.UniformRandomProvider;
import org.samsde.core.tensor.Vectors;

/**
 * The distribution of the random vectors z that stochastic estimators probe an operator with;
 * both have E[z zᵀ] = I.
 */
public enum Probe {
    /** Independent ±1 entries (PyHessian's choice; the lowest-variance Hutchinson probe). */
    RADEMACHER,
    /** Independent N(0, 1) entries. */
    GAUSSIAN;

    /**
     * @param rng the stream; advanced
     * @param out receives n draws at offset off; modified
     * @param off offset
     * @param n how many
     */
    void fill(UniformRandomProvider rng, double[] out, int off, int n) {
        if (this == RADEMACHER) {
            Vectors.rademacher(rng, out, off, n);
        } else {
            Vectors.gaussian(rng, out, off, n);
        }
    }
}
