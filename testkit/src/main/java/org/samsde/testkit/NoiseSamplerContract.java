package org.samsde.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.samsde.core.objective.Objective;
import org.samsde.core.objective.ToyObjective;
import org.samsde.core.tensor.Backend;
import org.samsde.core.tensor.CpuBackend;
import org.samsde.core.tensor.Tensor;
import org.samsde.core.testing.Problems;
import org.samsde.core.testing.Toys;
import org.samsde.sde.Registry;
import org.samsde.sde.Sampling;
import org.samsde.sde.model.DriftEstimate;
import org.samsde.sde.model.DriftEstimator;
import org.samsde.sde.model.MonteCarloDrift;
import org.samsde.sde.model.NoiseSampler;
import org.samsde.sde.model.SdeModel;
import org.samsde.sde.model.SdeSolver;

/**
 * What every {@link NoiseSampler} must satisfy, written once: a user's sampler test extends this
 * class and supplies {@link #sampler()}. The checks run the sampler in a solver for each model of
 * {@link #models()} (default: every registered model) that it accepts, on a seeded quadratic toy
 * (d = 3) made stochastic by n = 6 shifts, batches of 2 without replacement, ρ = 0.3, η = 0.5,
 * Δt = 0.5 and the drift mc:4 ({@link #drift()}):
 * <ul>
 *   <li>a registered name recreates a sampler of that name ({@code NoiseSampler.parse(name())});</li>
 *   <li>it accepts at least one model, and a draw ξ′ is null (no noise) or a new finite tensor of
 *       the parameters' size that leaves x as it was;</li>
 *   <li>a seed determines the draws, bit for bit;</li>
 *   <li><b>zero mean</b>: the mean of K = 20,000 draws at a fixed x lies within s = 6 standard
 *       errors (the draws' own, √(s²_p/K)) of 0 in every entry. For a sampler with mean zero the
 *       mean is close to Gaussian at this K (central limit theorem), so an entry fails by chance with
 *       probability 2·Φ(−6) ≈ 2.0e-9, and the whole check (3 entries for each of the 5 built-in models)
 *       with probability below 3.0e-8; the seed is fixed ({@link #seed()}), so a pass or a failure
 *       is reproducible. Its power: a bias of 6 standard errors, about 6·σ/√K ≈ 0.04σ, is seen;
 *       centring resampled sgd2 noise on the drift instead of the mean of the resampled increments
 *       (a bias of (η/2)Hg here) is about 60 standard errors.</li>
 * </ul>
 * {@link #checks} runs the contract on any number of samplers, e.g. every registered one.
 */
public abstract class NoiseSamplerContract {
    private static final Backend CPU = CpuBackend.get();
    private static final int D = 3;
    private static final int N = 6;
    /** The step Δt of the draws. */
    private static final double DT = 0.5;

    private final Objective objective = ToyObjective.shifted(Toys.quadratic(21, D), Problems.gaussian(22, N * D, 0.7), CPU);
    private final double[] x = Problems.gaussian(23, D, 1.0);

    /** @return the sampler under test */
    protected abstract NoiseSampler sampler();

    /** @return the models to run it with (default: every registered model, made by name) */
    protected List<SdeModel> models() {
        List<SdeModel> out = new ArrayList<>();
        for (String name : Registry.names(SdeModel.Provider.class)) {
            out.add(SdeModel.byName(name));
        }
        return out;
    }

    /** @return the drift estimator of the solvers (default mc:4, which every built-in sampler accepts) */
    protected DriftEstimator drift() {
        return new MonteCarloDrift(4);
    }

    /** @return K, the number of draws of the zero-mean check (default 20,000) */
    protected int draws() {
        return 20000;
    }

    /** @return the seed of the draws (default 78) */
    protected long seed() {
        return 78;
    }

    /**
     * @param samplers the samplers, each made afresh for its checks
     * @return every check of the contract on every sampler, as dynamic tests named after the sampler
     */
    public static Stream<DynamicTest> checks(List<Supplier<NoiseSampler>> samplers) {
        return checks(samplers, null);
    }

    /**
     * @param samplers the samplers, each made afresh for its checks
     * @param models the models to run each with (null: every registered model)
     * @return every check of the contract on every sampler, as dynamic tests named after the sampler
     */
    public static Stream<DynamicTest> checks(List<Supplier<NoiseSampler>> samplers, List<SdeModel> models) {
        return samplers.stream().flatMap(s -> {
            NoiseSampler sampler = s.get();
            NoiseSamplerContract c = new NoiseSamplerContract() {
                @Override
                protected NoiseSampler sampler() {
                    return sampler;
                }

                @Override
                protected List<SdeModel> models() {
                    return models == null ? super.models() : models;
                }
            };
            return Contracts.dynamicTests(c, sampler.name());
        });
    }

    /** A registered name recreates the sampler. */
    @Test
    public void aRegisteredNameRecreatesTheSampler() {
        String name = sampler().name();
        assertNotNull(name, "name()");
        if (Registry.has(NoiseSampler.Provider.class, name)) {
            assertEquals(name, NoiseSampler.parse(name).name(), "NoiseSampler.parse(\"" + name + "\") makes a sampler of another name");
        }
    }

    /** Draws are null or new finite tensors of size d; x is left alone; at least one model is accepted. */
    @Test
    public void drawsAreFiniteVectorsOfTheParametersSize() {
        for (SdeSolver solver : solvers()) {
            String what = sampler().name() + " with " + solver.model().name();
            assertTrue(sampler().brownianDimension(solver) >= 0, what + ": brownianDimension");
            Tensor xt = CPU.upload(x, D);
            SdeSolver.State st = solver.init(xt, 1);
            for (int k = 0; k < 5; k++) {
                try (DriftEstimate b = solver.drift(st, xt)) {
                    Tensor v = solver.noise(st, xt, b, DT);
                    if (v != null) {
                        try (v) {
                            assertTrue(v != xt, what + ": the draw is x itself");
                            assertEquals(D, v.size(), what + ": the draw's size");
                            assertTrue(org.samsde.core.tensor.Vectors.finite(v), what + ": the draw is not finite");
                        }
                    }
                }
                assertArrayEquals(x, xt.toArray(), 0.0, what + ": the sampler modified x");
            }
        }
    }

    /** The same seed gives the same draws. */
    @Test
    public void aSeedDeterminesTheDraws() {
        for (SdeSolver solver : solvers()) {
            Supplier<double[]> a = MomentAssertions.noiseDraws(solver, x, DT, 5);
            Supplier<double[]> b = MomentAssertions.noiseDraws(solver, x, DT, 5);
            for (int k = 0; k < 10; k++) {
                assertArrayEquals(a.get(), b.get(), 0.0, sampler().name() + " with " + solver.model().name() + ": draw " + k
                        + " differs under the same seed");
            }
        }
    }

    /** The draws have mean zero, within 6 standard errors per entry (see the class comment for the rates). */
    @Test
    public void hasMeanZero() {
        for (SdeSolver solver : solvers()) {
            MomentAssertions.assertZeroMean(MomentAssertions.noiseDraws(solver, x, DT, seed()), draws(), 6,
                    sampler().name() + " with " + solver.model().name());
        }
    }

    /** The solvers of the models the sampler accepts (a refusal at construction is the sampler's right); at least one. */
    private List<SdeSolver> solvers() {
        List<SdeSolver> out = new ArrayList<>();
        List<String> refused = new ArrayList<>();
        for (SdeModel m : models()) {
            try {
                out.add(SdeSolver.builder(objective, m).rho(0.3).eta(0.5).sampling(new Sampling(2, false)).drift(drift()).noise(sampler())
                        .build());
            } catch (IllegalArgumentException e) {
                refused.add(m.name() + " (" + e.getMessage() + ")");
            }
        }
        if (out.isEmpty()) {
            fail(sampler().name() + " accepts none of the models: " + refused);
        }
        return out;
    }
}
