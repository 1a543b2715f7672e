package org.samsde.sde.run;

import org.samsde.core.objective.Batch;
import org.samsde.core.objective.Objective;

/**
 * What a run trains: the training objective, an optional test objective, the fixed evaluation
 * subset on which λ_max is measured, and the initial parameters shared by every method and seed.
 *
 * @param description a one-line description for records (model, data)
 * @param train the training loss f
 * @param test the test loss, or null when there is no test split
 * @param hessianBatch the samples whose loss Hessian gives λ_max in the records
 * @param x0 the initial parameters
 */
public record Problem(String description, Objective train, Objective test, Batch hessianBatch, double[] x0) {
    /**
     * Checks that x0 fits the objective.
     *
     * @param description a one-line description for records (model, data)
     * @param train the training loss f
     * @param test the test loss, or null when there is no test split
     * @param hessianBatch the samples whose loss Hessian gives λ_max in the records
     * @param x0 the initial parameters
     */
    public Problem {
        if (x0.length != train.dimension()) {
            throw new IllegalArgumentException("initial parameters have " + x0.length + " values, the model needs " + train.dimension());
        }
        if (test != null && test.dimension() != train.dimension()) {
            throw new IllegalArgumentException("test and training objectives have different dimensions");
        }
        x0 = x0.clone();
    }

    /**
     * A problem whose λ_max is measured on the whole training set.
     *
     * @param description a one-line description for records
     * @param train the training loss
     * @param test the test loss, or null
     * @param x0 the initial parameters; not modified
     * @return the problem
     */
    public static Problem of(String description, Objective train, Objective test, double[] x0) {
        return new Problem(description, train, test, Batch.all(), x0);
    }

    /** @return a copy of {@code x0} */
    @Override
    public double[] x0() {
        return x0.clone();
    }

    /** @return d */
    public int dimension() {
        return train.dimension();
    }
}
