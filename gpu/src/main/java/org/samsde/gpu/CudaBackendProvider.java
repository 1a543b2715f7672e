package org.samsde.gpu;

import org.samsde.core.tensor.Backend;
import org.samsde.core.tensor.BackendProvider;

/**
 * Makes the {@link CudaBackend} known to {@link java.util.ServiceLoader} under the name
 * {@code cuda} (registered in {@code META-INF/services/org.samsde.core.tensor.BackendProvider}).
 * Asking for the reason never loads more than the probe needs and never throws.
 */
public final class CudaBackendProvider implements BackendProvider {

    /** The constructor {@link java.util.ServiceLoader} calls. */
    public CudaBackendProvider() {
    }

    @Override
    public String name() {
        return "cuda";
    }

    @Override
    public String unavailableReason() {
        return CudaBackend.unavailableReason();
    }

    /**
     * @return the process-wide CUDA backend
     * @throws IllegalStateException with the one-line reason when CUDA is unavailable
     * @throws CudaException when creating it fails (a kernel does not compile, for one)
     */
    @Override
    public Backend create() {
        return CudaBackend.get();
    }
}
