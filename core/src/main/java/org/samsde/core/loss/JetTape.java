package org.samsde.core.loss;

import java.util.ArrayList;
import java.util.List;

/**
 * The state one thread keeps while it evaluates a {@link JetLoss} sample after sample: the jet
 * layout, the derived jets of the current sample in creation order (the tape the reverse sweep
 * walks), and a sample counter that catches jets carried over from an earlier sample.
 */
final class JetTape {
    final int order;
    final int directions;
    final int blocks;
    private final List<Jet> nodes = new ArrayList<>();
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

    void record(Jet jet) {
        nodes.add(jet);
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
}
