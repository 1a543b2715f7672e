package org.samsde.core.data;

import java.util.List;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.NormalizedGaussianSampler;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.samsde.core.random.RandomStreams;

/**
 * Matrix sensing data: sensing matrices Aᵢ ∈ ℝ^{d×d} with independent N(0, 1) entries (the features,
 * row-major, d² per sample) and measurements yᵢ = ⟨Aᵢ, M*⟩ + noise·N(0, 1) of a rank-r truth
 * M* = U*U*ᵀ, U* ∈ ℝ^{d×r} with N(0, 1/d) entries.
 *
 * <p>Randomness: stream 0 of the seed draws U* (row-major), stream 1 the training set and stream 2
 * the test set (all of the Aᵢ, then all of the noise).
 *
 * @param n training samples, at least 1
 * @param d the matrix side, at least 1
 * @param r the rank of the truth, 1…d
 * @param noise the measurement noise's standard deviation, finite and at least 0
 * @param nTest test samples, at least 0
 * @param seed the master seed
 */
public record MatrixSensing(int n, int d, int r, double noise, int nTest, long seed) {
    /** The specification name. */
    public static final String NAME = "sensing";

    private static final List<String> KEYS = List.of("n", "d", "r", "noise", "test", "seed");

    /**
     * Checks the configuration.
     *
     * @param n training samples
     * @param d the matrix side
     * @param r the rank
     * @param noise the measurement noise
     * @param nTest test samples
     * @param seed the master seed
     */
    public MatrixSensing {
        SpecOptions.checkRange(n >= 1, NAME, "n", n, "at least 1");
        SpecOptions.checkRange(d >= 1 && d <= 2048, NAME, "d", d, "in 1..2048");
        SpecOptions.checkRange(r >= 1 && r <= d, NAME, "r", r, "in 1..d = " + d);
        SpecOptions.checkRange(Double.isFinite(noise) && noise >= 0, NAME, "noise", noise, "finite and at least 0");
        SpecOptions.checkRange(nTest >= 0, NAME, "test", nTest, "at least 0");
        SpecOptions.checkRange((long) Math.max(n, nTest) * d * d <= Integer.MAX_VALUE - 8, NAME, "n", n,
                "small enough that n x d x d fits one array");
    }

    /**
     * Parses {@code sensing:n=N,d=D,r=R,noise=σ,test=T,seed=S}; every key is optional: n=500,
     * d=10, r=2, noise=0, test=n/4, seed=0.
     *
     * @param spec the specification
     * @return the configuration
     */
    public static MatrixSensing parse(String spec) {
        SpecOptions o = SpecOptions.parse(spec, NAME, KEYS);
        int n = o.intValue("n", 500);
        int d = o.intValue("d", 10);
        return new MatrixSensing(n, d, o.intValue("r", Math.min(2, d)), o.doubleValue("noise", 0.0), o.intValue("test", n / 4),
                o.longValue("seed", 0));
    }

    /** @return M* = U*U*ᵀ, row-major d × d, drawn from stream 0 */
    public double[] truth() {
        NormalizedGaussianSampler g = ZigguratSampler.NormalizedGaussian.of(RandomStreams.sequence(seed, 1)[0]);
        double[] u = new double[d * r];
        for (int i = 0; i < u.length; i++) {
            u[i] = g.sample() / Math.sqrt(d);
        }
        double[] m = new double[d * d];
        for (int a = 0; a < d; a++) {
            for (int b = 0; b < d; b++) {
                double s = 0;
                for (int q = 0; q < r; q++) {
                    s += u[a * r + q] * u[b * r + q];
                }
                m[a * d + b] = s;
            }
        }
        return m;
    }

    /** @return the training set and, when nTest &gt; 0, the test set */
    public Split generate() {
        UniformRandomProvider[] streams = RandomStreams.sequence(seed, 3);
        double[] m = truth();
        return new Split(sample(m, n, streams[1]), nTest == 0 ? null : sample(m, nTest, streams[2]));
    }

    private Dataset sample(double[] m, int count, UniformRandomProvider rng) {
        NormalizedGaussianSampler g = ZigguratSampler.NormalizedGaussian.of(rng);
        int p = d * d;
        double[] x = new double[count * p];
        for (int i = 0; i < x.length; i++) {
            x[i] = g.sample();
        }
        double[] y = new double[count];
        for (int i = 0; i < count; i++) {
            double s = 0;
            for (int j = 0; j < p; j++) {
                s += x[i * p + j] * m[j];
            }
            y[i] = s + noise * g.sample();
        }
        return Dataset.regression(x, p, y, 1);
    }
}
