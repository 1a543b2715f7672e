package org.samsde.sde.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.samsde.core.objective.Batch;
import org.samsde.core.objective.Objective;
import org.samsde.core.objective.ToyObjective;
import org.samsde.core.random.RandomStreams;
import org.samsde.core.tensor.Backend;
import org.samsde.core.tensor.CpuBackend;
import org.samsde.core.tensor.Tensor;
import org.samsde.core.testing.Problems;
import org.samsde.core.testing.Toys;
import org.samsde.sde.Sampling;

/**
 * The recorded {@code drift_bias} of the plug-in drift against the exact relative error of its ρ
 * terms, ‖G_all − E_γ[G_γ]‖/‖E_γ[G_γ] − g‖, on a shifted polynomial toy small enough to enumerate
 * every batch: n = 12 samples, B = 2 (66 batches), d = 30, shifts of scale 0.6, where the exact error
 * is 0.30. The mean of {@link SdeSolver#driftBias} over many seeds must match it within three standard
 * errors plus 2% of its value: the estimate is a ratio of two unbiased sums of squares from
 * M = 64 batches, whose own second-order bias is about 1% here (0.298 ± 0.002 against 0.301). An estimate
 * whose denominator ‖Ḡ − g‖² is not debiased for the spread tr Cov(G)/M of the mean of M increments
 * averages 0.20 here and fails.
 */
class DriftBiasTest {
    private static final Backend BE = CpuBackend.get();
    private static final int D = 30;
    private static final int N = 12;
    private static final int B = 2;
    private static final int SEEDS = 1000;

    private final Objective obj = ToyObjective.shifted(Toys.polynomial(71, D, 0.3, 0.3), Problems.gaussian(72, N * D, 0.6), BE);
    private final double[] x = Problems.gaussian(73, D, 0.5);

    private SdeSolver plugin() {
        return SdeSolver.builder(obj, Sam3.INSTANCE).rho(0.4).eta(0.2).sampling(new Sampling(B, false))
                .drift(new PluginDrift()).noise(new BatchMcNoise(8)).build();
    }

    /** ‖b_plugin − E_γ[G_γ]‖/‖E_γ[G_γ] − g‖ with the expectation over all C(n, B) batches. */
    private double exactError(SdeSolver s, Tensor xt) {
        double[] mean = new double[D];
        int[] comb = new int[B];
        for (int i = 0; i < B; i++) {
            comb[i] = i;
        }
        int count = 0;
        do {
            try (Tensor g = s.increment(xt, Batch.of(comb.clone()))) {
                double[] a = g.toArray();
                for (int i = 0; i < D; i++) {
                    mean[i] += a[i];
                }
            }
            count++;
        } while (ExactDrift.nextCombination(comb, N));
        assertEquals(66, count);
        double[] b;
        double[] g;
        try (DriftEstimate e = DriftEstimator.fullBatch(s, xt)) {
            b = e.mean().toArray();
            g = e.gradient().toArray();
        }
        double num = 0;
        double den = 0;
        for (int i = 0; i < D; i++) {
            mean[i] /= count;
            num += (b[i] - mean[i]) * (b[i] - mean[i]);
            den += (mean[i] - g[i]) * (mean[i] - g[i]);
        }
        return Math.sqrt(num / den);
    }

    @Test
    void theMeanRecordedPluginErrorIsTheExactOne() {
        SdeSolver s = plugin();
        Tensor xt = BE.upload(x, D);
        double truth = exactError(s, xt);
        assertEquals(0.30, truth, 0.01, "the toy's exact error");
        double sum = 0;
        double sq = 0;
        int finite = 0;
        for (int k = 0; k < SEEDS; k++) {
            double v = s.driftBias(xt, RandomStreams.key(5, k, 1));
            if (Double.isFinite(v)) {
                finite++;
                sum += v;
                sq += v * v;
            }
        }
        assertTrue(finite >= 0.99 * SEEDS, "the rho terms are resolved almost always: " + finite + " of " + SEEDS);
        double mean = sum / finite;
        double se = Math.sqrt((sq / finite - mean * mean) / (finite - 1));
        assertEquals(truth, mean, 3 * se + 0.02 * truth, "mean recorded drift_bias " + mean + " ± " + se + " vs exact " + truth);
    }

    @Test
    void unbiasedEstimatorsAndFullBatchesRecordNothing() {
        Tensor xt = BE.upload(x, D);
        SdeSolver mc = SdeSolver.builder(obj, Sam3.INSTANCE).rho(0.4).eta(0.2).sampling(new Sampling(B, false)).build();
        assertTrue(Double.isNaN(mc.driftBias(xt, 1)));
        SdeSolver full = SdeSolver.builder(obj, Sam3.INSTANCE).rho(0.4).eta(0.2).sampling(Sampling.full())
                .drift(new PluginDrift()).noise(new BatchMcNoise(8)).build();
        assertTrue(Double.isNaN(full.driftBias(xt, 1)));
    }
}
