package org.samsde.core.data;

import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.ArraySampler;
import org.apache.commons.rng.sampling.distribution.NormalizedGaussianSampler;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.samsde.core.InvalidInputException;
import org.samsde.core.random.RandomStreams;

/**
 * Synthetic classification data: {@code k} Gaussian blobs in {@code d} dimensions.
 *
 * <p>The class centres are drawn once, {@code centre_c ~ N(0, sep² I_d)}. Each data set (training
 * and test) holds its samples' classes balanced, sample {@code i} getting class {@code i mod k}
 * before the labels are shuffled, and each sample is {@code x = centre_c + sigma · N(0, I_d)}.
 * Training and test sets come from the same distribution.
 *
 * <p>Randomness: three streams are derived from {@code seed} as described in the
 * {@linkplain org.samsde.core.data package documentation}: stream 0 draws the centres (row by row, feature by feature), stream 1 the
 * training set and stream 2 the test set (each first shuffles its labels, then draws the noise
 * row by row). Normal deviates come from commons-rng's ziggurat sampler. The result is bitwise
 * reproducible for a seed (with the pinned commons-rng version) and uses no threads; the training
 * set does not depend on {@code nTest}.
 *
 * @param k the number of classes, at least 2
 * @param n the number of training samples, at least {@code k}
 * @param d the number of features, at least 1
 * @param sep the scale of the centres, the standard deviation of each centre coordinate; finite
 *     and positive
 * @param sigma the standard deviation of the samples around their centre; finite and positive
 * @param nTest the number of test samples, at least 0 (0: no test set)
 * @param seed the master seed
 */
public record Blobs(int k, int n, int d, double sep, double sigma, int nTest, long seed) {

    /** The specification name, the prefix of {@link #parse} strings. */
    public static final String NAME = "blobs";

    private static final List<String> KEYS = List.of("k", "n", "d", "sep", "sigma", "test", "seed");

    /**
     * Checks the configuration.
     *
     * @param k the number of classes
     * @param n the number of training samples
     * @param d the number of features
     * @param sep the scale of the centres
     * @param sigma the standard deviation around the centres
     * @param nTest the number of test samples
     * @param seed the master seed
     * @throws InvalidInputException if a value is out of range; the message names the key
     */
    public Blobs {
        check(k >= 2, "k", k, "at least 2");
        check(n >= k, "n", n, "at least k = " + k);
        check(d >= 1, "d", d, "at least 1");
        check(Double.isFinite(sep) && sep > 0, "sep", sep, "finite and positive");
        check(Double.isFinite(sigma) && sigma > 0, "sigma", sigma, "finite and positive");
        check(nTest >= 0, "test", nTest, "at least 0");
        check((long) Math.max(n, nTest) * d <= Integer.MAX_VALUE - 8, "n", Math.max(n, nTest),
                "small enough that samples x d = " + d + " features fit one array");
    }

    private static void check(boolean ok, String key, Object value, String requirement) {
        SpecOptions.checkRange(ok, NAME, key, value, requirement);
    }

    /**
     * Parses {@code blobs} or {@code blobs:key=value,...}, for example {@code
     * blobs:k=3,n=600,d=2,sep=3,sigma=1,test=150,seed=1}. Every key is optional: {@code k=3},
     * {@code n=512}, {@code d=2}, {@code sep=3}, {@code sigma=1}, {@code test=n/4} (integer
     * division, of the given or default {@code n}; {@code test=0} gives no test set), {@code
     * seed=0}. The syntax is described in the {@linkplain
     * org.samsde.core.data package documentation}.
     *
     * @param spec the specification
     * @return the configuration
     * @throws InvalidInputException if the specification is malformed, has an unknown or repeated
     *     key, a value that is not a number of the right kind or one out of range; the message
     *     names the key
     */
    public static Blobs parse(String spec) {
        SpecOptions options = SpecOptions.parse(spec, NAME, KEYS);
        int n = options.intValue("n", 512);
        return new Blobs(options.intValue("k", 3), n, options.intValue("d", 2), options.doubleValue("sep", 3),
                options.doubleValue("sigma", 1), options.intValue("test", n / 4), options.longValue("seed", 0));
    }

    /**
     * The class centres, drawn from stream 0 of the seed.
     *
     * @return the centres, row-major {@code k × d}: centre {@code c} is at {@code [c*d, (c+1)*d)}
     */
    public double[] centres() {
        return centres(RandomStreams.sequence(seed, 1)[0]);
    }

    private double[] centres(UniformRandomProvider rng) {
        NormalizedGaussianSampler gauss = ZigguratSampler.NormalizedGaussian.of(rng);
        double[] centres = new double[k * d];
        for (int i = 0; i < centres.length; i++) {
            centres[i] = sep * gauss.sample();
        }
        return centres;
    }

    /**
     * Draws the data.
     *
     * @return the training set of {@code n} samples and, when {@code nTest > 0}, a test set of
     *     {@code nTest} samples; both with labels {@code 0 .. k-1}
     */
    public Split generate() {
        UniformRandomProvider[] streams = RandomStreams.sequence(seed, 3);
        double[] centres = centres(streams[0]);
        Dataset train = sample(centres, n, streams[1]);
        Dataset test = nTest == 0 ? null : sample(centres, nTest, streams[2]);
        return new Split(train, test);
    }

    private Dataset sample(double[] centres, int count, UniformRandomProvider rng) {
        int[] labels = new int[count];
        for (int i = 0; i < count; i++) {
            labels[i] = i % k;
        }
        ArraySampler.shuffle(rng, labels);
        NormalizedGaussianSampler gauss = ZigguratSampler.NormalizedGaussian.of(rng);
        double[] x = new double[count * d];
        for (int i = 0; i < count; i++) {
            int centre = labels[i] * d;
            for (int j = 0; j < d; j++) {
                x[i * d + j] = centres[centre + j] + sigma * gauss.sample();
            }
        }
        return Dataset.classification(x, d, labels);
    }
}
