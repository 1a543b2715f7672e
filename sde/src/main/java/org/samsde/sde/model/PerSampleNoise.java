package org.samsde.sde.model;

import org.samsde.core.objective.Batch;
import org.samsde.core.objective.Objective;
import org.samsde.core.objective.TaylorResult;
import org.samsde.core.tensor.Tensor;
import org.samsde.core.tensor.Vectors;
import org.samsde.sde.Registry;
import org.samsde.sde.Sampling;

/**
 * Gaussian, full rank: ξ′ = √(c_B/n)·Σᵢ zᵢ(aᵢ − ā) with zᵢ ~ N(0, 1) and aᵢ the per-sample
 * increment <em>linearised in the batch fluctuation</em>: for a direction v(g) with Jacobian J,
 * aᵢ = Σ_k c_k,ᵢ(x; v(g)) + H′·J·gᵢ, where H′ = H(x) for order-1 models and H(x + v)
 * (= H + T[v, ·] to this order) for order 2. Then Cov(ξ′) = c_B·Cov_i(aᵢ). Exact for sgd1, sgd2
 * and usam (whose direction is linear in g_γ); for sam2/sam3 correct only to first order in the
 * noise ratio r = √tr Σ_B/‖g‖ (the ρ part of the covariance is off by about 0.9%, 5%, 43%, 212%
 * at r = 0.1, 0.3, 1, 3 on a Gaussian model): an approximation, labelled so. Σᵢ zᵢaᵢ costs one
 * weighted Taylor pass plus one order-1 pass over the full data, never n separate gradients.
 */
public record PerSampleNoise() implements NoiseSampler {

    @Override
    public String name() {
        return "per-sample";
    }

    @Override
    public String approximation(SolverView solver) {
        SdeModel m = solver.model().noiseModel();
        boolean linearDirection = m.order() == 0 || m == Usam.INSTANCE;
        return linearDirection || !solver.hasBatchNoise() ? "" : "per-sample noise (linearised in the batch fluctuation)";
    }

    @Override
    public void validate(SolverView solver) {
        SdeModel m = solver.model().noiseModel();
        if (m.order() > 0) {
            // fails fast for models that do not define their direction's Jacobian
            Tensor g = solver.objective().backend().zeros(solver.objective().dimension());
            Tensor w = solver.objective().backend().zeros(solver.objective().dimension());
            try {
                m.directionJacobian(g, g, w, solver.coefficients());
            } catch (UnsupportedOperationException e) {
                throw new IllegalArgumentException(e.getMessage());
            } finally {
                g.close();
                w.close();
            }
        }
    }

    @Override
    public int brownianDimension(SolverView solver) {
        return solver.hasBatchNoise() ? solver.objective().sampleCount() : 0;
    }

    @Override
    public Tensor sample(SolverView solver, Tensor x, DriftEstimate drift, double[] z, Sampling.Sampler batches, double dt) {
        if (!solver.hasBatchNoise()) {
            return null;
        }
        SdeModel nm = solver.model().noiseModel();
        Objective f = solver.objective();
        Tensor g = drift.gradient() != null ? null : f.gradient(x, Batch.all()).gradientCoefficients();
        Tensor grad = g != null ? g : drift.gradient();
        Tensor abar = nm == solver.model() && drift.fullBatchIncrement() ? null
                : nm.incrementFrom(f, x, grad, Batch.all(), solver.coefficients());
        try {
            return draw(solver, x, z, grad, abar != null ? abar : drift.mean());
        } finally {
            if (abar != null) {
                abar.close();
            }
            if (g != null) {
                g.close();
            }
        }
    }

    /**
     * The draw for given weights z: ξ′ = √(c_B/n)·[n·W − (Σz)·ā + H′·J(n·W_g − (Σz)·g)] with
     * W = (1/n)Σᵢ zᵢ·Σ_k c_k,ᵢ and W_g = (1/n)Σᵢ zᵢgᵢ. Linear in z, so ξ′(e₁) … ξ′(e_n) are the
     * columns of the noise factor: tests use it to check the covariance exactly.
     *
     * @param solver the solver
     * @param x the point; not modified
     * @param z n weights; not modified
     * @return a new tensor
     */
    public Tensor draw(SolverView solver, Tensor x, double[] z) {
        Objective f = solver.objective();
        Tensor g = f.gradient(x, Batch.all()).gradientCoefficients();
        Tensor abar = solver.model().noiseModel().incrementFrom(f, x, g, Batch.all(), solver.coefficients());
        try {
            return draw(solver, x, z, g, abar);
        } finally {
            abar.close();
            g.close();
        }
    }

    private static Tensor draw(SolverView solver, Tensor x, double[] z, Tensor g, Tensor abar) {
        Objective f = solver.objective();
        SdeModel nm = solver.model().noiseModel();
        Coefficients c = solver.coefficients();
        int n = f.sampleCount();
        double cb = solver.sampling().covarianceFactor(n);
        double zsum = 0;
        for (double zi : z) {
            zsum += zi;
        }
        Batch weighted = Batch.all().withWeights(z);
        Tensor v = nm.direction(x, g, c);
        Tensor xi;
        if (v == null) {
            // a_i = g_i
            xi = f.gradient(x, weighted).gradientCoefficients();
            Vectors.scale(n, xi);
            Vectors.axpy(-zsum, abar, xi);
        } else {
            int order = nm.order();
            TaylorResult rw = f.taylor(x, v, order, weighted);
            Tensor cw = rw.gradientCoefficients();
            xi = x.backend().zeros(x.size());
            for (int k = 0; k <= order; k++) {
                Vectors.addBlock(n, cw, rw.offset(k, 0), xi);
            }
            Vectors.axpy(-zsum, abar, xi);
            // fluctuation of the direction: u = J·(Σ z_i (g_i − g))
            Tensor u = x.backend().zeros(x.size());
            Vectors.addBlock(n, cw, rw.offset(0, 0), u);
            Vectors.axpy(-zsum, g, u);
            cw.close();
            if (nm.directionJacobian(x, g, u, c)) {
                Tensor point = x;
                if (order >= 2) {
                    point = Vectors.copy(x);
                    Vectors.axpy(1.0, v, point);
                }
                TaylorResult rh = f.taylor(point, u, 1, Batch.all());
                Vectors.addBlock(1.0, rh.gradientCoefficients(), rh.offset(1, 0), xi);
                rh.gradientCoefficients().close();
                if (point != x) {
                    point.close();
                }
            }
            u.close();
            v.close();
        }
        Vectors.scale(Math.sqrt(cb / n), xi);
        return xi;
    }

    /** Registers {@code per-sample}. */
    public static final class Provider implements NoiseSampler.Provider {
        @Override
        public String name() {
            return "per-sample";
        }

        @Override
        public NoiseSampler create(String argument) {
            Registry.noArgument("per-sample", argument);
            return new PerSampleNoise();
        }
    }
}
