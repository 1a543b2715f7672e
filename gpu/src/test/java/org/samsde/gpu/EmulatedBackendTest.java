package org.samsde.gpu;

/** The CUDA backend contract on the host emulation of the device. */
class EmulatedBackendTest extends CudaBackendContract {
    @Override
    CudaBackend candidate() {
        return EmulatedDevice.backend();
    }
}
