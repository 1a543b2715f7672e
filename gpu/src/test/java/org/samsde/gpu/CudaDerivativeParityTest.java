package org.samsde.gpu;

import org.junit.jupiter.api.Tag;
import org.samsde.core.contract.DerivativeParityContract;
import org.samsde.core.tensor.Backend;

/** Derivative passes on the CUDA backend against the CPU backend; skipped without a GPU. */
@Tag("gpu")
class CudaDerivativeParityTest extends DerivativeParityContract {
    @Override
    protected Backend candidate() {
        return GpuAssumptions.cuda();
    }
}
