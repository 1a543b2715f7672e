package org.example.asam;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.TestFactory;
import org.samsde.core.objective.Objective;
import org.samsde.core.objective.ToyObjective;
import org.samsde.core.tensor.CpuBackend;
import org.samsde.core.testing.Problems;
import org.samsde.core.testing.Toys;
import org.samsde.sde.Registry;
import org.samsde.sde.Sampling;
import org.samsde.sde.model.NoiseSampler;
import org.samsde.sde.model.SdeModel;
import org.samsde.sde.model.SdeSolver;
import org.samsde.sde.optim.UpdateRule;
import org.samsde.testkit.NoiseSamplerContract;
import org.samsde.testkit.SdeModelContract;
import org.samsde.testkit.UpdateRuleContract;

/**
 * ASAM and its SDE through the samsde test kit's contracts: what every update rule and every SDE
 * model must satisfy (determinism for a seed, finite outputs, resuming from a checkpoint, SGD at
 * ρ = 0, the declared expansion order), and every registered noise sampler with ASAM's SDE (zero
 * mean; the per-sample sampler refuses the model, which defines no direction Jacobian).
 */
class AsamContractsTest {

    /** The rule contract on ASAM with the default η_A. */
    @Nested
    class Rule extends UpdateRuleContract {
        @Override
        protected UpdateRule rule() {
            return new Asam(Asam.DEFAULT_ETA);
        }
    }

    /** The model contract on ASAM's SDE: its declared order 1 is checked against the closed-form gradient at x + v. */
    @Nested
    class Model extends SdeModelContract {
        @Override
        protected SdeModel model() {
            return new AsamSde(Asam.DEFAULT_ETA);
        }
    }

    /** @return every registered noise sampler's contract but per-sample's, run with ASAM's SDE */
    @TestFactory
    Stream<DynamicTest> everyNoiseSamplerWithAsamsSde() {
        List<Supplier<NoiseSampler>> samplers = Registry.names(NoiseSampler.Provider.class).stream()
                .filter(name -> !name.equals("per-sample"))
                .map(name -> (Supplier<NoiseSampler>) () -> NoiseSampler.parse(switch (name) {
                    case "batch-mc" -> "batch-mc:3";
                    case "isotropic" -> "isotropic:0.3";
                    default -> name;
                }))
                .toList();
        return NoiseSamplerContract.checks(samplers, List.of(new AsamSde(Asam.DEFAULT_ETA)));
    }

    /** The per-sample sampler needs the direction's Jacobian, which AsamSde does not define: refused when the solver is built. */
    @Test
    void thePerSampleSamplerRefusesAsamsSde() {
        Objective f = ToyObjective.shifted(Toys.quadratic(1, 3), Problems.gaussian(2, 12, 0.5), CpuBackend.get());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SdeSolver.builder(f, new AsamSde(Asam.DEFAULT_ETA))
                .sampling(new Sampling(2, false)).noise(NoiseSampler.parse("per-sample")).build());
        assertTrue(e.getMessage().contains("Jacobian"), e.getMessage());
    }
}
