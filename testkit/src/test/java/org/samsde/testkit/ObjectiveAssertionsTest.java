package org.samsde.testkit;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.samsde.core.loss.Jet;
import org.samsde.core.loss.JetObjective;
import org.samsde.core.model.ModelSpec;
import org.samsde.core.objective.Batch;
import org.samsde.core.objective.Objective;
import org.samsde.core.objective.TaylorResult;
import org.samsde.core.tensor.Backend;
import org.samsde.core.tensor.CpuBackend;
import org.samsde.core.tensor.Tensor;
import org.samsde.core.testing.Problems;
import org.samsde.core.testing.Toys;

class ObjectiveAssertionsTest {
    private static final Backend CPU = CpuBackend.get();

    private static JetObjective quartic() {
        return JetObjective.of(6, Problems.regression(4, 9, 3, 1), (theta, s) -> {
            Jet w = theta.slice("w", 0, 3);
            Jet c = theta.slice("c", 3, 3);
            Jet r = w.dot(s.x()).plus(c.tanh().dot(s.x())).minus(s.y());
            return r.square().times(0.5).plus(w.pow(4).sum().times(0.25));
        }, CPU);
    }

    @Test
    void passesOnBuiltInObjectivesAndOnAJetLoss() {
        ObjectiveAssertions.assertObjective(ModelSpec.parse("mlp:3-5-2:tanh").build(Problems.classification(1, 12, 3, 2), CPU).objective(), 2, 0.5);
        ObjectiveAssertions.assertObjective(ModelSpec.parse("linreg").build(Problems.regression(2, 10, 3, 2), CPU).objective(), 3, 1.0);
        ObjectiveAssertions.assertObjective(Toys.shifted(Toys.polynomial(5, 4, 0.3, 0.2), 6, 5, 0.5, CPU), 4, 1.0);
        ObjectiveAssertions.assertObjective(quartic(), 5, 0.7);
    }

    /** The loss's Taylor pass with one coefficient block scaled, or the batch weights ignored. */
    private record Broken(Objective inner, int block, double factor, boolean ignoreWeights) implements Objective {
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
            Batch b = ignoreWeights && batch.indices() != null ? Batch.of(batch.indices()) : batch;
            try (TaylorResult r = inner.taylor(x, directions, order, b)) {
                double[] all = r.gradientCoefficients().toArray();
                int d = dimension();
                if (block < r.layout().blocks()) {
                    for (int i = 0; i < d; i++) {
                        all[block * d + i] *= factor;
                    }
                }
                return new TaylorResult(r.layout(), d, r.lossCoefficients(), backend().upload(all, r.layout().blocks(), d));
            }
        }
    }

    @Test
    void failsNamingTheFirstWrongCoefficient() {
        AssertionError flipped = assertThrows(AssertionError.class,
                () -> ObjectiveAssertions.assertObjective(new Broken(quartic(), 2, -1.0, false), 5, 0.7));
        assertTrue(flipped.getMessage().startsWith("c₂ = ½·T[v,v] is wrong"), flipped.getMessage());
        AssertionError hvp = assertThrows(AssertionError.class,
                () -> ObjectiveAssertions.assertObjective(new Broken(quartic(), 1, 1.01, false), 5, 0.7));
        assertTrue(hvp.getMessage().startsWith("c₁ = H·v is wrong"), hvp.getMessage());
        AssertionError weights = assertThrows(AssertionError.class,
                () -> ObjectiveAssertions.assertObjective(new Broken(quartic(), 9, 1.0, true), 5, 0.7));
        assertTrue(weights.getMessage().contains("weighted batch"), weights.getMessage());
    }
}
