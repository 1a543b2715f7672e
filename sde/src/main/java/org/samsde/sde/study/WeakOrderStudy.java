package org.samsde.sde.study;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.samsde.core.objective.DiagonalQuadratic;
import org.samsde.core.objective.Objective;
import org.samsde.core.objective.ToyObjective;
import org.samsde.core.random.RandomStreams;
import org.samsde.core.tensor.Backend;
import org.samsde.core.tensor.Tensor;
import org.samsde.sde.Vectors;
import org.samsde.sde.model.BrownianPath;
import org.samsde.sde.model.ExactDrift;
import org.samsde.sde.model.IsotropicNoise;
import org.samsde.sde.model.Richardson;
import org.samsde.sde.model.SdeSolver;
import org.samsde.sde.model.Sgd1;

/**
 * Weak order of Euler–Maruyama and of its Richardson extrapolation on an Ornstein–Uhlenbeck
 * problem with exact moments: the sgd1 model of f(x) = ½θ‖x‖² with isotropic noise σ,
 * dX = −θX dt + √η·σ dW, whose second moment is
 * E[X_T²] = x₀²e^{−2θT} + ησ²(1 − e^{−2θT})/(2θ). Each of the P coordinates is one path.
 *
 * <p>Every level steps the real {@link SdeSolver} (model sgd1, {@code isotropic:σ} noise,
 * Euler–Maruyama with m substeps, so the √(η·Δt) scaling and the substeps are what is tested).
 * One fine {@link BrownianPath} (step h = η/m_max) drives every level: a level of step Δt = η/m
 * sees the path with stride m_max/m, whose increments are sums of the fine ones, so the levels
 * are coupled. The exact OU solution is driven by the same path
 * (its transition over h uses the increment and the correlated integral ∫e^{−θ(h−s)}dW), and serves
 * as a control variate: Ê = mean(X_Δt² − X_exact²) + E[X_T²], whose Monte Carlo error shrinks with
 * the strong error, O(Δt), rather than staying O(1/√P). Richardson (Talay–Tubaro):
 * 2Ê(Δt/2) − Ê(Δt), weak order 2. Every estimate carries its Monte Carlo standard error; a slope
 * is fitted over the levels whose error is at least three standard errors (the others are
 * dominated by sampling noise), NaN when fewer than two are.
 *
 * @param paths P, the number of coordinates (paths)
 * @param theta θ &gt; 0
 * @param sigma σ ≥ 0
 * @param eta η &gt; 0 (the SDE time of one optimiser step and the noise scale)
 * @param x0 the initial value of every coordinate
 * @param horizonSteps T/η, whole optimiser steps
 * @param substeps the levels m (Δt = η/m), ascending, each twice the previous
 * @param seed the master seed
 * @param backend where the problem lives
 */
public record WeakOrderStudy(int paths, double theta, double sigma, double eta, double x0, int horizonSteps,
                             int[] substeps, long seed, Backend backend) {

    /** Stream purposes below the seed: the Brownian path and the exact solution's conditional part. */
    private static final long PATH = 7;
    private static final long CONDITIONAL = 8;

    /**
     * Validates the levels.
     *
     * @param paths P, the number of coordinates (paths)
     * @param theta θ &gt; 0
     * @param sigma σ ≥ 0
     * @param eta η &gt; 0 (the SDE time of one optimiser step and the noise scale)
     * @param x0 the initial value of every coordinate
     * @param horizonSteps T/η, whole optimiser steps
     * @param substeps the levels m (Δt = η/m), ascending, each twice the previous
     * @param seed the master seed
     * @param backend where the problem lives
     */
    public WeakOrderStudy {
        if (paths < 1 || horizonSteps < 1 || substeps.length < 2 || !(theta > 0) || !(sigma >= 0) || !(eta > 0)) {
            throw new IllegalArgumentException("weak-order study needs paths, horizon, theta, eta > 0, sigma >= 0 and two levels");
        }
        for (int i = 0; i < substeps.length; i++) {
            if (substeps[i] < 1 || (i > 0 && substeps[i] != 2 * substeps[i - 1])) {
                throw new IllegalArgumentException("levels must double: " + Arrays.toString(substeps));
            }
        }
        substeps = substeps.clone();
    }

    /**
     * The study with the command line's defaults.
     *
     * @param backend where the problem lives
     * @return a builder with the defaults: paths = 400000, theta = 1.0, sigma = 1.0, eta = 0.4, x0 = 0.0,
     *     horizonSteps = 5, substeps = new int[] {1, 2, 4, 8, 16}, seed = 0
     */
    public static Builder builder(Backend backend) {
        return new Builder(backend);
    }

    /** Options of a {@link WeakOrderStudy}, with defaults. */
    public static final class Builder {
        private final Backend backend;
        private int paths = 400000;
        private double theta = 1.0;
        private double sigma = 1.0;
        private double eta = 0.4;
        private double x0 = 0.0;
        private int horizonSteps = 5;
        private int[] substeps = new int[] {1, 2, 4, 8, 16};
        private long seed = 0;

        private Builder(Backend backend) {
            this.backend = backend;
        }

        /**
         * @param v P, the number of coordinates (paths)
         * @return this
         */
        public Builder paths(int v) {
            paths = v;
            return this;
        }

        /**
         * @param v θ &gt; 0
         * @return this
         */
        public Builder theta(double v) {
            theta = v;
            return this;
        }

        /**
         * @param v σ ≥ 0
         * @return this
         */
        public Builder sigma(double v) {
            sigma = v;
            return this;
        }

        /**
         * @param v η &gt; 0, the coarsest step
         * @return this
         */
        public Builder eta(double v) {
            eta = v;
            return this;
        }

        /**
         * @param v the initial value of every coordinate
         * @return this
         */
        public Builder x0(double v) {
            x0 = v;
            return this;
        }

        /**
         * @param v T/η, whole optimiser steps
         * @return this
         */
        public Builder horizonSteps(int v) {
            horizonSteps = v;
            return this;
        }

        /**
         * @param v the levels m (Δt = η/m), ascending, each twice the previous
         * @return this
         */
        public Builder substeps(int[] v) {
            substeps = v;
            return this;
        }

        /**
         * @param v the master seed
         * @return this
         */
        public Builder seed(long v) {
            seed = v;
            return this;
        }

        /**
         * @return the study
         * @throws IllegalArgumentException naming a setting that does not fit
         */
        public WeakOrderStudy build() {
            return new WeakOrderStudy(paths, theta, sigma, eta, x0, horizonSteps, substeps, seed, backend);
        }
    }

    /**
     * One estimate.
     *
     * @param scheme {@code euler} or {@code richardson}
     * @param dt the (coarse) step Δt
     * @param estimate Ê[X_T²]
     * @param exact E[X_T²]
     * @param error |Ê − E|
     * @param stderr the Monte Carlo standard error of Ê
     */
    public record Level(String scheme, double dt, double estimate, double exact, double error, double stderr) {
        /** @return whether the error stands clear of the Monte Carlo noise (error ≥ 3 standard errors) */
        public boolean resolved() {
            return error >= 3 * stderr;
        }
    }

    /**
     * @param levels every estimate
     * @param euler the fitted weak order of Euler–Maruyama
     * @param richardson the fitted weak order of Richardson extrapolation
     */
    public record Result(List<Level> levels, Slopes.Fit euler, Slopes.Fit richardson) {
    }

    /** @return E[X_T²] of the OU process */
    public double exactSecondMoment() {
        double t = horizonSteps * eta;
        double decay = Math.exp(-2 * theta * t);
        return x0 * x0 * decay + eta * sigma * sigma * (1 - decay) / (2 * theta);
    }

    /** @return the estimates and slopes */
    public Result run() {
        double[] diag = new double[paths];
        Arrays.fill(diag, theta);
        Objective objective = ToyObjective.deterministic(new DiagonalQuadratic(diag, null), backend);
        int levels = substeps.length;
        int finest = substeps[levels - 1];
        double h = eta / finest;
        double[] start = new double[paths];
        Arrays.fill(start, x0);
        Tensor x0t = backend.upload(start, paths);
        // every level steps the real solver, driven by a coarsening of one fine Brownian path
        SdeSolver[] solvers = new SdeSolver[levels];
        SdeSolver.State[] states = new SdeSolver.State[levels];
        for (int l = 0; l < levels; l++) {
            solvers[l] = SdeSolver.builder(objective, Sgd1.INSTANCE).eta(eta).substeps(substeps[l]).drift(new ExactDrift())
                    .noise(new IsotropicNoise(sigma)).build();
            states[l] = solvers[l].init(x0t, seed, new BrownianPath(RandomStreams.stream(seed, PATH), finest / substeps[l]));
        }
        // the exact OU solution on the fine grid, driven by the same path: its transition over h uses
        // the increment √h·ζ and the correlated integral ∫e^{−θ(h−s)}dW
        BrownianPath fine = new BrownianPath(RandomStreams.stream(seed, PATH), 1);
        ZigguratSampler.NormalizedGaussian gauss = ZigguratSampler.NormalizedGaussian.of(RandomStreams.stream(seed, CONDITIONAL));
        Tensor exact = x0t;
        double decay = Math.exp(-theta * h);
        double varI = (1 - Math.exp(-2 * theta * h)) / (2 * theta);
        double cov = (1 - decay) / theta;
        double condSd = Math.sqrt(Math.max(0, varI - cov * cov / h));
        double scale = sigma * Math.sqrt(eta);
        double[] integral = new double[paths];
        Tensor it = backend.zeros(paths);
        for (int k = 0; k < horizonSteps; k++) {
            for (int l = 0; l < levels; l++) {
                solvers[l].step(states[l], k, horizonSteps);
            }
            for (int j = 0; j < finest; j++) {
                double[] zeta = sigma == 0 ? new double[paths] : fine.next(paths);
                for (int p = 0; p < paths; p++) {
                    integral[p] = cov / h * Math.sqrt(h) * zeta[p] + condSd * gauss.sample();
                }
                backend.upload(integral, 0, it, 0, paths);
                Vectors.scale(decay, exact);
                Vectors.axpy(scale, it, exact);
            }
        }
        double exactMoment = exactSecondMoment();
        double[] xe = exact.toArray();
        double[][] u = new double[levels][];
        for (int l = 0; l < levels; l++) {
            double[] xl = states[l].x().toArray();
            u[l] = new double[paths];
            for (int p = 0; p < paths; p++) {
                u[l][p] = xl[p] * xl[p] - xe[p] * xe[p];
            }
        }
        List<Level> euler = new ArrayList<>();
        for (int l = 0; l < levels; l++) {
            euler.add(level("euler", eta / substeps[l], u[l], null, exactMoment));
        }
        List<Level> richardson = new ArrayList<>();
        for (int l = 0; l + 1 < levels; l++) {
            richardson.add(level("richardson", eta / substeps[l], u[l + 1], u[l], exactMoment));
        }
        List<Level> all = new ArrayList<>(euler);
        all.addAll(richardson);
        return new Result(List.copyOf(all), fitResolved(euler), fitResolved(richardson));
    }

    /** The estimate from per-path control-variate values: mean(fine) (or 2·mean(fine) − mean(coarse)) + E. */
    private Level level(String scheme, double dt, double[] fine, double[] coarse, double exactMoment) {
        int n = fine.length;
        double sum = 0;
        double sq = 0;
        for (int p = 0; p < n; p++) {
            double v = coarse == null ? fine[p] : Richardson.extrapolate(coarse[p], fine[p], 1);
            sum += v;
            sq += v * v;
        }
        double mean = sum / n;
        double var = Math.max(0, (sq - n * mean * mean) / (n - 1.0));
        double estimate = mean + exactMoment;
        return new Level(scheme, dt, estimate, exactMoment, Math.abs(estimate - exactMoment), Math.sqrt(var / n));
    }

    private static Slopes.Fit fitResolved(List<Level> levels) {
        double[] dts = levels.stream().filter(Level::resolved).mapToDouble(Level::dt).toArray();
        double[] errs = levels.stream().filter(Level::resolved).mapToDouble(Level::error).toArray();
        return dts.length < 2 ? new Slopes.Fit(Double.NaN, Double.NaN, Double.NaN) : Slopes.fit(dts, errs);
    }
}
