package org.samsde.sde.optim;

import org.samsde.core.tensor.Tensor;
import org.samsde.core.tensor.Vectors;

/**
 * The perturbed methods whose ε is a multiple of g_γ: d = ∇f_γ(x + s·g_γ) for a scale s of the
 * step. Cost per step two gradients over the batch (plus what {@link #scale} needs).
 */
abstract class ScaledGradientPerturbation implements UpdateRule {

    @Override
    public final boolean perturbs() {
        return true;
    }

    /**
     * @param step the step
     * @param gradientNorm ‖g_γ‖
     * @return s, so that ε = s·g_γ
     */
    abstract double scale(Step step, double gradientNorm);

    @Override
    public final Tensor direction(Step step) {
        Tensor g = step.gradient();
        Tensor eps = step.perturbation();
        Vectors.set(g, eps);
        Vectors.scale(scale(step, Vectors.norm(g)), eps);
        return step.gradientAt();
    }
}
