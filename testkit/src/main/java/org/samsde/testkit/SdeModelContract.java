package org.samsde.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.samsde.core.objective.Batch;
import org.samsde.core.objective.ClosedFormLoss;
import org.samsde.core.objective.ToyObjective;
import org.samsde.core.tensor.Backend;
import org.samsde.core.tensor.CpuBackend;
import org.samsde.core.tensor.Tensor;
import org.samsde.core.tensor.Vectors;
import org.samsde.core.testing.Check;
import org.samsde.core.testing.Problems;
import org.samsde.core.testing.Toys;
import org.samsde.sde.Registry;
import org.samsde.sde.Sampling;
import org.samsde.sde.model.Coefficients;
import org.samsde.sde.model.MonteCarloDrift;
import org.samsde.sde.model.SdeModel;
import org.samsde.sde.model.SdeSolver;
import org.samsde.sde.study.Slopes;

/**
 * What every {@link SdeModel} must satisfy, written once: a user's model test extends this class
 * and supplies {@link #model()}. The checks run on a seeded polynomial toy ½xᵀAx + ⅙C[x,x,x] +
 * (1/24)Σqᵢxᵢ⁴ (d = 4) made stochastic by n = 6 shifts, on the batch γ = {0, 2, 3}, with closed-form
 * derivatives as the oracle:
 * <ul>
 *   <li>its name is a single word, a registered name recreates a model of that name, its order is
 *       at least 0 and its noise model is not null;</li>
 *   <li>the direction v(x, g) and the increment G_γ(x) are new, finite tensors of the parameters'
 *       size, leave x and g_γ as they were, and are the same bits when asked twice;</li>
 *   <li><b>the declared order</b> K ({@link SdeModel#order()}): G_γ(x) is ∇f_γ(x + v) truncated
 *       after the v^K term, so the remainder ‖G_γ(x) − ∇f_γ(x + v)‖ (∇f_γ in closed form) shrinks
 *       like ‖v‖^{K+1} as ρ and η are halved together ({@link #coefficients(double)}): the
 *       least-squares slope over five halvings must lie within K + 1 ± 0.25. (On this toy ∇f_γ is a
 *       cubic, so for K ≥ 3 the remainder must vanish instead, to a relative 1e-10.) Order 0 means
 *       G_γ = g_γ;</li>
 *   <li>where the model defines the Jacobian of its direction
 *       ({@link SdeModel#directionJacobian}), it matches central differences of v in g to a
 *       relative 1e-6;</li>
 *   <li>a seed determines the solution of its SDE (mc:4 drift, the default noise), bit for bit.</li>
 * </ul>
 * All checks are deterministic. {@link #checks} runs the contract on any number of models.
 */
public abstract class SdeModelContract {
    private static final Backend CPU = CpuBackend.get();
    private static final int D = 4;
    private static final int N = 6;
    private static final int[] BATCH = {0, 2, 3};

    private final ClosedFormLoss loss = Toys.polynomial(71, D, 0.4, 0.4);
    private final double[] xi = Problems.gaussian(72, N * D, 0.5);
    private final ToyObjective objective = ToyObjective.shifted(loss, xi, CPU);
    private final ClosedFormLoss batchLoss = Toys.batchLoss(loss, xi, BATCH);

    /** @return the model under test */
    protected abstract SdeModel model();

    /**
     * The coefficients at a scale: the order check halves the scale five times and needs v to shrink
     * with it.
     *
     * @param scale s ∈ (0, 1]
     * @return (ρ, η) = (0.2·s, 0.1·s) by default
     */
    protected Coefficients coefficients(double scale) {
        return new Coefficients(0.2 * scale, 0.1 * scale);
    }

    /**
     * @param models the models, each made afresh for its checks
     * @return every check of the contract on every model, as dynamic tests named after the model
     */
    public static Stream<DynamicTest> checks(List<Supplier<SdeModel>> models) {
        return models.stream().flatMap(m -> {
            SdeModel model = m.get();
            SdeModelContract c = new SdeModelContract() {
                @Override
                protected SdeModel model() {
                    return model;
                }
            };
            return Contracts.dynamicTests(c, model.name());
        });
    }

    /** Name, order and noise model. */
    @Test
    public void nameOrderAndNoiseModelAreDeclared() {
        SdeModel m = model();
        String name = m.name();
        assertNotNull(name, "name()");
        assertTrue(!name.isBlank() && !name.matches(".*\\s.*"), "the name must be one word, got '" + name + "'");
        if (Registry.has(SdeModel.Provider.class, name)) {
            assertEquals(name, SdeModel.byName(name).name(), "SdeModel.byName(\"" + name + "\") makes a model of another name");
        }
        assertTrue(m.order() >= 0, name + ": order " + m.order());
        assertNotNull(m.noiseModel(), name + ": noiseModel()");
    }

    /** The direction and the increment are new finite tensors of size d, leave their inputs alone and are deterministic. */
    @Test
    public void directionAndIncrementAreNewFiniteAndDeterministic() {
        SdeModel m = model();
        Coefficients c = coefficients(1);
        for (long seed = 0; seed < 3; seed++) {
            double[] x = Problems.gaussian(80 + seed, D, 0.8);
            Tensor xt = CPU.upload(x, D);
            Tensor g = objective.gradient(xt, Batch.of(BATCH)).gradientCoefficients();
            double[] g0 = g.toArray();
            try (Tensor v = m.direction(xt, g, c)) {
                if (v != null) {
                    assertTrue(v != xt && v != g, m.name() + ": direction() returned one of its inputs, not a new tensor");
                    assertEquals(D, v.size(), m.name() + ": the direction's size");
                    assertTrue(Vectors.finite(v), m.name() + ": the direction is not finite at x = " + java.util.Arrays.toString(x));
                } else {
                    assertEquals(0, m.order(), m.name() + " declares order " + m.order() + " but has no direction");
                }
            }
            assertArrayEquals(x, xt.toArray(), 0.0, m.name() + ": direction() modified x");
            assertArrayEquals(g0, g.toArray(), 0.0, m.name() + ": direction() modified g");
            double[] first = DriftAssertions.increment(m, objective, x, Batch.of(BATCH), c);
            double[] second = DriftAssertions.increment(m, objective, x, Batch.of(BATCH), c);
            assertEquals(D, first.length, m.name() + ": the increment's size");
            for (double e : first) {
                assertTrue(Double.isFinite(e), m.name() + ": the increment is not finite");
            }
            assertArrayEquals(first, second, 0.0, m.name() + ": the increment differs when asked twice at the same point and batch");
            g.close();
        }
    }

    /**
     * G_γ(x) is the expansion of ∇f_γ(x + v) to the declared order: the remainder shrinks like
     * ‖v‖^{K+1}.
     */
    @Test
    public void incrementIsTheExpansionToTheDeclaredOrder() {
        SdeModel m = model();
        int k = m.order();
        double[] x = Problems.gaussian(90, D, 0.8);
        Tensor xt = CPU.upload(x, D);
        int levels = 6;
        double[] vn = new double[levels];
        double[] rem = new double[levels];
        double scale = 0;
        for (int j = 0; j < levels; j++) {
            Coefficients c = coefficients(Math.pow(0.5, j));
            double[] inc = DriftAssertions.increment(m, objective, x, Batch.of(BATCH), c);
            double[] v;
            try (Tensor g = objective.gradient(xt, Batch.of(BATCH)).gradientCoefficients(); Tensor vt = m.direction(xt, g, c)) {
                if (vt == null) {
                    assertEquals(0, k, m.name() + " declares order " + k + " but has no direction");
                    Check.close(g.toArray(), inc, 1e-12, m.name() + ": an order-0 increment is g_γ");
                    return;
                }
                v = vt.toArray();
            }
            if (k == 0) {
                double[] g = new double[D];
                batchLoss.gradient(x, g);
                Check.close(g, inc, 1e-12, m.name() + ": an order-0 increment is g_γ");
                return;
            }
            double[] shifted = x.clone();
            Vectors.axpy(D, 1.0, v, 0, shifted, 0);
            double[] exact = new double[D];
            batchLoss.gradient(shifted, exact);
            vn[j] = Vectors.norm(v);
            rem[j] = Vectors.distance(inc, exact);
            scale = Math.max(scale, Vectors.norm(exact));
        }
        if (!(vn[levels - 1] < vn[0] / 8)) {
            fail(m.name() + ": the direction does not shrink with ρ and η (‖v‖ " + vn[0] + " at scale 1, " + vn[levels - 1]
                    + " at 1/32), so its order cannot be checked this way: override coefficients(scale)");
        }
        if (k >= 3) {
            for (int j = 0; j < levels; j++) {
                assertTrue(rem[j] <= 1e-10 * scale, m.name() + ": order " + k + " on a toy whose gradient is a cubic should be exact, remainder "
                        + rem[j]);
            }
            return;
        }
        for (int j = 0; j < levels; j++) {
            if (!(rem[j] > 0)) {
                fail(m.name() + ": the remainder vanished at ‖v‖ = " + vn[j] + " though order " + k + " < 3 leaves ∇f_γ's higher terms out");
            }
        }
        SlopeAssertions.assertSlope(vn, rem, k + 1, 0.25, m.name() + ": remainder ‖G_γ − ∇f_γ(x + v)‖ against ‖v‖ (declared order "
                + k + ")");
    }

    /** J·w against central differences of v in g, where the model defines J. */
    @Test
    public void directionJacobianMatchesFiniteDifferences() {
        SdeModel m = model();
        Coefficients c = coefficients(1);
        double[] x = Problems.gaussian(91, D, 0.8);
        double[] w = Problems.gaussian(92, D, 1.0);
        Tensor xt = CPU.upload(x, D);
        try (Tensor g = objective.gradient(xt, Batch.all()).gradientCoefficients()) {
            double[] g0 = g.toArray();
            Tensor jw = CPU.upload(w, D);
            boolean nonzero;
            try {
                nonzero = m.directionJacobian(xt, g, jw, c);
            } catch (UnsupportedOperationException e) {
                return; // not defined: the per-sample sampler refuses the model, nothing to check
            }
            double h = 1e-6 * Vectors.norm(g0) / Vectors.norm(w);
            double[] plus = g0.clone();
            double[] minus = g0.clone();
            Vectors.axpy(D, h, w, 0, plus, 0);
            Vectors.axpy(D, -h, w, 0, minus, 0);
            double[] vp = direction(m, xt, plus, c);
            double[] vm = direction(m, xt, minus, c);
            double[] fd = new double[D];
            for (int i = 0; i < D; i++) {
                fd[i] = (vp[i] - vm[i]) / (2 * h);
            }
            if (nonzero) {
                Check.close(fd, jw.toArray(), 1e-6, m.name() + ": J·w against central differences of v(x, g)");
            } else {
                assertTrue(Vectors.norm(fd) <= 1e-6 * Vectors.norm(w), m.name() + " says J·w = 0 but v changes with g: ‖Δv/Δg‖ = "
                        + Vectors.norm(fd));
            }
        }
    }

    /** Two solutions with the same seed end at the same bits. */
    @Test
    public void aSeedDeterminesTheSolution() {
        SdeSolver solver = SdeSolver.builder(objective, model()).rho(coefficients(1).rho()).eta(coefficients(1).eta())
                .sampling(new Sampling(3, false)).drift(new MonteCarloDrift(4)).build();
        double[] x0 = Problems.gaussian(93, D, 0.8);
        assertArrayEquals(solve(solver, x0, 9), solve(solver, x0, 9), 0.0, model().name() + ": the same seed gave another solution");
    }

    private static double[] solve(SdeSolver solver, double[] x0, long seed) {
        SdeSolver.State s = solver.init(CPU.upload(x0, x0.length), seed);
        int total = 10;
        for (int k = 0; k < total; k++) {
            solver.step(s, k, total);
        }
        return s.x().toArray();
    }

    private static double[] direction(SdeModel m, Tensor x, double[] g, Coefficients c) {
        try (Tensor gt = CPU.upload(g, g.length); Tensor v = m.direction(x, gt, c)) {
            return v == null ? new double[g.length] : v.toArray();
        }
    }
}
