package org.samsde.sde.optim;

import org.samsde.core.objective.Batch;
import org.samsde.core.objective.Objective;
import org.samsde.core.objective.TaylorResult;
import org.samsde.core.tensor.Tensor;
import org.samsde.core.tensor.Vectors;

/**
 * What an {@link UpdateRule} sees on one step: the objective, the point x, the batch γ and its
 * gradient g_γ(x), ρ, the step counters, the rule's trajectory state and the trajectory's
 * perturbation buffer. Valid only during {@link UpdateRule#direction}.
 */
public final class Step {
    private final Objective objective;
    private final Tensor x;
    private final Batch batch;
    private final Tensor gradient;
    private final double rho;
    private final int index;
    private final int total;
    private final int stepsPerEpoch;
    private final long seed;
    private final UpdateRule.RuleState state;
    private final Tensor perturbation;
    private final Tensor point;
    private boolean perturbed;

    Step(Objective objective, Tensor x, Batch batch, Tensor gradient, double rho, int index, int total, int stepsPerEpoch, long seed,
         UpdateRule.RuleState state, Tensor perturbation, Tensor point) {
        this.objective = objective;
        this.x = x;
        this.batch = batch;
        this.gradient = gradient;
        this.rho = rho;
        this.index = index;
        this.total = total;
        this.stepsPerEpoch = stepsPerEpoch;
        this.seed = seed;
        this.state = state;
        this.perturbation = perturbation;
        this.point = point;
    }

    /** @return the training loss */
    public Objective objective() {
        return objective;
    }

    /** @return x, the current parameters (read only) */
    public Tensor x() {
        return x;
    }

    /** @return γ */
    public Batch batch() {
        return batch;
    }

    /** @return g_γ(x) (read only) */
    public Tensor gradient() {
        return gradient;
    }

    /** @return ρ */
    public double rho() {
        return rho;
    }

    /** @return k, the 0-based step */
    public int index() {
        return index;
    }

    /** @return N, the number of steps of the run */
    public int total() {
        return total;
    }

    /** @return the steps in an epoch, ⌊n/B⌋ (at least 1) */
    public int stepsPerEpoch() {
        return stepsPerEpoch;
    }

    /** @return the trajectory's seed (for the rule's own streams, below it) */
    public long seed() {
        return seed;
    }

    /** @return the rule's trajectory state, or null */
    public UpdateRule.RuleState state() {
        return state;
    }

    /**
     * The buffer for ε; writing to it does not mark the step perturbed: {@link #gradientAt} does.
     *
     * @return ε's buffer (modified by the rule)
     */
    public Tensor perturbation() {
        return perturbation;
    }

    /** @return whether the step's ε was used ({@link #gradientAt} was called) */
    boolean perturbed() {
        return perturbed;
    }

    /**
     * ∇f_γ(x + ε) for the ε in {@link #perturbation()}, on the step's batch; marks the step perturbed.
     *
     * @return a new tensor
     */
    public Tensor gradientAt() {
        Vectors.set(x, point);
        Vectors.axpy(1.0, perturbation, point);
        perturbed = true;
        return objective.gradient(point, batch).gradientCoefficients();
    }

    /**
     * H_γ(x)·v, the batch Hessian at x times v, from one order-1 Taylor pass on the step's batch
     * (cost: one pass, about two gradients). Does not mark the step perturbed.
     *
     * @param v the vector, of the parameters' size; not modified (it may be {@link #scratch()})
     * @return a new tensor
     */
    public Tensor hvp(Tensor v) {
        try (TaylorResult r = objective.taylor(x, v, 1, batch)) {
            Tensor out = x.backend().zeros(x.size());
            Vectors.block(r.gradientCoefficients(), r.offset(1, 0), out);
            return out;
        }
    }

    /**
     * A scratch vector of the parameters' size, free for the rule during this call.
     *
     * @return the buffer (modified)
     */
    public Tensor scratch() {
        return point;
    }
}
