package org.samsde.testkit;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.samsde.sde.Registry;
import org.samsde.sde.model.NoiseSampler;
import org.samsde.sde.model.SdeModel;
import org.samsde.sde.optim.UpdateRule;

/**
 * The contracts on every registered building block (ServiceLoader), not a hand-picked subset: every
 * update rule, every SDE model, and every noise sampler, the last with every registered model (see
 * {@link NoiseSamplerContract}). A provider whose specification needs an argument gets one from
 * {@link #ARGUMENTS}; a new one without an entry fails here until it has one.
 */
class BuiltInContractsTest {
    /** Example specifications for the providers that need an argument. */
    private static final Map<String, String> ARGUMENTS = Map.of("batch-mc", "batch-mc:3", "isotropic", "isotropic:0.3");

    private static <T> List<Supplier<T>> every(Class<? extends Registry.Provider<T>> type, java.util.function.Function<String, T> byName) {
        List<Supplier<T>> out = new ArrayList<>();
        for (String name : Registry.names(type)) {
            String spec = ARGUMENTS.getOrDefault(name, name);
            out.add(() -> byName.apply(spec));
        }
        return out;
    }

    @TestFactory
    Stream<DynamicTest> everyRegisteredUpdateRule() {
        return UpdateRuleContract.checks(every(UpdateRule.Provider.class, UpdateRule::byName));
    }

    @TestFactory
    Stream<DynamicTest> everyRegisteredSdeModel() {
        return SdeModelContract.checks(every(SdeModel.Provider.class, SdeModel::byName));
    }

    @TestFactory
    Stream<DynamicTest> everyRegisteredNoiseSamplerWithEveryRegisteredModel() {
        return NoiseSamplerContract.checks(every(NoiseSampler.Provider.class, NoiseSampler::parse));
    }
}
