package org.samsde.core.loss;

import java.util.ArrayList;
import java.util.List;

/**
 * The state one thread keeps while it evaluates a {@link JetLoss} sample after sample over one
 * chunk of a batch: the jet layout, the derived jets of the current sample in creation order (the
 * tape the reverse sweep walks), a sample counter that catches jets carried over from an earlier
 * sample, and the persistent jets of the chunk.
 *
 * <p>A persistent jet depends on the parameters only (a parameter slice, or an operation whose
 * inputs are all persistent, such as u⊙u − v⊙v): it is computed once, on the chunk's first sample,
 * and later samples that perform the same operation on the same inputs with the same scalar
 * arguments get the cached jet back (each persistent jet lists those computed from it). An
 * operation on persistent inputs that the first sample did not perform (say, a product with a
 * sample-dependent scalar) makes an ordinary jet of its sample, so the cache holds no more than the
 * first sample's graph. Persistent jets are not on the
 * per-sample tape: their adjoints collect what every sample pulls into them, and they are swept
 * once, last created first, when the chunk ends; the reverse sweep is linear in the adjoints, so
 * this equals sweeping them with each sample.
 */
final class JetTape {
    final int order;
    final int directions;
    final int blocks;
    private final List<Jet> nodes = new ArrayList<>();
    private final List<Jet> persistent = new ArrayList<>();
    private int epoch;

    JetTape(int order, int directions) {
        this.order = order;
        this.directions = directions;
        this.blocks = 1 + order * directions;
    }

    /** @return the offset factor of coefficient k of direction j: the block index of the layout */
    int block(int k, int j) {
        return k == 0 ? 0 : 1 + (k - 1) * directions + j;
    }

    int epoch() {
        return epoch;
    }

    /** @return whether the current sample is the chunk's first, whose parameter-only jets are kept */
    boolean firstSample() {
        return epoch <= 1;
    }

    void record(Jet jet) {
        nodes.add(jet);
    }

    /** Keeps a new persistent jet, to be swept when the chunk ends. */
    void keep(Jet jet) {
        persistent.add(jet);
    }

    /** Forgets the previous sample's jets. */
    void nextSample() {
        nodes.clear();
        epoch++;
    }

    /** Pulls every recorded jet's adjoint back to its inputs, last created first. */
    void reverseSweep() {
        for (int i = nodes.size() - 1; i >= 0; i--) {
            nodes.get(i).pullBack();
        }
    }

    /** At the end of the chunk: pulls the persistent jets' adjoints back to the parameter slices, last created first. */
    void sweepPersistent() {
        for (int i = persistent.size() - 1; i >= 0; i--) {
            persistent.get(i).pullBack();
        }
    }
}
