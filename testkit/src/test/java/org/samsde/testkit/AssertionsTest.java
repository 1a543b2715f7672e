package org.samsde.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.function.Supplier;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.junit.jupiter.api.Test;
import org.samsde.core.random.RandomStreams;

/** The kit's assertions pass on what they claim and fail on what they should tell apart. */
class AssertionsTest {

    /** Draws (z₁, z₁ + z₂)·σ, mean 0, covariance σ²·[[1, 1], [1, 2]]. */
    private static Supplier<double[]> correlated(long seed, double sigma) {
        UniformRandomProvider rng = RandomStreams.stream(seed);
        ZigguratSampler.NormalizedGaussian g = ZigguratSampler.NormalizedGaussian.of(rng);
        return () -> {
            double a = g.sample();
            double b = g.sample();
            return new double[] {sigma * a, sigma * (a + b)};
        };
    }

    @Test
    void populationMomentsAreExact() {
        Moments m = Moments.of(List.of(new double[] {1, 0}, new double[] {3, 2}));
        assertArrayEquals(new double[] {2, 1}, m.mean(), 0);
        assertArrayEquals(new double[] {1, 1, 1, 1}, m.covariance(), 0);
        Moments step = m.eulerStep(0.5, 0.1);
        assertArrayEquals(new double[] {-0.2, -0.1}, step.mean(), 1e-15);
        assertArrayEquals(new double[] {0.05, 0.05, 0.05, 0.05}, step.covariance(), 1e-15);
    }

    @Test
    void momentsWithinTheirStandardErrorsPassAndAScaledCovarianceFails() {
        Moments right = new Moments(new double[2], new double[] {1, 1, 1, 2}, 0);
        assertNull(MomentAssertions.mismatch(correlated(1, 1.0), 20000, right, 6));
        // a covariance 10% too large is 7 standard errors off at K = 20000 on the diagonal
        assertNotNull(MomentAssertions.mismatch(correlated(2, Math.sqrt(1.1)), 20000, right, 6));
        Moments shifted = new Moments(new double[] {0.1, 0}, new double[] {1, 1, 1, 2}, 0);
        assertThrows(AssertionError.class, () -> MomentAssertions.assertMoments(correlated(3, 1.0), 20000, shifted, 6, "shifted mean"));
        MomentAssertions.assertZeroMean(correlated(4, 1.0), 20000, 6, "zero mean");
    }

    @Test
    void slopesInsideTheBandPassAndOutsideFail() {
        double[] h = {0.4, 0.2, 0.1, 0.05};
        double[] e = new double[h.length];
        for (int i = 0; i < h.length; i++) {
            e[i] = 3 * h[i] * h[i];
        }
        assertEquals(2.0, SlopeAssertions.assertSlope(h, e, 2, 0.01, "order 2").slope(), 1e-12);
        assertThrows(AssertionError.class, () -> SlopeAssertions.assertSlope(h, e, 1, 0.5, "order 1"));
    }
}
