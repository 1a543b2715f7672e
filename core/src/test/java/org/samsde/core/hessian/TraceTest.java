package org.samsde.core.hessian;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.samsde.core.InvalidInputException;

/** Hutchinson within its standard error; Hutch++ beats it on a low-rank-plus-noise spectrum at the same budget. */
class TraceTest {

    @Test
    void hutchinsonIsWithinThreeStandardErrorsOfTheExactTrace() {
        Spectra.Known m = Spectra.known(LanczosTest.outliers(), 5);
        double exact = Arrays.stream(m.lambda()).sum();
        TraceEstimate t = Trace.hutchinson(m.operator(), 100, 1);
        assertEquals("hutchinson", t.method());
        assertEquals(100, t.probes());
        assertEquals(100, t.matvecs());
        assertTrue(t.standardError() > 0);
        assertTrue(Math.abs(t.trace() - exact) <= 3 * t.standardError(), t + " vs exact " + exact);
    }

    /**
     * A tanh MLP Hessian (d = 51) against its explicit full Hessian: Hutchinson within 3 standard errors
     * of the exact trace, and its reported standard error (the sample standard deviation over √P) within
     * 25% of the exact one √(2(‖H‖_F² − Σᵢ Hᵢᵢ²)/P) (with P = 100 the sample standard deviation of these
     * quadratic forms is itself uncertain by roughly 10%).
     */
    @Test
    void hutchinsonOnAnMlpHessianAgreesWithTheFullHessian() {
        Spectra.Net net = Spectra.mlp(new int[] {2, 8, 3}, 5);
        int d = net.hessian().dimension();
        double[] h = FullHessian.defaults().matrix(net.hessian());
        double exact = 0;
        double frob = 0;
        double diag = 0;
        for (int i = 0; i < d; i++) {
            exact += h[i * d + i];
            diag += h[i * d + i] * h[i * d + i];
            for (int j = 0; j < d; j++) {
                frob += h[i * d + j] * h[i * d + j];
            }
        }
        int probes = 100;
        double se = Math.sqrt(2 * (frob - diag) / probes);
        TraceEstimate t = Trace.hutchinson(net.hessian(), probes, 1);
        assertTrue(Math.abs(t.trace() - exact) <= 3 * t.standardError(), t + " vs exact " + exact);
        assertEquals(1.0, t.standardError() / se, 0.25, t + " vs exact standard error " + se);
    }

    @Test
    void hutchPlusPlusIsMoreAccurateForTheSameBudgetOnLowRankPlusNoise() {
        double[] lambda = Spectra.concat(Spectra.linspace(10, 20, 100), Spectra.linspace(190, -0.1, 0.1));
        Spectra.Known m = Spectra.known(lambda, 6);
        double exact = Arrays.stream(lambda).sum();
        int budget = 60;
        double hutchSq = 0;
        double hppSq = 0;
        int seeds = 10;
        for (long seed = 0; seed < seeds; seed++) {
            DenseOperator h = m.operator();
            TraceEstimate a = Trace.hutchinson(h, budget, seed);
            TraceEstimate b = Trace.hutchPlusPlus(h, budget, seed);
            assertEquals(budget, a.matvecs());
            assertEquals(budget, b.matvecs());
            assertEquals(2L * budget, h.applications());
            assertEquals(budget - 2 * (budget / 3), b.probes());
            hutchSq += (a.trace() - exact) * (a.trace() - exact);
            hppSq += (b.trace() - exact) * (b.trace() - exact);
        }
        double hutchRms = Math.sqrt(hutchSq / seeds);
        double hppRms = Math.sqrt(hppSq / seeds);
        assertTrue(hppRms * 10 < hutchRms, "Hutch++ RMS error " + hppRms + " vs Hutchinson " + hutchRms);
    }

    @Test
    void hutchPlusPlusIsExactForLowRank() {
        double[] lambda = new double[50];
        lambda[0] = 7;
        lambda[1] = -2;
        lambda[2] = 1;
        TraceEstimate t = Trace.hutchPlusPlus(Spectra.known(lambda, 2).operator(), 12, 3);
        assertEquals(6, t.trace(), 1e-10);
        assertEquals(0, t.standardError(), 1e-10);
    }

    @Test
    void badBudgetsAreRejected() {
        DenseOperator h = Spectra.known(new double[] {1, 2, 3}, 1).operator();
        assertThrows(InvalidInputException.class, () -> Trace.hutchinson(h, 1, 0));
        assertThrows(InvalidInputException.class, () -> Trace.hutchPlusPlus(h, 3, 0));
        assertEquals(0, h.applications());
    }
}
