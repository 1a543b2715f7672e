package org.samsde.core.loss;

/**
 * A per-sample loss fᵢ(x), written once with {@link Jet} arithmetic; {@link JetObjective} turns it
 * into an {@link org.samsde.core.objective.Objective} with exact derivatives up to fourth order.
 *
 * <p>A complete example, the diagonal linear network fᵢ(u, v) = ½(⟨u⊙u − v⊙v, xᵢ⟩ − yᵢ)² with
 * u, v ∈ ℝᴰ:
 *
 * <pre>{@code
 * int dim = data.features();
 * JetLoss loss = (theta, sample) -> {
 *     Jet u = theta.slice("u", 0, dim);
 *     Jet v = theta.slice("v", dim, dim);
 *     Jet beta = u.square().minus(v.square());
 *     return beta.dot(sample.x()).minus(sample.y()).square().times(0.5);
 * };
 * Objective f = JetObjective.of(2 * dim, data, loss, CpuBackend.get());
 * try (TaylorResult r = f.taylor(x, v, 2, Batch.all())) {
 *     double[] g = r.gradient(), hv = r.hvp(0), tvv = r.thirdOrder(0);
 * }
 * }</pre>
 *
 * <p>The function is called once per sample and per Taylor pass, possibly from several threads at
 * once (each with its own {@link JetParameters}): it must not keep jets between calls or modify
 * shared state.
 */
@FunctionalInterface
public interface JetLoss {
    /**
     * @param theta the parameters, handed out as named slices
     * @param sample the sample's features and target
     * @return fᵢ(x), a jet of length 1
     */
    Jet loss(JetParameters theta, JetSample sample);
}
