package org.samsde.gpu;

import org.samsde.core.contract.DerivativeParityContract;
import org.samsde.core.tensor.Backend;

/** Whole derivative passes of the CUDA backend over the {@link EmulatedDevice} against the CPU backend. */
class EmulatedDerivativeParityTest extends DerivativeParityContract {
    @Override
    protected Backend candidate() {
        return EmulatedDevice.backend();
    }
}
