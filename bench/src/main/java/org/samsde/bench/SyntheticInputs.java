package org.samsde.bench;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.apache.commons.rng.simple.RandomSource;
import org.samsde.core.InvalidInputException;

/**
 * The benchmarks' synthetic inputs and their one-line option checks. The unit vectors are the same
 * stream as {@code samsde derive}'s random direction (Gaussian draws of an
 * {@code XO_RO_SHI_RO_128_PP} generator, divided by their norm), so a benchmark times the inputs it
 * always timed; the values do not change any figure but must be deterministic.
 */
final class SyntheticInputs {
    private SyntheticInputs() {
    }

    /**
     * @param d the length
     * @param seed the seed
     * @return a unit vector of independent Gaussian draws, deterministic for the seed
     */
    static double[] unitVector(int d, long seed) {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
        ZigguratSampler.NormalizedGaussian g = ZigguratSampler.NormalizedGaussian.of(rng);
        double[] v = new double[d];
        for (int i = 0; i < d; i++) {
            v[i] = g.sample();
        }
        double s = 0;
        for (int i = 0; i < d; i++) {
            s += v[i] * v[i];
        }
        double n = Math.sqrt(s);
        for (int i = 0; i < d; i++) {
            v[i] /= n;
        }
        return v;
    }

    /**
     * @param option the option's name, for the message
     * @param value its value
     * @throws InvalidInputException (exit code 2 from the command line) when the value is not positive
     */
    static void positive(String option, long value) {
        if (value <= 0) {
            throw new InvalidInputException(option + " must be a positive whole number, got " + value);
        }
    }
}
