package org.samsde.sde.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.samsde.core.tensor.CpuBackend;
import org.samsde.sde.study.WeakOrderStudy;
import org.samsde.testkit.SlopeAssertions;

/**
 * The contract of every integrator registered through {@code Integrator$Provider}: a name that
 * parses back to it, a declared weak order p ≥ 1, and a fitted weak order within the study's band
 * p ± 0.3 on Ornstein–Uhlenbeck (its Richardson extrapolation within p + 1 ± 0.3), as
 * {@code samsde study weak} checks it. Euler–Maruyama is held to the tighter 1 ± 0.2 and its
 * extrapolation to 2 ± 0.3, the bands this project has always asked of them.
 */
class IntegratorContractTest {

    @Test
    void everyRegisteredIntegratorDeclaresAnOrderAndParsesBack() {
        List<Integrator> all = Integrator.registered();
        assertFalse(all.isEmpty(), "no integrator is registered");
        assertTrue(all.stream().anyMatch(i -> i instanceof EulerMaruyama), "euler is registered");
        for (Integrator i : all) {
            assertTrue(i.order() >= 1, i.name() + " declares weak order " + i.order());
            assertEquals(i.name(), Integrator.parse(i.name()).name(), "the name parses back");
            assertEquals(i.order(), Integrator.parse(i.name()).order());
        }
    }

    @Test
    void everyRegisteredIntegratorMeetsItsDeclaredWeakOrder() {
        WeakOrderStudy study = WeakOrderStudy.builder(CpuBackend.get()).paths(400_000).substeps(new int[] {1, 2, 4, 8, 16}).seed(3).build();
        WeakOrderStudy.Result r = study.run();
        assertEquals(2 * Integrator.registered().size(), r.orders().size(), "each integrator and its extrapolation is checked");
        for (WeakOrderStudy.Order o : r.orders()) {
            assertTrue(o.passes(), o.line());
        }
        assertTrue(r.passes());
        SlopeAssertions.assertSlope(r.order("euler").fit(), 1, 0.2, "Euler weak order");
        SlopeAssertions.assertSlope(r.order("richardson").fit(), 2, 0.3, "Richardson weak order");
    }
}
