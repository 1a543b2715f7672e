package org.example.loss;

import org.samsde.core.data.Dataset;
import org.samsde.core.loss.Jet;
import org.samsde.core.loss.JetLoss;
import org.samsde.core.loss.JetModel;
import org.samsde.core.loss.LossProvider;

/**
 * Robust linear regression with the pseudo-Huber loss, written once with jet arithmetic:
 * fᵢ(w, b) = δ²(√(1 + (rᵢ/δ)²) − 1), rᵢ = ⟨w, xᵢ⟩ + b − yᵢ. samsde derives g, H·v and T[v,v] from
 * it exactly; no derivative is written here. Registered for {@code --model user:pseudo-huber[:δ]}.
 */
public final class PseudoHuber implements LossProvider {
    /**
     * @param features the number of features p (the parameters are w ∈ ℝᵖ, then b)
     * @param delta δ &gt; 0, where the loss turns from quadratic to linear
     * @return the per-sample loss
     */
    public static JetLoss loss(int features, double delta) {
        return (theta, sample) -> {
            Jet w = theta.slice("w", 0, features);
            Jet b = theta.slice("b", features, 1);
            Jet r = w.dot(sample.x()).plus(b).minus(sample.y());
            return r.div(delta).square().plus(1).sqrt().minus(1).times(delta * delta);
        };
    }

    @Override
    public String name() {
        return "pseudo-huber";
    }

    @Override
    public JetModel define(String argument, Dataset data) {
        double delta = argument == null ? 1.0 : Double.parseDouble(argument);
        if (!(delta > 0) || data.targetStride() != 1) {
            throw new IllegalArgumentException("pseudo-huber needs δ > 0 and one target per sample, got δ = " + delta);
        }
        int p = data.features();
        return new JetModel(p + 1, loss(p, delta), seed -> new double[p + 1]);
    }
}
