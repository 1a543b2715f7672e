package org.samsde.sde.optim;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.samsde.core.objective.Batch;
import org.samsde.core.objective.Objective;
import org.samsde.core.objective.TaylorResult;
import org.samsde.core.random.RandomStreams;
import org.samsde.core.tensor.Backend;
import org.samsde.core.tensor.Tensor;
import org.samsde.sde.Dynamics;
import org.samsde.sde.LearningRate;
import org.samsde.sde.Sampling;
import org.samsde.sde.Snapshots;
import org.samsde.sde.Vectors;

/**
 * The discrete SAM family ({@link Method}) with a base step ({@link BaseStep}) and a learning-rate
 * schedule. Both gradients of a perturbed method use the same batch.
 *
 * <p>Method properties, cost per step in passes over the batch: SGD 1 gradient; SAM, USAM,
 * Reverse-SAM 2 gradients; DNSAM 2 gradients plus 1 full-batch gradient; EGR 1 gradient plus one
 * order-1 pass (H·n); Eigen-SAM 2 gradients, plus p order-1 passes at every refresh of v.
 *
 * @param objective the training loss
 * @param method the method
 * @param rho ρ ≥ 0, the perturbation radius
 * @param lr the learning-rate schedule
 * @param base the base step
 * @param sampling how batches are drawn
 * @param eigen Eigen-SAM's options (ignored by other methods)
 */
public record Optimizer(Objective objective, Method method, double rho, LearningRate lr, BaseStep base,
                        Sampling sampling, EigenSamOptions eigen) implements Dynamics<Optimizer.State> {

    /** Stream purposes below a trajectory's seed. */
    private static final long BATCHES = 1;
    private static final long EIGEN_START = 2;

    /** Validates ρ and the batch size against the data. */
    public Optimizer {
        if (!(rho >= 0) || !Double.isFinite(rho)) {
            throw new IllegalArgumentException("rho must be finite and non-negative, got " + rho);
        }
        sampling.size(objective.sampleCount());
        if (eigen == null) {
            eigen = EigenSamOptions.DEFAULTS;
        }
    }

    @Override
    public String name() {
        return method.label();
    }

    /** The trajectory of an optimiser: parameters, momentum buffer, Eigen-SAM's vector, batches. */
    public static final class State extends Dynamics.State {
        private final Sampling.Sampler sampler;
        private final Tensor point;
        private final Tensor buffer;
        private final Tensor eps;
        private final Tensor x;
        private boolean hasPerturbation;
        private final long seed;
        private Tensor eigenvector;
        private int epochStep;

        State(Tensor x, Sampling.Sampler sampler, boolean momentum, long seed) {
            super(x);
            this.x = x;
            this.sampler = sampler;
            Backend be = x.backend();
            this.point = be.zeros(x.size());
            this.eps = be.zeros(x.size());
            this.buffer = momentum ? be.zeros(x.size()) : null;
            this.seed = seed;
        }

        @Override
        public Tensor perturbation() {
            return hasPerturbation ? eps : null;
        }

        /** @return Eigen-SAM's current top-eigenvector estimate, or null before the first refresh */
        public Tensor eigenvector() {
            return eigenvector;
        }
    }

    @Override
    public State init(Tensor x0, long seed) {
        Tensor x = Vectors.copy(x0);
        return new State(x, sampling.sampler(objective.sampleCount(), RandomStreams.stream(seed, BATCHES)),
                base instanceof BaseStep.Momentum, seed);
    }

    @Override
    public void save(State s, DataOutput out) throws IOException {
        Snapshots.writeTensor(out, s.x);
        Snapshots.writeTensor(out, s.buffer);
        Snapshots.writeTensor(out, s.eigenvector);
        Snapshots.writeTensor(out, s.eps);
        out.writeBoolean(s.hasPerturbation);
        out.writeInt(s.epochStep);
        s.sampler.save(out);
    }

    @Override
    public void load(State s, DataInput in) throws IOException {
        Snapshots.readTensorInto(in, s.x);
        Tensor buffer = Snapshots.readTensor(in, s.x.backend(), s.x.size());
        if ((buffer == null) != (s.buffer == null)) {
            throw new IOException("checkpoint and configuration disagree on momentum");
        }
        if (buffer != null) {
            Vectors.set(buffer, s.buffer);
        }
        s.eigenvector = Snapshots.readTensor(in, s.x.backend(), s.x.size());
        Snapshots.readTensorInto(in, s.eps);
        s.hasPerturbation = in.readBoolean();
        s.epochStep = in.readInt();
        s.sampler.load(in);
    }

    @Override
    public void step(State s, int k, int total) {
        Batch batch = s.sampler.next();
        if (method == Method.EIGEN_SAM) {
            int counter = eigen.globalCounter() ? k : s.epochStep;
            if (counter > 0 && counter % eigen.every() == 0) {
                refreshEigenvector(s, batch);
            }
            s.epochStep = (s.epochStep + 1) % s.sampler.stepsPerEpoch();
        }
        TaylorResult first = objective.gradient(s.x, batch);
        Tensor g = first.gradientCoefficients();
        Tensor direction = switch (method) {
            case SGD -> g;
            case EGR -> egr(s, g, batch);
            default -> {
                perturb(s, g);
                Vectors.set(s.x, s.point);
                Vectors.axpy(1.0, s.eps, s.point);
                yield objective.gradient(s.point, batch).gradientCoefficients();
            }
        };
        apply(s, direction, lr.at(k, total));
        if (direction != g) {
            direction.close();
        }
        g.close();
    }

    /** Writes ε into the state for the perturbed methods. */
    private void perturb(State s, Tensor g) {
        double gn = Vectors.norm(g);
        double scale = switch (method) {
            case SAM -> gn > 0 ? rho / gn : 0.0;
            case REVERSE_SAM -> gn > 0 ? -rho / gn : 0.0;
            case USAM -> rho;
            case DNSAM -> {
                TaylorResult full = objective.gradient(s.x, Batch.all());
                double fn = Vectors.norm(full.gradientCoefficients());
                full.gradientCoefficients().close();
                yield fn > 0 ? rho / fn : 0.0;
            }
            case EIGEN_SAM -> {
                if (s.eigenvector != null && gn > 0) {
                    eigenPerturbation(s, g, gn);
                    s.hasPerturbation = true;
                    yield Double.NaN;
                }
                yield eigen.samBeforeFirst() ? (gn > 0 ? rho / gn : 0.0) : rho;
            }
            default -> throw new AssertionError(method);
        };
        if (!Double.isNaN(scale)) {
            Vectors.set(g, s.eps);
            Vectors.scale(scale, s.eps);
        }
        s.hasPerturbation = true;
    }

    /** ε = ρ·(ĝ + α·s·v⊥), v⊥ = v − ⟨ĝ, v⟩ĝ, optionally renormalised to ‖ε‖ = ρ. */
    private void eigenPerturbation(State s, Tensor g, double gn) {
        Tensor v = s.eigenvector;
        double c = Vectors.dot(g, v) / gn;
        double sign = c >= 0 ? 1.0 : -1.0;
        Tensor eps = s.eps;
        // ε/ρ = ĝ + αs(v − cĝ) = (1 − αsc)ĝ + αs·v
        Vectors.set(v, eps);
        Vectors.scale(eigen.alpha() * sign, eps);
        Vectors.axpy((1 - eigen.alpha() * sign * c) / gn, g, eps);
        double scale = rho;
        if (eigen.renormalise()) {
            double en = Vectors.norm(eps);
            scale = en > 0 ? rho / en : 0.0;
        }
        Vectors.scale(scale, eps);
    }

    /** d = g + ρ·H_γ·n_γ from one order-1 pass along n_γ. */
    private Tensor egr(State s, Tensor g, Batch batch) {
        double gn = Vectors.norm(g);
        if (gn == 0) {
            return g;
        }
        Vectors.set(g, s.point);
        Vectors.scale(1.0 / gn, s.point);
        TaylorResult r = objective.taylor(s.x, s.point, 1, batch);
        Tensor c = r.gradientCoefficients();
        Tensor d = Vectors.copy(g);
        Vectors.addBlock(rho, c, r.offset(1, 0), d);
        c.close();
        return d;
    }

    /** p power iterations v ← H_γv/‖H_γv‖ at the current x, warm-started. */
    private void refreshEigenvector(State s, Batch batch) {
        Backend be = s.x.backend();
        if (s.eigenvector == null) {
            double[] start = Vectors.normals(ZigguratSampler.NormalizedGaussian.of(RandomStreams.stream(s.seed, EIGEN_START)),
                    new double[s.x.size()]);
            s.eigenvector = be.upload(start, start.length);
            Vectors.scale(1.0 / Vectors.norm(s.eigenvector), s.eigenvector);
        }
        for (int i = 0; i < eigen.powerIterations(); i++) {
            TaylorResult r = objective.taylor(s.x, s.eigenvector, 1, batch);
            Tensor c = r.gradientCoefficients();
            Vectors.block(c, r.offset(1, 0), s.eigenvector);
            c.close();
            double n = Vectors.norm(s.eigenvector);
            if (n == 0) {
                break;
            }
            Vectors.scale(1.0 / n, s.eigenvector);
        }
    }

    private void apply(State s, Tensor d, double eta) {
        if (base instanceof BaseStep.Momentum m) {
            Vectors.scale(m.momentum(), s.buffer);
            Vectors.axpy(1.0, d, s.buffer);
            Vectors.axpy(m.weightDecay(), s.x, s.buffer);
            Vectors.axpy(-eta, s.buffer, s.x);
        } else {
            Vectors.axpy(-eta, d, s.x);
        }
    }
}
