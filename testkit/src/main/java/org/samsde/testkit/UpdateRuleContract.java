package org.samsde.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.samsde.core.objective.Objective;
import org.samsde.core.objective.ToyObjective;
import org.samsde.core.tensor.CpuBackend;
import org.samsde.core.tensor.Tensor;
import org.samsde.core.tensor.Vectors;
import org.samsde.core.testing.Check;
import org.samsde.core.testing.Problems;
import org.samsde.core.testing.Toys;
import org.samsde.sde.Registry;
import org.samsde.sde.Sampling;
import org.samsde.sde.optim.Optimizer;
import org.samsde.sde.optim.Step;
import org.samsde.sde.optim.UpdateRule;

/**
 * What every {@link UpdateRule} must satisfy, written once: a user's rule test extends this class
 * and supplies {@link #rule()} (and, where the defaults do not suit it, the problem and settings).
 * The checks run the rule through an {@link Optimizer} on a toy (a shifted polynomial with d = 4,
 * n = 8, batches of 3 without replacement, η = 0.05, ρ = 0.1), with every direction it returns
 * inspected on the way:
 * <ul>
 *   <li>its name is a single word, and a registered name recreates a rule of that name;</li>
 *   <li>each direction is a new, finite vector of the parameters' size, and the rule leaves x and
 *       g_γ as they were;</li>
 *   <li>a seed determines the trajectory, bit for bit;</li>
 *   <li>a checkpoint taken half-way ({@link Optimizer#save}, {@link Optimizer#load}) continues the
 *       trajectory bit for bit, the rule's state included;</li>
 *   <li>the rule perturbs as it declares ({@link UpdateRule#perturbs()}: it evaluates
 *       ∇f_γ(x + ε) through {@link Step#gradientAt} exactly when it says so);</li>
 *   <li>at ρ = 0 its direction is the batch gradient g_γ (every method of the SAM family reduces to
 *       SGD; a rule for which that is false by design overrides {@link #reducesToSgdAtRhoZero()}).</li>
 * </ul>
 * The checks are deterministic (fixed seeds), so a rule passes or fails them on every machine.
 * {@link #checks} runs the contract on any number of rules, e.g. every registered one.
 */
public abstract class UpdateRuleContract {
    private static final int D = 4;
    private static final int N = 8;

    /** @return the rule under test */
    protected abstract UpdateRule rule();

    /** @return the training loss the checks run on (default: a seeded shifted polynomial, d = 4, n = 8) */
    protected Objective objective() {
        return ToyObjective.shifted(Toys.polynomial(61, D, 0.3, 0.3), Problems.gaussian(62, N * D, 0.5), CpuBackend.get());
    }

    /** @return the starting point x₀, of the objective's dimension */
    protected double[] start() {
        return Problems.gaussian(63, objective().dimension(), 0.8);
    }

    /** @return ρ (default 0.1) */
    protected double rho() {
        return 0.1;
    }

    /** @return η (default 0.05) */
    protected double eta() {
        return 0.05;
    }

    /** @return the batches (default 3 without replacement) */
    protected Sampling sampling() {
        return new Sampling(3, false);
    }

    /** @return the number of steps of each trajectory (default 20) */
    protected int steps() {
        return 20;
    }

    /** @return whether the direction at ρ = 0 is g_γ (default true, as for every method of the SAM family) */
    protected boolean reducesToSgdAtRhoZero() {
        return true;
    }

    /**
     * @param rules the rules, each made afresh for its checks
     * @return every check of the contract on every rule, as dynamic tests named after the rule
     */
    public static Stream<DynamicTest> checks(List<Supplier<UpdateRule>> rules) {
        return rules.stream().flatMap(r -> {
            UpdateRule rule = r.get();
            UpdateRuleContract c = new UpdateRuleContract() {
                @Override
                protected UpdateRule rule() {
                    return rule;
                }
            };
            return Contracts.dynamicTests(c, rule.name());
        });
    }

    /** The name is a single word; a registered name recreates a rule of that name. */
    @Test
    public void nameIsOneWordAndRecreatesTheRuleWhenRegistered() {
        String name = rule().name();
        assertNotNull(name, "name()");
        assertTrue(!name.isBlank() && !name.matches(".*\\s.*"), "the name must be one word, got '" + name + "'");
        if (Registry.has(UpdateRule.Provider.class, name)) {
            assertEquals(name, UpdateRule.byName(name).name(), "UpdateRule.byName(\"" + name + "\") makes a rule of another name");
        }
    }

    /** Every direction is a new, finite tensor of the parameters' size; x and g_γ are left alone. */
    @Test
    public void directionsAreNewFiniteVectorsOfTheParametersSize() {
        List<String> problems = new ArrayList<>();
        Checked checked = new Checked(rule(), problems, false);
        run(checked, rho(), 1, steps());
        if (!problems.isEmpty()) {
            fail(rule().name() + ": " + problems.get(0) + (problems.size() > 1 ? " (and " + (problems.size() - 1) + " more)" : ""));
        }
        assertEquals(steps(), checked.calls, "the optimiser asks for one direction a step");
    }

    /** Two trajectories with the same seed end at the same bits; the perturbation too. */
    @Test
    public void aSeedDeterminesTheTrajectory() {
        Optimizer.State a = run(rule(), rho(), 7, steps());
        Optimizer.State b = run(rule(), rho(), 7, steps());
        assertArrayEquals(a.x().toArray(), b.x().toArray(), 0.0, rule().name() + ": the same seed gave other parameters");
        if (a.perturbation() != null || b.perturbation() != null) {
            assertNotNull(a.perturbation(), "perturbation");
            assertNotNull(b.perturbation(), "perturbation");
            assertArrayEquals(a.perturbation().toArray(), b.perturbation().toArray(), 0.0,
                    rule().name() + ": the same seed gave another perturbation");
        }
    }

    /**
     * A checkpoint taken half-way, loaded into a fresh state, continues the trajectory bit for bit.
     *
     * @throws IOException when the rule's state cannot be written or read
     */
    @Test
    public void aCheckpointContinuesTheTrajectory() throws IOException {
        Optimizer opt = optimizer(rule(), rho());
        int total = steps();
        int half = total / 2;
        Optimizer.State s = opt.init(x0(), 11);
        for (int k = 0; k < half; k++) {
            opt.step(s, k, total);
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            opt.save(s, out);
        }
        Optimizer.State resumed = opt.init(x0(), 11);
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            opt.load(resumed, in);
        }
        for (int k = half; k < total; k++) {
            opt.step(s, k, total);
            opt.step(resumed, k, total);
        }
        assertArrayEquals(s.x().toArray(), resumed.x().toArray(), 0.0,
                rule().name() + ": a trajectory resumed from a checkpoint went elsewhere (is all of the rule's state saved?)");
    }

    /** A rule that declares perturbs() evaluates ∇f_γ(x + ε); one that does not, never does. */
    @Test
    public void perturbsAsDeclared() {
        Optimizer.State s = run(rule(), rho(), 3, steps());
        if (rule().perturbs()) {
            assertNotNull(s.perturbation(), rule().name() + " declares perturbs() but never evaluated the gradient at x + ε (Step.gradientAt)");
            assertTrue(Vectors.finite(s.perturbation()), rule().name() + ": the perturbation is not finite");
        } else {
            assertEquals(null, s.perturbation(), rule().name() + " declares that it does not perturb but called Step.gradientAt");
        }
    }

    /** At ρ = 0 the direction is g_γ, to a relative 1e-12 ({@link #reducesToSgdAtRhoZero()}). */
    @Test
    public void atRhoZeroTheDirectionIsTheBatchGradient() {
        if (!reducesToSgdAtRhoZero()) {
            return;
        }
        List<String> problems = new ArrayList<>();
        run(new Checked(rule(), problems, true), 0.0, 5, steps());
        if (!problems.isEmpty()) {
            fail(rule().name() + ": " + problems.get(0));
        }
    }

    private Tensor x0() {
        double[] x = start();
        return CpuBackend.get().upload(x, x.length);
    }

    private Optimizer optimizer(UpdateRule r, double rho) {
        return Optimizer.builder(objective(), r).eta(eta()).rho(rho).sampling(sampling()).build();
    }

    private Optimizer.State run(UpdateRule r, double rho, long seed, int n) {
        Optimizer opt = optimizer(r, rho);
        Optimizer.State s = opt.init(x0(), seed);
        for (int k = 0; k < n; k++) {
            opt.step(s, k, n);
        }
        return s;
    }

    /** The rule under test, with each direction it returns checked on the way out. */
    private static final class Checked implements UpdateRule {
        private final UpdateRule rule;
        private final List<String> problems;
        private final boolean expectGradient;
        private int calls;

        Checked(UpdateRule rule, List<String> problems, boolean expectGradient) {
            this.rule = rule;
            this.problems = problems;
            this.expectGradient = expectGradient;
        }

        @Override
        public String name() {
            return rule.name();
        }

        @Override
        public boolean perturbs() {
            return rule.perturbs();
        }

        @Override
        public RuleState init(Tensor x0, long seed) {
            return rule.init(x0, seed);
        }

        @Override
        public Tensor direction(Step step) {
            calls++;
            double[] x = step.x().toArray();
            double[] g = step.gradient().toArray();
            Tensor d = rule.direction(step);
            String at = "step " + step.index() + ": ";
            if (d == null) {
                problems.add(at + "the direction is null");
                return Vectors.copy(step.gradient());
            }
            if (d == step.x() || d == step.gradient() || d == step.scratch() || d == step.perturbation()) {
                problems.add(at + "the direction is one of the step's own tensors, not a new one (the optimiser closes it)");
                return Vectors.copy(d);
            }
            if (d.size() != x.length) {
                problems.add(at + "the direction has " + d.size() + " elements, the parameters " + x.length);
                d.close();
                return Vectors.copy(step.gradient());
            }
            if (!Vectors.finite(d)) {
                problems.add(at + "the direction is not finite");
            }
            if (!java.util.Arrays.equals(x, step.x().toArray())) {
                problems.add(at + "the rule modified x");
            }
            if (!java.util.Arrays.equals(g, step.gradient().toArray())) {
                problems.add(at + "the rule modified g_γ");
            }
            if (expectGradient && d.size() == g.length) {
                try {
                    Check.close(g, d.toArray(), 1e-12, "direction at ρ = 0 against g_γ");
                } catch (AssertionError e) {
                    problems.add(at + e.getMessage());
                }
            }
            return d;
        }
    }
}
