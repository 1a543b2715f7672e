package org.samsde.core.testing;

import java.util.Arrays;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.samsde.core.data.Dataset;
import org.samsde.core.random.RandomStreams;

/**
 * Small seeded inputs for tests: Gaussian vectors, random data sets, and spectra with a known
 * bulk/outlier split. Every value derives from the seed through {@link RandomStreams#stream}, so a
 * seed names one input on every machine.
 */
public final class Problems {
    private Problems() {
    }

    /**
     * @param seed seed
     * @param n length, ≥ 0
     * @param scale standard deviation σ
     * @return n independent N(0, σ²) values, a new array
     */
    public static double[] gaussian(long seed, int n, double scale) {
        UniformRandomProvider rng = RandomStreams.stream(seed);
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
     * @param classes classes, ≤ n (the first {@code classes} samples carry one label each, so every
     *     class occurs)
     * @return N(0, 1) features with labels drawn uniformly
     */
    public static Dataset classification(long seed, int n, int features, int classes) {
        double[] x = gaussian(seed, n * features, 1.0);
        int[] y = new int[n];
        UniformRandomProvider rng = RandomStreams.stream(seed + 1);
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
     * @return N(0, 1) features and N(0, 1) targets
     */
    public static Dataset regression(long seed, int n, int features, int width) {
        return Dataset.regression(gaussian(seed, n * features, 1.0), features, gaussian(seed + 7, n * width, 1.0), width);
    }

    /**
     * A spectrum whose bulk/outlier split is known: n bulk eigenvalues evenly spaced in
     * [−0.01, 0.05] and the given outliers, sorted descending.
     *
     * @param n bulk size, ≥ 2
     * @param outliers the outliers; not modified
     * @return n + outliers.length eigenvalues, descending
     */
    public static double[] bulkAndOutliers(int n, double... outliers) {
        double[] ev = new double[n + outliers.length];
        for (int i = 0; i < n; i++) {
            ev[i] = -0.01 + 0.06 * i / (n - 1.0);
        }
        System.arraycopy(outliers, 0, ev, n, outliers.length);
        Arrays.sort(ev);
        for (int i = 0, j = ev.length - 1; i < j; i++, j--) {
            double t = ev[i];
            ev[i] = ev[j];
            ev[j] = t;
        }
        return ev;
    }
}
