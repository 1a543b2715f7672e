package org.samsde.sde.run;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongConsumer;

import org.samsde.sde.Dynamics;
import org.samsde.sde.model.CompensatedNoise;
import org.samsde.sde.model.MonteCarloDrift;
import org.samsde.sde.model.SdeSolver;

/**
 * Ensembles whose SDE solutions come from a step size shown to be converged.
 *
 * <p>One Euler step of Δt = η with compensated noise has discrete SAM's own one-step mean and
 * covariance up to O(ηρ³), so a solve at m = 1 is close to a Gaussianised copy of the discrete
 * method by construction; the SDE is the limit Δt = η/m → 0. Under {@link Policy#auto()}, each SDE
 * method is solved at m = 1, 2, 4, … substeps, and m is doubled until the doubling changes no
 * observable's final ensemble mean (over {@link #OBSERVABLES}) by more than a quarter of the finer
 * solve's 95% t half-width (with one seed, where there is no interval, by more than a relative
 * tolerance of the finer mean, {@link Policy#relativeTolerance()}). The result is the finer solve of
 * the first pair that passes, so its own Δt error is about half the measured change (weak order 1).
 *
 * <p>The two solves of a pair are coupled: with an {@code mc:M} drift, M is a budget of batches per
 * step of η shared by the m substeps ({@link MonteCarloDrift}), so the solves at m and 2m with the
 * same budget T and seed use the same batches and the same Brownian normals, and their difference
 * measures the step-size error with a small variance; compensated noise is centred in groups of two
 * ({@link CompensatedNoise} {@code compensated:2}), so that the coarse substep's noise is, group by
 * group, the sum of the two fine substeps' noises. A pair needs a whole number of groups per fine
 * substep: T is the drift's M rounded up to a multiple of 4m, so when M is too small for the pair,
 * the pair is solved at a larger T, both levels afresh. Each level's solve is cached, so a level shared by two
 * pairs runs once. Solves that are not SDE solutions (discrete methods) run once, as in
 * {@link Ensemble#run}; every method of one call shares each seed's initialisation and streams.
 *
 * <p>Cost: each level of an {@code mc:M} solve draws the same M batches per step of η, so a level
 * costs about what the m = 1 solve costs; an auto solve that stops at m costs about 1 + log₂ m
 * such solves.
 */
public final class StepSizes {
    /** The observables whose final ensemble means decide convergence: the six panels. */
    public static final List<String> OBSERVABLES = List.of("train_loss", "test_loss", "test_acc", "norm", "grad_norm", "lambda_max");

    private StepSizes() {
    }

    /**
     * How the substeps of the SDE methods are chosen.
     *
     * @param refine whether m is refined until converged (otherwise every SDE method runs at its own m)
     * @param fraction a doubling passes when no final mean moves by more than this fraction of the
     *     finer solve's 95% half-width
     * @param relativeTolerance with one seed: the largest relative change that passes
     * @param maxSubsteps the finest m tried; a method not converged there is reported unconverged
     */
    public record Policy(boolean refine, double fraction, double relativeTolerance, int maxSubsteps) {
        /** Checks the fields. */
        public Policy {
            if (!(fraction > 0) || !(relativeTolerance > 0) || maxSubsteps < 2) {
                throw new IllegalArgumentException("a step-size policy needs a positive fraction and tolerance and at least 2 substeps");
            }
        }

        /** @return refine m: a quarter of the half-width, relative tolerance 1% with one seed, m up to 16 */
        public static Policy auto() {
            return new Policy(true, 0.25, 0.01, 16);
        }

        /** @return every SDE method at the substeps it was built with, unchecked */
        public static Policy fixed() {
            return new Policy(false, 0.25, 0.01, 16);
        }

        /**
         * @param m the finest m tried
         * @return this policy with another cap
         */
        public Policy withMaxSubsteps(int m) {
            return new Policy(refine, fraction, relativeTolerance, m);
        }
    }

    /**
     * The change of one observable's final ensemble mean from the coarser solve to the finer one.
     *
     * @param observable a name of {@link Record#METRICS}
     * @param coarse the final mean at m
     * @param fine the final mean at 2m
     * @param halfWidth the finer mean's 95% t half-width (NaN with one seed)
     */
    public record Change(String observable, double coarse, double fine, double halfWidth) {
        /** @return |fine − coarse| */
        public double size() {
            return Math.abs(fine - coarse);
        }
    }

    /**
     * The step size an SDE method's result comes from.
     *
     * @param method the method's label
     * @param substeps m of the reported solve (Δt = η/m)
     * @param budget batches per step of η of an {@code mc} drift (0 for other drifts)
     * @param checked whether the step size was checked against a coarser solve
     * @param converged whether the check passed
     * @param tried the m of every level solved, in order
     * @param changes per observable, the change from the solve at m/2 to the reported one (empty when unchecked)
     */
    public record Choice(String method, int substeps, int budget, boolean checked, boolean converged, List<Integer> tried,
                         List<Change> changes) {
        /** @return the largest change in units of its half-width (NaN when unchecked or with one seed) */
        public double worstRatio() {
            double w = Double.NaN;
            for (Change c : changes) {
                double r = c.size() / c.halfWidth();
                if (!(w >= r)) {
                    w = r;
                }
            }
            return w;
        }
    }

    /**
     * An ensemble with the step sizes of its SDE methods.
     *
     * @param trajectories the trajectories, methods in the given order, seeds ascending within each
     * @param choices one per SDE method, in the given order
     */
    public record Result(List<Ensemble.Trajectory> trajectories, List<Choice> choices) {
    }

    /**
     * Runs every method for every seed, refining the SDE methods' step sizes under the policy.
     *
     * @param problem the problem
     * @param methods the methods
     * @param settings the ensemble settings; an auto solve's levels checkpoint into subfolders
     *     {@code m<m>-T<T>} of its checkpoint folder
     * @param policy how m is chosen
     * @param progress receives the steps done (from worker threads)
     * @param finished called once per finished trajectory of the reported results
     * @return the trajectories and choices
     */
    public static Result run(Problem problem, List<? extends Dynamics<?>> methods, Ensemble.Settings settings, Policy policy,
                             LongConsumer progress, Runnable finished) {
        if (!policy.refine()) {
            List<Choice> choices = new ArrayList<>();
            for (Dynamics<?> d : methods) {
                SdeSolver s = d.solver();
                if (s != null) {
                    choices.add(new Choice(d.name(), s.substeps(), budget(s), false, false, List.of(s.substeps()), List.of()));
                }
            }
            return new Result(Ensemble.run(problem, methods, settings, progress, finished), List.copyOf(choices));
        }
        List<Dynamics<?>> discrete = new ArrayList<>();
        for (Dynamics<?> d : methods) {
            if (d.solver() == null) {
                discrete.add(d);
            }
        }
        Map<Dynamics<?>, List<Ensemble.Trajectory>> byMethod = new HashMap<>();
        if (!discrete.isEmpty()) {
            List<Ensemble.Trajectory> all = Ensemble.run(problem, discrete, settings, progress, finished);
            for (int i = 0; i < discrete.size(); i++) {
                byMethod.put(discrete.get(i), all.subList(i * settings.seeds(), (i + 1) * settings.seeds()));
            }
        }
        List<Choice> choices = new ArrayList<>();
        for (Dynamics<?> d : methods) {
            if (d.solver() != null) {
                Refined r = refine(problem, d, settings, policy, progress);
                byMethod.put(d, r.trajectories);
                choices.add(r.choice);
                r.trajectories.forEach(t -> finished.run());
            }
        }
        List<Ensemble.Trajectory> out = new ArrayList<>();
        for (Dynamics<?> d : methods) {
            out.addAll(byMethod.get(d));
        }
        return new Result(List.copyOf(out), List.copyOf(choices));
    }

    private record Refined(List<Ensemble.Trajectory> trajectories, Choice choice) {
    }

    /**
     * @param m substeps
     * @param budget T
     * @return the level's name, {@code m<m>-T<T>}: its checkpoint folder and its key among the solves
     */
    static String levelFolder(int m, int budget) {
        return "m" + m + "-T" + budget;
    }

    /**
     * @param name a folder's name
     * @return whether it is a level's checkpoint folder ({@link #levelFolder})
     */
    static boolean isLevelFolder(String name) {
        return name.matches("m[0-9]+-T[0-9]+");
    }

    /** @return T of an mc drift, else 0 */
    private static int budget(SdeSolver s) {
        return s.drift() instanceof MonteCarloDrift mc ? mc.batches() : 0;
    }

    private static Refined refine(Problem problem, Dynamics<?> method, Ensemble.Settings settings, Policy policy, LongConsumer progress) {
        SdeSolver base = method.solver();
        Map<String, List<Ensemble.Trajectory>> cache = new LinkedHashMap<>();
        List<Integer> tried = new ArrayList<>();
        List<Change> last = List.of();
        int m = 1;
        int budget = 0;
        List<Ensemble.Trajectory> fine = null;
        while (2 * m <= policy.maxSubsteps()) {
            int t = pairBudget(base, m);
            budget = t;
            List<Ensemble.Trajectory> coarse = level(problem, method, base, m, t, settings, progress, cache, tried);
            fine = level(problem, method, base, 2 * m, t, settings, progress, cache, tried);
            last = changes(coarse, fine);
            if (last.isEmpty()) {
                break; // every trajectory diverged at both levels: nothing to compare
            }
            if (passes(last, policy)) {
                return new Refined(fine, new Choice(method.name(), 2 * m, budget, true, true, List.copyOf(tried), last));
            }
            m *= 2;
        }
        return new Refined(fine, new Choice(method.name(), tried.get(tried.size() - 1), budget, true, false, List.copyOf(tried), last));
    }

    /**
     * T, the batches per step of η of the coupled pair (m, 2m) for a solver's {@code mc:M} drift: M
     * rounded up to a multiple of 2m·(batches a substep needs), so that the 2m fine substeps share
     * it evenly in whole groups; 0 for other drifts.
     *
     * @param base the method as given
     * @param m the coarser level's substeps
     * @return T
     */
    public static int pairBudget(SdeSolver base, int m) {
        if (!(base.drift() instanceof MonteCarloDrift)) {
            return 0;
        }
        int unit = 2 * m * base.batchesPerSubstepNeeded();
        return (Math.max(budget(base), unit) + unit - 1) / unit * unit;
    }

    /**
     * The solver of one level as an auto solve runs it: the method at m substeps with budget T
     * ({@link SdeSolver#refined}), compensated noise centred in groups of two, so that the solves at
     * m and 2m draw the same noise group by group.
     *
     * @param base the method as given
     * @param m substeps
     * @param budget T (ignored for a drift other than mc)
     * @return the level's solver
     */
    public static SdeSolver levelSolver(SdeSolver base, int m, int budget) {
        SdeSolver solver = base.refined(m, budget);
        if (solver.noise() instanceof CompensatedNoise && solver.batchesPerSubstepNeeded() > 1) {
            solver = solver.toBuilder().noise(new CompensatedNoise(solver.batchesPerSubstepNeeded())).build();
        }
        return solver;
    }

    private static List<Ensemble.Trajectory> level(Problem problem, Dynamics<?> method, SdeSolver base, int m, int budget,
                                                   Ensemble.Settings settings, LongConsumer progress,
                                                   Map<String, List<Ensemble.Trajectory>> cache, List<Integer> tried) {
        String key = levelFolder(m, budget);
        List<Ensemble.Trajectory> done = cache.get(key);
        if (done != null) {
            return done;
        }
        SdeSolver solver = levelSolver(base, m, budget);
        Ensemble.Settings s = settings;
        if (settings.checkpoints() != null) {
            Path dir = settings.checkpoints().resolve(key);
            s = settings.toBuilder().checkpoints(settings.checkpointEvery(), dir).build();
        }
        List<Ensemble.Trajectory> run = new ArrayList<>();
        for (Ensemble.Trajectory t : Ensemble.run(problem, List.of(solver), s, progress)) {
            run.add(new Ensemble.Trajectory(method.name(), t.seedIndex(), t.seed(), t.records(), t.finalParameters(), t.diverged(),
                    t.seconds()));
        }
        cache.put(key, run);
        tried.add(m);
        return run;
    }

    /**
     * @param coarse the solve at m
     * @param fine the solve at 2m
     * @return per observable, the change of the final ensemble mean
     */
    static List<Change> changes(List<Ensemble.Trajectory> coarse, List<Ensemble.Trajectory> fine) {
        List<Change> out = new ArrayList<>();
        for (String o : OBSERVABLES) {
            Summary.Interval c = Summary.Interval.of(finals(coarse, o));
            Summary.Interval f = Summary.Interval.of(finals(fine, o));
            if (c.count() == 0 && f.count() == 0) {
                continue; // not recorded (no test split, no Hessian)
            }
            out.add(new Change(o, c.mean(), f.mean(), f.halfWidth()));
        }
        return List.copyOf(out);
    }

    /** @return the observable at the last step of every trajectory (NaN for one that diverged) */
    private static double[] finals(List<Ensemble.Trajectory> run, String observable) {
        double[] v = new double[run.size()];
        for (int i = 0; i < v.length; i++) {
            Ensemble.Trajectory t = run.get(i);
            Record r = t.records().get(t.records().size() - 1);
            v[i] = t.diverged() ? Double.NaN : r.metric(observable);
        }
        return v;
    }

    /** @return whether every change is within the policy's bound (NaN fails) */
    static boolean passes(List<Change> changes, Policy policy) {
        for (Change c : changes) {
            double limit = Double.isFinite(c.halfWidth()) ? policy.fraction() * c.halfWidth()
                    : policy.relativeTolerance() * Math.abs(c.fine());
            if (!(c.size() <= limit)) {
                return false; // also NaN: a diverged level, or an observable lost
            }
        }
        return true;
    }
}
