package org.samsde.core.testing;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.apache.commons.rng.simple.RandomSource;
import org.samsde.core.data.Dataset;

/** Small seeded problems shared by the derivative tests. */
public final class Problems {
    private Problems() {
    }

    /**
     * @param seed seed
     * @param n length
     * @param scale standard deviation
     * @return n independent N(0, scale²) values
     */
    public static double[] gaussian(long seed, int n, double scale) {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
        ZigguratSampler.NormalizedGaussian g = ZigguratSampler.NormalizedGaussian.of(rng);
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = scale * g.sample();
        }
        return out;
    }

    /**
     * @param seed seed
     * @param n samples
     * @param features features
     * @param classes classes
     * @return random features with labels drawn uniformly
     */
    public static Dataset classification(long seed, int n, int features, int classes) {
        double[] x = gaussian(seed, n * features, 1.0);
        int[] y = new int[n];
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(seed + 1);
        for (int i = 0; i < n; i++) {
            y[i] = i < classes ? i : rng.nextInt(classes);
        }
        return Dataset.classification(x, features, y);
    }

    /**
     * @param seed seed
     * @param n samples
     * @param features features
     * @param width target width
     * @return random features and targets
     */
    public static Dataset regression(long seed, int n, int features, int width) {
        return Dataset.regression(gaussian(seed, n * features, 1.0), features, gaussian(seed + 7, n * width, 1.0), width);
    }
}
