package org.samsde.sde.study;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.LongConsumer;

import org.samsde.core.hessian.DensityEstimate;
import org.samsde.core.hessian.FullHessian;
import org.samsde.core.hessian.HessianOperator;
import org.samsde.core.hessian.Outliers;
import org.samsde.core.hessian.Probe;
import org.samsde.core.hessian.SpectralDensity;
import org.samsde.core.random.RandomStreams;
import org.samsde.core.tensor.Tensor;
import org.samsde.sde.Sampling;
import org.samsde.sde.optim.Sgd;
import org.samsde.sde.optim.Optimizer;
import org.samsde.sde.run.Problem;

/**
 * The small-batch / large-batch experiment of Sagun et al. (2017), "Empirical analysis of the
 * Hessian of over-parametrized neural networks", §4: the same network is trained from the same
 * initial parameters x₀ by SGD with a small batch and with a large batch; both solutions get their
 * Hessian spectrum (the bulk near zero and the outliers, counted by {@link Outliers}) and the
 * segment between them is measured ({@link Landscape#line}). Sagun et al. report that the large
 * batch ends where the outliers are larger, and that the straight path between the two solutions
 * has no barrier: they lie in one basin.
 *
 * <p>Procedure: plain SGD x ← x − η g_γ(x) (no momentum, constant η) for the same number of steps
 * with each batch size, batches drawn uniformly without replacement from stream (seed, run);
 * then the training-loss Hessian on {@link Problem#hessianBatch()} at each solution: all d
 * eigenvalues ({@link FullHessian}) when d ≤ {@code fullLimit}, otherwise stochastic Lanczos
 * quadrature with {@code slqProbes} Rademacher probes of 100 steps (outliers by
 * {@link Outliers#fromQuadrature}); then the line p(t) = (1 − t)·x_small + t·x_large on
 * {@link Landscape#interpolationGrid}, and the barrier max_{t∈[0,1]} f(p(t)) − max(f(x_small), f(x_large)),
 * called a barrier when it exceeds {@code barrierTolerance} times the larger endpoint loss.
 *
 * @param problem the model, data and x₀
 * @param smallBatch the small batch size
 * @param largeBatch the large batch size, or {@link Sampling#FULL} for the whole training set
 * @param steps SGD steps for each batch size
 * @param eta the learning rate η
 * @param lineSteps points of the line on [0, 1]
 * @param extend how far the line goes beyond each solution, in units of the segment
 * @param fullLimit the largest d whose full spectrum is computed
 * @param slqProbes probes of the SLQ spectrum beyond fullLimit
 * @param barrierTolerance τ, the relative height from which a barrier counts
 * @param seed the seed of the batch streams and of the SLQ probes
 */
public record SagunStudy(Problem problem, int smallBatch, int largeBatch, int steps, double eta, int lineSteps, double extend,
                         int fullLimit, int slqProbes, double barrierTolerance, long seed) {

    /**
     * Validates the settings against the problem.
     *
     * @param problem the model, data and x₀
     * @param smallBatch the small batch size
     * @param largeBatch the large batch size, or {@link Sampling#FULL} for the whole training set
     * @param steps SGD steps for each batch size
     * @param eta the learning rate η
     * @param lineSteps points of the line on [0, 1]
     * @param extend how far the line goes beyond each solution, in units of the segment
     * @param fullLimit the largest d whose full spectrum is computed
     * @param slqProbes probes of the SLQ spectrum beyond fullLimit
     * @param barrierTolerance τ, the relative height from which a barrier counts
     * @param seed the seed of the batch streams and of the SLQ probes
     */
    public SagunStudy {
        Objects.requireNonNull(problem, "problem");
        int n = problem.train().sampleCount();
        new Sampling(smallBatch, false).size(n);
        new Sampling(largeBatch, false).size(n);
        int large = largeBatch == Sampling.FULL ? n : largeBatch;
        if (!(smallBatch < large)) {
            throw new IllegalArgumentException("the small batch (" + smallBatch + ") must be smaller than the large one (" + large + ")");
        }
        if (steps < 1 || !(eta > 0) || !Double.isFinite(eta) || fullLimit < 1 || slqProbes < 1 || !(barrierTolerance >= 0)) {
            throw new IllegalArgumentException("steps, eta, the full-spectrum limit and the SLQ probes must be positive, the barrier tolerance >= 0");
        }
        Landscape.interpolationGrid(lineSteps, extend);
    }

    /**
     * The study with the command line's defaults.
     *
     * @param problem the model, data and x₀
     * @return a builder with the defaults: smallBatch = 8, largeBatch = Sampling.FULL, steps = 4000, eta = 0.1,
     *     lineSteps = 51, extend = 0.5, fullLimit = 3000, slqProbes = 4, barrierTolerance = 0.01, seed = 0
     */
    public static Builder builder(Problem problem) {
        return new Builder(problem);
    }

    /** Options of a {@link SagunStudy}, with defaults. */
    public static final class Builder {
        private final Problem problem;
        private int smallBatch = 8;
        private int largeBatch = Sampling.FULL;
        private int steps = 4000;
        private double eta = 0.1;
        private int lineSteps = 51;
        private double extend = 0.5;
        private int fullLimit = 3000;
        private int slqProbes = 4;
        private double barrierTolerance = 0.01;
        private long seed = 0;

        private Builder(Problem problem) {
            this.problem = problem;
        }

        /**
         * @param v the small batch size
         * @return this
         */
        public Builder smallBatch(int v) {
            smallBatch = v;
            return this;
        }

        /**
         * @param v the large batch size, or {@link Sampling#FULL}
         * @return this
         */
        public Builder largeBatch(int v) {
            largeBatch = v;
            return this;
        }

        /**
         * @param v SGD steps for each batch size
         * @return this
         */
        public Builder steps(int v) {
            steps = v;
            return this;
        }

        /**
         * @param v the learning rate η
         * @return this
         */
        public Builder eta(double v) {
            eta = v;
            return this;
        }

        /**
         * @param v points of the line on [0, 1]
         * @return this
         */
        public Builder lineSteps(int v) {
            lineSteps = v;
            return this;
        }

        /**
         * @param v how far the line goes beyond each solution
         * @return this
         */
        public Builder extend(double v) {
            extend = v;
            return this;
        }

        /**
         * @param v the largest d whose full spectrum is computed
         * @return this
         */
        public Builder fullLimit(int v) {
            fullLimit = v;
            return this;
        }

        /**
         * @param v probes of the SLQ spectrum beyond fullLimit
         * @return this
         */
        public Builder slqProbes(int v) {
            slqProbes = v;
            return this;
        }

        /**
         * @param v τ, the relative height from which a barrier counts
         * @return this
         */
        public Builder barrierTolerance(double v) {
            barrierTolerance = v;
            return this;
        }

        /**
         * @param v the seed of the batch streams and of the SLQ probes
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
        public SagunStudy build() {
            return new SagunStudy(problem, smallBatch, largeBatch, steps, eta, lineSteps, extend, fullLimit, slqProbes, barrierTolerance, seed);
        }
    }

    /**
     * A Hessian spectrum and its outliers.
     *
     * @param method {@code full} (every eigenvalue) or {@code slq} (Ritz values of the probes)
     * @param eigenvalues full: all d eigenvalues, descending; slq: the Ritz values θ (probes × steps, each row ascending)
     * @param probes the number of SLQ probes (1 for full)
     * @param lambdaMax the largest eigenvalue (the largest Ritz value for slq)
     * @param outliers the bulk/outlier split of {@link Outliers}
     * @param hvps the Hessian-vector products used
     */
    public record Spectrum(String method, double[] eigenvalues, int probes, double lambdaMax, Outliers.Split outliers, long hvps) {
        /**
         * Copies the values.
         *
         * @param method {@code full} (every eigenvalue) or {@code slq} (Ritz values of the probes)
         * @param eigenvalues full: all d eigenvalues, descending; slq: the Ritz values θ (probes × steps, each row ascending)
         * @param probes the number of SLQ probes (1 for full)
         * @param lambdaMax the largest eigenvalue (the largest Ritz value for slq)
         * @param outliers the bulk/outlier split of {@link Outliers}
         * @param hvps the Hessian-vector products used
         */
        public Spectrum {
            eigenvalues = eigenvalues.clone();
        }

        /** @return a copy of {@code eigenvalues} */
        @Override
        public double[] eigenvalues() {
            return eigenvalues.clone();
        }

        /**
         * @param k how many
         * @return the k largest values (all d eigenvalues for full, the pooled Ritz values for slq), descending
         */
        public double[] top(int k) {
            double[] sorted = Arrays.stream(eigenvalues).sorted().toArray();
            double[] out = new double[Math.min(k, sorted.length)];
            for (int i = 0; i < out.length; i++) {
                out[i] = sorted[sorted.length - 1 - i];
            }
            return out;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Spectrum s && method.equals(s.method) && Arrays.equals(eigenvalues, s.eigenvalues) && probes == s.probes
                    && outliers.equals(s.outliers) && hvps == s.hvps;
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(eigenvalues) * 31 + method.hashCode();
        }

        @Override
        public String toString() {
            return "Spectrum[" + method + ", lambda_max " + lambdaMax + ", " + outliers.count() + " outliers]";
        }
    }

    /**
     * One trained network.
     *
     * @param name {@code small} or {@code large}
     * @param batch its batch size
     * @param parameters the final parameters
     * @param point its training and test loss and accuracy
     * @param spectrum its Hessian spectrum
     */
    public record Solution(String name, int batch, double[] parameters, Landscape.Point point, Spectrum spectrum) {
        /**
         * Copies the parameters.
         *
         * @param name {@code small} or {@code large}
         * @param batch its batch size
         * @param parameters the final parameters
         * @param point its training and test loss and accuracy
         * @param spectrum its Hessian spectrum
         */
        public Solution {
            parameters = parameters.clone();
        }

        /** @return a copy of {@code parameters} */
        @Override
        public double[] parameters() {
            return parameters.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Solution s && name.equals(s.name) && batch == s.batch && Arrays.equals(parameters, s.parameters)
                    && point.equals(s.point) && spectrum.equals(s.spectrum);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(parameters) * 31 + name.hashCode();
        }

        @Override
        public String toString() {
            return "Solution[" + name + ", B = " + batch + ", " + point + ", " + spectrum + "]";
        }
    }

    /**
     * The outcome.
     *
     * @param small the small-batch solution (t = 0 of the line)
     * @param large the large-batch solution (t = 1)
     * @param line the measured line between them
     * @param barrier the training-loss barrier on [0, 1]
     * @param barrierExists whether it exceeds τ times the larger endpoint loss
     */
    public record Result(Solution small, Solution large, Landscape.Line line, Landscape.Barrier barrier, boolean barrierExists) {
        /** @return both solutions, small first */
        public List<Solution> solutions() {
            return List.of(small, large);
        }
    }

    /** @return the two solutions, their spectra, the line and the barrier */
    public Result run() {
        return run(k -> { });
    }

    /** @return the SGD steps of both runs together, 2·steps */
    public long totalSteps() {
        return 2L * steps;
    }

    /**
     * @param progress receives the SGD steps done, as they are done; {@link #totalSteps()} in all
     * @return the two solutions, their spectra, the line and the barrier
     */
    public Result run(LongConsumer progress) {
        Solution small = train("small", smallBatch, 0, progress);
        Solution large = train("large", largeBatch, 1, progress);
        Landscape.Evaluator on = new Landscape.Evaluator(problem.train(), problem.test());
        Landscape.Line line = Landscape.line(on, small.parameters(), large.parameters(), Landscape.interpolationGrid(lineSteps, extend));
        Landscape.Barrier barrier = line.barrier();
        return new Result(small, large, line, barrier, barrier.exists(barrierTolerance));
    }

    private Solution train(String name, int batch, int run, LongConsumer progress) {
        Optimizer sgd = Optimizer.builder(problem.train(), Sgd.INSTANCE).eta(eta).sampling(new Sampling(batch, false)).build();
        double[] x;
        try (Tensor x0 = problem.train().backend().upload(problem.x0(), problem.dimension())) {
            Optimizer.State state = sgd.init(x0, RandomStreams.key(seed, run));
            for (int k = 0; k < steps; k++) {
                sgd.step(state, k, steps);
                progress.accept(1);
            }
            x = state.x().toArray();
        }
        for (double v : x) {
            if (!Double.isFinite(v)) {
                throw new IllegalStateException("SGD with batch " + batchLabel(batch) + " diverged (non-finite parameters); lower the learning rate");
            }
        }
        Landscape.Point point = new Landscape.Evaluator(problem.train(), problem.test()).at(x);
        return new Solution(name, batch == Sampling.FULL ? problem.train().sampleCount() : batch, x, point, spectrum(x, run));
    }

    private String batchLabel(int batch) {
        return batch == Sampling.FULL ? "full" : Integer.toString(batch);
    }

    /**
     * The Hessian spectrum at x: full when d ≤ fullLimit, SLQ otherwise.
     *
     * @param x the point
     * @param run which solution (for the SLQ probe seed)
     * @return the spectrum
     */
    Spectrum spectrum(double[] x, int run) {
        HessianOperator h = HessianOperator.of(problem.train(), x, problem.hessianBatch());
        int d = problem.dimension();
        if (d <= fullLimit) {
            double[] ev = FullHessian.defaults().spectrum(h, false).eigenvalues();
            return new Spectrum("full", ev, 1, ev[0], Outliers.split(ev), h.applications());
        }
        DensityEstimate e = SpectralDensity.defaults().withProbes(slqProbes, Probe.RADEMACHER).withSeed(RandomStreams.key(seed, run, 2))
                .compute(h);
        double[] nodes = e.nodes();
        double max = Arrays.stream(nodes).max().orElse(Double.NaN);
        return new Spectrum("slq", nodes, e.probes(), max, Outliers.fromQuadrature(nodes, e.probes()), h.applications());
    }
}
