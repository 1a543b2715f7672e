package org.samsde.sde.model;

import java.util.List;

import org.samsde.core.tensor.Tensor;

/**
 * One evaluation of the drift b(x) = E_γ[G_γ(x)], with what the noise samplers may reuse. Owns
 * its tensors: close it after the step.
 *
 * @param mean the estimate of b(x)
 * @param increments the per-batch increments G₁ … G_M that {@code mean} averages (empty unless
 *     the estimator drew fresh batches)
 * @param gradient the full-batch gradient g(x) when the estimate computed it, else null
 * @param fullBatchIncrement whether {@code mean} is the model's full-batch increment G_all(x)
 */
public record DriftEstimate(Tensor mean, List<Tensor> increments, Tensor gradient, boolean fullBatchIncrement)
        implements AutoCloseable {

    /**
     * Copies the list.
     *
     * @param mean the estimate of b(x)
     * @param increments the per-batch increments G₁ … G_M that {@code mean} averages (empty unless
     *     the estimator drew fresh batches)
     * @param gradient the full-batch gradient g(x) when the estimate computed it, else null
     * @param fullBatchIncrement whether {@code mean} is the model's full-batch increment G_all(x)
     */
    public DriftEstimate {
        increments = List.copyOf(increments);
    }

    @Override
    public void close() {
        mean.close();
        for (Tensor t : increments) {
            t.close();
        }
        if (gradient != null) {
            gradient.close();
        }
    }
}
