package org.samsde.sde.study;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.samsde.core.objective.Batch;
import org.samsde.core.objective.Objective;
import org.samsde.core.objective.Polynomial;
import org.samsde.core.objective.ToyObjective;
import org.samsde.core.tensor.CpuBackend;
import org.samsde.sde.Sampling;
import org.samsde.sde.model.DriftEstimator;
import org.samsde.sde.model.NoiseSpec;
import org.samsde.sde.model.SdeKind;
import org.samsde.sde.optim.Method;
import org.samsde.sde.run.Problem;

/**
 * The scientific claim on a full-batch polynomial toy: with ρ = 2·η^{1/3} the gap between SAM and
 * the sam3 ODE shrinks like η (slope 1 ± 0.15) and sam2's clearly slower (about η^{2/3}); with
 * ρ = 2·√η both like η.
 */
class ApproxStudyTest {
    static final double[] ETAS = {0.02, 0.01, 0.005, 0.0025};

    static Problem toy() {
        int d = 3;
        double[] a = {1.0, 0.2, 0.0, 0.2, 0.6, 0.1, 0.0, 0.1, 0.3};
        double[] c = new double[d * d * d];
        // a symmetric cubic term: C_iii = 0.6, C_ijj (and permutations) = 0.2
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                for (int k = 0; k < d; k++) {
                    c[(i * d + j) * d + k] = (i == j && j == k) ? 0.6 : ((i == j || j == k || i == k) ? 0.2 : 0.05);
                }
            }
        }
        Objective obj = ToyObjective.deterministic(new Polynomial(a, c, new double[] {0.3, 0.3, 0.3}), CpuBackend.get());
        return new Problem("poly toy", obj, null, Batch.all(), new double[] {1.5, -1.0, 2.0});
    }

    static ApproxStudy.Result run(double exponent) {
        return new ApproxStudy(toy(), ETAS, 2.0, exponent, 1.0, Method.SAM, List.of(SdeKind.SAM2, SdeKind.SAM3), 8,
                Sampling.full(), new DriftEstimator.Exact(), new NoiseSpec.None(), 1, 0, ApproxStudy.Observable.LOSS, 2).run();
    }

    @Test
    void thirdOrderSdeIsFirstOrderAccurateWhenRhoIsEtaToTheOneThird() {
        ApproxStudy.Result r = run(1.0 / 3);
        double sam3 = r.slopes().get("sam3").slope();
        double sam2 = r.slopes().get("sam2").slope();
        assertTrue(Math.abs(sam3 - 1) <= 0.15, "sam3 slope " + sam3 + " " + r.gaps());
        assertTrue(sam2 < 0.85 && Math.abs(sam2 - 2.0 / 3) <= 0.15, "sam2 slope " + sam2 + " " + r.gaps());
    }

    @Test
    void bothSdesAreFirstOrderWhenRhoIsRootEta() {
        ApproxStudy.Result r = run(0.5);
        for (String m : List.of("sam2", "sam3")) {
            double s = r.slopes().get(m).slope();
            assertTrue(Math.abs(s - 1) <= 0.15, m + " slope " + s + " " + r.gaps());
        }
    }

    @Test
    void miniBatchEnsemblesGiveGapsWithConfidenceIntervals() {
        Problem base = toy();
        double[] xi = org.samsde.sde.Toys.gaussian(5, 12 * 3, 0.2);
        Problem p = new Problem("shifted poly toy", ToyObjective.shifted(((ToyObjective) base.train()).loss(), xi, CpuBackend.get()),
                null, Batch.all(), base.x0());
        ApproxStudy.Result r = new ApproxStudy(p, new double[] {0.02, 0.01}, 2.0, 1.0 / 3, 0.5, Method.SAM, List.of(SdeKind.SAM3), 1,
                new Sampling(4, false), new DriftEstimator.Plugin(), new NoiseSpec.PerSample(), 8, 3, ApproxStudy.Observable.LOSS, 2).run();
        for (ApproxStudy.Gap g : r.gaps()) {
            assertTrue(Double.isFinite(g.gap()) && g.halfWidth() > 0, g.toString());
        }
        assertTrue(Double.isFinite(r.slopes().get("sam3").slope()));
    }
}
