package org.samsde.core.random;

import org.apache.commons.rng.RestorableUniformRandomProvider;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.core.RandomProviderDefaultState;
import org.apache.commons.rng.simple.RandomSource;

/**
 * Independent, reproducible random streams derived from one master seed.
 *
 * <p>Every stream is an XO_RO_SHI_RO_128_PP generator seeded with two words of a SPLIT_MIX_64
 * generator. {@link #stream(long, long...)} derives the SplitMix seed from the master seed and a
 * path of integers (for example ensemble member j, purpose p) by folding each path element into
 * the key with the SplitMix64 finaliser, so stream (master, j, p) is the same on every machine,
 * thread and run, and distinct paths give statistically independent streams. Nothing here keeps
 * global state.
 */
public final class RandomStreams {
    private static final long GOLDEN = 0x9E3779B97F4A7C15L;

    private RandomStreams() {
    }

    /**
     * The SplitMix64 finaliser (Stafford variant 13): a bijective mixing of 64 bits.
     *
     * @param z the input
     * @return the mixed value
     */
    public static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /**
     * @param master the master seed
     * @param path the stream's path below the master seed (may be empty)
     * @return the key of that path: key₀ = master, key_{i+1} = mix(key_i + φ·(path_i + 1))
     */
    public static long key(long master, long... path) {
        long k = master;
        for (long p : path) {
            k = mix(k + GOLDEN * (p + 1));
        }
        return k;
    }

    /**
     * @param master the master seed
     * @param path the stream's path below the master seed
     * @return a new generator for that path
     */
    public static UniformRandomProvider stream(long master, long... path) {
        UniformRandomProvider split = RandomSource.SPLIT_MIX_64.create(key(master, path));
        return RandomSource.XO_RO_SHI_RO_128_PP.create(new long[] {split.nextLong(), split.nextLong()});
    }

    /**
     * Consecutive streams: one SplitMix64 generator seeded with the master seed supplies two words
     * per stream, in order.
     *
     * @param master the master seed
     * @param count how many streams
     * @return streams 0…count−1
     */
    public static UniformRandomProvider[] sequence(long master, int count) {
        UniformRandomProvider split = RandomSource.SPLIT_MIX_64.create(master);
        UniformRandomProvider[] streams = new UniformRandomProvider[count];
        for (int j = 0; j < count; j++) {
            streams[j] = RandomSource.XO_RO_SHI_RO_128_PP.create(new long[] {split.nextLong(), split.nextLong()});
        }
        return streams;
    }

    /**
     * The internal state of a stream made here, as bytes, for checkpoints.
     *
     * @param rng a stream from {@link #stream} or {@link #sequence}
     * @return its state
     * @throws IllegalArgumentException when the generator cannot save its state
     */
    public static byte[] saveState(UniformRandomProvider rng) {
        if (!(rng instanceof RestorableUniformRandomProvider r)
                || !(r.saveState() instanceof RandomProviderDefaultState state)) {
            throw new IllegalArgumentException("random generator " + rng + " cannot save its state");
        }
        return state.getState();
    }

    /**
     * Puts a stream back into a saved state.
     *
     * @param rng a stream of the same kind as the one saved; modified
     * @param state bytes from {@link #saveState}
     * @throws IllegalArgumentException when the state does not fit the generator
     */
    public static void restoreState(UniformRandomProvider rng, byte[] state) {
        if (!(rng instanceof RestorableUniformRandomProvider r)) {
            throw new IllegalArgumentException("random generator " + rng + " cannot restore a state");
        }
        r.restoreState(new RandomProviderDefaultState(state));
    }
}
