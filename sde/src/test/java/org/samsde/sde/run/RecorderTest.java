package org.samsde.sde.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.samsde.core.objective.Batch;
import org.samsde.core.objective.Objective;
import org.samsde.core.objective.TaylorResult;
import org.samsde.core.tensor.Backend;
import org.samsde.core.tensor.CpuBackend;
import org.samsde.core.tensor.Tensor;
import org.samsde.sde.Dynamics;

class RecorderTest {
    private static final Backend BE = CpuBackend.get();

    /** Counts the full-batch evaluations asked of an objective; everything else is passed on. */
    private static final class Counting implements Objective {
        private final Objective inner;
        int evaluations;

        Counting(Objective inner) {
            this.inner = inner;
        }

        @Override
        public Backend backend() {
            return inner.backend();
        }

        @Override
        public int dimension() {
            return inner.dimension();
        }

        @Override
        public int sampleCount() {
            return inner.sampleCount();
        }

        @Override
        public TaylorResult taylor(Tensor x, Tensor directions, int order, Batch batch) {
            return inner.taylor(x, directions, order, batch);
        }

        @Override
        public Evaluation evaluate(Tensor x, Batch batch) {
            evaluations++;
            return inner.evaluate(x, batch);
        }
    }

    /**
     * A record takes the train loss from its full-batch gradient pass, whose forward sweep is an
     * evaluation's: the same value, without a second sweep over the training set.
     */
    @Test
    void theTrainLossComesFromTheGradientPassWithoutASecondSweep() {
        Problem base = CheckpointResumeTest.problem();
        Counting train = new Counting(base.train());
        Problem p = new Problem("counted", train, base.test(), base.hessianBatch(), base.x0());
        Dynamics<?> d = CheckpointResumeTest.method("eigen-sam", train);
        try (Tensor x0 = BE.upload(p.x0(), p.dimension())) {
            Dynamics.State state = d.init(x0, 77);
            Record r = new Recorder(p, d, true, 1e-4, 5).record(state, 0, 0.0, 0.0);
            assertEquals(0, train.evaluations);
            assertEquals(base.train().evaluate(state.x(), Batch.all()).loss(), r.trainLoss(), 0.0);
        }
    }
}
