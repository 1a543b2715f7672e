package org.samsde.sde.model;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.samsde.core.objective.Batch;
import org.samsde.core.objective.Objective;
import org.samsde.core.random.RandomStreams;
import org.samsde.core.stats.SampleMoments;
import org.samsde.core.tensor.Tensor;
import org.samsde.core.tensor.Vectors;
import org.samsde.sde.Dynamics;
import org.samsde.sde.Sampling;
import org.samsde.sde.Snapshots;

/**
 * The numerical solution of an {@link SdeModel}, sampled at the optimiser's steps: the problem
 * (objective, model, ρ and η, the batch sampling whose statistics the model carries) and the
 * algorithm (drift estimator, noise sampler, integrator, m substeps) kept apart, as in diffrax
 * and SciML. Each step of the optimiser's clock (SDE time η) takes m integrator steps of
 * Δt = η/m driven by the trajectory's {@link BrownianPath}: step k covers [kη, (k+1)η], its
 * substep i starts at kη + iΔt. The integrator sees the trajectory only through its
 * {@link Integrator.Terms} (drift estimate and noise bound to the batch stream and the path); the
 * noise sampler sees the solver through {@link SolverView}.
 *
 * <p>Built with {@link #builder}: the defaults are the model as defined (drift {@code mc:4}, see
 * {@link #DEFAULT_BATCHES}, with {@code compensated} noise: each step has exactly the model's mean
 * and covariance), Euler–Maruyama, one substep, the full batch.
 *
 * <p>Method properties: those of the integrator (Euler–Maruyama: weak order 1 in Δt) and of the
 * model (its regime in ρ and η); cost per step m × (drift estimate + noise draw), each documented
 * by its estimator and sampler.
 */
public final class SdeSolver implements Dynamics<SdeSolver.State>, SolverView {
    /**
     * Default budget M of the drift estimate {@code mc:M}, batches per step of η: 4, chosen by the
     * cost of reaching the step-size check's accuracy (docs/sde-step-cost.md). Measured on the
     * paper-sde MLP, budgets of 2, 4, 8 and 16 gave final means that agree within the resolution of
     * 16 seeds, and the step-size error the check controls was far below its bound at m = 2 for
     * both 4 and 8, so {@code mc:4} reaches that accuracy at half the cost of {@code mc:8} (the
     * default before; the studies whose committed results were made with it keep it as their own
     * setting).
     */
    public static final int DEFAULT_BATCHES = 4;

    private static final long BATCHES = 1;
    private static final long NOISE = 3;

    private final Objective objective;
    private final SdeModel model;
    private final Coefficients coefficients;
    private final Sampling sampling;
    private final int substeps;
    private final DriftEstimator drift;
    private final NoiseSampler noise;
    private final Integrator integrator;

    private SdeSolver(Builder b) {
        this.objective = Objects.requireNonNull(b.objective, "objective");
        this.model = Objects.requireNonNull(b.model, "model");
        this.coefficients = new Coefficients(b.rho, b.eta);
        this.sampling = Objects.requireNonNull(b.sampling, "sampling");
        this.drift = Objects.requireNonNull(b.drift, "drift");
        this.noise = Objects.requireNonNull(b.noise, "noise");
        this.integrator = Objects.requireNonNull(b.integrator, "integrator");
        if (b.substeps < 1) {
            throw new IllegalArgumentException("substeps must be at least 1, got " + b.substeps);
        }
        this.substeps = b.substeps;
        sampling.size(objective.sampleCount());
        drift.validate(this);
        noise.validate(this);
    }

    /**
     * @param objective the training loss
     * @param model the model
     * @return a builder with the defaults: ρ = 0, η = 0.1, full batch, drift {@code mc:4},
     *     {@code compensated} noise, Euler–Maruyama, one substep
     */
    public static Builder builder(Objective objective, SdeModel model) {
        return new Builder(objective, model);
    }

    /** @return a builder holding this solver's settings */
    public Builder toBuilder() {
        return new Builder(objective, model).rho(coefficients.rho()).eta(coefficients.eta()).sampling(sampling)
                .substeps(substeps).drift(drift).noise(noise).integrator(integrator);
    }

    /** Options of an {@link SdeSolver}, with defaults. */
    public static final class Builder {
        private final Objective objective;
        private final SdeModel model;
        private double rho;
        private double eta = 0.1;
        private Sampling sampling = Sampling.full();
        private int substeps = 1;
        private DriftEstimator drift = new MonteCarloDrift(DEFAULT_BATCHES);
        private NoiseSampler noise = new CompensatedNoise();
        private Integrator integrator = new EulerMaruyama();

        private Builder(Objective objective, SdeModel model) {
            this.objective = objective;
            this.model = model;
        }

        /**
         * @param v ρ ≥ 0
         * @return this
         */
        public Builder rho(double v) {
            rho = v;
            return this;
        }

        /**
         * @param v η &gt; 0
         * @return this
         */
        public Builder eta(double v) {
            eta = v;
            return this;
        }

        /**
         * @param v the batches whose statistics the model carries
         * @return this
         */
        public Builder sampling(Sampling v) {
            sampling = v;
            return this;
        }

        /**
         * @param v m ≥ 1, integrator steps per optimiser step
         * @return this
         */
        public Builder substeps(int v) {
            substeps = v;
            return this;
        }

        /**
         * @param v the drift estimator
         * @return this
         */
        public Builder drift(DriftEstimator v) {
            drift = v;
            return this;
        }

        /**
         * @param v the noise sampler
         * @return this
         */
        public Builder noise(NoiseSampler v) {
            noise = v;
            return this;
        }

        /**
         * @param v the integrator
         * @return this
         */
        public Builder integrator(Integrator v) {
            integrator = v;
            return this;
        }

        /**
         * @return the solver
         * @throws IllegalArgumentException naming a setting that does not fit
         */
        public SdeSolver build() {
            return new SdeSolver(this);
        }
    }

    @Override
    public Objective objective() {
        return objective;
    }

    /** @return the model */
    @Override
    public SdeModel model() {
        return model;
    }

    /** @return ρ and η */
    @Override
    public Coefficients coefficients() {
        return coefficients;
    }

    /** @return the batches whose statistics the model carries */
    @Override
    public Sampling sampling() {
        return sampling;
    }

    /** @return m */
    @Override
    public int substeps() {
        return substeps;
    }

    /** @return the drift estimator */
    @Override
    public DriftEstimator drift() {
        return drift;
    }

    /** @return the noise sampler */
    public NoiseSampler noise() {
        return noise;
    }

    /** @return the integrator */
    public Integrator integrator() {
        return integrator;
    }

    @Override
    public double timeStep() {
        return coefficients.eta();
    }

    @Override
    public SdeSolver solver() {
        return this;
    }

    /**
     * This solver at m substeps (Δt = η/m) with a drift budget of T batches per step when its drift
     * is {@code mc:M} (T is ignored otherwise). Two solves refined from one solver with the same T and
     * seed draw the same batches and normals (see {@link MonteCarloDrift}): a coupled pair.
     *
     * @param m substeps
     * @param budget T, batches per step of η for an {@code mc} drift
     * @return the refined solver
     * @throws IllegalArgumentException when the estimators cannot run at m
     */
    public SdeSolver refined(int m, int budget) {
        Builder b = toBuilder().substeps(m);
        if (drift instanceof MonteCarloDrift) {
            b.drift(new MonteCarloDrift(budget));
        }
        return b.build();
    }

    /**
     * @return the fewest batches per substep the estimators need (2 for compensated noise on a
     *     mini-batch model, else 1)
     */
    public int batchesPerSubstepNeeded() {
        return noise instanceof CompensatedNoise && hasBatchNoise() ? 2 : 1;
    }

    /** @return whether batches fluctuate, c_B &gt; 0 (false for the full batch: the model is an ODE) */
    @Override
    public boolean hasBatchNoise() {
        return sampling.covarianceFactor(objective.sampleCount()) > 0;
    }

    /** An estimator that does not simulate the model as defined: its specification and what it approximates. */
    private record Approximation(String spec, String description) {
    }

    /** The drift estimator's approximation when the model's drift needs an expectation over batches, and the noise sampler's. */
    private List<Approximation> approximate() {
        List<Approximation> out = new ArrayList<>();
        boolean batchDrift = model.batchDirection() && !sampling.isFull(objective.sampleCount());
        if (batchDrift && !drift.approximation().isEmpty()) {
            out.add(new Approximation(drift.name(), drift.approximation()));
        }
        String n = noise.approximation(this);
        if (!n.isEmpty()) {
            out.add(new Approximation(noise.name(), n));
        }
        return out;
    }

    /**
     * The approximations this solver makes relative to the model as defined, for labels and
     * provenance.
     *
     * @return what each approximate estimator approximates, empty when the solver simulates the
     *     model as defined
     */
    public List<String> approximations() {
        return approximate().stream().map(Approximation::description).toList();
    }

    /**
     * The label in records: the model's name, followed by the specifications of the approximate
     * estimators ({@code sam2+plugin}, {@code sam3+per-sample}) when the solver does not simulate
     * the model as defined.
     */
    @Override
    public String name() {
        StringBuilder s = new StringBuilder(model.name());
        for (Approximation a : approximate()) {
            s.append('+').append(a.spec());
        }
        return s.toString();
    }

    @Override
    public String description() {
        List<String> a = approximations();
        return a.isEmpty() ? model.name() : model.name() + ", " + String.join(", ", a);
    }

    /** @return the model's {@link SdeModel#displayName()}, followed by the approximations this solver makes */
    @Override
    public String displayName() {
        List<String> a = approximations();
        return a.isEmpty() ? model.displayName() : model.displayName() + ", " + String.join(", ", a);
    }

    /** @return the model's {@link SdeModel#perturbs()} */
    @Override
    public boolean perturbs() {
        return model.perturbs();
    }

    /** @return the model's {@link SdeModel#appearance()} */
    @Override
    public org.samsde.sde.Appearance appearance() {
        return model.appearance();
    }

    /** Fresh batches a drift-bias estimate averages. */
    public static final int BIAS_BATCHES = 64;

    /**
     * The relative error of a biased drift estimator's ρ terms, ‖b̂ − b‖/‖b − g‖ with b = E_γ[G_γ]
     * the model's drift and g the full-batch gradient, estimated from {@link #BIAS_BATCHES} = M
     * fresh batches. Both squared norms are estimated without bias and the ratio of the two debiased
     * sums is returned:
     *
     * <ul>
     *   <li>b − g = E_γ[R_γ] for the ρ terms R_γ = G_γ − g_γ of a batch (E_γ[g_γ] = g), so it is
     *       estimated by their mean R̄ rather than by Ḡ − g: the batch-gradient noise, which
     *       dominates Cov(G_γ), cancels in R_γ (a control variate), and only the spread of the ρ
     *       terms is left;
     *   <li>E‖R̄‖² = ‖b − g‖² + tr Cov(R)/M and E‖b̂ − g − R̄‖² = ‖b̂ − b‖² + tr Cov(R)/M, so both
     *       are debiased by s²/M, s² = Σⱼ‖Rⱼ − R̄‖²/(M − 1).
     * </ul>
     *
     * The ratio of two unbiased estimates is not itself unbiased; its bias falls like 1/M. With
     * M = 64 its mean over 1000 draws is 0.298 ± 0.002 against a true 0.301 on a shifted-polynomial
     * toy with d = 30, B = 2 of n = 12 (with M = 16 it was low by about 6%, and by about 16% at a true
     * 0.1, where the numerator is mostly noise). A stochastic estimator's own variance is not removed
     * from the numerator (the plug-in drift has none).
     *
     * @return the estimate; NaN when the estimator is unbiased, when the model's drift needs no
     *     expectation over batches, or when M batches do not resolve the ρ terms (the debiased
     *     ‖b − g‖² is not positive)
     */
    @Override
    public double driftBias(Tensor x, long seed) {
        if (drift.unbiased() || !model.batchDirection() || sampling.isFull(objective.sampleCount())) {
            return Double.NaN;
        }
        Sampling.Sampler fresh = sampling.sampler(objective.sampleCount(), RandomStreams.stream(seed));
        int m = BIAS_BATCHES;
        SampleMoments rs = new SampleMoments(x.size());
        for (int j = 0; j < m; j++) {
            rs.add(rhoTerms(x, fresh.next()));
        }
        double[] mean = rs.mean();
        double spread = rs.totalVariance(false);
        double[] b;
        try (DriftEstimate e = drift.estimate(this, x, fresh)) {
            b = e.mean().toArray();
        }
        double[] g;
        try (Tensor t = objective.gradient(x, Batch.all()).gradientCoefficients()) {
            g = t.toArray();
        }
        double bias = 0;
        double terms = 0;
        for (int i = 0; i < mean.length; i++) {
            double e = b[i] - g[i] - mean[i];
            bias += e * e;
            terms += mean[i] * mean[i];
        }
        double signal = terms - spread / m;
        if (!(signal > 0)) {
            return Double.NaN;
        }
        return Math.sqrt(Math.max(0, bias - spread / m) / signal);
    }

    /** R_γ = G_γ − g_γ, the ρ terms of the increment on one batch, from one gradient and one pass. */
    private double[] rhoTerms(Tensor x, Batch batch) {
        try (Tensor gb = objective.gradient(x, batch).gradientCoefficients();
                Tensor inc = model.incrementFrom(objective, x, gb, batch, coefficients)) {
            double[] r = inc.toArray();
            double[] gr = gb.toArray();
            for (int i = 0; i < r.length; i++) {
                r[i] -= gr[i];
            }
            return r;
        }
    }

    /**
     * G_γ of the model whose covariance the noise carries ({@link SdeModel#noiseModel()}).
     *
     * @param x the point; not modified
     * @param batch γ
     * @return a new tensor
     */
    @Override
    public Tensor noiseIncrement(Tensor x, Batch batch) {
        return model.noiseModel().increment(objective, x, batch, coefficients);
    }

    /**
     * G_γ(x) of the model.
     *
     * @param x the point; not modified
     * @param batch γ
     * @return a new tensor
     */
    @Override
    public Tensor increment(Tensor x, Batch batch) {
        return model.increment(objective, x, batch, coefficients);
    }

    /**
     * @return d, the dimension of the Brownian motion driving the noise: the noise sampler's
     *     {@link NoiseSampler#brownianDimension} (0 when it draws no Gaussian)
     */
    public int brownianDimension() {
        return noise.brownianDimension(this);
    }

    /**
     * The trajectory of an SDE solution: parameters, its batch stream, its Brownian path and the
     * SDE time it has reached.
     */
    public static final class State extends Dynamics.State {
        private final Sampling.Sampler batches;
        private final BrownianPath path;
        private double time;

        State(Tensor x, Sampling.Sampler batches, BrownianPath path) {
            super(x);
            this.batches = batches;
            this.path = path;
        }

        /** @return the batch stream (drift estimates and resampled noise draw from it) */
        public Sampling.Sampler batches() {
            return batches;
        }

        /** @return the Brownian path driving the noise */
        public BrownianPath path() {
            return path;
        }

        /**
         * @return the SDE time the trajectory has reached: (k+1)·η after {@link SdeSolver#step} k,
         *     advanced by Δt by {@link SdeSolver#substep} and {@link SdeSolver#noise}; 0 at
         *     {@link SdeSolver#init}. Not part of a checkpoint (a resumed run's next step sets it
         *     from its step index).
         */
        public double time() {
            return time;
        }

        @Override
        public Tensor perturbation() {
            return null;
        }
    }

    @Override
    public State init(Tensor x0, long seed) {
        return init(x0, seed, new SequentialBrownianPath(RandomStreams.stream(seed, NOISE), brownianDimension(), 1));
    }

    /**
     * A trajectory driven by a given Brownian path, e.g. a {@link SequentialBrownianPath} of
     * stride s on a fine grid shared with other solves (coupled noise).
     *
     * @param x0 the initial parameters; not modified (copied)
     * @param seed the seed of the batch stream
     * @param path the path (owned by the state afterwards), of dimension {@link #brownianDimension}
     * @return the state at step 0
     * @throws IllegalArgumentException when the path's dimension is not the noise's
     */
    public State init(Tensor x0, long seed, BrownianPath path) {
        if (path.dimension() != brownianDimension()) {
            throw new IllegalArgumentException("the noise " + noise.name() + " is driven by a Brownian motion of dimension " + brownianDimension()
                    + ", but the path given has dimension " + path.dimension());
        }
        return new State(Vectors.copy(x0), sampling.sampler(objective.sampleCount(), RandomStreams.stream(seed, BATCHES)), path);
    }

    @Override
    public void save(State s, DataOutput out) throws IOException {
        Snapshots.writeTensor(out, s.x());
        s.batches.save(out);
        s.path.save(out);
    }

    @Override
    public void load(State s, DataInput in) throws IOException {
        Snapshots.readTensorInto(in, s.x());
        s.batches.load(in);
        s.path.load(in);
    }

    /** Step k: m integrator steps of Δt = η/m over [kη, (k+1)η], substep i from kη + iΔt. */
    @Override
    public void step(State s, int k, int total) {
        double eta = coefficients.eta();
        double dt = eta / substeps;
        double start = k * eta;
        Integrator.Terms terms = terms(s);
        for (int i = 0; i < substeps; i++) {
            integrator.step(terms, s.x(), start + i * dt, dt);
        }
        s.time = (k + 1) * eta;
    }

    /**
     * One integrator step of Δt from the trajectory's {@link State#time}, which it then advances
     * by Δt: what moment checks of a single step repeat (resetting x in between).
     *
     * @param s the trajectory; modified
     * @param dt Δt &gt; 0
     */
    public void substep(State s, double dt) {
        integrator.step(terms(s), s.x(), s.time, dt);
        s.time += dt;
    }

    /**
     * The terms of the trajectory as its integrator sees them: the drift estimator and the noise
     * sampler bound to its batch stream and Brownian path.
     *
     * @param s the trajectory (its batch stream and path are advanced by evaluations)
     * @return the terms
     */
    public Integrator.Terms terms(State s) {
        return new Terms(s);
    }

    /** The drift, the noise and η of one trajectory. */
    private final class Terms implements Integrator.Terms {
        private final State s;

        Terms(State s) {
            this.s = s;
        }

        @Override
        public DriftEstimate drift(Tensor x) {
            return SdeSolver.this.drift.estimate(SdeSolver.this, x, s.batches);
        }

        @Override
        public Tensor noise(Tensor x, DriftEstimate b, double t0, double dt) {
            double[] z = s.path.normalised(t0, t0 + dt);
            return SdeSolver.this.noise.sample(SdeSolver.this, x, b, z, s.batches, dt);
        }

        @Override
        public double eta() {
            return coefficients.eta();
        }
    }

    /**
     * The drift estimate at x, as the solver evaluates it in a step.
     *
     * @param s the trajectory (its batch stream); modified
     * @param x the point; not modified
     * @return the estimate, owned by the caller
     */
    public DriftEstimate drift(State s, Tensor x) {
        return terms(s).drift(x);
    }

    /**
     * One draw ξ′ of the noise at x as a step of size Δt takes it, over the trajectory's next
     * interval [t, t + Δt] (t its {@link State#time}, then advanced by Δt): Z = ΔW/√Δt from the
     * state's Brownian path, then the sampler (the step adds √(η·Δt)·ξ′).
     *
     * @param s the trajectory (its path, batch stream and time); modified
     * @param x the point; not modified
     * @param b the step's drift estimate; not modified
     * @param dt Δt
     * @return a new tensor, or null when there is no noise here
     */
    public Tensor noise(State s, Tensor x, DriftEstimate b, double dt) {
        Tensor xi = terms(s).noise(x, b, s.time, dt);
        s.time += dt;
        return xi;
    }
}
