package org.samsde.core.tensor;

/**
 * Service-provider interface through which {@link java.util.ServiceLoader} finds backends in
 * other modules (the CUDA backend, for one). Register an implementation in
 * {@code META-INF/services/org.samsde.core.tensor.BackendProvider}.
 */
public interface BackendProvider {
    /** @return the name users select it by, e.g. {@code cuda} */
    String name();

    /**
     * Checks, once and without throwing, whether this backend can run here.
     *
     * @return null when available, otherwise one line saying why not
     */
    String unavailableReason();

    /**
     * @return the backend
     * @throws IllegalStateException when it is unavailable
     */
    Backend create();
}
