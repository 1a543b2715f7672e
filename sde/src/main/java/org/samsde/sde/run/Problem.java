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

    /**
     * The same problem with λ_max measured on the loss of the first n training samples, as the
     * command line's {@code --hessian-subset n} (default 256) measures it: the whole set when it has
     * at most n samples.
     *
     * @param n the number of samples, at least 1
     * @return the problem
     * @throws IllegalArgumentException when n is below 1
     */
    public Problem withHessianSubset(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("the Hessian subset needs at least 1 sample, got " + n);
        }
        int m = Math.min(train.sampleCount(), n);
        if (m == train.sampleCount()) {
            return new Problem(description, train, test, Batch.all(), x0);
        }
        return new Problem(description, train, test, Batch.first(m), x0);
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
