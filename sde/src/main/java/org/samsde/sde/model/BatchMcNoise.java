package org.samsde.sde.model;

import java.util.ArrayList;
import java.util.List;

import org.samsde.core.tensor.Tensor;
import org.samsde.core.tensor.Vectors;
import org.samsde.sde.Registry;
import org.samsde.sde.Sampling;

/**
 * ξ′ = (M − 1)^{−1/2}·Σⱼ zⱼ(Gⱼ − Ḡ) over M fresh batches γⱼ, zⱼ ~ N(0, 1): Gaussian given the
 * increments, rank M − 1, with covariance E[Cov] = Σ̃ (the sample covariance is unbiased), the
 * batch-level normalisation kept. Cost per step M·(gradient + order-K pass) over B samples.
 *
 * @param batches M ≥ 2
 */
public record BatchMcNoise(int batches) implements NoiseSampler {
    /**
     * Validates M.
     *
     * @param batches M ≥ 2
     */
    public BatchMcNoise {
        if (batches < 2) {
            throw new IllegalArgumentException("batch-mc needs at least two batches, got " + batches);
        }
    }

    @Override
    public String name() {
        return "batch-mc:" + batches;
    }

    @Override
    public int brownianDimension(SolverView solver) {
        return solver.hasBatchNoise() ? batches : 0;
    }

    @Override
    public Tensor sample(SolverView solver, Tensor x, DriftEstimate drift, double[] z, Sampling.Sampler sampler, double dt) {
        if (!solver.hasBatchNoise()) {
            return null;
        }
        List<Tensor> gs = new ArrayList<>(batches);
        try {
            for (int j = 0; j < batches; j++) {
                gs.add(solver.noiseIncrement(x, sampler.next()));
            }
            return spread(gs, z, 1.0 / Math.sqrt(batches - 1));
        } finally {
            for (Tensor g : gs) {
                g.close();
            }
        }
    }

    /**
     * scale·Σⱼ zⱼ(Gⱼ − Ḡ), Ḡ the mean of the Gⱼ.
     *
     * @param increments G₁ … G_M; not modified
     * @param z M weights; not modified
     * @param scale the factor
     * @return a new tensor
     */
    static Tensor spread(List<Tensor> increments, double[] z, double scale) {
        return spread(increments, z, increments.size(), scale);
    }

    /**
     * scale·Σ_groups Σ_{j∈group} zⱼ(Gⱼ − Ḡ_group) over consecutive groups of g increments.
     *
     * @param increments G₁ … G_M, M a multiple of g; not modified
     * @param z M weights; not modified
     * @param group g
     * @param scale the factor
     * @return a new tensor
     */
    static Tensor spread(List<Tensor> increments, double[] z, int group, double scale) {
        Tensor first = increments.get(0);
        int m = increments.size();
        Tensor weighted = first.backend().zeros(first.size());
        Tensor mean = first.backend().zeros(first.size());
        for (int start = 0; start < m; start += group) {
            double zsum = 0;
            if (start > 0) {
                Vectors.scale(0.0, mean);
            }
            for (int j = start; j < start + group; j++) {
                zsum += z[j];
                Vectors.axpy(z[j], increments.get(j), weighted);
                Vectors.axpy(1.0 / group, increments.get(j), mean);
            }
            Vectors.axpy(-zsum, mean, weighted);
        }
        Vectors.scale(scale, weighted);
        mean.close();
        return weighted;
    }

    /** Registers {@code batch-mc:M}. */
    public static final class Provider implements NoiseSampler.Provider {
        @Override
        public String name() {
            return "batch-mc";
        }

        @Override
        public String usage() {
            return "batch-mc:M";
        }

        @Override
        public NoiseSampler create(String argument) {
            return new BatchMcNoise(Registry.intArgument("batch-mc", argument, 2));
        }
    }
}
