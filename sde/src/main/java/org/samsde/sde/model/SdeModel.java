package org.samsde.sde.model;

import java.util.ArrayList;
import java.util.List;

import org.samsde.core.objective.Batch;
import org.samsde.core.objective.Objective;
import org.samsde.core.objective.TaylorResult;
import org.samsde.core.tensor.Tensor;
import org.samsde.core.tensor.Vectors;
import org.samsde.sde.Registry;

/**
 * A continuous model of a discrete method, as an Itô SDE in time t = kη:
 * dX = −b(X)dt + √η·S(X)dW with b = E_γ[G_γ] and S·Sᵀ = Σ̃ = Cov_γ(G_γ), where G_γ(x) is the
 * model's <em>increment</em> on batch γ: the batch gradient expanded along a direction v(g_γ),
 * G_γ(x) = Σ_{k ≤ K} c_k with ∇f_γ(x + t·v) = Σ_k c_k t^k, evaluated at t = 1 (one Taylor pass of
 * order K). With full batches Σ̃ = 0 and the model is an ODE.
 *
 * <p>What a model defines is only its increment: {@link #order()} K and {@link #direction} v(x, g).
 * Drift estimators ({@link DriftEstimator}), noise samplers ({@link NoiseSampler}) and
 * integrators ({@link Integrator}) work from the increment alone, so a user's model (e.g. the SDE
 * of a SAM variant) runs through every solver, ensemble, study and figure. Register it with a
 * {@code META-INF/services/org.samsde.sde.model.SdeModel$Provider} entry to find it by name.
 * Implementations are immutable and shared by every trajectory and thread.
 *
 * <p>The built-in models ({@link Sgd1}, {@link Sgd2}, {@link Usam}, {@link Sam2}, {@link Sam3})
 * document their method properties.
 */
public interface SdeModel {

    /** @return the model's name in records, e.g. {@code sam3} */
    String name();

    /**
     * @return the model's name for legends, e.g. {@code SAM SDE, order 3 (Luo et al.)}; the name by
     *     default (see {@link org.samsde.sde.Dynamics#displayName()})
     */
    default String displayName() {
        return name();
    }

    /**
     * @return whether the model's solutions carry a perturbation ε that an alignment with v₁ is
     *     defined for (false by default: a model's increment is a drift, not a perturbed gradient)
     */
    default boolean perturbs() {
        return false;
    }

    /** @return how the model asks to be drawn in figures, or null to take the palette in order (the default) */
    default org.samsde.sde.Appearance appearance() {
        return null;
    }

    /** @return K, the Taylor order of the increment (0: G_γ = g_γ) */
    int order();

    /**
     * The direction the increment is expanded along, v(x, g): it may depend on the point (ASAM's
     * v = ρT²g/‖Tg‖ with T = diag(|x| + η_A) does) and on the batch through g.
     *
     * @param x the point; not modified
     * @param g the batch gradient g_γ(x); not modified
     * @param c ρ and η
     * @return a new tensor v(x, g), or null when G_γ = g_γ (order 0)
     */
    Tensor direction(Tensor x, Tensor g, Coefficients c);

    /**
     * @return whether the drift E_γ[G_γ] differs from the full-batch increment G_all, i.e. whether
     *     v depends on the batch (usam, sam2, sam3); when false the drift is exact from one
     *     full-batch pass whatever the estimator
     */
    boolean batchDirection();

    /**
     * @return the model whose increments the noise carries: this model, except for sgd2, whose
     *     noise is that of g_γ
     */
    default SdeModel noiseModel() {
        return this;
    }

    /**
     * w ← J·w, the derivative of the direction map g ↦ v(x, g) applied to w, needed by the per-sample
     * noise sampler, which linearises the increment in the batch fluctuation. A model that does
     * not define it cannot use that sampler (every other sampler works).
     *
     * @param x the point; not modified
     * @param g the full-batch gradient; not modified
     * @param w the vector; modified
     * @param c ρ and η
     * @return false when J·w is zero
     * @throws UnsupportedOperationException when the model does not define J
     */
    default boolean directionJacobian(Tensor x, Tensor g, Tensor w, Coefficients c) {
        throw new UnsupportedOperationException("model " + name() + " does not define the Jacobian of its direction, which the "
                + "per-sample noise needs: use another noise sampler (compensated, batch-mc:M, resample)");
    }

    /**
     * G_γ(x).
     *
     * @param f the objective
     * @param x the point; not modified
     * @param batch γ
     * @param c ρ and η
     * @return a new tensor
     */
    default Tensor increment(Objective f, Tensor x, Batch batch, Coefficients c) {
        Tensor g = f.gradient(x, batch).gradientCoefficients();
        try {
            return incrementFrom(f, x, g, batch, c);
        } finally {
            g.close();
        }
    }

    /**
     * G_{γ_1}(x) … G_{γ_M}(x) for M batches: for a model of order K ≥ 1, one
     * {@link Objective#expandedGradients} call (an MLP stacks the M gradient passes into one and
     * the M Taylor passes into another, each row group with its own direction, and sums the
     * coefficients in its backward sweep); equal to M calls of {@link #increment} to rounding
     * (bitwise where the objective runs the passes separately, as its default does).
     *
     * @param f the objective
     * @param x the point; not modified
     * @param batches γ_1 … γ_M, at least one
     * @param c ρ and η
     * @return M new tensors, in the order of the batches
     */
    default List<Tensor> increments(Objective f, Tensor x, List<Batch> batches, Coefficients c) {
        List<Tensor> out = new ArrayList<>(batches.size());
        if (order() == 0) {
            for (Batch b : batches) {
                out.add(increment(f, x, b, c));
            }
            return out;
        }
        return f.expandedGradients(x, order(), batches, g -> {
            Tensor v = direction(x, g, c);
            if (v == null) {
                throw new IllegalStateException("model " + name() + " of order " + order() + " gave no direction");
            }
            return v;
        });
    }

    /**
     * G_γ(x) given g_γ(x).
     *
     * @param f the objective
     * @param x the point; not modified
     * @param g g_γ(x); not modified
     * @param batch γ
     * @param c ρ and η
     * @return a new tensor (a copy of g when the order is 0)
     */
    default Tensor incrementFrom(Objective f, Tensor x, Tensor g, Batch batch, Coefficients c) {
        Tensor v = direction(x, g, c);
        if (v == null) {
            return Vectors.copy(g);
        }
        try {
            return expansion(f, x, v, order(), batch);
        } finally {
            v.close();
        }
    }

    /**
     * Σ_{k ≤ K} c_k of one Taylor pass of f_γ at x along v: ∇f_γ(x + v) truncated after the v^K term.
     *
     * @param f the objective
     * @param x the point; not modified
     * @param v the direction; not modified
     * @param order K
     * @param batch γ
     * @return a new tensor
     */
    static Tensor expansion(Objective f, Tensor x, Tensor v, int order, Batch batch) {
        try (TaylorResult r = f.taylor(x, v, order, batch)) {
            Tensor out = x.backend().zeros(x.size());
            for (int k = 0; k <= order; k++) {
                Vectors.addBlock(1.0, r.gradientCoefficients(), r.offset(k, 0), out);
            }
            return out;
        }
    }

    /**
     * @param name a registered model's name, e.g. {@code sam3}
     * @return the model
     * @throws IllegalArgumentException listing the registered names when none matches
     */
    static SdeModel byName(String name) {
        return Registry.create(Provider.class, name, "SDE model");
    }

    /** Registers a model under a name, for {@link java.util.ServiceLoader}. */
    interface Provider extends Registry.Provider<SdeModel> {
    }

    /** A provider of one model that takes no argument: subclass it with a public no-argument constructor. */
    abstract class Fixed implements Provider {
        private final SdeModel model;

        /** @param model the model */
        protected Fixed(SdeModel model) {
            this.model = model;
        }

        @Override
        public String name() {
            return model.name();
        }

        @Override
        public SdeModel create(String argument) {
            Registry.noArgument(model.name(), argument);
            return model;
        }
    }
}
