package org.example.asam;

import org.samsde.core.tensor.Tensor;
import org.samsde.sde.model.Coefficients;
import org.samsde.sde.model.SdeModel;

/**
 * The second-order SDE of ASAM, in the way samsde's {@code sam2} models SAM: the increment on
 * batch γ is ASAM's update direction to first order in ρ,
 * G_γ(x) = g_γ + H_γ·v(g_γ), v(g) = ρ·T²g/‖Tg‖, T = diag(|x| + η_A),
 * one Taylor pass of order 1 of f_γ at x along v. So the drift is b = E_γ[G_γ] and the noise
 * covariance Σ̃ = Cov_γ(G_γ) (dX = −b dt + √η·Σ̃^{1/2} dW). For f = ½(x − x*)ᵀA(x − x*) on the full
 * batch, b = g + ρ·A·T²g/‖Tg‖ with g = A(x − x*).
 *
 * <p>Method properties: the analogue of sam2 (weak order 1 in η for ρ = O(√η), by the same
 * expansion); cost per increment one gradient and one order-1 pass over the batch. The direction
 * depends on x through T. The per-sample noise sampler would also need the Jacobian of g ↦ v(x, g),
 * which this example does not define: use the default noise ({@code compensated}),
 * {@code batch-mc:M} or {@code resample}.
 *
 * <p>Registered as {@code asam2} or {@code asam2:ETA_A} through
 * {@code META-INF/services/org.samsde.sde.model.SdeModel$Provider}. Immutable.
 */
public final class AsamSde implements SdeModel {
    private final double etaAsam;

    /** @param etaAsam η_A &gt; 0 */
    public AsamSde(double etaAsam) {
        this.etaAsam = AsamPerturbation.check(etaAsam);
    }

    @Override
    public String name() {
        return "asam2";
    }

    /** @return the legend name the figures use */
    @Override
    public String displayName() {
        return "ASAM SDE, order 2";
    }

    /** @return ASAM's colour, dotted */
    @Override
    public org.samsde.sde.Appearance appearance() {
        return new org.samsde.sde.Appearance(6, "dotted");
    }

    @Override
    public int order() {
        return 1;
    }

    /**
     * v(x, g) = ρ·T²g/‖Tg‖ with T = diag(|x| + η_A) (0 at g = 0).
     *
     * @param x the point; not modified
     * @param g the batch gradient g_γ(x); not modified
     * @param c ρ and η
     * @return a new tensor
     */
    @Override
    public Tensor direction(Tensor x, Tensor g, Coefficients c) {
        double[] v = AsamPerturbation.of(x.toArray(), g.toArray(), c.rho(), etaAsam);
        return x.backend().upload(v, v.length);
    }

    @Override
    public boolean batchDirection() {
        return true;
    }

    /** Registers {@code asam2[:ETA_A]}. */
    public static final class Provider implements SdeModel.Provider {
        /** The provider (found by {@link java.util.ServiceLoader}). */
        public Provider() {
        }

        @Override
        public String name() {
            return "asam2";
        }

        @Override
        public String usage() {
            return "asam2[:ETA_A]";
        }

        @Override
        public SdeModel create(String argument) {
            return new AsamSde(AsamPerturbation.parse("asam2", argument));
        }
    }
}
