package org.samsde.sde;

import org.apache.commons.rng.UniformRandomProvider;
import org.samsde.core.objective.Batch;

/**
 * How batches are drawn: B samples out of n, uniformly without replacement within a batch
 * (independently from step to step), or with replacement; B = n without replacement is the full
 * batch. The batch-gradient covariance is Σ_B = c_B·Σ₁ with c_B = (n − B)/(B(n − 1)) without
 * replacement and 1/B with replacement.
 *
 * @param batchSize B, or {@link #FULL} for the full batch
 * @param replacement whether samples are drawn with replacement
 */
public record Sampling(int batchSize, boolean replacement) {
    /** Marker for the full batch. */
    public static final int FULL = 0;

    /**
     * Validates the batch size.
     *
     * @param batchSize B, or {@link #FULL} for the full batch
     * @param replacement whether samples are drawn with replacement
     */
    public Sampling {
        if (batchSize < 0) {
            throw new IllegalArgumentException("batch size must be positive, got " + batchSize);
        }
    }

    /** @return full-batch sampling */
    public static Sampling full() {
        return new Sampling(FULL, false);
    }

    /**
     * @param n the number of samples
     * @return B for n samples
     */
    public int size(int n) {
        if (batchSize == FULL) {
            return n;
        }
        if (!replacement && batchSize > n) {
            throw new IllegalArgumentException("batch size " + batchSize + " exceeds the " + n + " samples");
        }
        return batchSize;
    }

    /**
     * @param n the number of samples
     * @return whether every batch is the whole data set
     */
    public boolean isFull(int n) {
        return !replacement && size(n) == n;
    }

    /**
     * @param n the number of samples
     * @return c_B, so that Σ_B = c_B·Σ₁ (0 for the full batch)
     */
    public double covarianceFactor(int n) {
        int b = size(n);
        if (replacement) {
            return 1.0 / b;
        }
        return n == 1 ? 0.0 : (double) (n - b) / ((double) b * (n - 1));
    }

    /**
     * @param n the number of samples
     * @param rng the stream batches are drawn from (owned by the sampler afterwards)
     * @return a sampler of batches
     */
    public Sampler sampler(int n, UniformRandomProvider rng) {
        return new Sampler(this, n, rng);
    }

    /** A stateful source of batches for one ensemble member. */
    public static final class Sampler {
        private final Sampling sampling;
        private final int n;
        private final int b;
        private final UniformRandomProvider rng;
        private final int[] perm;

        Sampler(Sampling sampling, int n, UniformRandomProvider rng) {
            this.sampling = sampling;
            this.n = n;
            this.b = sampling.size(n);
            this.rng = rng;
            this.perm = new int[n];
            for (int i = 0; i < n; i++) {
                perm[i] = i;
            }
        }

        /** @return the next batch (the full batch when B = n without replacement) */
        public Batch next() {
            if (sampling.isFull(n)) {
                return Batch.all();
            }
            int[] idx = new int[b];
            if (sampling.replacement()) {
                for (int r = 0; r < b; r++) {
                    idx[r] = rng.nextInt(n);
                }
            } else {
                // partial Fisher–Yates: the first b entries of a uniform random permutation
                for (int r = 0; r < b; r++) {
                    int j = r + rng.nextInt(n - r);
                    int t = perm[r];
                    perm[r] = perm[j];
                    perm[j] = t;
                    idx[r] = perm[r];
                }
            }
            return Batch.of(idx);
        }

        /**
         * Writes the sampler's state (its stream and its permutation) for a checkpoint.
         *
         * @param out the stream
         * @throws java.io.IOException on write failure
         */
        public void save(java.io.DataOutput out) throws java.io.IOException {
            Snapshots.writeRng(out, rng);
            Snapshots.writeInts(out, perm);
        }

        /**
         * Restores a state written by {@link #save} for the same n and B.
         *
         * @param in the stream
         * @throws java.io.IOException when it does not fit
         */
        public void load(java.io.DataInput in) throws java.io.IOException {
            Snapshots.readRng(in, rng);
            Snapshots.readInts(in, perm);
        }

        /**
         * @return the number of steps in an epoch, ⌊n/B⌋ (at least 1), as a data loader that drops
         *     the last partial batch counts them (the Eigen-SAM authors' code does)
         */
        public int stepsPerEpoch() {
            return Math.max(1, n / b);
        }
    }
}
