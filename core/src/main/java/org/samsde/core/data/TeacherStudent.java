package org.samsde.core.data;

import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.NormalizedGaussianSampler;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.samsde.core.InvalidInputException;
import org.samsde.core.random.RandomStreams;

/**
 * Synthetic regression data labelled by a random teacher network.
 *
 * <p>The teacher has no biases. With {@code h ≥ 1} it is {@code f(x) = W2 tanh(W1 x)}, {@code W1}
 * of shape {@code h × d} and {@code W2} of shape {@code out × h}; with {@code h = 0} it is linear,
 * {@code f(x) = W x}, {@code W} of shape {@code out × d}. Every weight is drawn {@code N(0,
 * 1/fan_in)} ({@code fan_in} = the layer's number of inputs). Inputs are {@code x ~ N(0, I_d)}
 * and targets {@code y = f(x) + noise · N(0, I_out)}.
 *
 * <p>Randomness: three streams are derived from {@code seed} as described in the
 * {@linkplain org.samsde.core.data package documentation}: stream 0 draws the teacher (all of {@code W1} then all of {@code W2}, row-major;
 * or {@code W}), stream 1 the training set and stream 2 the test set (each first draws all of X,
 * row-major, then all of the label noise, row-major). Normal deviates come from commons-rng's
 * ziggurat sampler. The result is bitwise reproducible for a seed (with the pinned commons-rng
 * version) and uses no threads. Because X is drawn before the noise, configurations that differ
 * only in {@code noise} share their inputs and teacher, and the training set does not depend on
 * {@code nTest}.
 *
 * @param n the number of training samples, at least 1
 * @param d the number of inputs, at least 1
 * @param h the teacher's hidden width, at least 0 (0: a linear teacher)
 * @param out the number of outputs, at least 1
 * @param noise the standard deviation of the additive label noise; finite, at least 0
 * @param nTest the number of test samples, at least 0 (0: no test set)
 * @param seed the master seed
 */
public record TeacherStudent(int n, int d, int h, int out, double noise, int nTest, long seed) {

    /** The specification name, the prefix of {@link #parse} strings. */
    public static final String NAME = "teacher";

    private static final List<String> KEYS = List.of("n", "d", "h", "out", "noise", "test", "seed");

    private static final long MAX_ARRAY = Integer.MAX_VALUE - 8;

    /**
     * Checks the configuration.
     *
     * @param n the number of training samples
     * @param d the number of inputs
     * @param h the teacher's hidden width
     * @param out the number of outputs
     * @param noise the standard deviation of the label noise
     * @param nTest the number of test samples
     * @param seed the master seed
     * @throws InvalidInputException if a value is out of range; the message names the key
     */
    public TeacherStudent {
        check(n >= 1, "n", n, "at least 1");
        check(d >= 1, "d", d, "at least 1");
        check(h >= 0, "h", h, "at least 0 (0 for a linear teacher)");
        check(out >= 1, "out", out, "at least 1");
        check(Double.isFinite(noise) && noise >= 0, "noise", noise, "finite and at least 0");
        check(nTest >= 0, "test", nTest, "at least 0");
        int samples = Math.max(n, nTest);
        check((long) samples * Math.max(d, out) <= MAX_ARRAY, "n", samples,
                "small enough that samples x max(d, out) fits one array");
        check((long) h * Math.max(d, out) <= MAX_ARRAY, "h", h,
                "small enough that h x max(d, out) fits one array");
    }

    private static void check(boolean ok, String key, Object value, String requirement) {
        SpecOptions.checkRange(ok, NAME, key, value, requirement);
    }

    /**
     * Parses {@code teacher} or {@code teacher:key=value,...}, for example {@code
     * teacher:n=512,d=4,h=8,out=1,noise=0.1,test=128,seed=0}. Every key is optional: {@code
     * n=512}, {@code d=4}, {@code h=8}, {@code out=1}, {@code noise=0.1}, {@code test=n/4} (integer
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
    public static TeacherStudent parse(String spec) {
        SpecOptions options = SpecOptions.parse(spec, NAME, KEYS);
        int n = options.intValue("n", 512);
        return new TeacherStudent(n, options.intValue("d", 4), options.intValue("h", 8), options.intValue("out", 1),
                options.doubleValue("noise", 0.1), options.intValue("test", n / 4), options.longValue("seed", 0));
    }

    /**
     * The teacher network, drawn from stream 0 of the seed.
     *
     * @return the teacher
     */
    public Teacher teacher() {
        return teacher(RandomStreams.sequence(seed, 1)[0]);
    }

    private Teacher teacher(UniformRandomProvider rng) {
        NormalizedGaussianSampler gauss = ZigguratSampler.NormalizedGaussian.of(rng);
        if (h == 0) {
            return new Teacher(d, 0, out, new double[0], gaussians(gauss, out * d, d));
        }
        double[] hidden = gaussians(gauss, h * d, d);
        return new Teacher(d, h, out, hidden, gaussians(gauss, out * h, h));
    }

    /** {@code count} draws of {@code N(0, 1/fanIn)}. */
    private static double[] gaussians(NormalizedGaussianSampler gauss, int count, int fanIn) {
        double scale = 1 / Math.sqrt(fanIn);
        double[] values = new double[count];
        for (int i = 0; i < count; i++) {
            values[i] = scale * gauss.sample();
        }
        return values;
    }

    /**
     * Draws the data.
     *
     * @return the training set of {@code n} samples and, when {@code nTest > 0}, a test set of
     *     {@code nTest} samples; both with {@code d} features and {@code out} targets per sample
     */
    public Split generate() {
        UniformRandomProvider[] streams = RandomStreams.sequence(seed, 3);
        Teacher teacher = teacher(streams[0]);
        Dataset train = sample(teacher, n, streams[1]);
        Dataset test = nTest == 0 ? null : sample(teacher, nTest, streams[2]);
        return new Split(train, test);
    }

    private Dataset sample(Teacher teacher, int count, UniformRandomProvider rng) {
        NormalizedGaussianSampler gauss = ZigguratSampler.NormalizedGaussian.of(rng);
        double[] x = gaussians(gauss, count * d, 1);
        double[] y = teacher.apply(x);
        for (int i = 0; i < y.length; i++) {
            y[i] += noise * gauss.sample();
        }
        return Dataset.regression(x, d, y, out);
    }

    /**
     * A teacher network without biases: {@code f(x) = W2 tanh(W1 x)}, or {@code f(x) = W x} when
     * the hidden width is 0. Immutable; weight arrays are copied in and out.
     */
    public static final class Teacher {
        private final int inputs;
        private final int hiddenWidth;
        private final int outputs;
        private final double[] hidden;
        private final double[] output;

        private Teacher(int inputs, int hiddenWidth, int outputs, double[] hidden, double[] output) {
            this.inputs = inputs;
            this.hiddenWidth = hiddenWidth;
            this.outputs = outputs;
            this.hidden = hidden;
            this.output = output;
        }

        /** @return d, the number of inputs */
        public int inputs() {
            return inputs;
        }

        /** @return h, the hidden width; 0 for a linear teacher */
        public int hiddenWidth() {
            return hiddenWidth;
        }

        /** @return the number of outputs */
        public int outputs() {
            return outputs;
        }

        /** @return a copy of {@code W1}, row-major {@code h × d}; empty for a linear teacher */
        public double[] hiddenWeights() {
            return hidden.clone();
        }

        /**
         * @return a copy of the output weights, row-major: {@code W2} ({@code out × h}), or
         *     {@code W} ({@code out × d}) for a linear teacher
         */
        public double[] outputWeights() {
            return output.clone();
        }

        /**
         * Evaluates the teacher. Each dot product is summed in index order from {@code 0.0}.
         *
         * @param x inputs, row-major {@code m × d}; not modified
         * @return the outputs, row-major {@code m × out}
         * @throws IllegalArgumentException if {@code x.length} is not a multiple of {@code d}
         */
        public double[] apply(double[] x) {
            if (x.length % inputs != 0) {
                throw new IllegalArgumentException("x has " + x.length + " values, not a multiple of "
                        + inputs + " inputs");
            }
            int rows = x.length / inputs;
            double[] y = new double[rows * outputs];
            double[] activation = new double[hiddenWidth];
            for (int r = 0; r < rows; r++) {
                if (hiddenWidth == 0) {
                    multiply(output, outputs, x, r * inputs, inputs, y, r * outputs);
                } else {
                    multiply(hidden, hiddenWidth, x, r * inputs, inputs, activation, 0);
                    for (int j = 0; j < hiddenWidth; j++) {
                        activation[j] = Math.tanh(activation[j]);
                    }
                    multiply(output, outputs, activation, 0, hiddenWidth, y, r * outputs);
                }
            }
            return y;
        }

        /** {@code target[to + i] = sum_j matrix[i*cols + j] * v[from + j]} for each of {@code rows}. */
        private static void multiply(double[] matrix, int rows, double[] v, int from, int cols,
                double[] target, int to) {
            for (int i = 0; i < rows; i++) {
                double sum = 0.0;
                for (int j = 0; j < cols; j++) {
                    sum += matrix[i * cols + j] * v[from + j];
                }
                target[to + i] = sum;
            }
        }
    }
}
