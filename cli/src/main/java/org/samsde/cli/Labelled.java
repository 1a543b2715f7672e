package org.samsde.cli;

import org.samsde.core.objective.Objective;
import org.samsde.core.tensor.Tensor;
import org.samsde.sde.Dynamics;

/**
 * A method under another name in the records (for example {@code sde:usam} beside the discrete
 * {@code usam}).
 *
 * @param <S> the state type
 * @param name the label
 * @param inner the method
 */
record Labelled<S extends Dynamics.State>(String name, Dynamics<S> inner) implements Dynamics<S> {
    @Override
    public Objective objective() {
        return inner.objective();
    }

    @Override
    public String description() {
        return inner.description();
    }

    @Override
    public double timeStep() {
        return inner.timeStep();
    }

    @Override
    public org.samsde.sde.Sampling sampling() {
        return inner.sampling();
    }

    @Override
    public double driftBias(Tensor x, long seed) {
        return inner.driftBias(x, seed);
    }

    @Override
    public org.samsde.sde.model.SdeSolver solver() {
        return inner.solver();
    }

    @Override
    public S init(Tensor x0, long seed) {
        return inner.init(x0, seed);
    }

    @Override
    public void step(S state, int k, int total) {
        inner.step(state, k, total);
    }

    @Override
    public void save(S state, java.io.DataOutput out) throws java.io.IOException {
        inner.save(state, out);
    }

    @Override
    public void load(S state, java.io.DataInput in) throws java.io.IOException {
        inner.load(state, in);
    }
}
