package org.samsde.gpu;

import org.samsde.core.contract.BackendParityContract;
import org.samsde.core.tensor.Backend;

/**
 * The parity contract on the CUDA backend over the {@link EmulatedDevice}: the backend's Java code
 * and the unchanged kernel sources, executed on the host, against the CPU backend. Runs wherever
 * g++ is installed; what it cannot check is the CUDA API, NVRTC and the hardware itself.
 */
class EmulatedParityTest extends BackendParityContract {
    @Override
    protected Backend candidate() {
        return EmulatedDevice.backend();
    }
}
