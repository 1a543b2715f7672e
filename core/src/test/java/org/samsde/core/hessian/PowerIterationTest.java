package org.samsde.core.hessian;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.samsde.core.InvalidInputException;
import org.samsde.core.tensor.Vectors;

/** Power iteration: PyHessian's defaults, largest |λ| (not λ_max), deflation, warm starts, honest non-convergence. */
class PowerIterationTest {

    /** Well separated in magnitude: 10, 6, −4, then a bulk in [−1, 1]. */
    static Spectra.Known separated() {
        return Spectra.known(Spectra.concat(new double[] {10, 6, -4}, Spectra.linspace(97, -1, 1)), 31);
    }

    @Test
    void defaultsArePyHessians() {
        PowerIteration p = PowerIteration.defaults();
        assertEquals(100, p.maxIterations());
        assertEquals(1e-3, p.tolerance());
    }

    @Test
    void topThreeByMagnitudeWithDeflationWithinTolerance() {
        Spectra.Known m = separated();
        EigenResult r = PowerIteration.defaults().compute(m.operator(), 3);
        assertTrue(r.iterations() < 3 * PowerIteration.DEFAULT_MAX_ITERATIONS, "PyHessian's rule ended every pair: " + r);
        assertConvergedIffResidualsMeetTolerance(r);
        assertEquals(Which.LARGEST_MAGNITUDE, r.which());
        double[] expected = {10, 6, -4};
        for (int i = 0; i < 3; i++) {
            assertEquals(expected[i], r.eigenvalue(i), PowerIteration.DEFAULT_TOLERANCE * Math.abs(expected[i]), r.toString());
            assertEquals(1.0, Vectors.scaledNorm(r.eigenvector(i)), 1e-12);
            // the reported residual belongs to the reported pair
            double[] v = r.eigenvector(i);
            double[] res = m.operator().apply(v);
            Vectors.axpy(v.length, -r.eigenvalue(i), v, 0, res, 0);
            assertEquals(Vectors.scaledNorm(res), r.residual(i), 1e-12 * 10);
        }
        assertEquals(r.iterations(), r.hvps(), "one HVP per iteration");
    }

    @Test
    void findsTheLargestMagnitudeEvenWhenItIsNegative() {
        Spectra.Known m = Spectra.known(LanczosTest.negativeDominant(), 12);
        EigenResult r = PowerIteration.defaults().compute(m.operator(), 1);
        assertEquals(-6, r.eigenvalue(0), 6e-3, "power iteration returns the most negative eigenvalue, not lambda_max = 4");
        assertEquals(Which.LARGEST_MAGNITUDE, r.which());
        EigenResult top = Lanczos.defaults().compute(m.operator(), 1, Which.TOP);
        assertEquals(4, top.eigenvalue(0), 1e-8 * 4);
    }

    /** The exact eigenvalues of an MLP Hessian (EJML on the explicit full Hessian), sorted by decreasing |λ|. */
    static double[] byMagnitude(Spectra.Net net) {
        double[] ev = FullHessian.defaults().spectrum(net.hessian(), false).eigenvalues();
        return java.util.Arrays.stream(ev).boxed().sorted((a, b) -> Double.compare(Math.abs(b), Math.abs(a)))
                .mapToDouble(Double::doubleValue).toArray();
    }

    /**
     * A tanh MLP Hessian at initialisation (d = 51, λ₁ = 1.409, λ₂ = 1.186: ratio 0.84, so the default
     * rule stops early). With the defaults the rule ends it (the converged flag is the residual test, false
     * here: r = 0.027 > 1e-3·λ₁), and the error of the returned Rayleigh quotient θ
     * obeys the Kato–Temple bound |λ₁ − θ| ≤ r²/δ with r the reported residual and δ the distance from θ
     * to the rest of the exact spectrum (a theorem; measured 3.2e-3 against a bound of 3.2e-3, while the
     * relative change rule 1e-3 alone would suggest less). With the tolerance at 1e-12: the two eigenvalues
     * of largest magnitude to 1e-8 relative (the remaining error is about tol·ρ²/(1 − ρ²), ρ ≤ 0.84).
     */
    @Test
    void onAnMlpHessianItMeetsTheKatoTempleBoundAndConvergesToTheExactEigenvalues() {
        Spectra.Net net = Spectra.mlp(new int[] {2, 8, 3}, 5);
        double[] exact = byMagnitude(net);
        EigenResult r = PowerIteration.defaults().compute(net.hessian(), 1);
        assertTrue(r.iterations() < PowerIteration.DEFAULT_MAX_ITERATIONS, "PyHessian's rule ended it: " + r);
        assertConvergedIffResidualsMeetTolerance(r);
        double theta = r.eigenvalue(0);
        double delta = Double.POSITIVE_INFINITY;
        for (int j = 1; j < exact.length; j++) {
            delta = Math.min(delta, Math.abs(theta - exact[j]));
        }
        double err = Math.abs(theta - exact[0]);
        assertTrue(err <= r.residual(0) * r.residual(0) / delta * (1 + 1e-9), "Kato-Temple: error " + err + ", r = " + r.residual(0)
                + ", delta = " + delta + " " + r);
        assertTrue(err <= r.residual(0), r.toString());
        EigenResult tight = PowerIteration.defaults().withTolerance(1e-12).withMaxIterations(1000).compute(net.hessian(), 2);
        assertTrue(tight.iterations() < 2 * 1000, "the rule, not the cap, ended it: " + tight);
        assertConvergedIffResidualsMeetTolerance(tight);
        for (int i = 0; i < 2; i++) {
            assertEquals(exact[i], tight.eigenvalue(i), 1e-8 * Math.abs(exact[i]), tight + " vs " + exact[i]);
        }
    }

    /** On an MLP Hessian whose most negative eigenvalue (−1.585) outweighs λ_max (1.483), that negative one is found. */
    @Test
    void onAnMlpHessianTheLargestMagnitudeMayBeNegative() {
        Spectra.Net net = Spectra.mlp(new int[] {2, 6, 3}, 5);
        double[] exact = byMagnitude(net);
        assertTrue(exact[0] < 0, "this network's dominant eigenvalue is negative: " + exact[0]);
        EigenResult r = PowerIteration.defaults().withTolerance(1e-12).withMaxIterations(1000).compute(net.hessian(), 1);
        assertTrue(r.iterations() < 1000, "the rule, not the cap, ended it: " + r);
        assertEquals(exact[0], r.eigenvalue(0), 1e-8 * Math.abs(exact[0]), r.toString());
    }

    /**
     * λ₂/λ₁ = 0.99 ({10, 9.9, 9, a bulk in [−1, 1]}, d = 100): PyHessian's rule stops after 4–19
     * iterations with relative eigenvalue errors up to 1.4e-2 and |cos(v, v₁)| down to 0.02, far from
     * converged. The stopping rule stays PyHessian's; {@link EigenResult#converged()} must be the residual
     * test ‖Hv − λv‖ ≤ tol·|λ| on the returned pair, so here it is false for every seed, while a start
     * at v₁ reports converged.
     */
    @Test
    void convergedMeansTheResidualMetTheToleranceNotThatTheEstimateStoppedMoving() {
        Spectra.Known m = Spectra.known(Spectra.concat(new double[] {10, 9.9, 9}, Spectra.linspace(97, -1, 1)), 40);
        double tol = PowerIteration.DEFAULT_TOLERANCE;
        for (long seed = 0; seed < 6; seed++) {
            EigenResult r = PowerIteration.defaults().withSeed(seed).compute(m.operator(), 1);
            assertTrue(r.iterations() < PowerIteration.DEFAULT_MAX_ITERATIONS, "PyHessian's rule stopped early: " + r);
            double[] v = r.eigenvector(0);
            double[] res = m.operator().apply(v);
            Vectors.axpy(v.length, -r.eigenvalue(0), v, 0, res, 0);
            assertEquals(Vectors.scaledNorm(res), r.residual(0), 1e-12 * 10, "the residual is of the returned pair");
            assertTrue(r.residual(0) > tol * Math.abs(r.eigenvalue(0)), "this spectrum defeats the rule: " + r);
            assertFalse(r.converged(), "seed " + seed + ", error " + Math.abs(r.eigenvalue(0) - 10) + ", |cos(v, v1)| "
                    + Math.abs(Alignment.cosine(v, m.eigenvector(0))) + ": " + r);
        }
        EigenResult atV1 = PowerIteration.defaults().compute(m.operator(), 1, m.eigenvector(0));
        assertTrue(atV1.converged(), atV1.toString());
        assertEquals(10, atV1.eigenvalue(0), 1e-12 * 10, atV1.toString());
    }

    /** {@link EigenResult#converged()} of power iteration is exactly the residual test of its pairs. */
    static void assertConvergedIffResidualsMeetTolerance(EigenResult r) {
        boolean met = true;
        for (int i = 0; i < r.count(); i++) {
            met &= r.residual(i) <= r.tolerance() * Math.max(Math.abs(r.eigenvalue(i)), 1e-6 * Math.abs(r.eigenvalue(0)));
        }
        assertEquals(met, r.converged(), r.toString());
    }

    @Test
    void tinyIterationCapIsReportedNotHidden() {
        Spectra.Known m = Spectra.known(LanczosTest.clustered(), 5);
        EigenResult r = PowerIteration.defaults().withMaxIterations(3).compute(m.operator(), 2);
        assertFalse(r.converged(), r.toString());
        assertEquals(6, r.hvps());
        for (int i = 0; i < 2; i++) {
            assertTrue(Double.isFinite(r.residual(i)) && r.residual(i) > 1e-3, r.toString());
            assertTrue(Double.isFinite(r.eigenvalue(i)));
        }
        assertTrue(r.toString().contains("NOT converged"));
    }

    @Test
    void warmStartAtAnEigenvectorStopsAtOnce() {
        Spectra.Known m = separated();
        EigenResult r = PowerIteration.defaults().compute(m.operator(), 1, m.eigenvector(0));
        assertTrue(r.converged());
        assertEquals(2, r.iterations(), "the second estimate equals the first");
        assertEquals(10, r.eigenvalue(0), 1e-12);
        assertEquals(0, r.residual(0), 1e-12);
    }

    @Test
    void deterministicForASeed() {
        Spectra.Known m = separated();
        assertEquals(PowerIteration.defaults().withSeed(3).compute(m.operator(), 2),
                PowerIteration.defaults().withSeed(3).compute(m.operator(), 2));
    }

    @Test
    void zeroOperatorGivesAnExactZeroPair() {
        DenseOperator zero = new DenseOperator(new double[16]);
        EigenResult r = PowerIteration.defaults().compute(zero, 2);
        assertTrue(r.converged());
        assertArrayEquals(new double[] {0, 0}, r.eigenvalues());
        assertArrayEquals(new double[] {0, 0}, r.residuals());
    }

    @Test
    void badInputIsRejected() {
        DenseOperator h = Spectra.known(new double[] {1, 2}, 1).operator();
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> PowerIteration.defaults().compute(h, 3));
        assertTrue(e.getMessage().contains("k = 3") && e.getMessage().contains("d = 2"), e.getMessage());
        assertThrows(InvalidInputException.class, () -> PowerIteration.defaults().compute(h, -1));
        assertThrows(InvalidInputException.class, () -> PowerIteration.defaults().withMaxIterations(0));
        assertThrows(InvalidInputException.class, () -> PowerIteration.defaults().withTolerance(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> PowerIteration.defaults().compute(h, 1, new double[] {0, 0}));
        assertThrows(IllegalArgumentException.class, () -> PowerIteration.defaults().compute(h, 1, new double[] {1, 0, 0}));
    }
}
