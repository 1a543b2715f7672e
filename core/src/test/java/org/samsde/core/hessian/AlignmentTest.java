package org.samsde.core.hessian;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.samsde.core.objective.Batch;
import org.samsde.core.testing.Check;
import org.samsde.core.testing.FiniteDifferences;

/** Alignment measures, and the identity ∇λ₁ = T[v₁, v₁] on a small tanh MLP against finite differences of λ₁. */
class AlignmentTest {

    @Test
    void cosineAndSquaredOverlapOnKnownVectors() {
        double[] v = {0.6, 0.8, 0};
        assertEquals(1.0, Alignment.cosine(new double[] {3, 4, 0}, v), 1e-15);
        assertEquals(1.0, Alignment.cosine(new double[] {-3, -4, 0}, v), 1e-15, "sign of the eigenvector is irrelevant");
        assertEquals(0.0, Alignment.cosine(new double[] {0, 0, 5}, v), 0.0);
        assertEquals(0.36, Alignment.squaredOverlap(new double[] {3, 4, 0}, new double[] {1, 0, 0}), 1e-15);
        assertEquals(0.36, Alignment.squaredOverlap(new double[] {3, 4, 0}, new double[] {-2, 0, 0}), 1e-15);
        assertEquals(1.0, Alignment.cosine(new double[] {1e300, 1e300, 0}, new double[] {1e-300, 1e-300, 0}), 1e-15,
                "no overflow or underflow");
    }

    @Test
    void zeroVectorsGiveZeroNeverNaN() {
        double[] zero = new double[3];
        double[] v = {1, 0, 0};
        assertEquals(0.0, Alignment.cosine(zero, v));
        assertEquals(0.0, Alignment.cosine(v, zero));
        assertEquals(0.0, Alignment.squaredOverlap(zero, v));
        assertEquals(0.0, Alignment.squaredOverlap(zero, zero));
        assertThrows(IllegalArgumentException.class, () -> Alignment.cosine(v, new double[2]));
    }

    @Test
    void gradientOfTheTopEigenvalueIsTheThirdDerivativeAlongItsEigenvector() {
        Spectra.Net net = Spectra.mlp(new int[] {2, 4, 3}, 3);
        double[] x = net.x();
        FullHessian full = FullHessian.defaults();
        double[] spectrum = full.spectrum(net.hessian(), false).eigenvalues();
        assertTrue(spectrum[0] - spectrum[1] > 0.05 * spectrum[0],
                "lambda_1 must be simple for the identity: " + spectrum[0] + " vs " + spectrum[1]);

        EigenResult top = Lanczos.defaults().withTolerance(1e-12).compute(net.hessian(), 1, Which.TOP);
        assertEquals(spectrum[0], top.eigenvalue(0), 1e-12 * spectrum[0]);
        double[] tvv = Alignment.eigenvalueGradient(net.objective(), x, top.eigenvector(0), Batch.all());

        double[] fd = FiniteDifferences.gradient(
                p -> full.spectrum(HessianOperator.of(net.objective(), p, Batch.all()), false).eigenvalue(0), x, 1e-3);
        Check.close(fd, tvv, 1e-7, "grad lambda_1 vs T[v1, v1]");
    }
}
