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

    /**
     * @return the method's display name when the label is its own name or {@code sde:} and it;
     *     a label with arguments ({@code gnp:0.2}) follows the display name in parentheses, so
     *     that two settings of one method stay apart in legends; the label when the method
     *     declares no display name
     */
    @Override
    public String displayName() {
        String declared = inner.displayName();
        if (declared.equals(inner.name())) {
            return name;
        }
        return sameMethod() ? declared : declared + " (" + name + ")";
    }

    @Override
    public boolean perturbs() {
        return inner.perturbs();
    }

    /** @return the method's appearance under its own label or {@code sde:} and it; none (the palette) for one setting of several */
    @Override
    public org.samsde.sde.Appearance appearance() {
        return sameMethod() ? inner.appearance() : null;
    }

    @Override
    public org.samsde.sde.MethodKind kind() {
        return inner.kind();
    }

    private boolean sameMethod() {
        return name.equals(inner.name()) || name.equals("sde:" + inner.name());
    }

    @Override
    public org.samsde.sde.Stability stability() {
        return inner.stability();
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
