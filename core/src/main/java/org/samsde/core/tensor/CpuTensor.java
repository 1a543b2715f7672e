package org.samsde.core.tensor;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;

/**
 * A tensor of the {@link CpuBackend}: elements in a direct, native-order buffer, so that OpenBLAS
 * reads and writes them in place with no copy across the JNI boundary.
 */
final class CpuTensor extends Tensor {
    private final CpuBackend backend;
    private final DoubleBuffer data;

    CpuTensor(CpuBackend backend, int[] shape) {
        super(shape);
        this.backend = backend;
        this.data = ByteBuffer.allocateDirect(Math.max(1, size()) * Double.BYTES)
                .order(ByteOrder.nativeOrder()).asDoubleBuffer();
    }

    @Override
    public Backend backend() {
        return backend;
    }

    /** @return the whole buffer; absolute get/put only, its position is never moved */
    DoubleBuffer data() {
        return data;
    }

    /**
     * @param offset an element offset
     * @return a view starting at offset, for BLAS calls (a fresh object: safe across threads)
     */
    DoubleBuffer at(int offset) {
        return data.duplicate().position(offset);
    }
}
