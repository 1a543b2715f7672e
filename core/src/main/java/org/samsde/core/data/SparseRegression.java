package org.samsde.core.data;

import java.util.List;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.PermutationSampler;
import org.apache.commons.rng.sampling.distribution.NormalizedGaussianSampler;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.samsde.core.random.RandomStreams;

/**
 * Sparse linear regression, the data of the diagonal-linear-network experiments: x ~ N(0, I_d),
 * y = ⟨β*, x⟩ + noise·N(0, 1) with a k-sparse teacher β* whose support is k distinct coordinates
 * drawn uniformly and whose nonzero entries are ±1 with random signs.
 *
 * <p>Randomness: stream 0 of the seed draws the teacher (support, then signs), stream 1 the
 * training set and stream 2 the test set (all of X, then all of the noise), as for
 * {@link TeacherStudent}.
 *
 * @param n training samples, at least 1
 * @param d features, at least 1
 * @param k nonzero teacher entries, 0…d
 * @param noise the label noise's standard deviation, finite and at least 0
 * @param nTest test samples, at least 0
 * @param seed the master seed
 */
public record SparseRegression(int n, int d, int k, double noise, int nTest, long seed) {
    /** The specification name. */
    public static final String NAME = "sparse-regression";

    private static final List<String> KEYS = List.of("n", "d", "k", "noise", "test", "seed");

    /**
     * Checks the configuration.
     *
     * @param n training samples
     * @param d features
     * @param k nonzero teacher entries
     * @param noise the label noise
     * @param nTest test samples
     * @param seed the master seed
     */
    public SparseRegression {
        SpecOptions.checkRange(n >= 1, NAME, "n", n, "at least 1");
        SpecOptions.checkRange(d >= 1, NAME, "d", d, "at least 1");
        SpecOptions.checkRange(k >= 0 && k <= d, NAME, "k", k, "in 0..d = " + d);
        SpecOptions.checkRange(Double.isFinite(noise) && noise >= 0, NAME, "noise", noise, "finite and at least 0");
        SpecOptions.checkRange(nTest >= 0, NAME, "test", nTest, "at least 0");
        SpecOptions.checkRange((long) Math.max(n, nTest) * d <= Integer.MAX_VALUE - 8, NAME, "n", n, "small enough that n x d fits one array");
    }

    /**
     * Parses {@code sparse-regression:n=N,d=D,k=K,noise=σ,test=T,seed=S}; every key is optional:
     * n=1000, d=100, k=5, noise=0.1, test=n/4, seed=0.
     *
     * @param spec the specification
     * @return the configuration
     */
    public static SparseRegression parse(String spec) {
        SpecOptions o = SpecOptions.parse(spec, NAME, KEYS);
        int n = o.intValue("n", 1000);
        int d = o.intValue("d", 100);
        return new SparseRegression(n, d, o.intValue("k", Math.min(5, d)), o.doubleValue("noise", 0.1), o.intValue("test", n / 4),
                o.longValue("seed", 0));
    }

    /** @return β*, drawn from stream 0 */
    public double[] teacher() {
        UniformRandomProvider rng = RandomStreams.sequence(seed, 1)[0];
        double[] beta = new double[d];
        int[] support = PermutationSampler.natural(d);
        PermutationSampler.shuffle(rng, support);
        for (int i = 0; i < k; i++) {
            beta[support[i]] = rng.nextBoolean() ? 1.0 : -1.0;
        }
        return beta;
    }

    /** @return the training set and, when nTest &gt; 0, the test set */
    public Split generate() {
        UniformRandomProvider[] streams = RandomStreams.sequence(seed, 3);
        double[] beta = teacher();
        Dataset train = sample(beta, n, streams[1]);
        return new Split(train, nTest == 0 ? null : sample(beta, nTest, streams[2]));
    }

    private Dataset sample(double[] beta, int count, UniformRandomProvider rng) {
        NormalizedGaussianSampler g = ZigguratSampler.NormalizedGaussian.of(rng);
        double[] x = new double[count * d];
        for (int i = 0; i < x.length; i++) {
            x[i] = g.sample();
        }
        double[] y = new double[count];
        for (int i = 0; i < count; i++) {
            double s = 0;
            for (int j = 0; j < d; j++) {
                s += beta[j] * x[i * d + j];
            }
            y[i] = s + noise * g.sample();
        }
        return Dataset.regression(x, d, y, 1);
    }
}
