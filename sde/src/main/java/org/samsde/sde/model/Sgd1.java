package org.samsde.sde.model;

import org.samsde.core.tensor.Tensor;

/**
 * The first-order SGD SDE (Li, Tai and E 2017): G_γ = g_γ, so b = g and Σ̃ = Σ_B.
 *
 * <p>Method properties: weak order 1 in η for any setting; cost per increment one gradient pass.
 */
public final class Sgd1 implements SdeModel {
    /** The model. */
    public static final Sgd1 INSTANCE = new Sgd1();

    private Sgd1() {
    }

    @Override
    public String name() {
        return "sgd1";
    }

    @Override
    public String displayName() {
        return "SGD SDE (Li et al.)";
    }

    @Override
    public org.samsde.sde.Appearance appearance() {
        return new org.samsde.sde.Appearance(3, "dash-dot");
    }

    @Override
    public int order() {
        return 0;
    }

    @Override
    public Tensor direction(Tensor x, Tensor g, Coefficients c) {
        return null;
    }

    @Override
    public boolean batchDirection() {
        return false;
    }

    /** Registers {@code sgd1}. */
    public static final class Provider extends SdeModel.Fixed {
        /** The provider. */
        public Provider() {
            super(INSTANCE);
        }
    }
}
