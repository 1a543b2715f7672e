package org.samsde.gpu;

import static org.junit.jupiter.api.Assertions.fail;

import org.junit.jupiter.api.Assumptions;

/**
 * The gate of every test tagged {@code gpu}: skips the test with the one-line reason when CUDA is
 * unavailable here, or fails it when {@code -Dsamsde.requireGpu=true} (which the parent pom hands
 * to surefire) says a device must be there.
 */
final class GpuAssumptions {
    /** Whether a missing device is a failure rather than a skip. */
    static final boolean REQUIRED = Boolean.getBoolean("samsde.requireGpu");

    private GpuAssumptions() {
    }

    /** @return the CUDA backend, or never returns (skip or failure) */
    static CudaBackend cuda() {
        String reason = CudaBackend.unavailableReason();
        if (reason != null) {
            if (REQUIRED) {
                fail("-Dsamsde.requireGpu=true but " + reason);
            }
            Assumptions.assumeTrue(false, "skipped, no GPU here: " + reason);
        }
        return CudaBackend.get();
    }
}
