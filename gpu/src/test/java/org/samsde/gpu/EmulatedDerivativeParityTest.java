package org.samsde.gpu;

import java.util.Set;

import org.samsde.core.contract.DerivativeParityContract;
import org.samsde.core.tensor.Backend;

/**
 * Whole derivative passes of the CUDA backend over the {@link EmulatedDevice} against the CPU
 * backend. The emulation runs every kernel thread by thread in Java, so the whole contract takes
 * minutes: by default (in {@code mvn verify}) it covers one MLP case and one CNN case, which between
 * them run every kernel family (dense layers, tanh, softmax cross-entropy, convolution with padding
 * and stride, both poolings); {@code -Dsamsde.fullEmulation=true} runs every case, as {@code .ci/run}
 * does. The cases left out are reported as skipped.
 */
class EmulatedDerivativeParityTest extends DerivativeParityContract {
    /** The cases of the default run. */
    static final Set<String> DEFAULT = Set.of("cross-entropy TANH", "cnn conv-pad-stride, avg, max, tanh");

    @Override
    protected Backend candidate() {
        return EmulatedDevice.backend();
    }

    @Override
    protected boolean covers(String name) {
        return Boolean.getBoolean("samsde.fullEmulation") || DEFAULT.contains(name);
    }
}
