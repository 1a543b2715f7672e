package org.samsde.sde.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.junit.jupiter.api.Test;
import org.samsde.core.objective.DiagonalQuadratic;
import org.samsde.core.objective.Objective;
import org.samsde.core.objective.ToyObjective;
import org.samsde.core.random.RandomStreams;
import org.samsde.core.tensor.CpuBackend;
import org.samsde.core.tensor.Tensor;

/**
 * {@link SequentialBrownianPath}: its normalised increments are exactly the stream's normals
 * (stride 1) or their normalised sums (stride s), it serves consecutive intervals only and says so,
 * and the solver drives its integrator through {@link Integrator.Terms} with it.
 */
class SequentialBrownianPathTest {
    private static final int D = 3;

    private static SequentialBrownianPath path(int stride) {
        return new SequentialBrownianPath(RandomStreams.stream(11, 4), D, stride);
    }

    private static double[] normals(int count) {
        ZigguratSampler.NormalizedGaussian g = ZigguratSampler.NormalizedGaussian.of(RandomStreams.stream(11, 4));
        double[] z = new double[count];
        for (int i = 0; i < count; i++) {
            z[i] = g.sample();
        }
        return z;
    }

    @Test
    void strideOneServesTheStreamsNormalsBitwise() {
        SequentialBrownianPath p = path(1);
        double[] zeta = normals(2 * D);
        assertArrayEquals(new double[] {zeta[0], zeta[1], zeta[2]}, p.normalised(0, 0.1));
        double[] w = p.increment(0.1, 0.35);
        for (int i = 0; i < D; i++) {
            assertEquals(Math.sqrt(0.25) * zeta[D + i], w[i], 1e-15);
        }
        assertEquals(D, p.dimension());
    }

    @Test
    void strideSSumsItsFineBlocks() {
        SequentialBrownianPath p = path(2);
        double[] zeta = normals(2 * D);
        double[] z = p.normalised(0, 0.2);
        for (int i = 0; i < D; i++) {
            assertEquals((zeta[i] + zeta[D + i]) / Math.sqrt(2), z[i], 1e-15);
        }
    }

    @Test
    void aNonContiguousIncrementIsRefused() {
        SequentialBrownianPath p = path(1);
        p.increment(0, 0.1);
        IllegalStateException gap = assertThrows(IllegalStateException.class, () -> p.increment(0.2, 0.3));
        assertTrue(gap.getMessage().contains("consecutive") && gap.getMessage().contains("must start at 0.1"), gap.getMessage());
        assertThrows(IllegalStateException.class, () -> p.increment(0.05, 0.15), "an overlapping interval");
        assertThrows(IllegalStateException.class, () -> p.increment(-0.1, 0), "an earlier interval");
        assertThrows(IllegalArgumentException.class, () -> p.increment(0.1, 0.1), "an empty interval");
        // the refusals drew nothing: the next interval is the stream's second block
        assertArrayEquals(new double[] {normals(2 * D)[D], normals(2 * D)[D + 1], normals(2 * D)[D + 2]}, p.normalised(0.1, 0.2));
        // rounding in the start is tolerated: 3 × 0.1 is not 0.3
        p.normalised(0.1 + 0.1, 3 * 0.1);
        p.normalised(0.3, 0.4);
    }

    @Test
    void theIntervalJustServedIsServedAgain() {
        SequentialBrownianPath p = path(1);
        double[] first = p.normalised(0, 0.1);
        assertArrayEquals(first, p.normalised(0, 0.1));
        double[] w = p.increment(0, 0.1);
        assertEquals(Math.sqrt(0.1) * first[0], w[0], 1e-15);
        double[] zeta = normals(2 * D);
        assertArrayEquals(new double[] {zeta[D], zeta[D + 1], zeta[D + 2]}, p.normalised(0.1, 0.2), "asking again drew nothing");
    }

    @Test
    void aRestoredPathContinuesTheStreamFromAnyTime() throws IOException {
        SequentialBrownianPath p = path(1);
        p.normalised(0, 0.1);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        p.save(new DataOutputStream(bytes));
        double[] next = p.normalised(0.1, 0.2);
        SequentialBrownianPath q = path(1);
        q.normalised(5, 6);
        q.normalised(6, 7);
        q.load(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
        assertArrayEquals(next, q.normalised(0.1, 0.2));
        assertThrows(IllegalStateException.class, () -> q.normalised(0.3, 0.4));
    }

    private static SdeSolver solver(int substeps) {
        Objective f = ToyObjective.deterministic(new DiagonalQuadratic(new double[] {1, 2, 3}, null), CpuBackend.get());
        return SdeSolver.builder(f, Sgd1.INSTANCE).eta(0.2).substeps(substeps).drift(new ExactDrift()).noise(new IsotropicNoise(0.5)).build();
    }

    @Test
    void theSolverRefusesAPathOfAnotherDimensionAndStepsOutOfOrder() {
        SdeSolver s = solver(1);
        assertEquals(D, s.brownianDimension());
        try (Tensor x0 = CpuBackend.get().upload(new double[] {1, 1, 1}, D)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> s.init(x0, 1, new SequentialBrownianPath(RandomStreams.stream(1), D + 1, 1)));
            assertTrue(e.getMessage().contains("dimension 3"), e.getMessage());
            SdeSolver.State state = s.init(x0, 1);
            s.step(state, 0, 3);
            assertEquals(0.2, state.time(), 1e-15);
            assertThrows(IllegalStateException.class, () -> s.step(state, 2, 3), "step 1 skipped");
        }
    }

    @Test
    void anIntegratorDrivenByHandThroughTheTermsStepsAsTheSolverDoes() {
        SdeSolver s = solver(2);
        try (Tensor x0 = CpuBackend.get().upload(new double[] {1, -1, 0.5}, D)) {
            SdeSolver.State a = s.init(x0, 4);
            SdeSolver.State b = s.init(x0, 4);
            Integrator.Terms terms = s.terms(b);
            Integrator euler = new EulerMaruyama();
            for (int k = 0; k < 3; k++) {
                s.step(a, k, 3);
                euler.step(terms, b.x(), k * 0.2, 0.1);
                euler.step(terms, b.x(), k * 0.2 + 0.1, 0.1);
            }
            assertArrayEquals(a.x().toArray(), b.x().toArray(), "bitwise");
        }
    }
}
