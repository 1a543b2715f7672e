package org.samsde.sde.model;

import org.samsde.core.tensor.Tensor;
import org.samsde.core.tensor.Vectors;

/**
 * The second-order SGD SDE (Li, Tai and E 2017, 2019): b = g + (η/2)Hg from the full batch (the
 * increment along v = (η/2)g to order 1), Σ̃ = Σ_B, the covariance of g_γ.
 *
 * <p>Method properties: weak order 2 in η, but only when the SDE itself is solved to weak order 2:
 * Euler–Maruyama at Δt = η adds an O(η) weak error of its own, so the order-2 claim needs
 * m ≫ 1 substeps or Richardson extrapolation. Cost per drift one gradient and one order-1 pass
 * over the full data.
 */
public final class Sgd2 implements SdeModel {
    /** The model. */
    public static final Sgd2 INSTANCE = new Sgd2();

    private Sgd2() {
    }

    @Override
    public String name() {
        return "sgd2";
    }

    @Override
    public String displayName() {
        return "SGD SDE, order 2";
    }

    @Override
    public org.samsde.sde.Appearance appearance() {
        return new org.samsde.sde.Appearance(3, "short-dash");
    }

    @Override
    public int order() {
        return 1;
    }

    @Override
    public Tensor direction(Tensor x, Tensor g, Coefficients c) {
        Tensor v = Vectors.copy(g);
        Vectors.scale(c.eta() / 2, v);
        return v;
    }

    @Override
    public boolean batchDirection() {
        return false;
    }

    @Override
    public SdeModel noiseModel() {
        return Sgd1.INSTANCE;
    }

    /** Registers {@code sgd2}. */
    public static final class Provider extends SdeModel.Fixed {
        /** The provider. */
        public Provider() {
            super(INSTANCE);
        }
    }
}
