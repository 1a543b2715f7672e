package org.samsde.sde.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.samsde.core.tensor.CpuBackend;
import org.samsde.core.tensor.Tensor;
import org.samsde.sde.model.EulerMaruyama;
import org.samsde.sde.model.Integrator;

/**
 * The weak-order study can fail: an integrator that declares an order it does not have is
 * reported as missing it, with its extrapolation. (That every registered integrator meets its
 * declared order, Euler–Maruyama within 1 ± 0.2 and Richardson within 2 ± 0.3, is
 * {@code IntegratorContractTest}.)
 */
class WeakOrderStudyTest {

    /** Euler–Maruyama that claims weak order 2. */
    private record Overclaiming() implements Integrator {
        @Override
        public String name() {
            return "euler-claims-2";
        }

        @Override
        public int order() {
            return 2;
        }

        @Override
        public void step(Terms terms, Tensor x, double t0, double dt) {
            new EulerMaruyama().step(terms, x, t0, dt);
        }
    }

    @Test
    void anIntegratorThatOverclaimsItsOrderMissesIt() {
        WeakOrderStudy study = WeakOrderStudy.builder(CpuBackend.get()).seed(3).build();
        WeakOrderStudy.Result r = study.run(List.of(new EulerMaruyama(), new Overclaiming()));
        assertEquals(List.of("euler", "richardson", "euler-claims-2", "richardson:euler-claims-2"),
                r.orders().stream().map(WeakOrderStudy.Order::scheme).toList());
        String lines = String.join("\n", r.orders().stream().map(WeakOrderStudy.Order::line).toList());
        assertTrue(r.order("euler").passes() && r.order("richardson").passes(), lines);
        WeakOrderStudy.Order liar = r.order("euler-claims-2");
        assertEquals(2, liar.declared());
        assertEquals(WeakOrderStudy.Verdict.MISSED, liar.verdict(), liar.line());
        assertTrue(liar.line().contains("MISSED"), liar.line());
        assertEquals(3, r.order("richardson:euler-claims-2").declared());
        assertEquals(WeakOrderStudy.Verdict.MISSED, r.order("richardson:euler-claims-2").verdict(), lines);
        assertFalse(r.passes());
        assertEquals(List.of("euler-claims-2", "richardson:euler-claims-2"), r.misses().stream().map(WeakOrderStudy.Order::scheme).toList(), lines);
        // both integrators step the same path: the overclaiming one's own levels are Euler's
        assertEquals(r.levels().stream().filter(l -> l.scheme().equals("euler")).map(WeakOrderStudy.Level::estimate).toList(),
                r.levels().stream().filter(l -> l.scheme().equals("euler-claims-2")).map(WeakOrderStudy.Level::estimate).toList());
    }

    @Test
    void aSlopeOfTwoLevelsGetsNoVerdict() {
        // three levels: the extrapolation has two, a slope without a standard error
        WeakOrderStudy study = WeakOrderStudy.builder(CpuBackend.get()).paths(20_000).substeps(new int[] {1, 2, 4}).build();
        WeakOrderStudy.Result r = study.run(List.of(new EulerMaruyama()));
        assertEquals(WeakOrderStudy.Verdict.OK, r.order("euler").verdict(), r.order("euler").line());
        WeakOrderStudy.Order richardson = r.order("richardson");
        assertEquals(WeakOrderStudy.Verdict.UNCHECKED, richardson.verdict(), richardson.line());
        assertTrue(richardson.line().contains("not checked"), richardson.line());
        assertTrue(r.misses().isEmpty());
        assertEquals(List.of(richardson), r.unchecked());
        assertFalse(r.passes(), "an unchecked scheme is not a pass");
    }

    @Test
    void integratorsMustBeNamedApartAndTheBandPositive() {
        WeakOrderStudy study = WeakOrderStudy.builder(CpuBackend.get()).paths(10).build();
        assertThrows(IllegalArgumentException.class, () -> study.run(List.of(new EulerMaruyama(), new EulerMaruyama())));
        assertThrows(IllegalArgumentException.class, () -> study.run(List.of()));
        assertThrows(IllegalArgumentException.class, () -> WeakOrderStudy.builder(CpuBackend.get()).band(0).build());
        assertThrows(IllegalArgumentException.class, () -> WeakOrderStudy.builder(CpuBackend.get()).substeps(new int[] {1, 2}).build());
    }
}
