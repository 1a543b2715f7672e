package org.samsde.core.contract;

import org.samsde.core.tensor.Backend;
import org.samsde.core.tensor.CpuBackend;

/**
 * The parity contract on the pure-Java CPU backend: runs on every machine, so the contract's own
 * inputs, tolerances and expectations are exercised where no GPU is.
 */
class PureJavaParityTest extends BackendParityContract {
    @Override
    protected Backend candidate() {
        return CpuBackend.pureJava();
    }
}
