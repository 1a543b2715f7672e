package org.samsde.core.hessian;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.samsde.core.InvalidInputException;
import org.samsde.core.objective.Batch;
import org.samsde.core.objective.Quadratic;
import org.samsde.core.objective.ToyObjective;
import org.samsde.core.tensor.CpuBackend;
import org.samsde.core.tensor.Vectors;
import org.samsde.core.testing.Check;

/** The explicit Hessian: exact on a quadratic, symmetric, consistent with HVPs on an MLP, and refused when too big. */
class FullHessianTest {

    @Test
    void quadraticToyGivesAItself() {
        Spectra.Known m = Spectra.known(LanczosTest.outliers(), 9);
        int d = m.d();
        ToyObjective toy = ToyObjective.deterministic(new Quadratic(m.a(), Spectra.gaussian(1, d)), CpuBackend.get());
        HessianOperator h = HessianOperator.of(toy, Spectra.gaussian(2, d), Batch.all());
        double[] full = FullHessian.defaults().matrix(h);
        assertEquals(d, h.applications(), "one HVP per column");
        double scale = 9;
        for (int i = 0; i < d * d; i++) {
            assertEquals(m.a()[i], full[i], 1e-12 * scale);
        }
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                assertEquals(full[i * d + j], full[j * d + i], 0.0);
            }
        }
    }

    @Test
    void spectrumIsTheKnownOneDescendingWithEigenvectors() {
        Spectra.Known m = Spectra.known(LanczosTest.clustered(), 2);
        FullSpectrum s = FullHessian.defaults().spectrum(m.operator(), true);
        assertArrayEquals(m.descending(), s.eigenvalues(), 1e-12 * 5);
        for (int i = 0; i < m.d(); i++) {
            assertTrue(i == 0 || s.eigenvalue(i) <= s.eigenvalue(i - 1));
            double[] v = s.eigenvector(i);
            double[] res = m.operator().apply(v);
            Vectors.axpy(v.length, -s.eigenvalue(i), v, 0, res, 0);
            assertTrue(Vectors.scaledNorm(res) < 1e-12 * 5, "eigenpair " + i);
        }
        assertEquals(m.d(), s.hvps());
        assertEquals(0.0, s.asymmetry(), 1e-15, "A is exactly symmetric");
        assertNull(FullHessian.defaults().spectrum(m.operator(), false).eigenvectors());
        assertEquals(java.util.Arrays.stream(m.lambda()).sum(), s.trace(), 1e-10);
    }

    @Test
    void mlpHessianColumnsAreHvpsAndNearlySymmetric() {
        Spectra.Net net = Spectra.mlp(new int[] {2, 6, 3}, 4);
        HessianOperator h = net.hessian();
        int d = h.dimension();
        double[] full = new FullHessian(7, Long.MAX_VALUE).matrix(h);
        for (int j : new int[] {0, 5, d - 1}) {
            double[] e = new double[d];
            e[j] = 1;
            double[] col = h.apply(e);
            double[] fromFull = new double[d];
            for (int i = 0; i < d; i++) {
                fromFull[i] = full[i * d + j];
            }
            Check.close(col, fromFull, 1e-13, "column " + j);
        }
        FullSpectrum s = FullHessian.defaults().spectrum(h, false);
        assertTrue(s.asymmetry() < 1e-13, "Taylor-mode HVPs are symmetric to rounding: " + s.asymmetry());
    }

    @Test
    void tooBigIsRefusedUpFrontNamingDAndTheMemory() {
        Spectra.Net net = Spectra.mlp(new int[] {2, 6, 3}, 4);
        HessianOperator h = net.hessian();
        int d = h.dimension();
        FullHessian small = FullHessian.defaults().withMemoryLimit(8L * d * d);
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> small.spectrum(h, false));
        assertTrue(e.getMessage().contains("d = " + d) && e.getMessage().contains("MiB"), e.getMessage());
        assertEquals(0, h.applications(), "refused before any HVP");
        small.matrix(h);
        assertThrows(InvalidInputException.class, () -> FullHessian.defaults().requireFits(1 << 20, false));
        assertEquals(3L * 8 * 100 * 100, FullHessian.bytesNeeded(100, true));
        assertThrows(InvalidInputException.class, () -> new FullHessian(0, 1));
    }
}
