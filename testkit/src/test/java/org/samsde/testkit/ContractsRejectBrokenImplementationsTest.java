package org.samsde.testkit;

import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.DataInput;
import java.io.DataOutput;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.samsde.core.objective.Batch;
import org.samsde.core.objective.Objective;
import org.samsde.core.tensor.Tensor;
import org.samsde.core.tensor.Vectors;
import org.samsde.sde.Sampling;
import org.samsde.sde.model.Coefficients;
import org.samsde.sde.model.DriftEstimate;
import org.samsde.sde.model.NoiseSampler;
import org.samsde.sde.model.SdeModel;
import org.samsde.sde.model.Sgd1;
import org.samsde.sde.model.SolverView;
import org.samsde.sde.optim.Step;
import org.samsde.sde.optim.UpdateRule;

/**
 * Each contract can fail: deliberately broken rules, models and samplers, each with one defect, are
 * rejected by the check for that defect (and the same implementations without the defect pass it,
 * so the failure is the defect's).
 */
class ContractsRejectBrokenImplementationsTest {

    // ---- update rules

    /** SAM written out: ε = ρg/‖g‖, d = ∇f_γ(x + ε); the broken variants below change one thing. */
    private static class SamLike implements UpdateRule {
        @Override
        public String name() {
            return "sam-like";
        }

        @Override
        public boolean perturbs() {
            return true;
        }

        @Override
        public Tensor direction(Step step) {
            Vectors.set(step.gradient(), step.perturbation());
            double n = Vectors.norm(step.gradient());
            Vectors.scale(n > 0 ? step.rho() / n : 0, step.perturbation());
            return step.gradientAt();
        }
    }

    private static UpdateRuleContract contract(UpdateRule rule) {
        return new UpdateRuleContract() {
            @Override
            protected UpdateRule rule() {
                return rule;
            }
        };
    }

    @Test
    void theRuleContractPassesSamWrittenOut() throws Exception {
        UpdateRuleContract c = contract(new SamLike());
        c.nameIsOneWordAndRecreatesTheRuleWhenRegistered();
        c.directionsAreNewFiniteVectorsOfTheParametersSize();
        c.aSeedDeterminesTheTrajectory();
        c.aCheckpointContinuesTheTrajectory();
        c.perturbsAsDeclared();
        c.atRhoZeroTheDirectionIsTheBatchGradient();
    }

    @Test
    void aRuleDrawingFromAnUnseededStreamIsNotDeterministic() {
        UpdateRule unseeded = new SamLike() {
            private final java.util.Random random = new java.util.Random();

            @Override
            public Tensor direction(Step step) {
                Tensor d = super.direction(step);
                Vectors.scale(1 + 0.01 * random.nextGaussian(), d);
                return d;
            }
        };
        assertThrows(AssertionError.class, contract(unseeded)::aSeedDeterminesTheTrajectory);
    }

    @Test
    void aRuleReturningTheStepsGradientIsRejected() {
        UpdateRule shared = new SamLike() {
            @Override
            public boolean perturbs() {
                return false;
            }

            @Override
            public Tensor direction(Step step) {
                return step.gradient();
            }
        };
        assertThrows(AssertionError.class, contract(shared)::directionsAreNewFiniteVectorsOfTheParametersSize);
    }

    @Test
    void aRuleThatPerturbsWithoutSayingSoIsRejected() {
        UpdateRule silent = new SamLike() {
            @Override
            public boolean perturbs() {
                return false;
            }
        };
        assertThrows(AssertionError.class, contract(silent)::perturbsAsDeclared);
    }

    @Test
    void aRuleWhoseStateIsNotSavedDoesNotResume() {
        // a step counter that scales the direction, kept in the rule's state but not written to checkpoints
        UpdateRule forgetful = new SamLike() {
            final class Count implements RuleState {
                int k;

                @Override
                public void save(DataOutput out) {
                }

                @Override
                public void load(DataInput in) {
                }
            }

            @Override
            public RuleState init(Tensor x0, long seed) {
                return new Count();
            }

            @Override
            public Tensor direction(Step step) {
                Count c = (Count) step.state();
                Tensor d = super.direction(step);
                Vectors.scale(1.0 / (1 + c.k++), d);
                return d;
            }
        };
        assertThrows(AssertionError.class, contract(forgetful)::aCheckpointContinuesTheTrajectory);
    }

    @Test
    void aRuleThatIsNotSgdAtRhoZeroIsRejectedUnlessItSaysSo() {
        UpdateRule scaled = new SamLike() {
            @Override
            public Tensor direction(Step step) {
                Tensor d = super.direction(step);
                Vectors.scale(1.1, d);
                return d;
            }
        };
        assertThrows(AssertionError.class, contract(scaled)::atRhoZeroTheDirectionIsTheBatchGradient);
        new UpdateRuleContract() {
            @Override
            protected UpdateRule rule() {
                return scaled;
            }

            @Override
            protected boolean reducesToSgdAtRhoZero() {
                return false;
            }
        }.atRhoZeroTheDirectionIsTheBatchGradient();
    }

    // ---- SDE models

    /** SAM's SDE of a given expansion order K, with v = ρg/‖g‖ and the increment expanded to order E (E = K is correct). */
    private static SdeModel sam(int declared, int expanded, boolean projectedJacobian) {
        return new SdeModel() {
            @Override
            public String name() {
                return "sam-k" + declared;
            }

            @Override
            public int order() {
                return declared;
            }

            @Override
            public Tensor direction(Tensor x, Tensor g, Coefficients c) {
                double n = Vectors.norm(g);
                Tensor v = Vectors.copy(g);
                Vectors.scale(n > 0 ? c.rho() / n : 0, v);
                return v;
            }

            @Override
            public boolean batchDirection() {
                return true;
            }

            @Override
            public boolean directionJacobian(Tensor x, Tensor g, Tensor w, Coefficients c) {
                double n = Vectors.norm(g);
                if (projectedJacobian) {
                    Vectors.axpy(-Vectors.dot(g, w) / (n * n), g, w);
                }
                Vectors.scale(c.rho() / n, w);
                return true;
            }

            @Override
            public Tensor incrementFrom(Objective f, Tensor x, Tensor g, Batch batch, Coefficients c) {
                try (Tensor v = direction(x, g, c)) {
                    return SdeModel.expansion(f, x, v, expanded, batch);
                }
            }
        };
    }

    private static SdeModelContract contract(SdeModel model) {
        return new SdeModelContract() {
            @Override
            protected SdeModel model() {
                return model;
            }
        };
    }

    @Test
    void theModelContractPassesSamsSdeWrittenOut() {
        for (int k = 1; k <= 2; k++) {
            SdeModelContract c = contract(sam(k, k, true));
            c.nameOrderAndNoiseModelAreDeclared();
            c.directionAndIncrementAreNewFiniteAndDeterministic();
            c.incrementIsTheExpansionToTheDeclaredOrder();
            c.directionJacobianMatchesFiniteDifferences();
            c.aSeedDeterminesTheSolution();
        }
    }

    @Test
    void aModelThatExpandsToAnotherOrderThanItDeclaresIsRejected() {
        assertThrows(AssertionError.class, contract(sam(2, 1, true))::incrementIsTheExpansionToTheDeclaredOrder, "declares 2, expands to 1");
        assertThrows(AssertionError.class, contract(sam(1, 2, true))::incrementIsTheExpansionToTheDeclaredOrder, "declares 1, expands to 2");
    }

    @Test
    void aWrongDirectionJacobianIsRejected() {
        // J·w = ρw/‖g‖ leaves out the projection I − nnᵀ
        assertThrows(AssertionError.class, contract(sam(1, 1, false))::directionJacobianMatchesFiniteDifferences);
    }

    // ---- noise samplers

    /** Isotropic noise σz shifted by a constant: not mean zero. */
    private record Shifted(double shift) implements NoiseSampler {
        @Override
        public String name() {
            return "shifted";
        }

        @Override
        public int brownianDimension(SolverView solver) {
            return solver.objective().dimension();
        }

        @Override
        public Tensor sample(SolverView solver, Tensor x, DriftEstimate drift, double[] z, Sampling.Sampler batches, double dt) {
            double[] v = z.clone();
            for (int i = 0; i < v.length; i++) {
                v[i] += shift;
            }
            return x.backend().upload(v, v.length);
        }
    }

    private static NoiseSamplerContract contract(NoiseSampler sampler) {
        return new NoiseSamplerContract() {
            @Override
            protected NoiseSampler sampler() {
                return sampler;
            }

            @Override
            protected List<SdeModel> models() {
                return List.of(Sgd1.INSTANCE);
            }
        };
    }

    @Test
    void aSamplerWithABiasIsRejected() {
        // a shift of 0.1 with unit variance is 0.1·√20000 ≈ 14 standard errors
        assertThrows(AssertionError.class, contract(new Shifted(0.1))::hasMeanZero);
        contract(new Shifted(0.0)).hasMeanZero();
    }

    @Test
    void aSamplerDrawingFromAnUnseededStreamIsNotDeterministic() {
        assertThrows(AssertionError.class, contract(new NoiseSampler() {
            private final java.util.Random random = new java.util.Random();

            @Override
            public String name() {
                return "unseeded";
            }

            @Override
            public int brownianDimension(SolverView solver) {
                return 0;
            }

            @Override
            public Tensor sample(SolverView solver, Tensor x, DriftEstimate drift, double[] z, Sampling.Sampler batches, double dt) {
                double[] v = new double[x.size()];
                for (int i = 0; i < v.length; i++) {
                    v[i] = random.nextGaussian();
                }
                return x.backend().upload(v, v.length);
            }
        })::aSeedDeterminesTheDraws);
        contract(new Shifted(0.0)).aSeedDeterminesTheDraws();
    }

    @Test
    void aSamplerOfTheWrongSizeIsRejected() {
        assertThrows(AssertionError.class, contract(new NoiseSampler() {
            @Override
            public String name() {
                return "short";
            }

            @Override
            public int brownianDimension(SolverView solver) {
                return 0;
            }

            @Override
            public Tensor sample(SolverView solver, Tensor x, DriftEstimate drift, double[] z, Sampling.Sampler batches, double dt) {
                return x.backend().zeros(x.size() - 1);
            }
        })::drawsAreFiniteVectorsOfTheParametersSize);
    }
}
