package org.samsde.sde.study;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.LongConsumer;

import org.apache.commons.math3.util.CombinatoricsUtils;
import org.samsde.core.objective.Batch;
import org.samsde.core.objective.Objective;
import org.samsde.core.random.RandomStreams;
import org.samsde.core.stats.SampleMoments;
import org.samsde.core.tensor.CpuBackend;
import org.samsde.core.tensor.Tensor;
import org.samsde.core.tensor.Vectors;
import org.samsde.sde.Sampling;
import org.samsde.sde.model.BatchMcNoise;
import org.samsde.sde.model.CompensatedNoise;
import org.samsde.sde.model.DriftEstimate;
import org.samsde.sde.model.DriftEstimator;
import org.samsde.sde.model.ExactDrift;
import org.samsde.sde.model.MonteCarloDrift;
import org.samsde.sde.model.NoiseSampler;
import org.samsde.sde.model.PerSampleNoise;
import org.samsde.sde.model.PluginDrift;
import org.samsde.sde.model.ResampleNoise;
import org.samsde.sde.model.SdeModel;
import org.samsde.sde.model.SdeSolver;

/**
 * How far each drift estimator and noise sampler is from the model it stands for: at given points
 * x, the one-step increment Δ of a solver at m substeps (one substep, Δt = η/m), against the model's
 * exact one-step moments: Δ/Δt against the mean −b = −E_γ[G_γ] and Δ/√(ηΔt) against the covariance
 * Σ̃ = Cov_γ(G_γ) (an Euler–Maruyama step has mean −Δt·b̂ and covariance Δt²·Cov(b̂) + ηΔt·Cov(ξ′), so
 * a drift estimate's own covariance Cov(b̂) enters as (Δt/η)·Cov(b̂)). By default m = 1 (Δt = η);
 * {@link Builder#substeps} adds a row set per m.
 *
 * <p><b>The drift {@code exact}</b> in a pair stands for the model's drift b itself, taken from the
 * reference below (the enumerated mean where the batches are enumerated, else the large-sample
 * reference mean, whose error is in the floors), whatever C(n, B) is. It has no covariance of its
 * own, so a noise sampler paired with it ({@code exact+per-sample}) is measured alone: its
 * covariance error is the sampler's own (for {@code per-sample}, its linearisation in the batch
 * fluctuation), not mixed with the Σ̃/M of an {@code mc:M} drift estimate.
 *
 * <p><b>Reference.</b> Where the batches can be enumerated (without replacement, C(n, B) ≤
 * {@link ExactDrift#LIMIT}) b and Σ̃ are exact; elsewhere they are the mean and covariance of
 * {@code referenceBatches} fresh increments, whose own error is reported as the reference floor.
 *
 * <p><b>Errors</b>, relative to the ρ terms, the part of the model that SAM adds to SGD: the mean
 * error ‖m̂ + b‖/‖b − g‖ (g = E g_γ, the full gradient) and the covariance error
 * ‖Ĉ − Σ̃‖_F/‖Σ̃ − Σ_g‖_F (Σ_g = Cov_γ(g_γ), so Σ̃ − Σ_g is the covariance that the ρ terms add), with
 * m̂ and Ĉ the empirical moments of K independent steps. Both are debiased for their Monte Carlo
 * noise (‖m̂ − m‖² by tr Ĉ/K, ‖Ĉ − C‖²_F by (E‖Δ_c‖⁴ − ‖Ĉ‖²_F)/K), and the remaining noise is
 * reported as each error's floor: an error below about twice its floor is not resolved (the debiased
 * error has noise of the order of the floor itself). Every point also gets
 * its noise ratio r = √tr Σ_g/‖g‖.
 *
 * <p>Built with {@link #builder}; the candidates default to {@link #DEFAULT_CANDIDATES}.
 */
public final class FidelityStudy {
    /**
     * The estimator pairs compared by default: the faithful default first, the old default last; the
     * per-sample noise with the exact drift, so that its column is the linearisation's error alone.
     */
    public static final List<Candidate> DEFAULT_CANDIDATES = List.of(
            new Candidate(new MonteCarloDrift(8), new CompensatedNoise()),
            new Candidate(new MonteCarloDrift(8), new BatchMcNoise(8)),
            new Candidate(new MonteCarloDrift(8), new ResampleNoise()),
            new Candidate(new ExactDrift(), new PerSampleNoise()),
            new Candidate(new PluginDrift(), new BatchMcNoise(8)),
            new Candidate(new PluginDrift(), new PerSampleNoise()));

    /**
     * A drift estimator and a noise sampler, compared together.
     *
     * @param drift the drift estimator
     * @param noise the noise sampler
     */
    public record Candidate(DriftEstimator drift, NoiseSampler noise) {
        /** @return {@code DRIFT+NOISE}, e.g. {@code mc:8+compensated} */
        public String label() {
            return drift.name() + "+" + noise.name();
        }
    }

    /**
     * One candidate at one point.
     *
     * @param point the point's index
     * @param step the training step the point was taken at
     * @param noiseRatio r = √tr Σ_g/‖g‖ at the point
     * @param estimator the candidate's label
     * @param substeps m, the solver's substeps: the step measured is one substep, Δt = η/m
     * @param meanError the debiased relative error of the step's mean
     * @param meanFloor its Monte Carlo floor (the reference's included)
     * @param covError the debiased relative error of the step's covariance
     * @param covFloor its Monte Carlo floor (the reference's included)
     * @param exactReference whether the reference enumerates every batch
     */
    public record Row(int point, int step, double noiseRatio, String estimator, int substeps, double meanError, double meanFloor,
                      double covError, double covFloor, boolean exactReference) {
    }

    private final Objective objective;
    private final SdeModel model;
    private final double rho;
    private final double eta;
    private final Sampling sampling;
    private final List<Candidate> candidates;
    private final int[] substeps;
    private final int draws;
    private final int referenceBatches;
    private final long seed;
    private final int threads;

    private FidelityStudy(Builder b) {
        objective = Objects.requireNonNull(b.objective, "objective");
        model = Objects.requireNonNull(b.model, "model");
        rho = b.rho;
        eta = b.eta;
        sampling = Objects.requireNonNull(b.sampling, "sampling");
        candidates = List.copyOf(b.candidates);
        substeps = b.substeps.clone();
        draws = b.draws;
        referenceBatches = b.referenceBatches;
        seed = b.seed;
        threads = b.threads;
        if (!(rho > 0) || !Double.isFinite(rho)) {
            throw new IllegalArgumentException("fidelity study: the errors are relative to the rho terms, so rho must be positive, got " + rho);
        }
        if (draws < 2 || referenceBatches < 2 || threads < 1 || candidates.isEmpty()) {
            throw new IllegalArgumentException("fidelity study: draws and reference batches >= 2, threads >= 1 and a candidate are required");
        }
        if (sampling.isFull(objective.sampleCount())) {
            throw new IllegalArgumentException("fidelity study: full batches have no estimator to compare; give a batch size below n");
        }
        if (substeps.length == 0) {
            throw new IllegalArgumentException("fidelity study: at least one number of substeps is required");
        }
        for (int m : substeps) {
            if (m < 1) {
                throw new IllegalArgumentException("fidelity study: substeps must be at least 1, got " + m);
            }
            for (Candidate c : candidates) {
                try {
                    solver(c, m, null);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("fidelity study: " + c.label() + " at " + m + " substeps: " + e.getMessage(), e);
                }
            }
        }
    }

    /**
     * @param objective the training loss
     * @param model the model
     * @return a builder with the defaults: ρ = 0.05, η = 0.05, batches of 32 without replacement,
     *     {@link #DEFAULT_CANDIDATES}, m = 1 substep (Δt = η), K = 2000 draws, 4000 reference
     *     batches, seed 0, one thread
     */
    public static Builder builder(Objective objective, SdeModel model) {
        return new Builder(objective, model);
    }

    /** Options of a {@link FidelityStudy}, with defaults. */
    public static final class Builder {
        private final Objective objective;
        private final SdeModel model;
        private double rho = 0.05;
        private double eta = 0.05;
        private Sampling sampling = new Sampling(32, false);
        private List<Candidate> candidates = DEFAULT_CANDIDATES;
        private int[] substeps = {1};
        private int draws = 2000;
        private int referenceBatches = 4000;
        private long seed;
        private int threads = 1;

        private Builder(Objective objective, SdeModel model) {
            this.objective = objective;
            this.model = model;
        }

        /**
         * @param v ρ
         * @return this
         */
        public Builder rho(double v) {
            rho = v;
            return this;
        }

        /**
         * @param v η
         * @return this
         */
        public Builder eta(double v) {
            eta = v;
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
         * @param v the estimator pairs
         * @return this
         */
        public Builder candidates(List<Candidate> v) {
            candidates = List.copyOf(v);
            return this;
        }

        /**
         * @param v the numbers of substeps m to measure at, each giving a row per point and
         *     candidate for a step of Δt = η/m (the solver at m substeps, one substep)
         * @return this
         */
        public Builder substeps(int... v) {
            substeps = v.clone();
            return this;
        }

        /**
         * @param v K, one-step draws per candidate and point
         * @return this
         */
        public Builder draws(int v) {
            draws = v;
            return this;
        }

        /**
         * @param v fresh batches of the reference where batches cannot be enumerated
         * @return this
         */
        public Builder referenceBatches(int v) {
            referenceBatches = v;
            return this;
        }

        /**
         * @param v the seed
         * @return this
         */
        public Builder seed(long v) {
            seed = v;
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
        public FidelityStudy build() {
            return new FidelityStudy(this);
        }
    }

    /**
     * @param c the pair
     * @param m substeps
     * @param b the reference drift at the point, for the drift {@code exact} (null to validate)
     */
    private SdeSolver solver(Candidate c, int m, double[] b) {
        DriftEstimator drift = c.drift() instanceof ExactDrift ? new ReferenceDrift(b) : c.drift();
        return SdeSolver.builder(objective, model).rho(rho).eta(eta).sampling(sampling).substeps(m).drift(drift).noise(c.noise()).build();
    }

    /**
     * The model's drift b at the point, from the reference, in place of the drift {@code exact}:
     * exact where the reference enumerates every batch, and affordable where it does not.
     *
     * @param b the reference mean, or null when only validating
     */
    private record ReferenceDrift(double[] b) implements DriftEstimator {
        @Override
        public String name() {
            return "exact";
        }

        @Override
        public boolean unbiased() {
            return true;
        }

        @Override
        public DriftEstimate estimate(SdeSolver solver, Tensor x, Sampling.Sampler batches) {
            return new DriftEstimate(x.backend().upload(b, b.length), List.of(), null, false);
        }
    }

    /** @return the numbers of substeps m measured at, in order */
    public int[] substeps() {
        return substeps.clone();
    }

    /** @return whether the reference enumerates every batch */
    public boolean exactReference() {
        int n = objective.sampleCount();
        return !sampling.replacement() && CombinatoricsUtils.binomialCoefficientDouble(n, sampling.size(n)) <= ExactDrift.LIMIT;
    }

    /**
     * @param points the parameter vectors x to evaluate at; not modified
     * @param steps the training step of each point (for the records)
     * @return a row per point, number of substeps and candidate: points in order, then the numbers
     *     of substeps in order, candidates in order within them
     */
    public List<Row> run(List<double[]> points, int[] steps) {
        return run(points, steps, k -> { });
    }

    /**
     * @param points the parameter vectors x to evaluate at; not modified
     * @param steps the training step of each point (for the records)
     * @param progress receives the one-step draws done, as they are done (from worker threads);
     *     points × substeps × candidates × draws in all
     * @return a row per point, number of substeps and candidate: points in order, then the numbers
     *     of substeps in order, candidates in order within them
     */
    public List<Row> run(List<double[]> points, int[] steps, LongConsumer progress) {
        if (points.size() != steps.length) {
            throw new IllegalArgumentException("one step per point expected");
        }
        if (objective.backend() instanceof CpuBackend cpu) {
            return cpu.singleThreaded(() -> runAll(points, steps, progress));
        }
        return runAll(points, steps, progress);
    }

    /**
     * @param points the number of points
     * @return the draws a run over that many points makes
     */
    public long totalDraws(int points) {
        return (long) points * substeps.length * candidates.size() * draws;
    }

    private List<Row> runAll(List<double[]> points, int[] steps, LongConsumer progress) {
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "samsde-fidelity");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Row> out = new ArrayList<>();
            for (int p = 0; p < points.size(); p++) {
                double[] x = points.get(p);
                Reference ref = reference(x, RandomStreams.key(seed, p, 0));
                List<Future<Row>> rows = new ArrayList<>();
                for (int mi = 0; mi < substeps.length; mi++) {
                    for (int c = 0; c < candidates.size(); c++) {
                        int pi = p;
                        int ci = c;
                        int m = substeps[mi];
                        // m = substeps[0] keeps the streams of a study at one step size
                        long key = RandomStreams.key(seed, pi, ci + 1 + (long) mi * candidates.size());
                        rows.add(pool.submit(() -> measure(pi, steps[pi], x, ref, candidates.get(ci), m, key, progress)));
                    }
                }
                for (Future<Row> f : rows) {
                    out.add(f.get());
                }
            }
            return List.copyOf(out);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("fidelity study interrupted", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    /** The model's exact (or large-sample) one-step moments at x, and the gradient's. */
    private record Reference(double[] b, double[] cov, double[] g, double[] covG, double meanScale, double covScale,
                             double meanFloor2, double covFloor2, double noiseRatio, boolean exact) {
    }

    private Reference reference(double[] x, long key) {
        int d = x.length;
        SdeSolver any = solver(candidates.get(0), substeps[0], null);
        Tensor xt = objective.backend().upload(x, d);
        SampleMoments inc = new SampleMoments(d);
        SampleMoments grad = new SampleMoments(d);
        boolean exact = exactReference();
        if (exact) {
            int n = objective.sampleCount();
            int[] comb = new int[sampling.size(n)];
            for (int i = 0; i < comb.length; i++) {
                comb[i] = i;
            }
            do {
                add(any, xt, Batch.of(comb.clone()), inc, grad);
            } while (ExactDrift.nextCombination(comb, n));
        } else {
            Sampling.Sampler batches = sampling.sampler(objective.sampleCount(), RandomStreams.stream(key));
            for (int j = 0; j < referenceBatches; j++) {
                add(any, xt, batches.next(), inc, grad);
            }
        }
        xt.close();
        double[] g;
        try (Tensor gt = objective.gradient(objective.backend().upload(x, d), Batch.all()).gradientCoefficients()) {
            g = gt.toArray();
        }
        double[] b = inc.mean();
        double[] cov = inc.covariance(exact);
        double[] covG = grad.covariance(exact);
        double meanScale = Vectors.distance(b, g);
        double covScale = Vectors.distance(cov, covG);
        // the reference's own Monte Carlo error, squared (0 when exact)
        double meanFloor2 = exact ? 0 : inc.totalVariance(exact) / inc.count();
        double covFloor2 = exact ? 0 : inc.fourthMomentSpread(cov) / inc.count();
        double ratio = Math.sqrt(grad.totalVariance(exact)) / Vectors.norm(g);
        return new Reference(b, cov, g, covG, meanScale, covScale, meanFloor2, covFloor2, ratio, exact);
    }

    private void add(SdeSolver s, Tensor x, Batch batch, SampleMoments inc, SampleMoments grad) {
        try (Tensor gi = s.increment(x, batch); Tensor gg = objective.gradient(x, batch).gradientCoefficients()) {
            inc.add(gi.toArray());
            grad.add(gg.toArray());
        }
    }

    /**
     * K steps of one substep, Δt = η/m, from x: the mean of Δ/Δt against −b and the covariance of
     * Δ/√(ηΔt) = (Δ/Δt)·√(Δt/η) against Σ̃.
     */
    private Row measure(int point, int step, double[] x, Reference ref, Candidate c, int substeps, long key, LongConsumer progress) {
        SdeSolver solver = solver(c, substeps, ref.b());
        int d = x.length;
        double dt = eta / substeps;
        Tensor x0 = objective.backend().upload(x, d);
        SdeSolver.State state = solver.init(x0, key);
        SampleMoments steps = new SampleMoments(d);
        for (int k = 0; k < draws; k++) {
            objective.backend().upload(x, 0, state.x(), 0, d);
            solver.substep(state, dt);
            double[] delta = state.x().toArray();
            for (int i = 0; i < d; i++) {
                delta[i] = (delta[i] - x[i]) / dt;
            }
            steps.add(delta);
            progress.accept(1);
        }
        x0.close();
        double[] m = steps.mean();
        double[] rate = steps.covariance(false);
        double scale = dt / eta;
        double[] cov = new double[rate.length];
        for (int i = 0; i < cov.length; i++) {
            cov[i] = rate[i] * scale;
        }
        double[] minusB = new double[d];
        for (int i = 0; i < d; i++) {
            minusB[i] = -ref.b()[i];
        }
        double meanNoise2 = steps.totalVariance(false) / draws + ref.meanFloor2();
        double covNoise2 = steps.fourthMomentSpread(rate) * scale * scale / draws + ref.covFloor2();
        double meanErr2 = Vectors.squaredDistance(m, minusB) - meanNoise2;
        double covErr2 = Vectors.squaredDistance(cov, ref.cov()) - covNoise2;
        return new Row(point, step, ref.noiseRatio(), c.label(), substeps, Math.sqrt(Math.max(0, meanErr2)) / ref.meanScale(),
                Math.sqrt(meanNoise2) / ref.meanScale(), Math.sqrt(Math.max(0, covErr2)) / ref.covScale(),
                Math.sqrt(covNoise2) / ref.covScale(), ref.exact());
    }

    /** @return the model (for records) */
    public SdeModel model() {
        return model;
    }
}
