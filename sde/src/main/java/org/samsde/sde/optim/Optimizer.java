package org.samsde.sde.optim;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Objects;

import org.samsde.core.objective.Batch;
import org.samsde.core.objective.Objective;
import org.samsde.core.random.RandomStreams;
import org.samsde.core.tensor.Backend;
import org.samsde.core.tensor.Tensor;
import org.samsde.core.tensor.Vectors;
import org.samsde.sde.Dynamics;
import org.samsde.sde.LearningRate;
import org.samsde.sde.Sampling;
import org.samsde.sde.Snapshots;

/**
 * A discrete method: an {@link UpdateRule} (SGD, SAM, …, or a user's) with a base step
 * ({@link BaseStep}), a learning-rate schedule and a batch sampling. Each step draws one batch γ,
 * computes g_γ(x), asks the rule for its direction d (a perturbed rule evaluates its second
 * gradient on the same γ) and applies the base step with η_k.
 *
 * <p>With {@link Builder#svag SVAG} ({@link Svag}) a step of the optimiser is one unit η of SDE
 * time made of L inner steps x ← x − (η_k/L)·(a·G_γ₁ + b·G_γ₂), each on two fresh batches; so step
 * k is still SDE time k·η and records of any L line up with the plain method's. The rule sees the
 * outer step k in {@link Step#index()}, and its last ε is the one recorded.
 *
 * <p>Built with {@link #builder}: defaults ρ = 0, η = 0.1 constant, plain step, full batch, no SVAG.
 * Method properties: the rule's cost per step (documented by each rule) plus nothing; with SVAG,
 * 2L times that per step (L times on the full batch).
 */
public final class Optimizer implements Dynamics<Optimizer.State> {
    /** Stream purpose below a trajectory's seed. */
    private static final long BATCHES = 1;

    private final Objective objective;
    private final UpdateRule rule;
    private final double rho;
    private final LearningRate lr;
    private final BaseStep base;
    private final Sampling sampling;
    private final Svag svag;

    private Optimizer(Builder b) {
        this.objective = Objects.requireNonNull(b.objective, "objective");
        this.rule = Objects.requireNonNull(b.rule, "rule");
        if (!(b.rho >= 0) || !Double.isFinite(b.rho)) {
            throw new IllegalArgumentException("rho must be finite and non-negative, got " + b.rho);
        }
        this.rho = b.rho;
        this.lr = Objects.requireNonNull(b.lr, "learning rate");
        this.base = Objects.requireNonNull(b.base, "base step");
        this.sampling = Objects.requireNonNull(b.sampling, "sampling");
        sampling.size(objective.sampleCount());
        this.svag = b.svag;
        if (svag != null && svag.amplifies()) {
            if (!(base instanceof BaseStep.Plain)) {
                throw new IllegalArgumentException("SVAG (L = " + svag.copies() + ") needs the plain step: its limit is the SDE of "
                        + "x ← x − η·G_γ(x), and momentum or weight decay change that update");
            }
            try (Tensor probe = objective.backend().zeros(objective.dimension())) {
                if (rule.init(probe, 0) != null) {
                    throw new IllegalArgumentException("SVAG (L = " + svag.copies() + ") needs a rule whose direction depends on x and "
                            + "the batch only; " + rule.name() + " keeps state along its trajectory");
                }
            }
        }
    }

    /**
     * @param objective the training loss
     * @param rule the update rule
     * @return a builder with the defaults: ρ = 0, constant η = 0.1, plain step, full batch
     */
    public static Builder builder(Objective objective, UpdateRule rule) {
        return new Builder(objective, rule);
    }

    /** Options of an {@link Optimizer}, with defaults. */
    public static final class Builder {
        private final Objective objective;
        private final UpdateRule rule;
        private double rho;
        private LearningRate lr = new LearningRate.Constant(0.1);
        private BaseStep base = new BaseStep.Plain();
        private Sampling sampling = Sampling.full();
        private Svag svag;

        private Builder(Objective objective, UpdateRule rule) {
            this.objective = objective;
            this.rule = rule;
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
         * @param v a constant learning rate η
         * @return this
         */
        public Builder eta(double v) {
            lr = new LearningRate.Constant(v);
            return this;
        }

        /**
         * @param v the learning-rate schedule
         * @return this
         */
        public Builder lr(LearningRate v) {
            lr = v;
            return this;
        }

        /**
         * @param v the base step
         * @return this
         */
        public Builder base(BaseStep v) {
            base = v;
            return this;
        }

        /**
         * @param v how batches are drawn
         * @return this
         */
        public Builder sampling(Sampling v) {
            sampling = v;
            return this;
        }

        /**
         * @param v SVAG's amplification, or null for the plain method (the default); L = 1 takes the
         *     plain method's steps through SVAG's loop, L &gt; 1 needs the plain base step and a rule
         *     that keeps no state
         * @return this
         */
        public Builder svag(Svag v) {
            svag = v;
            return this;
        }

        /**
         * @return the optimiser
         * @throws IllegalArgumentException naming a setting that does not fit
         */
        public Optimizer build() {
            return new Optimizer(this);
        }
    }

    /** @return the rule's name, followed by {@code @svag=L} with SVAG (at L = 1 too: the label says what was asked for) */
    @Override
    public String name() {
        return svag == null ? rule.name() : rule.name() + svag.suffix();
    }

    /** @return the rule's {@link UpdateRule#displayName()}, followed by {@code (SVAG, L = 4)} with SVAG */
    @Override
    public String displayName() {
        return svag == null ? rule.displayName() : rule.displayName() + " (SVAG, L = " + svag.copies() + ")";
    }

    /** @return the name, or with SVAG what it is: the rule's steps with amplified noise, tending to the rule's SDE */
    @Override
    public String description() {
        if (svag == null) {
            return name();
        }
        return rule.name() + " with SVAG (Li, Malladi & Arora 2021), L = " + svag.copies() + (svag.amplifies() ? ": " + svag.copies()
                + " steps of η/L per η on a·G_γ1 + b·G_γ2, tending to the SDE of " + rule.name() + " as L grows" : ": the plain method");
    }

    /** @return the rule's {@link UpdateRule#perturbs()} */
    @Override
    public boolean perturbs() {
        return rule.perturbs();
    }

    /**
     * @return the rule's {@link UpdateRule#appearance()}; with SVAG, {@link Svag#appearance()} (sky blue,
     *     the dash by L), so that it is told apart from the rule and from the SDE models
     */
    @Override
    public org.samsde.sde.Appearance appearance() {
        return svag == null ? rule.appearance() : svag.appearance();
    }

    /**
     * @return the rule's {@link UpdateRule#stability(double, double) stability threshold} at this optimiser's η and ρ, where it
     *     applies: the full batch, the plain step and a constant learning rate (with SVAG, whose
     *     full-batch step is the rule's at η/L, the threshold at η/L); null otherwise (a mini-batch
     *     run, momentum, weight decay or a schedule changes the iteration the threshold is about)
     */
    @Override
    public org.samsde.sde.Stability stability() {
        if (!sampling.isFull(objective.sampleCount()) || !(base instanceof BaseStep.Plain) || !(lr instanceof LearningRate.Constant)) {
            return null;
        }
        return rule.stability(svag == null ? lr.base() : lr.base() / svag.copies(), rho);
    }

    @Override
    public Objective objective() {
        return objective;
    }

    @Override
    public double timeStep() {
        return lr.base();
    }

    /** @return the update rule */
    public UpdateRule rule() {
        return rule;
    }

    /** @return ρ */
    public double rho() {
        return rho;
    }

    /** @return the learning-rate schedule */
    public LearningRate lr() {
        return lr;
    }

    /** @return the base step */
    public BaseStep base() {
        return base;
    }

    /** @return how batches are drawn */
    @Override
    public Sampling sampling() {
        return sampling;
    }

    /** @return SVAG's amplification, or null for the plain method */
    public Svag svag() {
        return svag;
    }

    /** The trajectory of an optimiser: parameters, momentum buffer, the rule's state, batches. */
    public static final class State extends Dynamics.State {
        private final Sampling.Sampler sampler;
        private final Tensor point;
        private final Tensor buffer;
        private final Tensor eps;
        private final long seed;
        private final UpdateRule.RuleState ruleState;
        private boolean hasPerturbation;

        State(Tensor x, Sampling.Sampler sampler, boolean momentum, long seed, UpdateRule.RuleState ruleState) {
            super(x);
            this.sampler = sampler;
            Backend be = x.backend();
            this.point = be.zeros(x.size());
            this.eps = be.zeros(x.size());
            this.buffer = momentum ? be.zeros(x.size()) : null;
            this.seed = seed;
            this.ruleState = ruleState;
        }

        @Override
        public Tensor perturbation() {
            return hasPerturbation ? eps : null;
        }

        /** @return the rule's state, or null when it keeps none */
        public UpdateRule.RuleState ruleState() {
            return ruleState;
        }
    }

    @Override
    public State init(Tensor x0, long seed) {
        Tensor x = Vectors.copy(x0);
        return new State(x, sampling.sampler(objective.sampleCount(), RandomStreams.stream(seed, BATCHES)),
                base instanceof BaseStep.Momentum, seed, rule.init(x0, seed));
    }

    @Override
    public void save(State s, DataOutput out) throws IOException {
        Snapshots.writeTensor(out, s.x());
        Snapshots.writeTensor(out, s.buffer);
        Snapshots.writeTensor(out, s.eps);
        out.writeBoolean(s.hasPerturbation);
        s.sampler.save(out);
        out.writeBoolean(s.ruleState != null);
        if (s.ruleState != null) {
            s.ruleState.save(out);
        }
    }

    @Override
    public void load(State s, DataInput in) throws IOException {
        Snapshots.readTensorInto(in, s.x());
        Tensor buffer = Snapshots.readTensor(in, s.x().backend(), s.x().size());
        if ((buffer == null) != (s.buffer == null)) {
            throw new IOException("checkpoint and configuration disagree on momentum");
        }
        if (buffer != null) {
            Vectors.set(buffer, s.buffer);
            buffer.close();
        }
        Snapshots.readTensorInto(in, s.eps);
        s.hasPerturbation = in.readBoolean();
        s.sampler.load(in);
        if (in.readBoolean() != (s.ruleState != null)) {
            throw new IOException("checkpoint and configuration disagree on the update rule's state");
        }
        if (s.ruleState != null) {
            s.ruleState.load(in);
        }
    }

    /**
     * One unit η of SDE time: the plain step x ← x − η_k·G_γ(x), or with SVAG ({@link Builder#svag})
     * L steps x ← x − (η_k/L)·(a·G_γ₁(x) + b·G_γ₂(x)) on fresh batches γ₁ then γ₂. Where b = 0 (L = 1)
     * or the batch is full (γ₁ = γ₂, so G̃ = G) one batch is drawn and G̃ = G: SVAG at L = 1 draws
     * the same batches and takes the same steps as the plain method, bit for bit.
     */
    @Override
    public void step(State s, int k, int total) {
        double eta = lr.at(k, total, s.sampler.stepsPerEpoch());
        if (svag == null) {
            Tensor direction = direction(s, k, total);
            apply(s, direction, eta);
            direction.close();
            return;
        }
        int copies = svag.copies();
        boolean twoBatches = svag.b() != 0 && !sampling.isFull(objective.sampleCount());
        for (int j = 0; j < copies; j++) {
            Tensor d = direction(s, k, total);
            if (twoBatches) {
                Tensor d2 = direction(s, k, total);
                Vectors.scale(svag.a(), d);
                Vectors.axpy(svag.b(), d2, d);
                d2.close();
            }
            apply(s, d, eta / copies);
            d.close();
        }
    }

    /** @return the rule's direction G_γ(x) on the next batch γ, a new tensor */
    private Tensor direction(State s, int k, int total) {
        Batch batch = s.sampler.next();
        Tensor g = objective.gradient(s.x(), batch).gradientCoefficients();
        Step step = new Step(objective, s.x(), batch, g, rho, k, total, s.sampler.stepsPerEpoch(), s.seed, s.ruleState, s.eps, s.point);
        Tensor direction = rule.direction(step);
        s.hasPerturbation |= step.perturbed();
        g.close();
        return direction;
    }

    private void apply(State s, Tensor d, double eta) {
        Tensor x = s.x();
        if (base instanceof BaseStep.Momentum m) {
            Vectors.scale(m.momentum(), s.buffer);
            Vectors.axpy(1.0, d, s.buffer);
            Vectors.axpy(m.weightDecay(), x, s.buffer);
            Vectors.axpy(-eta, s.buffer, x);
        } else {
            Vectors.axpy(-eta, d, x);
        }
    }
}
