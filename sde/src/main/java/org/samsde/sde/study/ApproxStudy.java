package org.samsde.sde.study;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.LongConsumer;

import org.apache.commons.math3.distribution.TDistribution;
import org.samsde.core.objective.Batch;
import org.samsde.core.random.RandomStreams;
import org.samsde.core.tensor.CpuBackend;
import org.samsde.core.tensor.Tensor;
import org.samsde.core.tensor.Vectors;
import org.samsde.sde.Dynamics;
import org.samsde.sde.Sampling;
import org.samsde.sde.model.CompensatedNoise;
import org.samsde.sde.model.DriftEstimator;
import org.samsde.sde.model.MonteCarloDrift;
import org.samsde.sde.model.NoiseSampler;
import org.samsde.sde.model.SdeModel;
import org.samsde.sde.model.SdeSolver;
import org.samsde.sde.optim.Optimizer;
import org.samsde.sde.optim.Sam;
import org.samsde.sde.optim.UpdateRule;
import org.samsde.sde.run.Problem;

/**
 * How the gap between a discrete method and its continuous models shrinks with η (docs/design.md §9).
 *
 * <p>For every η, with ρ = c·η^a, it runs the discrete method and each model (solved with m
 * substeps) for N = round(T/η) steps from the problem's x₀, as ensembles of S seeds, and measures
 * gap(η) = max_{k ≤ N} |E φ(x_k) − E φ(X_{kη})| with E the ensemble mean (exact for full batches,
 * S = 1). For mini-batch ensembles the difference of means D_k carries sampling noise of variance
 * s_k², and the maximum of |D_k| over k is biased upward; the gap is therefore
 * max_k √max(0, D_k² − s_k²) (D_k² − s_k² is unbiased for the squared true difference), with the
 * pointwise 95% half-width t·s_k at the maximising step. Since the maximum is taken over N + 1
 * steps, a level is <em>resolved</em> only when its gap exceeds the simultaneous (Bonferroni) 95%
 * half-width t_{1 − 0.025/(N+1)}·s_k there (always, for deterministic runs with a non-zero gap):
 * two ensembles of the same law then give an unresolved level 95% of the time, however many steps
 * are compared. The order is the least-squares slope of log gap
 * on log η over the resolved levels only (NaN with fewer than two), and the result says how many
 * levels it used. Expected: with a = 1/3, sam3's gap ~ η and sam2's ~ η^{2/3}; with a = 1/2 both ~ η.
 *
 * <p>The models and the discrete rule are open types: a user's {@link SdeModel} and
 * {@link UpdateRule} run through the study like the built-in ones. Built with {@link #builder}.
 */
public final class ApproxStudy {
    private final Problem problem;
    private final double[] etas;
    private final double rhoScale;
    private final double rhoExponent;
    private final double horizon;
    private final UpdateRule discrete;
    private final List<SdeModel> models;
    private final int substeps;
    private final Sampling sampling;
    private final DriftEstimator drift;
    private final NoiseSampler noise;
    private final int seeds;
    private final long masterSeed;
    private final Observable observable;
    private final int threads;

    /** The observed quantity φ. */
    public enum Observable {
        /** φ(x) = f(x), the full training loss. */
        LOSS,
        /** φ(x) = ‖x‖². */
        NORM2
    }

    private ApproxStudy(Builder b) {
        if (b.etas == null || b.etas.length < 2) {
            throw new IllegalArgumentException("an order needs at least two learning rates");
        }
        for (double eta : b.etas) {
            if (!(eta > 0) || !Double.isFinite(eta)) {
                throw new IllegalArgumentException("learning rates must be positive, got " + eta);
            }
        }
        if (!(b.rhoScale >= 0) || !Double.isFinite(b.rhoExponent) || !(b.horizon > 0) || b.substeps < 1 || b.seeds < 1
                || b.threads < 1 || b.models.isEmpty()) {
            throw new IllegalArgumentException("approximation study: rho scale >= 0, horizon > 0, substeps, seeds, threads >= 1 and a model are required");
        }
        problem = Objects.requireNonNull(b.problem, "problem");
        etas = b.etas.clone();
        rhoScale = b.rhoScale;
        rhoExponent = b.rhoExponent;
        horizon = b.horizon;
        discrete = Objects.requireNonNull(b.discrete, "discrete rule");
        models = List.copyOf(b.models);
        substeps = b.substeps;
        sampling = Objects.requireNonNull(b.sampling, "sampling");
        drift = Objects.requireNonNull(b.drift, "drift");
        noise = Objects.requireNonNull(b.noise, "noise");
        seeds = b.seeds;
        masterSeed = b.masterSeed;
        observable = Objects.requireNonNull(b.observable, "observable");
        threads = b.threads;
        // fail fast on settings the solvers would refuse
        solver(models.get(0), etas[0], rhoScale * Math.pow(etas[0], rhoExponent));
    }

    /**
     * @param problem the problem (x₀ is the start of every run)
     * @return a builder with the defaults: c = 2, a = 1/3, horizon 1, SAM against sam2 and sam3,
     *     m = 10 substeps, full batch, drift {@code mc:4} ({@link SdeSolver#DEFAULT_BATCHES}) with {@code compensated} noise (exact for
     *     full batches), one seed, master seed 0, φ = f, one thread; the learning rates must be set
     */
    public static Builder builder(Problem problem) {
        return new Builder(problem);
    }

    /** Options of an {@link ApproxStudy}, with defaults. */
    public static final class Builder {
        private final Problem problem;
        private double[] etas;
        private double rhoScale = 2.0;
        private double rhoExponent = 1.0 / 3;
        private double horizon = 1.0;
        private UpdateRule discrete = Sam.INSTANCE;
        private List<SdeModel> models = List.of(org.samsde.sde.model.Sam2.INSTANCE, org.samsde.sde.model.Sam3.INSTANCE);
        private int substeps = 10;
        private Sampling sampling = Sampling.full();
        private DriftEstimator drift = new MonteCarloDrift(SdeSolver.DEFAULT_BATCHES);
        private NoiseSampler noise = new CompensatedNoise();
        private int seeds = 1;
        private long masterSeed;
        private Observable observable = Observable.LOSS;
        private int threads = 1;

        private Builder(Problem problem) {
            this.problem = problem;
        }

        /**
         * @param v the learning rates, at least two
         * @return this
         */
        public Builder etas(double... v) {
            etas = v.clone();
            return this;
        }

        /**
         * @param scale c ≥ 0
         * @param exponent a
         * @return this, with ρ = c·η^a
         */
        public Builder rho(double scale, double exponent) {
            rhoScale = scale;
            rhoExponent = exponent;
            return this;
        }

        /**
         * @param v T in SDE time
         * @return this
         */
        public Builder horizon(double v) {
            horizon = v;
            return this;
        }

        /**
         * @param v the discrete method's rule
         * @return this
         */
        public Builder discrete(UpdateRule v) {
            discrete = v;
            return this;
        }

        /**
         * @param v the continuous models
         * @return this
         */
        public Builder models(List<? extends SdeModel> v) {
            models = List.copyOf(v);
            return this;
        }

        /**
         * @param v m, Euler–Maruyama substeps per η
         * @return this
         */
        public Builder substeps(int v) {
            substeps = v;
            return this;
        }

        /**
         * @param v the batches
         * @return this
         */
        public Builder sampling(Sampling v) {
            sampling = v;
            return this;
        }

        /**
         * @param v the models' drift estimator
         * @return this
         */
        public Builder drift(DriftEstimator v) {
            drift = v;
            return this;
        }

        /**
         * @param v the models' noise sampler
         * @return this
         */
        public Builder noise(NoiseSampler v) {
            noise = v;
            return this;
        }

        /**
         * @param v S, ensemble size
         * @return this
         */
        public Builder seeds(int v) {
            seeds = v;
            return this;
        }

        /**
         * @param v the master seed
         * @return this
         */
        public Builder masterSeed(long v) {
            masterSeed = v;
            return this;
        }

        /**
         * @param v φ
         * @return this
         */
        public Builder observable(Observable v) {
            observable = v;
            return this;
        }

        /**
         * @param v worker threads
         * @return this
         */
        public Builder threads(int v) {
            threads = v;
            return this;
        }

        /**
         * @return the study
         * @throws IllegalArgumentException naming a setting that does not fit
         */
        public ApproxStudy build() {
            return new ApproxStudy(this);
        }
    }

    /** @return the batches */
    public Sampling sampling() {
        return sampling;
    }

    /** @return the problem */
    public Problem problem() {
        return problem;
    }

    /** @return the models' drift estimator */
    public DriftEstimator drift() {
        return drift;
    }

    /** @return the models' noise sampler */
    public NoiseSampler noise() {
        return noise;
    }

    /** @return m, the models' substeps per η */
    public int substeps() {
        return substeps;
    }

    /**
     * @param model the model's label
     * @param eta η
     * @param rho ρ = c·η^a
     * @param gap the debiased max_k |E φ(x_k) − E φ(X_k)| (the plain maximum for deterministic runs)
     * @param halfWidth the pointwise 95% half-width of the difference of means at the maximising step (0 for deterministic runs)
     * @param step the maximising step
     * @param resolved whether the gap exceeds the simultaneous 95% half-width over all steps (for deterministic runs: the gap is not 0)
     */
    public record Gap(String model, double eta, double rho, double gap, double halfWidth, int step, boolean resolved) {
    }

    /**
     * @param fit the fitted order over the resolved levels (NaN when fewer than two are resolved)
     * @param levels how many levels the fit used
     * @param of how many levels there were
     */
    public record Order(Slopes.Fit fit, int levels, int of) {
    }

    /**
     * @param gaps every (model, η) gap
     * @param slopes per model label, the fitted order
     */
    public record Result(List<Gap> gaps, Map<String, Order> slopes) {
    }

    /** @return the gaps and slopes */
    public Result run() {
        return run(k -> { });
    }

    /**
     * @return the steps all trajectories make together: Σ over η of ⌈T/η⌉ (rounded) · seeds ·
     *     (1 + the number of SDE models)
     */
    public long totalSteps() {
        long total = 0;
        for (double eta : etas) {
            total += (long) Math.max(1, (int) Math.round(horizon / eta)) * seeds * (1 + models.size());
        }
        return total;
    }

    /**
     * @param progress receives the steps done, as they are done (from worker threads); {@link #totalSteps()} in all
     * @return the gaps and slopes
     */
    public Result run(LongConsumer progress) {
        if (problem.train().backend() instanceof CpuBackend cpu) {
            return cpu.singleThreaded(() -> runAll(progress));
        }
        return runAll(progress);
    }

    private SdeSolver solver(SdeModel model, double eta, double rho) {
        return SdeSolver.builder(problem.train(), model).rho(rho).eta(eta).sampling(sampling).substeps(substeps).drift(drift)
                .noise(noise).build();
    }

    private Result runAll(LongConsumer progress) {
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "samsde-approx");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Gap> gaps = new ArrayList<>();
            List<String> labels = new ArrayList<>();
            for (double eta : etas) {
                double rho = rhoScale * Math.pow(eta, rhoExponent);
                int steps = Math.max(1, (int) Math.round(horizon / eta));
                Optimizer opt = Optimizer.builder(problem.train(), discrete).rho(rho).eta(eta).sampling(sampling).build();
                List<Future<double[]>> reference = observeAll(pool, opt, steps, progress);
                List<SdeSolver> solvers = new ArrayList<>();
                List<List<Future<double[]>>> continuous = new ArrayList<>();
                for (SdeModel model : models) {
                    SdeSolver sde = solver(model, eta, rho);
                    solvers.add(sde);
                    continuous.add(observeAll(pool, sde, steps, progress));
                }
                double[][] ref = collect(reference);
                for (int i = 0; i < models.size(); i++) {
                    String label = solvers.get(i).name();
                    if (!labels.contains(label)) {
                        labels.add(label);
                    }
                    gaps.add(measure(label, eta, rho, ref, collect(continuous.get(i))));
                }
            }
            Map<String, Order> slopes = new LinkedHashMap<>();
            for (String label : labels) {
                slopes.put(label, order(gaps.stream().filter(g -> g.model().equals(label)).toList()));
            }
            return new Result(List.copyOf(gaps), slopes);
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * The least-squares order over the resolved levels.
     *
     * @param gaps one model's gaps
     * @return the order, NaN when fewer than two levels are resolved
     */
    static Order order(List<Gap> gaps) {
        List<Gap> used = gaps.stream().filter(g -> g.resolved() && g.gap() > 0).toList();
        Slopes.Fit fit = used.size() < 2 ? new Slopes.Fit(Double.NaN, Double.NaN, Double.NaN)
                : Slopes.fit(used.stream().mapToDouble(Gap::eta).toArray(), used.stream().mapToDouble(Gap::gap).toArray());
        return new Order(fit, used.size(), gaps.size());
    }

    private List<Future<double[]>> observeAll(ExecutorService pool, Dynamics<?> dynamics, int steps, LongConsumer progress) {
        List<Future<double[]>> out = new ArrayList<>();
        for (int j = 0; j < seeds; j++) {
            long seed = RandomStreams.key(masterSeed, j);
            out.add(pool.submit(() -> observe(dynamics, seed, steps, progress)));
        }
        return out;
    }

    private static double[][] collect(List<Future<double[]>> futures) {
        double[][] out = new double[futures.size()][];
        try {
            for (int i = 0; i < out.length; i++) {
                out[i] = futures.get(i).get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("approximation study interrupted", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
        }
        return out;
    }

    /** φ at steps 0…N of one trajectory. */
    private <S extends Dynamics.State> double[] observe(Dynamics<S> dynamics, long seed, int steps, LongConsumer progress) {
        Tensor x0 = problem.train().backend().upload(problem.x0(), problem.dimension());
        S state = dynamics.init(x0, seed);
        x0.close();
        double[] phi = new double[steps + 1];
        phi[0] = phi(state.x());
        for (int k = 0; k < steps; k++) {
            dynamics.step(state, k, steps);
            phi[k + 1] = phi(state.x());
            progress.accept(1);
        }
        return phi;
    }

    private double phi(Tensor x) {
        return observable == Observable.LOSS ? problem.train().value(x, Batch.all()) : Vectors.dot(x, x);
    }

    /**
     * The gap between two ensembles of φ paths (rows: seeds, columns: steps).
     *
     * @param model the label
     * @param eta η
     * @param rho ρ
     * @param a the discrete method's paths; not modified
     * @param b the model's paths; not modified
     * @return the debiased maximum over steps, its half-width and whether it is resolved
     */
    static Gap measure(String model, double eta, double rho, double[][] a, double[][] b) {
        int steps = a[0].length;
        boolean noisy = a.length > 1 && b.length > 1;
        TDistribution dist = noisy ? new TDistribution(null, Math.min(a.length, b.length) - 1) : null;
        double t = noisy ? dist.inverseCumulativeProbability(0.975) : 0;
        double tSimultaneous = noisy ? dist.inverseCumulativeProbability(1 - 0.025 / steps) : 0;
        double best = -1;
        int arg = 0;
        double half = 0;
        double simultaneous = 0;
        for (int k = 0; k < steps; k++) {
            double[] ma = meanVar(a, k);
            double[] mb = meanVar(b, k);
            double diff = ma[0] - mb[0];
            double var = noisy ? ma[1] / a.length + mb[1] / b.length : 0.0;
            double gap = Math.sqrt(Math.max(0, diff * diff - var));
            if (Double.isNaN(diff)) {
                return new Gap(model, eta, rho, Double.NaN, Double.NaN, k, false);
            }
            if (gap > best) {
                best = gap;
                arg = k;
                half = t * Math.sqrt(var);
                simultaneous = tSimultaneous * Math.sqrt(var);
            }
        }
        return new Gap(model, eta, rho, best, half, arg, best > simultaneous);
    }

    private static double[] meanVar(double[][] runs, int k) {
        double mean = 0;
        for (double[] r : runs) {
            mean += r[k] / runs.length;
        }
        double var = 0;
        for (double[] r : runs) {
            var += (r[k] - mean) * (r[k] - mean);
        }
        return new double[] {mean, runs.length > 1 ? var / (runs.length - 1) : 0.0};
    }
}
