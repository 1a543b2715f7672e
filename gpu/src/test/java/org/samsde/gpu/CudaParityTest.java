package org.samsde.gpu;

import org.junit.jupiter.api.Tag;
import org.samsde.core.contract.BackendParityContract;
import org.samsde.core.tensor.Backend;

/** The parity contract on the CUDA backend; skipped (or failed, with -Dsamsde.requireGpu=true) without a GPU. */
@Tag("gpu")
class CudaParityTest extends BackendParityContract {
    @Override
    protected Backend candidate() {
        return GpuAssumptions.cuda();
    }
}
