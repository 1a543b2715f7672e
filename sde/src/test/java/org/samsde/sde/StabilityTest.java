package org.samsde.sde;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.samsde.core.objective.DiagonalQuadratic;
import org.samsde.core.objective.Objective;
import org.samsde.core.objective.ToyObjective;
import org.samsde.core.tensor.Backend;
import org.samsde.core.tensor.CpuBackend;
import org.samsde.sde.artifact.RunInfo;
import org.samsde.sde.optim.BaseStep;
import org.samsde.sde.optim.Optimizer;
import org.samsde.sde.optim.Svag;
import org.samsde.sde.optim.UpdateRule;

/**
 * The linear-stability thresholds of docs/stability.md checked on the methods' own iterations: on
 * a quadratic with curvature 2% below the declared threshold λ* the component along that curvature
 * shrinks, 2% above it grows (by the factor |1 − ηλ(1 + cλ)| ≥ 1.04 per step, so by more than 10³
 * over the steps taken where below it shrinks by 10⁻³).
 *
 * <p>The problem: f(x) = ½λx₁² + ½μ(x₂ − X)², μ = 10⁻⁶, started at x = (10⁻⁶, 0). The second
 * coordinate has a gradient G = μX that barely changes over the run (its curvature is tiny) and
 * dominates ‖∇f‖, which is SAM's assumption (‖∇f‖ constant over the steps considered); the first
 * carries the curvature under test.
 */
class StabilityTest {
    private static final Backend BE = CpuBackend.get();
    private static final double MU = 1e-6;
    private static final double START = 1e-6;
    private static final int STEPS = 200;

    /** |x₁| at each step of the method on the problem, from x₁ = 10⁻⁶; also checks ‖∇f‖ stays within 1% of G. */
    private static double[] run(String rule, double eta, double rho, double lambda, double g) {
        Objective f = ToyObjective.deterministic(new DiagonalQuadratic(new double[] {lambda, MU}, new double[] {0, g / MU}), BE);
        Optimizer opt = Optimizer.builder(f, UpdateRule.byName(rule)).eta(eta).rho(rho).build();
        Optimizer.State s = opt.init(BE.upload(new double[] {START, 0}, 2), 1);
        double[] out = new double[STEPS + 1];
        out[0] = START;
        for (int k = 0; k < STEPS; k++) {
            opt.step(s, k, STEPS);
            double[] x = s.x().toArray();
            out[k + 1] = Math.abs(x[0]);
            double gradNorm = Math.hypot(lambda * x[0], MU * (x[1] - g / MU));
            if (Math.abs(out[k + 1]) < 1e-3 / lambda) {
                assertEquals(g, gradNorm, 0.01 * g, rule + ": ‖∇f‖ stays at G while the curvature's component is small");
            }
        }
        return out;
    }

    @ParameterizedTest(name = "{0} at η = {1}, ρ = {2}, ‖∇f‖ = {3}")
    @CsvSource({
        "sgd, 0.1, 0.05, 1.0",
        "sgd, 0.02, 0.3, 0.5",
        "usam, 0.1, 0.05, 1.0",
        "usam, 0.05, 0.2, 0.3",
        "usam, 0.5, 0.01, 2.0",
        "sam, 0.1, 0.05, 1.0",
        "sam, 0.05, 0.2, 0.3",
        "sam, 0.5, 0.01, 2.0",
        "sam, 0.01, 0.5, 0.05",
        "dnsam, 0.1, 0.05, 1.0"
    })
    void justBelowTheThresholdStaysBoundedJustAboveItGrows(String rule, double eta, double rho, double g) {
        Stability st = UpdateRule.byName(rule).stability(eta, rho);
        assertNotNull(st, rule + " declares a threshold");
        double star = st.threshold(g);
        assertEquals(2, eta * star * (1 + (st.a() + st.b() / g) * star), 1e-12, "λ* solves ηλ(1 + cλ) = 2");

        double[] below = run(rule, eta, rho, 0.98 * star, g);
        for (double v : below) {
            assertTrue(v <= START * (1 + 1e-12), rule + ": 2% below λ* = " + star + " the component never grows, got " + v);
        }
        assertTrue(below[STEPS] < 1e-3 * START, rule + ": 2% below λ* the component shrinks, got " + below[STEPS]);

        double[] above = run(rule, eta, rho, 1.02 * star, g);
        assertTrue(above[STEPS] > 1e3 * START, rule + ": 2% above λ* = " + star + " the component grows, got " + above[STEPS]);
    }

    @Test
    void thresholdsAreTheClosedForms() {
        assertEquals(20.0, Stability.gradientDescent(0.1).threshold(Double.NaN), 1e-12, "2/η needs no gradient norm");
        // USAM at η = 0.1, ρ = 0.05: 0.1λ(1 + 0.05λ) = 2 ⇔ λ² + 20λ − 400 = 0 ⇔ λ = 10(√5 − 1)
        assertEquals(10 * (Math.sqrt(5) - 1), Stability.usam(0.1, 0.05).threshold(Double.NaN), 1e-12);
        // SAM at ‖∇f‖ = 0.5 is USAM at ρ/‖∇f‖ = 0.1: λ² + 10λ − 200 = 0 ⇔ λ = 5(√9 − 1) = 10
        assertEquals(10.0, Stability.sam(0.1, 0.05).threshold(0.5), 1e-12);
        assertEquals(0.0, Stability.sam(0.1, 0.05).threshold(0), 0.0, "at ‖∇f‖ = 0 every curvature is past SAM's threshold");
        assertEquals(20.0, Stability.sam(0.1, 0.05).threshold(1e30), 1e-9, "a large gradient norm gives GD's 2/η");
        assertEquals(20.0, Stability.usam(0.1, 0).threshold(1), 1e-12, "ρ = 0 is gradient descent");
        assertTrue(Double.isNaN(Stability.sam(0.1, 0.05).threshold(Double.NaN)));
        assertThrows(IllegalArgumentException.class, () -> new Stability(0, 0, 0, "x"));
        assertThrows(IllegalArgumentException.class, () -> new Stability(0.1, -1, 0, "x"));
    }

    @Test
    void anOptimiserDeclaresItsThresholdOnlyWhereItApplies() {
        Objective full = ToyObjective.deterministic(new DiagonalQuadratic(new double[] {1, 1}, null), BE);
        Objective four = ToyObjective.shifted(new DiagonalQuadratic(new double[] {1, 1}, null), new double[8], BE);
        UpdateRule sam = UpdateRule.byName("sam");
        assertEquals(Stability.sam(0.1, 0.05), Optimizer.builder(full, sam).eta(0.1).rho(0.05).build().stability());
        assertEquals(Stability.sam(0.1, 0.05), Optimizer.builder(four, sam).eta(0.1).rho(0.05).sampling(Sampling.full()).build()
                .stability(), "the full batch of a many-sample objective");
        assertNull(Optimizer.builder(four, sam).eta(0.1).rho(0.05).sampling(new Sampling(2, false)).build().stability(),
                "mini-batch: none");
        assertNull(Optimizer.builder(full, sam).eta(0.1).rho(0.05).base(new BaseStep.Momentum(0.9, 0)).build().stability(),
                "momentum changes the iteration: none");
        assertNull(Optimizer.builder(full, sam).eta(0.1).rho(0.05).lr(new LearningRate.Cosine(0.1, 0.0, true)).build().stability(),
                "a schedule: none");
        assertEquals(Stability.sam(0.025, 0.05), Optimizer.builder(full, sam).eta(0.1).rho(0.05).svag(new Svag(4)).build().stability(),
                "SVAG on the full batch is the rule at η/L");
        assertNull(Optimizer.builder(full, UpdateRule.byName("egr")).eta(0.1).rho(0.05).build().stability(), "EGR declares none");

        Map<String, Object> fields = RunInfo.of("test", "cpu", Map.of())
                .methods(List.of(Optimizer.builder(full, UpdateRule.byName("usam")).eta(0.1).rho(0.05).build())).fields();
        @SuppressWarnings("unchecked")
        Map<String, Object> usam = (Map<String, Object>) ((Map<String, Object>) fields.get(RunInfo.METHODS)).get("usam");
        assertEquals(Map.of("eta", 0.1, "a", 0.05, "b", 0.0, "equation", "ηλ(1 + ρλ) = 2"), usam.get(RunInfo.STABILITY));
    }
}
