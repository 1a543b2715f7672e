package org.samsde.sde.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.samsde.core.objective.Objective;
import org.samsde.core.objective.Polynomial;
import org.samsde.core.objective.ToyObjective;
import org.samsde.core.tensor.Backend;
import org.samsde.core.tensor.CpuBackend;
import org.samsde.sde.Sampling;
import org.samsde.testkit.MomentAssertions;
import org.samsde.testkit.Moments;
import org.samsde.core.testing.Problems;
import org.samsde.core.testing.Toys;

/**
 * One integrator step against the model's exact one-step moments, on a problem small enough to
 * enumerate every batch: n = 6 shifted copies of a polynomial toy (T ≠ 0), B = 2, so the 15 batches
 * give E_γ[G_γ] and Cov_γ(G_γ) exactly. An Euler–Maruyama step of size Δt of the model has mean
 * −Δt·b and covariance η·Δt·Σ̃. The empirical mean and covariance of K independent steps must match
 * within 6 standard errors per entry (the standard error of a covariance entry is taken as
 * √((Σ_pp·Σ_qq + Σ_pq²)/K), its Gaussian value; the steps are not Gaussian, hence the wide factor).
 * The same check must fail for the plug-in drift, whose mean is off, so it can fail. The moments
 * and the check are the test kit's ({@link Moments#ofIncrements}, {@link MomentAssertions#mismatch}).
 */
class StepMomentsTest {
    private static final Backend BE = CpuBackend.get();
    private static final int D = 3;
    private static final int N = 6;
    private static final int DRAWS = 20000;

    private final Polynomial p = Toys.polynomial(71, D, 0.6, 0.6);
    private final double[] xi = Problems.gaussian(72, N * D, 0.6);
    private final Objective obj = ToyObjective.shifted(p, xi, BE);
    private final double[] x = Problems.gaussian(73, D, 0.5);

    /**
     * @return null when the empirical moments of K steps of size dt match −dt·b and η·dt·Σ̃ within
     *     6 standard errors, else the first mismatch
     */
    private String mismatch(SdeSolver solver, double dt) {
        Moments step = Moments.ofIncrements(solver, x).eulerStep(solver.coefficients().eta(), dt);
        return MomentAssertions.mismatch(MomentAssertions.stepDraws(solver, x, dt, 5), DRAWS, step, 6);
    }

    private SdeSolver.Builder base(SdeModel model) {
        return SdeSolver.builder(obj, model).rho(0.4).eta(0.2).sampling(new Sampling(2, false));
    }

    @Test
    void theDefaultEstimatorsGiveEachStepTheModelsMeanAndCovariance() {
        for (SdeModel model : new SdeModel[] {Sam2.INSTANCE, Sam3.INSTANCE, Usam.INSTANCE}) {
            SdeSolver solver = base(model).build();
            assertTrue(solver.approximations().isEmpty(), solver.description());
            String at = mismatch(solver, 0.2);
            assertTrue(at == null, model.name() + ", Δt = η: " + at);
            String half = mismatch(solver, 0.1);
            assertTrue(half == null, model.name() + ", Δt = η/2: " + half);
        }
    }

    @Test
    void theCheckDetectsThePlugInDriftsBias() {
        SdeSolver plugin = base(Sam3.INSTANCE).drift(new PluginDrift()).noise(new BatchMcNoise(8)).build();
        assertFalse(plugin.approximations().isEmpty());
        assertTrue(mismatch(plugin, 0.2) != null, "the plug-in drift's mean should be told apart from the model's");
    }

    @Test
    void uncompensatedMonteCarloNoiseInflatesTheCovariance() {
        // mc:2 with batch-mc:2 noise of its own adds the drift estimate's covariance Σ̃/2 on top of Σ̃
        SdeSolver doubled = base(Sam3.INSTANCE).drift(new MonteCarloDrift(2)).noise(new BatchMcNoise(2)).build();
        assertTrue(mismatch(doubled, 0.2) != null, "an uncompensated estimate should be told apart");
        assertTrue(mismatch(base(Sam3.INSTANCE).drift(new MonteCarloDrift(2)).build(), 0.2) == null, "compensated mc:2");
    }

    @Test
    void groupedCompensatedNoiseKeepsTheModelsMeanAndCovariance() {
        // compensated:2 centres the eight increments in four pairs: still exactly −Δt·b and η·Δt·Σ̃
        for (SdeModel model : new SdeModel[] {Sam2.INSTANCE, Sam3.INSTANCE}) {
            SdeSolver grouped = base(model).drift(new MonteCarloDrift(8)).noise(new CompensatedNoise(2)).build();
            String at = mismatch(grouped, 0.2);
            assertTrue(at == null, model.name() + " compensated:2, Δt = η: " + at);
        }
        // with the budget mc:8 shared by two substeps, one substep of Δt = η/2 averages four increments
        SdeSolver split = base(Sam3.INSTANCE).substeps(2).drift(new MonteCarloDrift(8)).noise(new CompensatedNoise(2)).build();
        assertEquals(4, ((MonteCarloDrift) split.drift()).perSubstep(split));
        String half = mismatch(split, 0.1);
        assertTrue(half == null, "mc:8 over two substeps with compensated:2, Δt = η/2: " + half);
    }

    @Test
    void groupedNoiseWithTheWrongCentringIsToldApart() {
        // the same pairs scaled as if centred all together ((M − 1) in place of M − M/g) under-disperse: the check must see it
        SdeSolver grouped = base(Sam3.INSTANCE).drift(new MonteCarloDrift(8)).noise(new CompensatedNoise(2)).build();
        SdeSolver.State s = grouped.init(BE.upload(x, D), 9);
        double keep = 1 - 1.0 / 8;
        double[] t = {0};
        java.util.function.Supplier<double[]> wrong = () -> {
            BE.upload(x, 0, s.x(), 0, D);
            try (DriftEstimate b = grouped.drift(s, s.x())) {
                double[] z = s.path().normalised(t[0], t[0] + 0.2);
                t[0] += 0.2;
                try (org.samsde.core.tensor.Tensor xi = BatchMcNoise.spread(b.increments(), z, 2, Math.sqrt(keep / 7))) {
                    double[] step = new double[D];
                    double[] mean = b.mean().toArray();
                    double[] noise = xi.toArray();
                    for (int c = 0; c < D; c++) {
                        step[c] = -0.2 * mean[c] + Math.sqrt(0.2 * 0.2) * noise[c];
                    }
                    return step;
                }
            }
        };
        Moments exact = Moments.ofIncrements(grouped, x).eulerStep(0.2, 0.2);
        assertTrue(MomentAssertions.mismatch(wrong, DRAWS, exact, 6) != null, "a wrongly scaled grouped noise should be told apart");
    }

    @Test
    void aBudgetThatTheSubstepsCannotShareIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> base(Sam3.INSTANCE).drift(new MonteCarloDrift(8)).substeps(3).build());
        assertTrue(e.getMessage().contains("must divide") && e.getMessage().contains("(e.g. mc:9)"), e.getMessage());
        // the suggestion leaves at least two increments per substep: mc:8 over 10 substeps suggests mc:20
        IllegalArgumentException ten = assertThrows(IllegalArgumentException.class, () -> base(Sam3.INSTANCE).drift(new MonteCarloDrift(8)).substeps(10).build());
        assertTrue(ten.getMessage().contains("(e.g. mc:20)"), ten.getMessage());
        IllegalArgumentException one = assertThrows(IllegalArgumentException.class, () -> base(Sam3.INSTANCE).drift(new MonteCarloDrift(8)).substeps(8).build());
        assertTrue(one.getMessage().contains("at least 2"), one.getMessage());
    }
}
