package org.samsde.core.hessian;

import java.util.Objects;

import org.samsde.core.objective.Batch;
import org.samsde.core.objective.Objective;
import org.samsde.core.objective.TaylorResult;
import org.samsde.core.tensor.Backend;
import org.samsde.core.tensor.Tensor;
import org.samsde.core.tensor.Vectors;

/**
 * The Hessian H_γ = ∇²f_γ(x) of an objective's batch loss at a fixed point, as a
 * {@link SymmetricOperator}: m vectors are applied in ONE Taylor pass of order 1 along m
 * directions, whose first-order gradient coefficients are H_γ·v_j (see {@link TaylorResult#hvp}).
 *
 * <p>Host arrays are uploaded to the objective's backend and the products downloaded, once per
 * call; everything in between stays on the backend. Cost of one call: about 1 + m gradient
 * passes' worth of stacked matrix products. Memory on the backend: (1 + m)·d for the result plus
 * the objective's scratch, so callers bound m (the algorithms of this package hand over at most 32
 * vectors).
 */
public final class HessianOperator extends CountingOperator {
    private final Objective objective;
    private final double[] x;
    private final Batch batch;

    private HessianOperator(Objective objective, double[] x, Batch batch) {
        super(objective.dimension());
        this.objective = objective;
        this.x = x;
        this.batch = batch;
    }

    /**
     * @param objective the loss; its {@link Objective#taylor} is called with order 1
     * @param x the point, d finite values; copied
     * @param batch the samples (and weights) of the batch loss f_γ whose Hessian is wanted
     * @return v ↦ ∇²f_γ(x)·v
     * @throws IllegalArgumentException when x has the wrong length or a non-finite entry
     */
    public static HessianOperator of(Objective objective, double[] x, Batch batch) {
        Objects.requireNonNull(batch, "batch");
        int d = objective.dimension();
        if (x.length != d) {
            throw new IllegalArgumentException("point has " + x.length + " elements, the objective has d = " + d);
        }
        Vectors.requireFinite(x, "point");
        return new HessianOperator(objective, x.clone(), batch);
    }

    /** @return the objective */
    public Objective objective() {
        return objective;
    }

    /** @return a copy of the point x */
    public double[] point() {
        return x.clone();
    }

    /** @return the batch γ */
    public Batch batch() {
        return batch;
    }

    @Override
    void product(double[] vs, int m, double[] out) {
        Backend be = objective.backend();
        int d = dimension();
        try (Tensor xt = be.upload(x, d); Tensor vt = be.zeros(m, d)) {
            be.upload(vs, 0, vt, 0, m * d);
            try (TaylorResult r = objective.taylor(xt, vt, 1, batch)) {
                // order-1 blocks of all directions are contiguous: [c₀, H v₀, …, H v_{m−1}]
                be.download(r.gradientCoefficients(), r.offset(1, 0), out, 0, m * d);
            }
        }
    }
}
