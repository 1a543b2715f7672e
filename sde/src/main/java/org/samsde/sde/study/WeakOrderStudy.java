package org.samsde.sde.study;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.samsde.core.objective.DiagonalQuadratic;
import org.samsde.core.objective.Objective;
import org.samsde.core.objective.ToyObjective;
import org.samsde.core.random.RandomStreams;
import org.samsde.core.tensor.Backend;
import org.samsde.core.tensor.Tensor;
import org.samsde.core.tensor.Vectors;
import org.samsde.sde.model.BrownianPath;
import org.samsde.sde.model.ExactDrift;
import org.samsde.sde.model.Integrator;
import org.samsde.sde.model.IsotropicNoise;
import org.samsde.sde.model.Richardson;
import org.samsde.sde.model.SdeSolver;
import org.samsde.sde.model.SequentialBrownianPath;
import org.samsde.sde.model.Sgd1;

/**
 * Weak order of every registered {@link Integrator} and of its Richardson extrapolation, each
 * against the order the integrator declares ({@link Integrator#order} p, and p + 1 for Richardson),
 * on an Ornstein–Uhlenbeck problem with exact moments: the sgd1 model of f(x) = ½θ‖x‖² with
 * isotropic noise σ, dX = −θX dt + √η·σ dW, whose second moment is
 * E[X_T²] = x₀²e^{−2θT} + ησ²(1 − e^{−2θT})/(2θ). Each of the P coordinates is one path.
 *
 * <p>Every level steps the real {@link SdeSolver} (model sgd1, {@code isotropic:σ} noise, the
 * integrator under test with m substeps, so the √(η·Δt) scaling and the substeps are what is
 * tested). One fine Brownian path (step h = η/m_max, a {@link SequentialBrownianPath} of the
 * study's seed) drives every level of every integrator: a level of step Δt = η/m sees it with
 * stride m_max/m, whose increments are sums of the fine ones, so the levels are coupled. The exact
 * OU solution is driven by the same path (its transition over h uses the increment and the
 * correlated integral ∫e^{−θ(h−s)}dW), and serves as a control variate:
 * Ê = mean(X_Δt² − X_exact²) + E[X_T²], whose Monte Carlo error shrinks with the strong error,
 * O(Δt), rather than staying O(1/√P). Richardson (Talay–Tubaro): (2^p·Ê(Δt/2) − Ê(Δt))/(2^p − 1).
 * Every estimate carries its Monte Carlo standard error; a slope is fitted over the levels whose
 * error is at least three standard errors (the others are dominated by sampling noise), NaN when
 * fewer than two are. A scheme passes when its slope lies within the band p ± w around its
 * declared order and misses when it lies outside; a slope without a standard error (fewer than
 * three resolved levels) gets no verdict ({@link Verdict#UNCHECKED}).
 *
 * <p>Schemes in records: the integrator's name (e.g. {@code euler}); its extrapolation
 * {@code richardson} for Euler–Maruyama and {@code richardson:NAME} for any other.
 *
 * @param paths P, the number of coordinates (paths)
 * @param theta θ &gt; 0
 * @param sigma σ ≥ 0
 * @param eta η &gt; 0 (the SDE time of one optimiser step and the noise scale)
 * @param x0 the initial value of every coordinate
 * @param horizonSteps T/η, whole optimiser steps
 * @param substeps the levels m (Δt = η/m), at least three, ascending, each twice the previous
 * @param seed the master seed
 * @param band w &gt; 0, the half-width of the band around a declared order within which a fitted
 *     slope passes
 * @param backend where the problem lives
 */
public record WeakOrderStudy(int paths, double theta, double sigma, double eta, double x0, int horizonSteps,
                             int[] substeps, long seed, double band, Backend backend) {

    /** The default band w around a declared order. */
    public static final double DEFAULT_BAND = 0.3;

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
     * @param substeps the levels m (Δt = η/m), at least three, ascending, each twice the previous
     * @param seed the master seed
     * @param band w &gt; 0, the half-width of the band around a declared order
     * @param backend where the problem lives
     */
    public WeakOrderStudy {
        if (paths < 1 || horizonSteps < 1 || substeps.length < 3 || !(theta > 0) || !(sigma >= 0) || !(eta > 0)) {
            throw new IllegalArgumentException("weak-order study needs paths, horizon, theta, eta > 0, sigma >= 0 and three levels"
                    + " (two for a Richardson slope)");
        }
        if (!(band > 0) || !Double.isFinite(band)) {
            throw new IllegalArgumentException("weak-order study needs a finite band > 0 around the declared orders, got " + band);
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
     *     horizonSteps = 5, substeps = new int[] {1, 2, 4, 8, 16}, seed = 0, band = {@link #DEFAULT_BAND}
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
        private double band = DEFAULT_BAND;

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
         * @param v the levels m (Δt = η/m), at least three, ascending, each twice the previous
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
         * @param v w &gt; 0, the half-width of the band around a declared order
         * @return this
         */
        public Builder band(double v) {
            band = v;
            return this;
        }

        /**
         * @return the study
         * @throws IllegalArgumentException naming a setting that does not fit
         */
        public WeakOrderStudy build() {
            return new WeakOrderStudy(paths, theta, sigma, eta, x0, horizonSteps, substeps, seed, band, backend);
        }
    }

    /**
     * One estimate.
     *
     * @param scheme the integrator's name, or its Richardson extrapolation's ({@link #richardsonScheme})
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

    /** What the study says of one scheme's declared order. */
    public enum Verdict {
        /** The fitted slope lies within the band around the declared order. */
        OK,
        /** The fitted slope lies outside the band. */
        MISSED,
        /**
         * No verdict: fewer than three levels stand clear of the Monte Carlo error, so the slope
         * (if any) has no standard error; more paths or levels resolve it.
         */
        UNCHECKED
    }

    /**
     * One scheme's fitted weak order against the order it declares.
     *
     * @param scheme the scheme, as in {@link Level#scheme}
     * @param integrator the integrator's name
     * @param declared p, the declared weak order (the integrator's, or its + 1 for Richardson)
     * @param fit the fitted slope of log error on log Δt over the resolved levels
     * @param band w, the half-width of the band
     */
    public record Order(String scheme, String integrator, int declared, Slopes.Fit fit, double band) {
        /**
         * @return {@link Verdict#UNCHECKED} when the slope has no standard error (fewer than three
         *     resolved levels), else {@link Verdict#OK} when |slope − p| ≤ w and {@link Verdict#MISSED} otherwise
         */
        public Verdict verdict() {
            if (!Double.isFinite(fit.slope()) || !Double.isFinite(fit.stderr())) {
                return Verdict.UNCHECKED;
            }
            return Math.abs(fit.slope() - declared) <= band ? Verdict.OK : Verdict.MISSED;
        }

        /** @return whether the verdict is {@link Verdict#OK} */
        public boolean passes() {
            return verdict() == Verdict.OK;
        }

        /** @return one line: the scheme, its slope ± standard error, the declared order and the band, and the verdict */
        public String line() {
            String verdict = switch (verdict()) {
                case OK -> "ok";
                case MISSED -> "MISSED";
                case UNCHECKED -> "not checked (fewer than three levels clear of the Monte Carlo error: more paths or levels)";
            };
            return String.format(Locale.ROOT, "%s weak order %.3f ± %.3f (declared %d, band ± %.2f): %s", scheme, fit.slope(), fit.stderr(),
                    declared, band, verdict);
        }
    }

    /**
     * @param levels every estimate, per scheme in the order of {@link #orders}
     * @param orders per integrator, its own check followed by its extrapolation's
     */
    public record Result(List<Level> levels, List<Order> orders) {
        /**
         * @param scheme a scheme's name
         * @return its check
         * @throws IllegalArgumentException when no scheme is so named
         */
        public Order order(String scheme) {
            return orders.stream().filter(o -> o.scheme().equals(scheme)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no scheme '" + scheme + "' in the weak-order study"));
        }

        /** @return the checks that missed their declared order ({@link Verdict#MISSED}), in order */
        public List<Order> misses() {
            return orders.stream().filter(o -> o.verdict() == Verdict.MISSED).toList();
        }

        /** @return the schemes the study could not judge ({@link Verdict#UNCHECKED}), in order */
        public List<Order> unchecked() {
            return orders.stream().filter(o -> o.verdict() == Verdict.UNCHECKED).toList();
        }

        /** @return whether every scheme was checked and is within the band of its declared order */
        public boolean passes() {
            return orders.stream().allMatch(Order::passes);
        }
    }

    /**
     * @param scheme an integrator
     * @return the name of its Richardson extrapolation in records: {@code richardson} for
     *     Euler–Maruyama (as records have always named it), {@code richardson:NAME} otherwise
     */
    public static String richardsonScheme(Integrator scheme) {
        return scheme.name().equals("euler") ? "richardson" : "richardson:" + scheme.name();
    }

    /** @return E[X_T²] of the OU process */
    public double exactSecondMoment() {
        double t = horizonSteps * eta;
        double decay = Math.exp(-2 * theta * t);
        return x0 * x0 * decay + eta * sigma * sigma * (1 - decay) / (2 * theta);
    }

    /** @return the estimates and checks of every registered integrator ({@link Integrator#registered}) */
    public Result run() {
        return run(Integrator.registered());
    }

    /**
     * @param integrators the integrators to check, with distinct names
     * @return their estimates and checks, in the order given
     * @throws IllegalArgumentException when none is given or two share a name
     */
    public Result run(List<Integrator> integrators) {
        if (integrators.isEmpty()) {
            throw new IllegalArgumentException("the weak-order study needs at least one integrator");
        }
        if (integrators.stream().map(Integrator::name).distinct().count() < integrators.size()) {
            throw new IllegalArgumentException("the weak-order study's integrators must have distinct names");
        }
        double[] diag = new double[paths];
        Arrays.fill(diag, theta);
        Objective objective = ToyObjective.deterministic(new DiagonalQuadratic(diag, null), backend);
        double[] start = new double[paths];
        Arrays.fill(start, x0);
        Tensor x0t = backend.upload(start, paths);
        double[] xe = exactSolution(x0t);
        double exactMoment = exactSecondMoment();
        List<Level> all = new ArrayList<>();
        List<Order> orders = new ArrayList<>();
        for (Integrator integrator : integrators) {
            double[][] u = controlVariates(objective, x0t, integrator, xe);
            List<Level> own = new ArrayList<>();
            for (int l = 0; l < substeps.length; l++) {
                own.add(level(integrator.name(), eta / substeps[l], u[l], null, 0, exactMoment));
            }
            List<Level> richardson = new ArrayList<>();
            for (int l = 0; l + 1 < substeps.length; l++) {
                richardson.add(level(richardsonScheme(integrator), eta / substeps[l], u[l + 1], u[l], integrator.order(), exactMoment));
            }
            all.addAll(own);
            all.addAll(richardson);
            orders.add(new Order(integrator.name(), integrator.name(), integrator.order(), fitResolved(own), band));
            orders.add(new Order(richardsonScheme(integrator), integrator.name(), Richardson.order(integrator), fitResolved(richardson), band));
        }
        return new Result(List.copyOf(all), List.copyOf(orders));
    }

    /**
     * Per level, X_Δt² − X_exact² of every path, the levels stepping the real solver with the
     * integrator, each driven by a coarsening of one fine Brownian path.
     */
    private double[][] controlVariates(Objective objective, Tensor x0t, Integrator integrator, double[] xe) {
        int levels = substeps.length;
        int finest = substeps[levels - 1];
        double[][] u = new double[levels][];
        for (int l = 0; l < levels; l++) {
            SdeSolver solver = SdeSolver.builder(objective, Sgd1.INSTANCE).eta(eta).substeps(substeps[l]).drift(new ExactDrift())
                    .noise(new IsotropicNoise(sigma)).integrator(integrator).build();
            BrownianPath path = new SequentialBrownianPath(RandomStreams.stream(seed, PATH), solver.brownianDimension(), finest / substeps[l]);
            SdeSolver.State state = solver.init(x0t, seed, path);
            for (int k = 0; k < horizonSteps; k++) {
                solver.step(state, k, horizonSteps);
            }
            double[] xl = state.x().toArray();
            state.x().close();
            u[l] = new double[paths];
            for (int p = 0; p < paths; p++) {
                u[l][p] = xl[p] * xl[p] - xe[p] * xe[p];
            }
        }
        return u;
    }

    /**
     * The exact OU solution at T on the fine grid, driven by the fine path: its transition over h
     * uses the increment √h·ζ and the correlated integral ∫e^{−θ(h−s)}dW.
     */
    private double[] exactSolution(Tensor x0t) {
        int finest = substeps[substeps.length - 1];
        double h = eta / finest;
        BrownianPath fine = new SequentialBrownianPath(RandomStreams.stream(seed, PATH), paths, 1);
        ZigguratSampler.NormalizedGaussian gauss = ZigguratSampler.NormalizedGaussian.of(RandomStreams.stream(seed, CONDITIONAL));
        Tensor exact = Vectors.copy(x0t);
        double decay = Math.exp(-theta * h);
        double varI = (1 - Math.exp(-2 * theta * h)) / (2 * theta);
        double cov = (1 - decay) / theta;
        double condSd = Math.sqrt(Math.max(0, varI - cov * cov / h));
        double scale = sigma * Math.sqrt(eta);
        double[] integral = new double[paths];
        Tensor it = backend.zeros(paths);
        long fineSteps = (long) horizonSteps * finest;
        for (long j = 0; j < fineSteps; j++) {
            double[] zeta = sigma == 0 ? new double[paths] : fine.normalised(j * h, (j + 1) * h);
            for (int p = 0; p < paths; p++) {
                integral[p] = cov / h * Math.sqrt(h) * zeta[p] + condSd * gauss.sample();
            }
            backend.upload(integral, 0, it, 0, paths);
            Vectors.scale(decay, exact);
            Vectors.axpy(scale, it, exact);
        }
        double[] out = exact.toArray();
        exact.close();
        it.close();
        return out;
    }

    /**
     * The estimate from per-path control-variate values: mean(fine), or the Richardson
     * extrapolation of order p of mean(coarse) and mean(fine), plus E.
     */
    private Level level(String scheme, double dt, double[] fine, double[] coarse, int order, double exactMoment) {
        int n = fine.length;
        double sum = 0;
        double sq = 0;
        for (int p = 0; p < n; p++) {
            double v = coarse == null ? fine[p] : Richardson.extrapolate(coarse[p], fine[p], order);
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
