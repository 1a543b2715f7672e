package org.samsde.sde.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.samsde.core.tensor.Tensor;
import org.samsde.core.tensor.Vectors;
import org.samsde.sde.Dynamics;
import org.samsde.sde.Sampling;
import org.samsde.sde.model.CompensatedNoise;
import org.samsde.sde.model.DriftEstimate;
import org.samsde.sde.model.Sam3;
import org.samsde.sde.model.SdeSolver;
import org.samsde.sde.optim.Optimizer;
import org.samsde.sde.optim.Sam;

/**
 * Step-size refinement: the coupling of the solves at m and 2m (same batches, same normals, noise
 * that sums group by group), the convergence rule, and that an auto run reports the finer solve of
 * the pair that passed, bitwise.
 */
class StepSizesTest {
    private static final Problem P = CheckpointResumeTest.problem();

    private static SdeSolver sam3(int m, int budget, boolean grouped) {
        SdeSolver.Builder b = SdeSolver.builder(P.train(), Sam3.INSTANCE).rho(0.1).eta(0.2).sampling(new Sampling(8, false)).substeps(m)
                .drift(new org.samsde.sde.model.MonteCarloDrift(budget));
        if (grouped) {
            b.noise(new CompensatedNoise(2));
        }
        return b.build();
    }

    private static byte[] streams(SdeSolver s, SdeSolver.State state) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        state.batches().save(out);
        state.path().save(out);
        return bytes.toByteArray();
    }

    @Test
    void solvesAtMAndTwoMWithOneBudgetDrawTheSameBatchesAndNormals() throws IOException {
        SdeSolver coarse = sam3(2, 8, true);
        SdeSolver fine = sam3(4, 8, true);
        try (Tensor x0 = P.train().backend().upload(P.x0(), P.x0().length)) {
            SdeSolver.State a = coarse.init(x0, 5);
            SdeSolver.State b = fine.init(x0, 5);
            for (int k = 0; k < 3; k++) {
                coarse.step(a, k, 3);
                fine.step(b, k, 3);
                assertArrayEquals(streams(coarse, a), streams(fine, b), "the batch stream and the path after step " + (k + 1));
            }
            // and the budget is what makes it so: mc:4 per substep at both levels draws twice the batches at 2m
            SdeSolver perSubstep = sam3(4, 16, true);
            SdeSolver.State c = perSubstep.init(x0, 5);
            perSubstep.step(c, 0, 1);
            SdeSolver.State d = coarse.init(x0, 5);
            coarse.step(d, 0, 1);
            assertFalse(java.util.Arrays.equals(streams(coarse, d), streams(perSubstep, c)));
        }
    }

    @Test
    void aCoarseSubstepsGroupedNoiseIsTheSumOfTheTwoFineSubstepsNoises() {
        // at one point x, the coarse substep (Δt = 2h, four increments) against two fine substeps (Δt = h, two increments each)
        SdeSolver coarse = sam3(1, 4, true);
        SdeSolver fine = sam3(2, 4, true);
        double h = 0.1;
        try (Tensor x = P.train().backend().upload(P.x0(), P.x0().length)) {
            SdeSolver.State s = coarse.init(x, 3);
            List<Tensor> g = new ArrayList<>();
            for (int j = 0; j < 4; j++) {
                g.add(coarse.increment(x, s.batches().next()));
            }
            double[] z = {0.3, -1.2, 0.7, 2.1};
            double[] c = noise(coarse, x, g, z, 2 * h, Math.sqrt(0.2 * 2 * h));
            double[] f1 = noise(fine, x, g.subList(0, 2), new double[] {z[0], z[1]}, h, Math.sqrt(0.2 * h));
            double[] f2 = noise(fine, x, g.subList(2, 4), new double[] {z[2], z[3]}, h, Math.sqrt(0.2 * h));
            for (int i = 0; i < c.length; i++) {
                assertEquals(f1[i] + f2[i], c[i], 1e-12 * (1 + Math.abs(c[i])), "component " + i);
            }
            g.forEach(Tensor::close);
        }
    }

    /** @return √(ηΔt)·ξ′ of the solver's noise at x for the given increments and normals */
    private static double[] noise(SdeSolver solver, Tensor x, List<Tensor> g, double[] z, double dt, double scale) {
        Tensor sum = x.backend().zeros(x.size());
        List<Tensor> copies = new ArrayList<>();
        for (Tensor t : g) {
            Tensor copy = Vectors.copy(t);
            Vectors.axpy(1.0 / g.size(), t, sum);
            copies.add(copy);
        }
        try (DriftEstimate b = new DriftEstimate(sum, copies, null, false);
             Tensor xi = solver.noise().sample(solver, x, b, z, null, dt)) {
            double[] v = xi.toArray();
            for (int i = 0; i < v.length; i++) {
                v[i] *= scale;
            }
            return v;
        }
    }

    @Test
    void theRuleComparesTheChangeWithAQuarterOfTheFinerHalfWidth() {
        Ensemble.Trajectory[] coarse = new Ensemble.Trajectory[3];
        Ensemble.Trajectory[] small = new Ensemble.Trajectory[3];
        Ensemble.Trajectory[] large = new Ensemble.Trajectory[3];
        double[] values = {1.0, 1.2, 1.4}; // half-width t(0.975, 2)·0.2/√3 ≈ 0.497
        for (int j = 0; j < 3; j++) {
            coarse[j] = trajectory(values[j]);
            small[j] = trajectory(values[j] + 0.1); // 0.1 < 0.124
            large[j] = trajectory(values[j] + 0.15); // 0.15 > 0.124
        }
        StepSizes.Policy policy = StepSizes.Policy.auto();
        List<StepSizes.Change> pass = StepSizes.changes(List.of(coarse), List.of(small));
        List<StepSizes.Change> fail = StepSizes.changes(List.of(coarse), List.of(large));
        assertEquals(0.1, pass.get(0).size(), 1e-12);
        assertEquals(0.4970, pass.get(0).halfWidth(), 1e-3);
        assertTrue(StepSizes.passes(pass, policy));
        assertFalse(StepSizes.passes(fail, policy));
    }

    /** The records' steps and metrics bitwise equal (wall times aside). */
    private static void sameRecords(Ensemble.Trajectory a, Ensemble.Trajectory b) {
        assertEquals(a.records().size(), b.records().size());
        for (int i = 0; i < a.records().size(); i++) {
            assertEquals(a.records().get(i).step(), b.records().get(i).step());
            assertArrayEquals(a.records().get(i).metrics(), b.records().get(i).metrics(), "record " + i);
        }
        assertArrayEquals(a.finalParameters(), b.finalParameters());
    }

    private static Ensemble.Trajectory trajectory(double loss) {
        double[] m = new double[Record.METRICS.size()];
        java.util.Arrays.fill(m, Double.NaN);
        m[0] = loss;
        return new Ensemble.Trajectory("sam3", 0, 0, List.of(Record.of(10, 1.0, m, 0, false, Double.NaN)), new double[1], false, 0);
    }

    @Test
    void anAutoRunReportsTheFinerSolveOfThePairThatPassedAndLeavesDiscreteMethodsAlone() {
        Ensemble.Settings settings = Ensemble.Settings.builder().steps(30).every(10).seeds(4).threads(2).hessian(false).build();
        Optimizer sam = Optimizer.builder(P.train(), Sam.INSTANCE).rho(0.1).lr(new org.samsde.sde.LearningRate.Constant(0.2))
                .sampling(new Sampling(8, false)).build();
        SdeSolver model = SdeSolver.builder(P.train(), Sam3.INSTANCE).rho(0.1).eta(0.2).sampling(new Sampling(8, false)).build();
        List<Dynamics<?>> methods = List.of(sam, model);
        StepSizes.Result r = StepSizes.run(P, methods, settings, StepSizes.Policy.auto(), k -> { }, () -> { });
        assertEquals(8, r.trajectories().size());
        StepSizes.Choice c = r.choices().get(0);
        assertTrue(c.checked());
        assertTrue(c.substeps() >= 2, "at least one doubling");
        assertEquals(c.substeps(), c.tried().get(c.tried().size() - 1));
        List<Ensemble.Trajectory> plain = Ensemble.run(P, List.of(sam), settings, k -> { });
        for (int j = 0; j < 4; j++) {
            sameRecords(plain.get(j), r.trajectories().get(j));
        }
        assertTrue(c.converged(), c.toString());
        SdeSolver at = model.refined(c.substeps(), c.budget()).toBuilder().noise(new CompensatedNoise(2)).build();
        List<Ensemble.Trajectory> again = Ensemble.run(P, List.of(at), settings, k -> { });
        for (int j = 0; j < 4; j++) {
            sameRecords(again.get(j), r.trajectories().get(4 + j));
            assertEquals("sam3", r.trajectories().get(4 + j).method());
        }
    }

    @Test
    void aFixedPolicyRunsAsEnsembleRunAndSaysTheStepSizeIsUnchecked() {
        Ensemble.Settings settings = Ensemble.Settings.builder().steps(10).every(5).seeds(2).hessian(false).build();
        SdeSolver model = sam3(1, 8, false);
        StepSizes.Result r = StepSizes.run(P, List.of(model), settings, StepSizes.Policy.fixed(), k -> { }, () -> { });
        List<Ensemble.Trajectory> plain = Ensemble.run(P, List.of(model), settings, k -> { });
        for (int j = 0; j < 2; j++) {
            sameRecords(plain.get(j), r.trajectories().get(j));
        }
        assertFalse(r.choices().get(0).checked());
        assertEquals(1, r.choices().get(0).substeps());
    }
}
