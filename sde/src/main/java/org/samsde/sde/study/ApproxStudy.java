package org.samsde.sde.study;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
import org.samsde.sde.Dynamics;
import org.samsde.sde.LearningRate;
import org.samsde.sde.Sampling;
import org.samsde.sde.Vectors;
import org.samsde.sde.model.DriftEstimator;
import org.samsde.sde.model.NoiseSpec;
import org.samsde.sde.model.SdeKind;
import org.samsde.sde.model.SdeSolver;
import org.samsde.sde.optim.BaseStep;
import org.samsde.sde.optim.EigenSamOptions;
import org.samsde.sde.optim.Method;
import org.samsde.sde.optim.Optimizer;
import org.samsde.sde.run.Problem;

/**
 * How the gap between a discrete method and its continuous models shrinks with η (DESIGN §9.4).
 *
 * <p>For every η, with ρ = c·η^a, it runs the discrete method and each model (solved with m
 * substeps) for N = round(T/η) steps from the problem's x₀, as ensembles of S seeds, and measures
 * gap(η) = max_{k ≤ N} |E φ(x_k) − E φ(X_{kη})| with E the ensemble mean (exact for full batches,
 * S = 1). For mini-batch ensembles the gap carries the 95% half-width of the difference of the two
 * means at the maximising step. The order is the least-squares slope of log gap on log η.
 * Expected: with a = 1/3, sam3's gap ~ η and sam2's ~ η^{2/3}; with a = 1/2 both ~ η.
 *
 * @param problem the problem (x₀ is the start of every run)
 * @param etas the learning rates, at least two
 * @param rhoScale c
 * @param rhoExponent a
 * @param horizon T in SDE time
 * @param discrete the discrete method (SAM by default)
 * @param models the continuous models
 * @param substeps m, Euler–Maruyama substeps per η
 * @param sampling the batches (full for the deterministic study)
 * @param drift the models' drift estimator
 * @param noise the models' noise sampler
 * @param seeds S, ensemble size (1 for full batch)
 * @param masterSeed the master seed
 * @param observable φ
 * @param threads worker threads
 */
public record ApproxStudy(Problem problem, double[] etas, double rhoScale, double rhoExponent, double horizon,
                          Method discrete, List<SdeKind> models, int substeps, Sampling sampling, DriftEstimator drift,
                          NoiseSpec noise, int seeds, long masterSeed, Observable observable, int threads) {

    /** The observed quantity φ. */
    public enum Observable {
        /** φ(x) = f(x), the full training loss. */
        LOSS,
        /** φ(x) = ‖x‖². */
        NORM2
    }

    /** Validates the grid. */
    public ApproxStudy {
        if (etas.length < 2) {
            throw new IllegalArgumentException("an order needs at least two learning rates");
        }
        for (double eta : etas) {
            if (!(eta > 0) || !Double.isFinite(eta)) {
                throw new IllegalArgumentException("learning rates must be positive, got " + eta);
            }
        }
        if (!(rhoScale >= 0) || !Double.isFinite(rhoExponent) || !(horizon > 0) || substeps < 1 || seeds < 1 || threads < 1
                || models.isEmpty()) {
            throw new IllegalArgumentException("approximation study: rho scale >= 0, horizon > 0, substeps, seeds, threads >= 1 and a model are required");
        }
        etas = etas.clone();
    }

    /**
     * @param model the model
     * @param eta η
     * @param rho ρ = c·η^a
     * @param gap max_k |E φ(x_k) − E φ(X_k)|
     * @param halfWidth the 95% half-width at the maximising step (0 for deterministic runs)
     * @param step the maximising step
     */
    public record Gap(String model, double eta, double rho, double gap, double halfWidth, int step) {
    }

    /**
     * @param gaps every (model, η) gap
     * @param slopes per model, the fitted order
     */
    public record Result(List<Gap> gaps, Map<String, Slopes.Fit> slopes) {
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
            cpu.setBlasThreads(1);
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "samsde-approx");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Gap> gaps = new ArrayList<>();
            for (double eta : etas) {
                double rho = rhoScale * Math.pow(eta, rhoExponent);
                int steps = Math.max(1, (int) Math.round(horizon / eta));
                Optimizer opt = new Optimizer(problem.train(), discrete, rho, new LearningRate.Constant(eta), new BaseStep.Plain(),
                        sampling, EigenSamOptions.DEFAULTS);
                List<Future<double[]>> reference = observeAll(pool, opt, steps, progress);
                List<List<Future<double[]>>> continuous = new ArrayList<>();
                for (SdeKind kind : models) {
                    SdeSolver sde = new SdeSolver(problem.train(), kind, rho, eta, sampling, substeps, drift, noise);
                    continuous.add(observeAll(pool, sde, steps, progress));
                }
                double[][] ref = collect(reference);
                for (int i = 0; i < models.size(); i++) {
                    gaps.add(gap(models.get(i).label(), eta, rho, ref, collect(continuous.get(i))));
                }
            }
            Map<String, Slopes.Fit> slopes = new LinkedHashMap<>();
            for (SdeKind kind : models) {
                double[] x = gaps.stream().filter(g -> g.model().equals(kind.label())).mapToDouble(Gap::eta).toArray();
                double[] y = gaps.stream().filter(g -> g.model().equals(kind.label())).mapToDouble(Gap::gap).toArray();
                slopes.put(kind.label(), Slopes.fit(x, y));
            }
            return new Result(List.copyOf(gaps), slopes);
        } finally {
            pool.shutdownNow();
        }
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

    private Gap gap(String model, double eta, double rho, double[][] a, double[][] b) {
        int steps = a[0].length;
        double best = -1;
        int arg = 0;
        double half = 0;
        for (int k = 0; k < steps; k++) {
            double[] ma = meanVar(a, k);
            double[] mb = meanVar(b, k);
            double diff = Math.abs(ma[0] - mb[0]);
            if (diff > best || Double.isNaN(diff)) {
                best = diff;
                arg = k;
                half = a.length < 2 ? 0.0
                        : new TDistribution(null, a.length - 1).inverseCumulativeProbability(0.975)
                                * Math.sqrt(ma[1] / a.length + mb[1] / b.length);
                if (Double.isNaN(diff)) {
                    break;
                }
            }
        }
        return new Gap(model, eta, rho, best, half, arg);
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
