package org.samsde.core.objective;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

import org.samsde.core.jet.JetLayout;
import org.samsde.core.tensor.Backend;
import org.samsde.core.tensor.Tensor;

/**
 * A finite-sum objective f(x) = (1/n)·Σᵢ fᵢ(x) over parameters x ∈ ℝᵈ, with exact derivatives up
 * to third order from one Taylor pass.
 *
 * <p>Order of use: build the objective once (it holds the data, on its backend); call
 * {@link #taylor} as often as needed, from any number of threads at once. Parameters and
 * directions are tensors of the objective's backend, laid out as the public parameter layout
 * (per layer W row-major, out × in, then b).
 *
 * <p>Cost of one call, in units of a gradient pass: order 0 is one forward and one backward pass;
 * order K along m directions costs roughly (1 + K·m) times the forward and backward work for the
 * first order and a little more for the second, all in stacked matrix products.
 */
public interface Objective {

    /** @return the backend holding this objective's data; arguments must live there too */
    Backend backend();

    /** @return d, the number of parameters */
    int dimension();

    /** @return n ≥ 1, the number of samples fᵢ (1 for a deterministic objective) */
    int sampleCount();

    /**
     * One Taylor pass: at x, along each direction v_j, the coefficients of f(x + t·v_j) and of
     * ∇f(x + t·v_j) up to t^order, for the batch loss f_γ of {@code batch}.
     *
     * @param x the parameters (d elements); not modified
     * @param directions the directions as an (m × d) or (d) tensor; null when order is 0; not modified
     * @param order K, 0…{@link JetLayout#MAX_ORDER}
     * @param batch the samples and weights
     * @return the coefficients; the gradient tensor is new and owned by the caller
     */
    TaylorResult taylor(Tensor x, Tensor directions, int order, Batch batch);

    /**
     * For each batch γ_j of a list, the Taylor pass of f_{γ_j} at x along a direction of its own
     * gradient, v_j = direction(g_j) with g_j = ∇f_{γ_j}(x): the increments of models that expand
     * the batch gradient along a function of it (SAM's ρ·g_γ/‖g_γ‖), for M batches at once.
     *
     * <p>Each result is what {@code taylor(x, v_j, order, γ_j)} returns (c₀ = g_j, c₁ = H_{γ_j}v_j, …).
     * The default runs the 2M passes one after the other. An objective may instead stack the
     * batches' rows into one gradient pass and one Taylor pass whose row groups each carry their
     * own direction, reusing the gradient pass's zeroth coefficients (c₀ is then the g_j the
     * direction was computed from, and the second pass computes only the blocks k ≥ 1); its
     * results must agree with the separate passes to rounding.
     *
     * @param x the parameters; not modified
     * @param order K ≥ 1
     * @param batches the batches γ_1 … γ_M, at least one
     * @param direction maps a batch gradient (d elements; not to be modified or kept) to a new
     *     direction tensor (d elements), which the call closes
     * @return one result per batch, in order; their gradient tensors are new and owned by the caller
     */
    default List<TaylorResult> taylorAlongGradients(Tensor x, int order, List<Batch> batches, UnaryOperator<Tensor> direction) {
        requireGroups(order, batches);
        List<TaylorResult> out = new ArrayList<>(batches.size());
        for (Batch b : batches) {
            TaylorResult gr = gradient(x, b);
            Tensor g = gr.gradientCoefficients();
            Tensor v;
            try {
                v = direction.apply(g);
            } finally {
                g.close();
            }
            try {
                TaylorResult r = taylor(x, v, order, b);
                out.add(r);
            } finally {
                v.close();
            }
        }
        return out;
    }

    /**
     * For each batch γ_j, the batch gradient at the point moved along a direction of its own
     * gradient, expanded to order K: Σ_{k ≤ K} c_k of {@link #taylorAlongGradients}, that is
     * ∇f_{γ_j}(x + v_j) = g_j + H_{γ_j}v_j + ½T_{γ_j}[v_j, v_j] + … truncated after the v_j^K term,
     * with v_j = direction(g_j). For K = 2 and v_j = ρ·g_j/‖g_j‖ this is the increment of the
     * third-order SAM SDE on batch γ_j.
     *
     * <p>The default sums the coefficients of {@link #taylorAlongGradients}, c₀ first. An objective
     * may instead accumulate the sum in its backward sweep (with adjoint jet δ and forward jet h of
     * a layer, Σ_{i+l ≤ K} δ_iᵀh_l = Σ_l (Σ_{i ≤ K−l} δ_i)ᵀh_l: one product per forward block
     * instead of one per pair), which agrees with the sum of the coefficients to rounding.
     *
     * @param x the parameters; not modified
     * @param order K ≥ 1
     * @param batches the batches γ_1 … γ_M, at least one
     * @param direction maps a batch gradient (d elements; not to be modified or kept) to a new
     *     direction tensor (d elements), which the call closes
     * @return one new tensor of d elements per batch, in order, owned by the caller
     */
    default List<Tensor> expandedGradients(Tensor x, int order, List<Batch> batches, UnaryOperator<Tensor> direction) {
        List<Tensor> out = new ArrayList<>(batches.size());
        for (TaylorResult r : taylorAlongGradients(x, order, batches, direction)) {
            Tensor c = r.gradientCoefficients();
            Tensor sum = backend().zeros(dimension());
            for (int k = 0; k <= order; k++) {
                backend().axpy(dimension(), 1.0, c, r.offset(k, 0), sum, 0);
            }
            c.close();
            out.add(sum);
        }
        return out;
    }

    /**
     * Checks the arguments of {@link #taylorAlongGradients}.
     *
     * @param order K
     * @param batches the batches
     */
    static void requireGroups(int order, List<Batch> batches) {
        if (order < 1 || order > JetLayout.MAX_ORDER) {
            throw new IllegalArgumentException("a Taylor pass along the gradients needs an order in 1.." + JetLayout.MAX_ORDER + ", got " + order);
        }
        if (batches.isEmpty()) {
            throw new IllegalArgumentException("a Taylor pass along the gradients needs at least one batch");
        }
    }

    /**
     * @param x the parameters; not modified
     * @param batch the samples and weights
     * @return the loss and its gradient (order 0)
     */
    default TaylorResult gradient(Tensor x, Batch batch) {
        return taylor(x, null, 0, batch);
    }

    /**
     * @param x the parameters; not modified
     * @param batch the samples and weights
     * @return f_γ(x)
     */
    default double value(Tensor x, Batch batch) {
        TaylorResult r = gradient(x, batch);
        r.gradientCoefficients().close();
        return r.loss();
    }

    /**
     * The loss and, where the objective has class labels, the classification accuracy at x,
     * without derivatives.
     *
     * @param x the parameters; not modified
     * @param batch the samples and weights (weights affect the loss, not the accuracy)
     * @return the evaluation; accuracy is NaN where it is undefined
     */
    default Evaluation evaluate(Tensor x, Batch batch) {
        return new Evaluation(value(x, batch), Double.NaN);
    }

    /**
     * Loss and accuracy of a model at a point.
     *
     * @param loss the batch loss f_γ(x)
     * @param accuracy the fraction of correctly classified samples, NaN without labels
     */
    record Evaluation(double loss, double accuracy) {
    }

    /**
     * Checks the arguments every implementation receives.
     *
     * @param x the parameters
     * @param directions the directions or null
     * @param order the order
     * @return the jet layout the call implies
     */
    default JetLayout layoutFor(Tensor x, Tensor directions, int order) {
        int d = dimension();
        if (x.size() != d) {
            throw new IllegalArgumentException("parameter vector has " + x.size() + " elements, the objective needs " + d);
        }
        if (x.backend() != backend()) {
            throw new IllegalArgumentException("parameters live on " + x.backend().name() + ", the objective on " + backend().name());
        }
        if (order == 0) {
            return JetLayout.VALUE;
        }
        if (directions == null) {
            throw new IllegalArgumentException("a Taylor pass of order " + order + " needs directions");
        }
        if (directions.size() == 0 || directions.size() % d != 0) {
            throw new IllegalArgumentException("directions have " + directions.size() + " elements, not a positive multiple of d = " + d);
        }
        if (directions.backend() != backend()) {
            throw new IllegalArgumentException("directions live on " + directions.backend().name() + ", the objective on " + backend().name());
        }
        return new JetLayout(order, directions.size() / d);
    }
}
