package org.samsde.core.loss;

import org.samsde.core.data.Dataset;

/**
 * A user's loss, found by {@link java.util.ServiceLoader} for {@code --model user:NAME[:ARGS]}: put
 * the implementing class's name in {@code META-INF/services/org.samsde.core.loss.LossProvider} of a
 * jar on the class path (the launcher adds {@code SAMSDE_CLASSPATH}). The samples come from
 * {@code --data}.
 */
public interface LossProvider {
    /** @return NAME, as written after {@code user:} */
    String name();

    /** @return whether the loss is over samples (true: {@code --data} is required) */
    default boolean needsData() {
        return true;
    }

    /**
     * @param argument the text after {@code user:NAME:}, or null
     * @param data the training samples, or null when {@link #needsData} is false
     * @return the loss with its dimension and initialisation
     * @throws IllegalArgumentException naming what does not fit (the argument, the data's shape)
     */
    JetModel define(String argument, Dataset data);
}
