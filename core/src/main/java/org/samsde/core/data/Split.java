package org.samsde.core.data;

import java.util.Objects;

/**
 * A training set and an optional test set drawn from the same source.
 *
 * @param train the training samples; never null
 * @param test the held-out samples, or null when the source has none
 */
public record Split(Dataset train, Dataset test) {

    /**
     * @param train the training samples; never null
     * @param test the held-out samples, or null when the source has none
     * @throws NullPointerException if {@code train} is null
     */
    public Split {
        Objects.requireNonNull(train, "train");
    }

    /**
     * @param train the training samples
     * @return a split without a test set
     */
    public static Split trainOnly(Dataset train) {
        return new Split(train, null);
    }

    /** @return whether there is a test set */
    public boolean hasTest() {
        return test != null;
    }
}
