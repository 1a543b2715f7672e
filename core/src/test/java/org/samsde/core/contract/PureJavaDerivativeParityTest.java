package org.samsde.core.contract;

import org.samsde.core.tensor.Backend;
import org.samsde.core.tensor.CpuBackend;

/** The derivative parity contract on the pure-Java CPU backend, so it runs on every machine. */
class PureJavaDerivativeParityTest extends DerivativeParityContract {
    @Override
    protected Backend candidate() {
        return CpuBackend.pureJava();
    }
}
