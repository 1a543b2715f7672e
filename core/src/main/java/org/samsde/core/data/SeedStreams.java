package org.samsde.core.data;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;

/**
 * Independent random streams derived from one master seed, the same on every machine and thread,
 * by the derivation given in the package documentation: {@link RandomSource#SPLIT_MIX_64} seeded
 * with the master seed supplies two words per stream, which seed a {@link
 * RandomSource#XO_RO_SHI_RO_128_PP} generator.
 */
final class SeedStreams {

    private SeedStreams() {}

    /**
     * @param seed the master seed
     * @param count how many streams
     * @return streams {@code 0 .. count-1}
     */
    static UniformRandomProvider[] derive(long seed, int count) {
        UniformRandomProvider splitMix = RandomSource.SPLIT_MIX_64.create(seed);
        UniformRandomProvider[] streams = new UniformRandomProvider[count];
        for (int j = 0; j < count; j++) {
            long[] words = {splitMix.nextLong(), splitMix.nextLong()};
            streams[j] = RandomSource.XO_RO_SHI_RO_128_PP.create(words);
        }
        return streams;
    }
}
