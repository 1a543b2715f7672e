package org.samsde.sde.optim;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.samsde.core.objective.Batch;
import org.samsde.core.objective.TaylorResult;
import org.samsde.core.random.RandomStreams;
import org.samsde.core.tensor.Tensor;
import org.samsde.core.tensor.Vectors;
import org.samsde.sde.Registry;
import org.samsde.sde.Snapshots;

/**
 * Eigen-SAM (Luo et al., NeurIPS 2024) as in the authors' public code: see {@link EigenSamOptions}
 * for the update and the official code's quirks. Cost per step two gradients over the batch, plus
 * p order-1 passes (HVPs) at every refresh of v.
 *
 * @param options k, p, α and the switches
 */
public record EigenSam(EigenSamOptions options) implements UpdateRule {
    /** Stream purpose below a trajectory's seed: the first start vector of v. */
    private static final long EIGEN_START = 2;

    /**
     * Defaults to the official code's options.
     *
     * @param options k, p, α and the switches
     */
    public EigenSam {
        if (options == null) {
            options = EigenSamOptions.DEFAULTS;
        }
    }

    @Override
    public String name() {
        return "eigen-sam";
    }

    @Override
    public String displayName() {
        return "Eigen-SAM";
    }

    @Override
    public org.samsde.sde.Appearance appearance() {
        return new org.samsde.sde.Appearance(4, "dashed");
    }

    @Override
    public boolean perturbs() {
        return true;
    }

    /** Eigen-SAM's trajectory state: the estimate v of the top eigenvector and the step within the epoch. */
    public static final class State implements UpdateRule.RuleState {
        private Tensor eigenvector;
        private int epochStep;
        private final Tensor like;

        State(Tensor like) {
            this.like = like;
        }

        /** @return the current estimate of v₁, or null before the first refresh */
        public Tensor eigenvector() {
            return eigenvector;
        }

        @Override
        public void save(DataOutput out) throws IOException {
            Snapshots.writeTensor(out, eigenvector);
            out.writeInt(epochStep);
        }

        @Override
        public void load(DataInput in) throws IOException {
            eigenvector = Snapshots.readTensor(in, like.backend(), like.size());
            epochStep = in.readInt();
        }
    }

    @Override
    public State init(Tensor x0, long seed) {
        return new State(x0);
    }

    @Override
    public Tensor direction(Step step) {
        State s = (State) step.state();
        int counter = options.globalCounter() ? step.index() : s.epochStep;
        if (counter > 0 && counter % options.every() == 0) {
            refresh(step, s);
        }
        s.epochStep = (s.epochStep + 1) % step.stepsPerEpoch();
        Tensor g = step.gradient();
        double gn = Vectors.norm(g);
        Tensor eps = step.perturbation();
        if (s.eigenvector != null && gn > 0) {
            perturbation(g, gn, s.eigenvector, step.rho(), eps);
        } else {
            Vectors.set(g, eps);
            Vectors.scale(options.samBeforeFirst() ? (gn > 0 ? step.rho() / gn : 0.0) : step.rho(), eps);
        }
        return step.gradientAt();
    }

    /**
     * ε = ρ·(ĝ + α·s·v⊥), v⊥ = v − ⟨ĝ, v⟩ĝ, s = sign⟨g, v⟩ (0 when ⟨g, v⟩ = 0, as torch.sign),
     * optionally renormalised to ‖ε‖ = ρ.
     *
     * @param g the batch gradient; not modified
     * @param gn ‖g‖ &gt; 0
     * @param v the eigenvector estimate; not modified
     * @param rho ρ
     * @param eps ε; modified
     */
    void perturbation(Tensor g, double gn, Tensor v, double rho, Tensor eps) {
        double c = Vectors.dot(g, v) / gn;
        double sign = Math.signum(c);
        // ε/ρ = ĝ + αs(v − cĝ) = (1 − αsc)ĝ + αs·v
        Vectors.set(v, eps);
        Vectors.scale(options.alpha() * sign, eps);
        Vectors.axpy((1 - options.alpha() * sign * c) / gn, g, eps);
        double scale = rho;
        if (options.renormalise()) {
            double en = Vectors.norm(eps);
            scale = en > 0 ? rho / en : 0.0;
        }
        Vectors.scale(scale, eps);
    }

    /** p power iterations v ← H_γv/‖H_γv‖ at the current x on the step's batch, warm-started. */
    private void refresh(Step step, State s) {
        Tensor x = step.x();
        Batch batch = step.batch();
        if (s.eigenvector == null) {
            double[] start = Vectors.normals(ZigguratSampler.NormalizedGaussian.of(RandomStreams.stream(step.seed(), EIGEN_START)),
                    new double[x.size()]);
            s.eigenvector = x.backend().upload(start, start.length);
            Vectors.scale(1.0 / Vectors.norm(s.eigenvector), s.eigenvector);
        }
        for (int i = 0; i < options.powerIterations(); i++) {
            try (TaylorResult r = step.objective().taylor(x, s.eigenvector, 1, batch)) {
                Vectors.block(r.gradientCoefficients(), r.offset(1, 0), s.eigenvector);
            }
            double n = Vectors.norm(s.eigenvector);
            if (n == 0) {
                break;
            }
            Vectors.scale(1.0 / n, s.eigenvector);
        }
    }

    /** Registers {@code eigen-sam} with the official code's options. */
    public static final class Provider implements UpdateRule.Provider {
        @Override
        public String name() {
            return "eigen-sam";
        }

        @Override
        public UpdateRule create(String argument) {
            Registry.noArgument("eigen-sam", argument);
            return new EigenSam(EigenSamOptions.DEFAULTS);
        }
    }
}
