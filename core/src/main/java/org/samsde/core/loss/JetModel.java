package org.samsde.core.loss;

import java.util.function.LongFunction;

import org.samsde.core.data.Dataset;
import org.samsde.core.tensor.Backend;

/**
 * A loss written with {@link Jet} arithmetic, with its parameter count and initialisation: what a
 * {@link LossProvider} hands the command line, and what {@link LiteratureProblems} build.
 *
 * @param dimension d, the number of parameters
 * @param loss the per-sample loss
 * @param initializer initial parameters (d of them) from a seed
 */
public record JetModel(int dimension, JetLoss loss, LongFunction<double[]> initializer) {
    /**
     * @param data the samples, or null for a deterministic loss (one sample without features)
     * @param backend where parameters and results live
     * @return the objective
     */
    public JetObjective objective(Dataset data, Backend backend) {
        return data == null ? JetObjective.deterministic(dimension, loss, backend) : JetObjective.of(dimension, data, loss, backend);
    }
}
