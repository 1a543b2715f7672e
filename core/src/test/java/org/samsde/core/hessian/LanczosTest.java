package org.samsde.core.hessian;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.samsde.core.InvalidInputException;
import org.samsde.core.tensor.Vectors;

/**
 * Lanczos against matrices with known spectra (and EJML's eigenvalues of the same matrices), on
 * the Hessian of a small MLP built explicitly, on repeated eigenvalues that force a breakdown,
 * and against power iteration on a small relative gap.
 */
class LanczosTest {

    /** Hessian-like: a bulk near zero, a few positive outliers and a few negative ones. */
    static double[] outliers() {
        return Spectra.concat(new double[] {9, 7, 5.5, 4.5, 3.2, -3, -2.5, -2}, Spectra.linspace(192, -1, 1));
    }

    /** Tight clusters at both ends (spacing 1e-3), the middle well separated. */
    static double[] clustered() {
        return Spectra.concat(new double[] {5, 4.999, 4.998, 4.997, -2, -1.999, -1.998}, Spectra.linspace(193, -1.5, 2));
    }

    /** The most negative eigenvalue has the largest magnitude. */
    static double[] negativeDominant() {
        return Spectra.concat(new double[] {-6, 4, 3.5, 3}, Spectra.linspace(196, -1, 1));
    }

    static Stream<Arguments> spectra() {
        return Stream.of(
                Arguments.of("outliers", outliers(), 5),
                Arguments.of("clustered", clustered(), 4),
                Arguments.of("negative dominant", negativeDominant(), 3));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("spectra")
    void topAndBottomMatchTheKnownSpectrumAndEjml(String name, double[] lambda, int k) {
        Spectra.Known m = Spectra.known(lambda, 11);
        double[] exact = m.descending();
        double[] ejml = Spectra.ejmlEigenvalues(m.a(), m.d());
        assertTrue(Spectra.maxRelativeError(exact, ejml) < 1e-12, name + ": EJML disagrees with the constructed spectrum");

        DenseOperator h = m.operator();
        EigenResult top = Lanczos.defaults().compute(h, k, Which.TOP);
        assertTrue(top.converged(), top.toString());
        assertEquals(Which.TOP, top.which());
        assertTrue(Spectra.maxRelativeError(Arrays.copyOf(exact, k), top.eigenvalues()) < 1e-8, name + " top: " + top);
        assertTrue(Spectra.maxRelativeError(Arrays.copyOf(ejml, k), top.eigenvalues()) < 1e-8, name + " top vs EJML");

        EigenResult bottom = Lanczos.defaults().compute(h, k, Which.BOTTOM);
        assertTrue(bottom.converged(), bottom.toString());
        double[] ascending = new double[k];
        for (int i = 0; i < k; i++) {
            ascending[i] = exact[exact.length - 1 - i];
        }
        assertTrue(Spectra.maxRelativeError(ascending, bottom.eigenvalues()) < 1e-8, name + " bottom: " + bottom);

        for (EigenResult r : new EigenResult[] {top, bottom}) {
            assertTrue(r.hvps() == r.iterations() + k, "HVPs are the steps plus k verification products: " + r);
            for (int i = 0; i < k; i++) {
                double[] v = r.eigenvector(i);
                assertEquals(1.0, Vectors.scaledNorm(v), 1e-12);
                double[] res = h.apply(v);
                Vectors.axpy(v.length, -r.eigenvalue(i), v, 0, res, 0);
                assertEquals(Vectors.scaledNorm(res), r.residual(i), 1e-12 * Math.abs(r.eigenvalue(i)), "reported residual is real");
                assertTrue(r.residual(i) <= Lanczos.DEFAULT_TOLERANCE * Math.abs(r.eigenvalue(i)), r.toString());
            }
        }
    }

    @Test
    void eigenvectorsOfWellSeparatedEigenvaluesAreTheTrueOnes() {
        Spectra.Known m = Spectra.known(outliers(), 3);
        EigenResult top = Lanczos.defaults().compute(m.operator(), 3, Which.TOP);
        for (int i = 0; i < 3; i++) {
            // the outliers 9, 7, 5.5 are lambda[0..2]
            assertEquals(1.0, Alignment.cosine(top.eigenvector(i), m.eigenvector(i)), 1e-12);
        }
    }

    @Test
    void mlpHessianMatchesTheExplicitFullHessian() {
        Spectra.Net net = Spectra.mlp(new int[] {2, 8, 3}, 5);
        FullSpectrum full = FullHessian.defaults().spectrum(net.hessian(), false);
        double[] all = full.eigenvalues();
        int k = 3;
        EigenResult top = Lanczos.defaults().compute(net.hessian(), k, Which.TOP);
        assertTrue(top.converged(), top.toString());
        assertTrue(Spectra.maxRelativeError(Arrays.copyOf(all, k), top.eigenvalues()) < 1e-8, top + " vs " + Arrays.toString(all));
        EigenResult bottom = Lanczos.defaults().compute(net.hessian(), k, Which.BOTTOM);
        double[] ascending = {all[all.length - 1], all[all.length - 2], all[all.length - 3]};
        assertTrue(bottom.converged(), bottom.toString());
        // the bottom of an MLP Hessian sits near zero: judged against the spectral scale, as the stopping rule does
        for (int i = 0; i < k; i++) {
            assertEquals(ascending[i], bottom.eigenvalue(i), 1e-8 * Math.max(Math.abs(ascending[i]), 1e-6 * all[0]),
                    bottom + " vs " + Arrays.toString(ascending));
        }
    }

    @Test
    void repeatedEigenvaluesAreFoundThroughBreakdownAndRestart() {
        // the Krylov space of any start vector has dimension 3 (three distinct eigenvalues): Lanczos
        // breaks down after 3 steps, restarts orthogonally and must still find 3 copies of 3
        Spectra.Known m = Spectra.known(new double[] {3, 3, 3, 1, 1, -2}, 8);
        EigenResult top = Lanczos.defaults().compute(m.operator(), 3, Which.TOP);
        assertArrayEquals(new double[] {3, 3, 3}, top.eigenvalues(), 1e-12, top.toString());
        assertTrue(top.converged());
        EigenResult bottom = Lanczos.defaults().compute(m.operator(), 2, Which.BOTTOM);
        assertArrayEquals(new double[] {-2, 1}, bottom.eigenvalues(), 1e-12, bottom.toString());
    }

    @Test
    void wholeSpaceIsExactWhenKEqualsD() {
        double[] lambda = {4, -1, 2.5, 0.5, -3};
        Spectra.Known m = Spectra.known(lambda, 2);
        EigenResult all = Lanczos.defaults().compute(m.operator(), 5, Which.TOP);
        assertArrayEquals(m.descending(), all.eigenvalues(), 1e-12);
        assertTrue(all.converged());
    }

    @Test
    void lanczosNeedsFarFewerProductsThanPowerIterationOnASmallRelativeGap() {
        // lambda_2 / lambda_1 = 0.99: power iteration contracts by 0.99^2 per step
        double[] lambda = Spectra.concat(new double[] {1.0, 0.99}, Spectra.linspace(398, -0.9, 0.9));
        Spectra.Known m = Spectra.known(lambda, 21);
        EigenResult lanczos = Lanczos.defaults().withTolerance(1e-6).compute(m.operator(), 1, Which.TOP);
        EigenResult power = PowerIteration.defaults().withMaxIterations(100_000).withTolerance(1e-10).compute(m.operator(), 1);
        // power iteration's converged flag is its residual test, which the relative-change rule rarely meets
        assertTrue(lanczos.converged() && power.iterations() < 100_000, lanczos + " / " + power);
        assertEquals(1.0, lanczos.eigenvalue(0), 1e-10);
        assertEquals(1.0, power.eigenvalue(0), 1e-6);
        assertTrue(lanczos.hvps() * 5 < power.hvps(), "Lanczos " + lanczos.hvps() + " HVPs vs power " + power.hvps());
        // PyHessian's power iteration defaults stop early there, with a residual far above Lanczos's
        EigenResult pyhessian = PowerIteration.defaults().compute(m.operator(), 1);
        assertTrue(pyhessian.residual(0) > 100 * lanczos.residual(0), pyhessian + " vs " + lanczos);
    }

    /**
     * Two Hessians a record apart whose top two eigenvalues cross: A has λ₁ = 10 on u₁ and λ₂ = 9.5 on
     * u₂, B the same eigenvectors with the two values swapped (the bulk, in [−1, 1], is shared; d = 40).
     * Warm-started on B from A's top vector, which is B's SECOND eigenvector to the accuracy of A's
     * solve, Lanczos must still return B's λ₁ = 10 on u₂, at the tolerances the recorder (1e-4) and
     * the default (1e-8) use. Without a safeguard the first step's residual already meets the rule and
     * the old branch, 9.5, is reported as converged.
     */
    @ParameterizedTest(name = "tolerance {0}")
    @ValueSource(doubles = {1e-4, 1e-6, 1e-8})
    void warmStartFromTheOtherBranchStillFindsTheTopEigenpairAfterACrossing(double tol) {
        double[] bulk = Spectra.linspace(38, -1, 1);
        Spectra.Known a = Spectra.known(Spectra.concat(new double[] {10, 9.5}, bulk), 17);
        Spectra.Known b = Spectra.known(Spectra.concat(new double[] {9.5, 10}, bulk), 17);
        assertArrayEquals(a.q(), b.q(), "same eigenvectors, crossed eigenvalues");
        Lanczos lanczos = Lanczos.defaults().withTolerance(tol).withSeed(5);
        EigenResult before = lanczos.compute(a.operator(), 1, Which.TOP);
        assertEquals(10, before.eigenvalue(0), tol * 10, before.toString());
        assertEquals(1.0, Math.abs(Alignment.cosine(before.eigenvector(0), a.eigenvector(0))), 1e-6, "A's top vector is u1");

        EigenResult after = lanczos.compute(b.operator(), 1, Which.TOP, before.eigenvector(0));
        assertTrue(after.converged(), after.toString());
        assertEquals(10, after.eigenvalue(0), tol * 10, "B's top eigenvalue, not the crossed branch: " + after);
        double cos = Math.abs(Alignment.cosine(after.eigenvector(0), b.eigenvector(1)));
        // |sin| of the angle to u2 is at most residual / gap (Davis-Kahan), gap 0.5
        assertEquals(1.0, cos, Math.max(1e-12, Math.pow(20 * tol, 2)), "|cos(v, u2)| = " + cos + " " + after);
        assertEquals(after, lanczos.compute(b.operator(), 1, Which.TOP, before.eigenvector(0)), "deterministic for a seed");
    }

    @Test
    void sameSeedSameResultOtherSeedSameEigenvalues() {
        Spectra.Known m = Spectra.known(outliers(), 4);
        EigenResult a = Lanczos.defaults().withSeed(7).compute(m.operator(), 2, Which.TOP);
        EigenResult b = Lanczos.defaults().withSeed(7).compute(m.operator(), 2, Which.TOP);
        EigenResult c = Lanczos.defaults().withSeed(8).compute(m.operator(), 2, Which.TOP);
        assertEquals(a, b);
        assertArrayEquals(a.eigenvalues(), c.eigenvalues(), 1e-8 * 9);
    }

    @Test
    void iterationCapReportsNonConvergence() {
        Spectra.Known m = Spectra.known(clustered(), 4);
        EigenResult r = Lanczos.defaults().withMaxIterations(5).compute(m.operator(), 3, Which.TOP);
        assertFalse(r.converged());
        assertEquals(5, r.iterations());
        assertEquals(8, r.hvps());
        for (double res : r.residuals()) {
            assertTrue(Double.isFinite(res) && res > 0);
        }
    }

    @Test
    void badKAndOptionsAreRejectedWithTheirValues() {
        DenseOperator h = Spectra.known(new double[] {1, 2, 3}, 1).operator();
        InvalidInputException big = assertThrows(InvalidInputException.class, () -> Lanczos.defaults().compute(h, 4, Which.TOP));
        assertTrue(big.getMessage().contains("k = 4") && big.getMessage().contains("d = 3"), big.getMessage());
        InvalidInputException zero = assertThrows(InvalidInputException.class, () -> Lanczos.defaults().compute(h, 0, Which.TOP));
        assertTrue(zero.getMessage().contains("k = 0"), zero.getMessage());
        assertThrows(InvalidInputException.class, () -> Lanczos.defaults().withMaxIterations(1).compute(h, 2, Which.TOP));
        assertThrows(InvalidInputException.class, () -> Lanczos.defaults().withTolerance(0));
        assertThrows(InvalidInputException.class, () -> Lanczos.defaults().withMaxIterations(-1));
        assertEquals(0, h.applications(), "nothing is applied before the checks pass");
        assertThrows(IllegalArgumentException.class, () -> Lanczos.defaults().compute(h, 1, Which.TOP, new double[3]));
    }

    @Test
    void everyToolHandlesDimensionOne() {
        DenseOperator h = new DenseOperator(new double[] {-2.5});
        assertArrayEquals(new double[] {-2.5}, Lanczos.defaults().compute(h, 1, Which.TOP).eigenvalues(), 1e-15);
        assertArrayEquals(new double[] {-2.5}, Lanczos.defaults().compute(h, 1, Which.BOTTOM).eigenvalues(), 1e-15);
        EigenResult p = PowerIteration.defaults().compute(h, 1);
        assertTrue(p.converged());
        assertEquals(-2.5, p.eigenvalue(0), 1e-15);
        assertArrayEquals(new double[] {-2.5}, FullHessian.defaults().spectrum(h, true).eigenvalues(), 1e-15);
        DensityEstimate e = SpectralDensity.defaults().compute(h);
        assertEquals(1, e.steps());
        assertEquals(1.0, e.mass(-2.6, -2.4), 1e-9);
        assertEquals(-2.5, Trace.hutchinson(h, 2, 0).trace(), 1e-15);
    }

    @Test
    void manyPairsAreVerifiedInBoundedBatches() {
        Spectra.Known m = Spectra.known(Spectra.linspace(60, -3, 3), 5);
        EigenResult r = Lanczos.defaults().compute(m.operator(), 40, Which.TOP);
        assertTrue(r.converged(), r.toString());
        assertArrayEquals(java.util.Arrays.copyOf(m.descending(), 40), r.eigenvalues(), 1e-8 * 3);
    }

    @Test
    void largestMagnitudeFindsTheNegativeEigenvalue() {
        Spectra.Known m = Spectra.known(negativeDominant(), 6);
        EigenResult r = Lanczos.defaults().compute(m.operator(), 2, Which.LARGEST_MAGNITUDE);
        assertArrayEquals(new double[] {-6, 4}, r.eigenvalues(), 1e-7);
    }
}
