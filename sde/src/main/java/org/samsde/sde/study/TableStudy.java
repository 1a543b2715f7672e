package org.samsde.sde.study;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.LongConsumer;
import java.util.function.LongFunction;

import org.samsde.core.model.Cnn;
import org.samsde.core.model.CnnObjective;
import org.samsde.core.model.Mlp;
import org.samsde.core.model.MlpObjective;
import org.samsde.core.objective.Objective;
import org.samsde.core.random.RandomStreams;
import org.samsde.sde.LearningRate;
import org.samsde.sde.Sampling;
import org.samsde.sde.optim.BaseStep;
import org.samsde.sde.optim.EigenSamOptions;
import org.samsde.sde.optim.EigenSam;
import org.samsde.sde.optim.UpdateRule;
import org.samsde.sde.optim.Optimizer;
import org.samsde.sde.run.Ensemble;
import org.samsde.sde.run.Problem;
import org.samsde.sde.run.Record;

/**
 * A small-scale replication of the comparison table of Luo et al. (NeurIPS 2024), "Explicit
 * eigenvalue regularization improves sharpness-aware minimization": SGD, SAM and Eigen-SAM trained
 * alike, over several seeds, and the final test accuracy and top Hessian eigenvalue λ_max of each,
 * as mean ± standard deviation over seeds.
 *
 * <p>Training (the paper's recipe, docs/design.md §5): every method takes the base step with heavy-ball
 * momentum μ and weight decay λ (buf ← μ·buf + (g̃ + λx), x ← x − η_k·buf, g̃ the method's
 * update direction) for N = E·S steps, E = epochs of S = ⌊n/B⌋ steps (the last partial batch
 * dropped, as the official loader does), with cosine annealing stepped once per epoch as the
 * official code steps its scheduler: η_k = ½η(1 + cos(π·e/E)) for the steps of epoch e = ⌊k/S⌋,
 * so η in the first epoch and ½η(1 + cos(π(E − 1)/E)) in the last ({@link LearningRate.Cosine}
 * with η_min = 0, not per step); batches of B drawn uniformly without replacement, ρ shared by SAM
 * and Eigen-SAM, Eigen-SAM with the given {@link EigenSamOptions}.
 *
 * <p>Seeds: seed j (0 ≤ j &lt; seeds) starts every method from the same x₀ⱼ = init(key(master, j, 0))
 * and runs them as a one-seed {@link Ensemble} with master seed key(master, j, 1), so the methods
 * share the initialisation of a seed and differ across seeds in both initialisation and batch
 * order. λ_max in the records is Lanczos on the problem's {@link Problem#hessianBatch()} (relative
 * residual 10⁻⁴), measured every {@code every} steps and at the end.
 *
 * @param problem the model, data and λ_max subset (its x₀ is not used: see init)
 * @param init the initial parameters for a seed (e.g. the model's initialisation, or a constant)
 * @param methods the methods, in table order
 * @param training the shared hyper-parameters
 * @param seeds the number of seeds, at least 2 (a standard deviation needs two)
 * @param masterSeed the master seed
 * @param every the recording interval in steps (curves in the records)
 * @param threads worker threads for the methods of one seed
 */
public record TableStudy(Problem problem, LongFunction<double[]> init, List<UpdateRule> methods, Training training, int seeds,
                         long masterSeed, int every, int threads) {

    /**
     * The hyper-parameters every method shares.
     *
     * @param lr η, the peak learning rate of the cosine schedule
     * @param rho ρ of SAM and Eigen-SAM (SGD ignores it)
     * @param momentum μ ∈ [0, 1)
     * @param weightDecay λ ≥ 0
     * @param batch B
     * @param epochs passes over the data, in steps of ⌊n/B⌋ (the last partial batch dropped, as the
     *               official Eigen-SAM loader does, and as Eigen-SAM's epoch counter counts)
     * @param eigen Eigen-SAM's options
     */
    public record Training(double lr, double rho, double momentum, double weightDecay, int batch, int epochs, EigenSamOptions eigen) {
        /**
         * Validates the values.
         *
         * @param lr η, the peak learning rate of the cosine schedule
         * @param rho ρ of SAM and Eigen-SAM (SGD ignores it)
         * @param momentum μ ∈ [0, 1)
         * @param weightDecay λ ≥ 0
         * @param batch B
         * @param epochs passes over the data, in steps of ⌊n/B⌋ (the last partial batch dropped, as the
         *     official Eigen-SAM loader does, and as Eigen-SAM's epoch counter counts)
         * @param eigen Eigen-SAM's options
         */
        public Training {
            if (!(lr > 0) || !Double.isFinite(lr) || !(rho >= 0) || !Double.isFinite(rho) || batch < 1 || epochs < 1) {
                throw new IllegalArgumentException("the table needs lr > 0, rho >= 0, a batch >= 1 and epochs >= 1");
            }
            new BaseStep.Momentum(momentum, weightDecay);
            Objects.requireNonNull(eigen, "eigen");
        }

        /**
         * @return the command line's defaults: η = 0.05 (cosine), ρ = 0.05, μ = 0.9, λ = 5·10⁻⁴,
         *     B = 64, 30 epochs, Eigen-SAM's official options with v refreshed every 5 steps
         */
        public static Training defaults() {
            return new Training(0.05, 0.05, 0.9, 5e-4, 64, 30, EigenSamOptions.DEFAULTS.withEvery(5));
        }

        /**
         * @param n the number of training samples
         * @return N = epochs·⌊n/B⌋
         */
        public int steps(int n) {
            int b = new Sampling(batch, false).size(n);
            long steps = (long) epochs * Math.max(1, n / b);
            if (steps > Integer.MAX_VALUE) {
                throw new IllegalArgumentException(epochs + " epochs of " + n + " samples are too many steps");
            }
            return (int) steps;
        }
    }

    /**
     * The study with the command line's defaults (except one recording per step and one thread).
     *
     * @param problem the model, data and λ_max subset
     * @param init the initial parameters for a seed
     * @return a builder with the defaults: SGD, SAM and Eigen-SAM (v refreshed every 5 steps), {@link Training#defaults()},
     *     8 seeds, master seed 0, a record every step, one thread
     */
    public static Builder builder(Problem problem, LongFunction<double[]> init) {
        return new Builder(problem, init);
    }

    /** Options of a {@link TableStudy}, with defaults. */
    public static final class Builder {
        private final Problem problem;
        private final LongFunction<double[]> init;
        private List<UpdateRule> methods = List.of(org.samsde.sde.optim.Sgd.INSTANCE, org.samsde.sde.optim.Sam.INSTANCE, new EigenSam(EigenSamOptions.DEFAULTS.withEvery(5)));
        private Training training = Training.defaults();
        private int seeds = 8;
        private long masterSeed = 0;
        private int every = 1;
        private int threads = 1;

        private Builder(Problem problem, LongFunction<double[]> init) {
            this.problem = problem;
            this.init = init;
        }

        /**
         * @param v the methods, in table order
         * @return this
         */
        public Builder methods(List<UpdateRule> v) {
            methods = v;
            return this;
        }

        /**
         * @param v the shared hyper-parameters
         * @return this
         */
        public Builder training(Training v) {
            training = v;
            return this;
        }

        /**
         * @param v the number of seeds, at least 2
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
         * @param v the recording interval in steps
         * @return this
         */
        public Builder every(int v) {
            every = v;
            return this;
        }

        /**
         * @param v worker threads for the methods of one seed
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
        public TableStudy build() {
            return new TableStudy(problem, init, methods, training, seeds, masterSeed, every, threads);
        }
    }

    /**
     * Validates the settings against the problem.
     *
     * @param problem the model, data and λ_max subset (its x₀ is not used: see init)
     * @param init the initial parameters for a seed (e.g. the model's initialisation, or a constant)
     * @param methods the methods, in table order
     * @param training the shared hyper-parameters
     * @param seeds the number of seeds, at least 2 (a standard deviation needs two)
     * @param masterSeed the master seed
     * @param every the recording interval in steps (curves in the records)
     * @param threads worker threads for the methods of one seed
     */
    public TableStudy {
        Objects.requireNonNull(problem, "problem");
        Objects.requireNonNull(init, "init");
        Objects.requireNonNull(training, "training");
        methods = List.copyOf(methods);
        if (methods.isEmpty() || methods.stream().distinct().count() != methods.size()) {
            throw new IllegalArgumentException("the table needs at least one method, each once, got " + methods);
        }
        if (seeds < 2 || every < 1 || threads < 1) {
            throw new IllegalArgumentException("the table needs at least 2 seeds, a recording interval >= 1 and threads >= 1");
        }
        training.steps(problem.train().sampleCount());
    }

    /**
     * A mean and a standard deviation over seeds.
     *
     * @param mean the sample mean of the finite values
     * @param std their sample standard deviation (n − 1 in the denominator; NaN for fewer than 2)
     * @param count how many values were finite
     */
    public record Stat(double mean, double std, int count) {
        /**
         * @param values one value per seed; non-finite ones (diverged runs) are left out
         * @return their mean and standard deviation
         */
        public static Stat of(double[] values) {
            double sum = 0;
            int m = 0;
            for (double v : values) {
                if (Double.isFinite(v)) {
                    sum += v;
                    m++;
                }
            }
            if (m == 0) {
                return new Stat(Double.NaN, Double.NaN, 0);
            }
            double mean = sum / m;
            double ss = 0;
            for (double v : values) {
                if (Double.isFinite(v)) {
                    ss += (v - mean) * (v - mean);
                }
            }
            return new Stat(mean, m < 2 ? Double.NaN : Math.sqrt(ss / (m - 1)), m);
        }

        /**
         * @param factor c
         * @return c·mean ± |c|·std
         */
        public Stat scaled(double factor) {
            return new Stat(factor * mean, Math.abs(factor) * std, count);
        }

        /**
         * @param digits decimals
         * @return "mean ± std" with that many decimals
         */
        public String format(int digits) {
            String f = "%." + digits + "f";
            return String.format(Locale.ROOT, f + " ± " + f, mean, std);
        }
    }

    /**
     * One method's line of the table, from its seeds' final records.
     *
     * @param method the method's label
     * @param seeds the number of seeds run
     * @param diverged how many of them diverged (left out of the statistics)
     * @param testAccuracy final test accuracy
     * @param accuracyGain the paired difference of final test accuracy from the first method's on the
     *     same seed (the same x₀): acc_j − acc_j(first), mean and std over seeds (0 ± 0 for the first)
     * @param lambdaMax final λ_max
     * @param trainLoss final training loss
     * @param testLoss final test loss
     */
    public record Row(String method, int seeds, int diverged, Stat testAccuracy, Stat accuracyGain, Stat lambdaMax, Stat trainLoss,
                      Stat testLoss) {
    }

    /**
     * The outcome.
     *
     * @param rows one per method, in the order given
     * @param trajectories every trajectory, seed index j as above, methods in order within a seed
     * @param steps N, steps per trajectory
     */
    public record Result(List<Row> rows, List<Ensemble.Trajectory> trajectories, int steps) {
        /**
         * Copies the lists.
         *
         * @param rows one per method, in the order given
         * @param trajectories every trajectory, seed index j as above, methods in order within a seed
         * @param steps N, steps per trajectory
         */
        public Result {
            rows = List.copyOf(rows);
            trajectories = List.copyOf(trajectories);
        }

        /**
         * @return the table in Markdown: test accuracy and its paired gain over the first method in
         *     percent (points), λ_max and the losses, each as mean ± std over seeds
         */
        public String markdown() {
            StringBuilder s = new StringBuilder();
            s.append("| method | test accuracy (%) | gain over ").append(rows.get(0).method())
                    .append(" (points, paired) | λ_max | train loss | test loss | seeds |\n");
            s.append("|---|---|---|---|---|---|---|\n");
            for (int i = 0; i < rows.size(); i++) {
                Row r = rows.get(i);
                s.append("| ").append(r.method()).append(" | ").append(r.testAccuracy().scaled(100).format(2)).append(" | ")
                        .append(i == 0 ? "—" : r.accuracyGain().scaled(100).format(2)).append(" | ").append(r.lambdaMax().format(3))
                        .append(" | ").append(r.trainLoss().format(4)).append(" | ").append(r.testLoss().format(4)).append(" | ")
                        .append(r.seeds() - r.diverged()).append(r.diverged() > 0 ? " (" + r.diverged() + " diverged)" : "")
                        .append(" |\n");
            }
            return s.toString();
        }
    }

    /**
     * The initialisation of a network from a seed, as {@code ModelSpec} draws it.
     *
     * @param objective an MLP or CNN loss
     * @return seed ↦ {@link Mlp#initialParameters} or {@link Cnn#initialParameters}
     * @throws IllegalArgumentException for other objectives (closed-form toys), whose seeds need explicit parameters
     */
    public static LongFunction<double[]> initializer(Objective objective) {
        if (objective instanceof MlpObjective m) {
            return m.mlp()::initialParameters;
        }
        if (objective instanceof CnnObjective c) {
            return c.cnn()::initialParameters;
        }
        throw new IllegalArgumentException("only networks (mlp, cnn) draw an initialisation per seed; give parameters for this model");
    }

    /** @return the optimisers of the table, in order */
    public List<Optimizer> optimizers() {
        LearningRate lr = new LearningRate.Cosine(training.lr(), 0.0, false);
        BaseStep base = new BaseStep.Momentum(training.momentum(), training.weightDecay());
        Sampling sampling = new Sampling(training.batch(), false);
        List<Optimizer> out = new ArrayList<>();
        for (UpdateRule m : methods) {
            UpdateRule rule = m instanceof EigenSam ? new EigenSam(training.eigen()) : m;
            out.add(Optimizer.builder(problem.train(), rule).rho(training.rho()).lr(lr).base(base).sampling(sampling).build());
        }
        return out;
    }

    /**
     * Runs every method for every seed.
     *
     * @param progress receives the number of steps done, as they are done (from worker threads)
     * @return the table and the trajectories
     */
    public Result run(LongConsumer progress) {
        int steps = training.steps(problem.train().sampleCount());
        List<Optimizer> optimizers = optimizers();
        List<Ensemble.Trajectory> all = new ArrayList<>();
        for (int j = 0; j < seeds; j++) {
            Problem pj = new Problem(problem.description(), problem.train(), problem.test(), problem.hessianBatch(),
                    init.apply(RandomStreams.key(masterSeed, j, 0)));
            Ensemble.Settings settings = Ensemble.Settings.builder().steps(steps).every(every).seeds(1)
                    .masterSeed(RandomStreams.key(masterSeed, j, 1)).threads(Math.min(threads, optimizers.size())).build();
            for (Ensemble.Trajectory t : Ensemble.run(pj, optimizers, settings, progress)) {
                all.add(new Ensemble.Trajectory(t.method(), j, t.seed(), t.records(), t.finalParameters(), t.diverged(), t.seconds()));
            }
        }
        List<Row> rows = new ArrayList<>();
        double[] reference = null;
        for (Optimizer o : optimizers) {
            List<Ensemble.Trajectory> mine = all.stream().filter(t -> t.method().equals(o.name())).toList();
            double[][] finals = new double[5][mine.size()];
            int diverged = 0;
            for (int i = 0; i < mine.size(); i++) {
                Ensemble.Trajectory t = mine.get(i);
                Record last = t.records().get(t.records().size() - 1);
                diverged += t.diverged() ? 1 : 0;
                finals[0][i] = t.diverged() ? Double.NaN : last.testAccuracy();
                finals[1][i] = t.diverged() ? Double.NaN : last.lambdaMax();
                finals[2][i] = t.diverged() ? Double.NaN : last.trainLoss();
                finals[3][i] = t.diverged() ? Double.NaN : last.testLoss();
            }
            if (reference == null) {
                reference = finals[0];
            }
            for (int i = 0; i < mine.size(); i++) {
                finals[4][i] = finals[0][i] - reference[mine.get(i).seedIndex()];
            }
            rows.add(new Row(o.name(), mine.size(), diverged, Stat.of(finals[0]), Stat.of(finals[4]), Stat.of(finals[1]), Stat.of(finals[2]),
                    Stat.of(finals[3])));
        }
        return new Result(rows, all, steps);
    }
}
