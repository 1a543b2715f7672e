package org.samsde.core.hessian;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.samsde.core.InvalidInputException;

/** Stochastic Lanczos quadrature: normalisation, mass where the eigenvalues are, raw rules, PyHessian defaults. */
class SpectralDensityTest {

    /** Three clusters of half-width 0.01: 20% at −1, 50% at 0.5, 30% at 3. */
    static Spectra.Known clusters() {
        return Spectra.known(Spectra.concat(Spectra.linspace(120, -1.01, -0.99), Spectra.linspace(300, 0.49, 0.51),
                Spectra.linspace(180, 2.99, 3.01)), 17);
    }

    @Test
    void defaultsArePyHessians() {
        SpectralDensity s = SpectralDensity.defaults();
        assertEquals(100, s.steps());
        assertEquals(1, s.probes());
        assertEquals(Probe.RADEMACHER, s.probe());
        assertEquals(10_000, s.gridPoints());
        assertEquals(1e-5, s.varianceFactor());
    }

    @Test
    void densityIntegratesToOneAndPutsEachClustersShareNearIt() {
        Spectra.Known m = clusters();
        DensityEstimate e = SpectralDensity.defaults().withProbes(4, Probe.RADEMACHER).compute(m.operator());
        assertEquals(400, e.hvps());
        assertEquals(4, e.probes());
        assertEquals(100, e.steps());
        assertEquals(400, e.nodes().length);
        double[] grid = e.grid();
        double[] rho = e.density();
        assertEquals(10_000, grid.length);
        assertEquals(1.0, e.mass(Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY), 1e-12);
        assertRawMass(e);
        for (double r : rho) {
            assertTrue(r >= 0);
        }
        double[] centres = {-1, 0.5, 3};
        double[] shares = {0.2, 0.5, 0.3};
        for (int c = 0; c < 3; c++) {
            double mass = e.mass(centres[c] - 0.1, centres[c] + 0.1);
            assertEquals(shares[c], mass, 0.05, "cluster at " + centres[c]);
            assertEquals(shares[c], e.nodeMass(centres[c] - 0.1, centres[c] + 0.1), 0.05);
        }
        // each probe's weights are a probability vector; nodes lie within the spectrum
        double[] w = e.weights();
        double[] nodes = e.nodes();
        for (int p = 0; p < 4; p++) {
            double sum = 0;
            for (int j = 0; j < 100; j++) {
                sum += w[p * 100 + j];
                assertTrue(nodes[p * 100 + j] >= -1.01 - 1e-9 && nodes[p * 100 + j] <= 3.01 + 1e-9);
            }
            assertEquals(1.0, sum, 1e-12);
        }
        // PyHessian's kernel variance and grid
        assertEquals(1e-5 * (max(nodes) - min(nodes)), e.variance(), 1e-15);
        assertEquals(min(nodes) - 0.01, grid[0], 1e-12);
        assertEquals(max(nodes) + 0.01, grid[grid.length - 1], 1e-12);
    }

    @Test
    void extremeNodesConvergeToTheExtremeEigenvalues() {
        Spectra.Known m = clusters();
        DensityEstimate e = SpectralDensity.defaults().withProbes(1, Probe.GAUSSIAN).withSeed(4).compute(m.operator());
        assertEquals(-1.01, min(e.nodes()), 1e-6);
        assertEquals(3.01, max(e.nodes()), 1e-6);
    }

    /**
     * A tanh MLP Hessian (d = 51) against its explicit full Hessian. With m = d Lanczos steps every
     * weighted node is an exact eigenvalue (to 1e-8 of the spectral scale; full reorthogonalisation) and
     * the extreme nodes are λ_max and λ_min. The weights of probe v are then (vᵀuᵢ)², so the node mass
     * above a cut is vᵀPv for the spectral projector P: Hutchinson's estimate of (number of eigenvalues
     * above the cut)/d, checked within 4 of its exact standard errors √(2(‖P‖_F² − Σᵢ Pᵢᵢ²)/P_probes)/d.
     * With m = 20 &lt; d the extreme nodes still converge (Lanczos finds the ends first): to 1e-6.
     */
    @Test
    void onAnMlpHessianNodesAreEigenvaluesAndTheMassCountsThem() {
        Spectra.Net net = Spectra.mlp(new int[] {2, 8, 3}, 5);
        FullSpectrum full = FullHessian.defaults().spectrum(net.hessian(), true);
        double[] ev = full.eigenvalues();
        int d = ev.length;
        double scale = Math.max(Math.abs(ev[0]), Math.abs(ev[d - 1]));
        int probes = 10;
        DensityEstimate e = SpectralDensity.defaults().withProbes(probes, Probe.RADEMACHER).compute(net.hessian());
        assertEquals(d, e.steps(), "steps capped at d");
        double[] nodes = e.nodes();
        double[] w = e.weights();
        for (int j = 0; j < nodes.length; j++) {
            if (w[j] > 1e-10) {
                double nearest = Double.POSITIVE_INFINITY;
                for (double l : ev) {
                    nearest = Math.min(nearest, Math.abs(nodes[j] - l));
                }
                assertTrue(nearest <= 1e-8 * scale, "node " + nodes[j] + " (weight " + w[j] + ") is no eigenvalue");
            }
        }
        assertEquals(ev[0], max(nodes), 1e-10 * scale);
        assertEquals(ev[d - 1], min(nodes), 1e-10 * scale);
        double cut = 0.05 * ev[0];
        int above = 0;
        while (above < d && ev[above] > cut) {
            above++;
        }
        double[] u = full.eigenvectors();
        double[] proj = new double[d * d];
        for (int i = 0; i < above; i++) {
            for (int a = 0; a < d; a++) {
                for (int b = 0; b < d; b++) {
                    proj[a * d + b] += u[i * d + a] * u[i * d + b];
                }
            }
        }
        double off = 0;
        for (int a = 0; a < d; a++) {
            for (int b = 0; b < d; b++) {
                if (a != b) {
                    off += proj[a * d + b] * proj[a * d + b];
                }
            }
        }
        double se = Math.sqrt(2 * off / probes) / d;
        double share = (double) above / d;
        assertTrue(above > 0 && above < d, "the cut separates the spectrum");
        assertEquals(share, e.nodeMass(cut, Double.POSITIVE_INFINITY), 4 * se, "share of eigenvalues above " + cut + ", se " + se);
        DensityEstimate short20 = SpectralDensity.defaults().withSteps(20).withProbes(probes, Probe.RADEMACHER).compute(net.hessian());
        assertEquals(ev[0], max(short20.nodes()), 1e-6 * scale);
        assertEquals(ev[d - 1], min(short20.nodes()), 1e-6 * scale);
        assertRawMass(e);
    }

    @Test
    void fewerDimensionsThanStepsAndRepeatedEigenvaluesRestartWithZeroWeight() {
        double[] lambda = Spectra.concat(Spectra.linspace(10, 1, 1), Spectra.linspace(10, 2, 2));
        Spectra.Known m = Spectra.known(lambda, 3);
        DensityEstimate e = SpectralDensity.defaults().withProbes(2, Probe.RADEMACHER).compute(m.operator());
        assertEquals(20, e.steps(), "steps are capped at d");
        assertEquals(40, e.hvps());
        double[] nodes = e.nodes();
        double[] w = e.weights();
        int weighted = 0;
        for (int j = 0; j < nodes.length; j++) {
            assertTrue(Math.abs(nodes[j] - 1) < 1e-10 || Math.abs(nodes[j] - 2) < 1e-10, "node " + nodes[j]);
            if (w[j] > 1e-12) {
                weighted++;
            }
        }
        assertEquals(4, weighted, "two distinct eigenvalues per probe carry all the weight");
        assertEquals(1.0, e.mass(Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY), 1e-12);
        assertRawMass(e);
    }

    @Test
    void deterministicForASeedAndOptionsValidated() {
        Spectra.Known m = Spectra.known(Spectra.linspace(30, -1, 1), 1);
        SpectralDensity s = SpectralDensity.defaults().withSteps(10).withSeed(9);
        assertEquals(s.compute(m.operator()), s.compute(m.operator()));
        assertThrows(InvalidInputException.class, () -> SpectralDensity.defaults().withSteps(0));
        assertThrows(InvalidInputException.class, () -> SpectralDensity.defaults().withProbes(0, Probe.GAUSSIAN));
        assertThrows(InvalidInputException.class, () -> new SpectralDensity(10, 1, Probe.GAUSSIAN, 1, 1e-5, 0.01, 0));
    }

    /**
     * The density before its renormalisation: its trapezoid mass on the grid must be the exact Gaussian
     * mass of the quadrature on [a, b], and close to 1. The first to 5e-5: the trapezoid rule on a smooth
     * density with spacing h ≤ 4e-4 much below σ ≥ 3e-3 errs only by its Euler–Maclaurin end term
     * h²/12·(φ′(b) − φ′(a)) (measured 6.4e-6 on the clusters). The second to 0.01: what is lost is the
     * kernel tails beyond the pad of 0.01 past the extreme nodes, 1.6σ to 3.2σ here, weighted by those
     * nodes' small weights (measured 0.4% on the clusters). A wrong kernel constant, unsquared weights or
     * a missing average over probes moves it by far more.
     */
    private static void assertRawMass(DensityEstimate e) {
        double exact = gaussianMassOnGrid(e);
        assertEquals(exact, e.rawMass(), 5e-5, e.toString());
        assertEquals(1.0, e.rawMass(), 0.01, e.toString());
    }

    /** (1/P)·Σ τ_j·[Φ((b − θ_j)/σ) − Φ((a − θ_j)/σ)]: the exact mass of the smoothed quadrature on the grid [a, b]. */
    static double gaussianMassOnGrid(DensityEstimate e) {
        double[] grid = e.grid();
        double a = grid[0];
        double b = grid[grid.length - 1];
        double sigma = Math.sqrt(e.variance());
        double[] nodes = e.nodes();
        double[] w = e.weights();
        double s = 0;
        for (int j = 0; j < nodes.length; j++) {
            s += w[j] * 0.5 * (org.apache.commons.math3.special.Erf.erf((a - nodes[j]) / (sigma * Math.sqrt(2)),
                    (b - nodes[j]) / (sigma * Math.sqrt(2))));
        }
        return s / e.probes();
    }

    private static double min(double[] v) {
        double m = Double.POSITIVE_INFINITY;
        for (double x : v) {
            m = Math.min(m, x);
        }
        return m;
    }

    private static double max(double[] v) {
        double m = Double.NEGATIVE_INFINITY;
        for (double x : v) {
            m = Math.max(m, x);
        }
        return m;
    }
}
