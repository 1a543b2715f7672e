package org.example.asam;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.samsde.core.objective.ClosedFormLoss;
import org.samsde.core.objective.Polynomial;
import org.samsde.core.objective.Quadratic;
import org.samsde.core.objective.ToyObjective;
import org.samsde.core.tensor.CpuBackend;
import org.samsde.core.testing.Problems;
import org.samsde.core.testing.Toys;
import org.samsde.plots.FigureKind;
import org.samsde.plots.Figures;
import org.samsde.plots.spec.Figure;
import org.samsde.plots.spec.Style;
import org.samsde.sde.artifact.RunInfo;
import org.samsde.sde.model.Coefficients;
import org.samsde.sde.model.SdeModel;
import org.samsde.sde.optim.Optimizer;
import org.samsde.sde.optim.UpdateRule;
import org.samsde.testkit.DriftAssertions;

/** ASAM's rule and its SDE's drift against closed forms on toys, with the samsde test kit; then the ensemble comparison. */
class AsamTest {
    private static final int D = 4;
    private static final double ETA_A = 0.01;

    /** v = ρT²g/‖Tg‖, T = diag(|x| + η_A), written out independently of AsamPerturbation. */
    private static double[] v(double[] x, double[] g, double rho) {
        double n2 = 0;
        for (int i = 0; i < x.length; i++) {
            n2 += Math.pow((Math.abs(x[i]) + ETA_A) * g[i], 2);
        }
        double[] out = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = rho * Math.pow(Math.abs(x[i]) + ETA_A, 2) * g[i] / Math.sqrt(n2);
        }
        return out;
    }

    /** G(x) = g + H·v(g) on any closed-form loss: the full-batch drift, or G_γ on a batch loss. */
    private static double[] increment(ClosedFormLoss f, double[] x, Coefficients c) {
        double[] g = new double[x.length];
        double[] hv = new double[x.length];
        f.gradient(x, g);
        f.hvp(x, v(x, g, c.rho()), hv);
        for (int i = 0; i < x.length; i++) {
            g[i] += hv[i];
        }
        return g;
    }

    @Test
    void driftOnAQuadraticIsGPlusRhoATSquaredGOverNormTG() {
        double[] a = Toys.spd(1, D);
        double[] xstar = Problems.gaussian(2, D, 1.0);
        double[] x = Problems.gaussian(3, D, 1.0);
        Coefficients c = new Coefficients(0.2, 0.05);
        // b = g + ρ·A·T²g/‖Tg‖ with g = A(x − x*)
        DriftAssertions.assertFullBatchDrift(new AsamSde(ETA_A), new Quadratic(a, xstar), c, x, (f, y, k) -> {
            double[] diff = new double[D];
            for (int i = 0; i < D; i++) {
                diff[i] = y[i] - xstar[i];
            }
            double[] g = Toys.mul(a, diff);
            double[] av = Toys.mul(a, v(y, g, k.rho()));
            for (int i = 0; i < D; i++) {
                g[i] += av[i];
            }
            return g;
        }, 1e-12);
    }

    @Test
    void perBatchIncrementsOnAMiniBatchToyAreTheirClosedForms() {
        Polynomial p = Toys.polynomial(4, D, 0.5, 0.5);
        double[] xi = Problems.gaussian(5, 6 * D, 0.5);
        double[] x = Problems.gaussian(6, D, 0.8);
        Coefficients c = new Coefficients(0.3, 0.1);
        int batches = DriftAssertions.assertIncrements(new AsamSde(ETA_A), p, xi, 2, c, x, AsamTest::increment, 1e-12);
        assertEquals(15, batches);
        // SAM's direction ρg/‖g‖ is a different increment, so the assertion can fail
        assertThrows(AssertionError.class, () -> DriftAssertions.assertIncrements(SdeModel.byName("sam2"), p, xi, 2, c, x,
                AsamTest::increment, 1e-6));
    }

    @Test
    void oneAsamStepIsXMinusEtaTimesTheGradientAtXPlusEpsilon() {
        double[] a = Toys.spd(7, D);
        Quadratic q = new Quadratic(a, null);
        double[] x = Problems.gaussian(8, D, 1.0);
        double eta = 0.1;
        double rho = 0.2;
        Optimizer opt = Optimizer.builder(ToyObjective.deterministic(q, CpuBackend.get()), new Asam(ETA_A)).eta(eta).rho(rho).build();
        Optimizer.State s = opt.init(CpuBackend.get().upload(x, D), 1);
        opt.step(s, 0, 1);
        double[] g = Toys.mul(a, x);
        double[] eps = v(x, g, rho);
        double[] expected = x.clone();
        double[] shifted = x.clone();
        for (int i = 0; i < D; i++) {
            shifted[i] += eps[i];
        }
        double[] d = Toys.mul(a, shifted);
        for (int i = 0; i < D; i++) {
            expected[i] -= eta * d[i];
        }
        assertArrayEquals(expected, s.x().toArray(), 1e-14);
        assertArrayEquals(eps, s.perturbation().toArray(), 1e-15);
    }

    @Test
    void bothAreFoundByNameThroughTheirServiceEntries() {
        assertInstanceOf(Asam.class, UpdateRule.byName("asam"));
        assertEquals(0.05, ((Asam) UpdateRule.byName("asam:0.05")).etaAsam(), 0);
        assertInstanceOf(AsamSde.class, SdeModel.byName("asam2"));
        assertThrows(IllegalArgumentException.class, () -> UpdateRule.byName("asam:-1"));
    }

    /**
     * A small ensemble (4 seeds, 60 steps) of ASAM and its SDE: both descend, the SDE's mean final
     * loss is within 25% of ASAM's, and the comparison figure is written.
     */
    @Test
    void theEnsembleComparisonRunsAndDrawsItsFigure(@TempDir Path tmp) throws Exception {
        AsamComparison.Result r = AsamComparison.run(tmp.resolve("run"), 60, 4, 0.05, 0.05);
        assertTrue(r.asamLoss() < r.initialLoss(), "ASAM descends: " + r);
        assertTrue(r.sdeLoss() < r.initialLoss(), "its SDE descends: " + r);
        assertTrue(Math.abs(r.sdeLoss() - r.asamLoss()) <= 0.25 * r.asamLoss(), "the SDE tracks ASAM: " + r);
        assertTrue(!r.figures().isEmpty(), "figures");
        for (Path f : r.figures()) {
            assertTrue(Files.size(f) > 0, f + " is empty");
        }
        // what each method is travels with the run: run.json records it, the figures read it
        JsonNode methods = RunInfo.read(tmp.resolve("run")).path(RunInfo.METHODS);
        assertEquals("ASAM (Kwon et al.)", methods.path("asam").path("display_name").asText(), methods.toString());
        assertTrue(methods.path("asam").path("perturbs").asBoolean(), methods.toString());
        assertEquals("discrete", methods.path("asam").path("kind").asText());
        assertEquals(6, methods.path("asam").path("style").path("colour").asInt());
        assertEquals("sde", methods.path("asam2").path("kind").asText());
        assertFalse(methods.path("asam2").path("perturbs").asBoolean());
        assertTrue(methods.path("asam2").path("display_name").asText().startsWith("ASAM SDE, order 2"), methods.toString());
        Figure f = Figures.of(FigureKind.COMPARE, List.of(tmp.resolve("run")));
        assertEquals("ASAM (Kwon et al.)", f.panels().get(0).seriesNames().get(0));
        assertEquals(Style.line(6, Style.Dash.DASHED), f.panels().get(0).series().get(0).style());
        // a perturbing method of the user's own is in the alignment figure, under its declared name
        Figure a = Figures.of(FigureKind.ALIGNMENT, List.of(tmp.resolve("run")));
        assertEquals(List.of("ASAM (Kwon et al.)"), a.panels().get(0).seriesNames(), "|cos(ε, v₁)| of the perturbing methods");
        assertTrue(Files.size(tmp.resolve("run").resolve("alignment.png")) > 0);
    }
}
