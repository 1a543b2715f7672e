package org.samsde.core.tensor;

import java.nio.DoubleBuffer;

/**
 * A tensor of the {@link CpuBackend}: elements in a direct, native-order buffer, so that OpenBLAS
 * reads and writes them in place with no copy across the JNI boundary. Closing it hands the buffer
 * back to its thread's {@link BufferPool}; a closed tensor throws on any use.
 */
final class CpuTensor extends Tensor {
    private final CpuBackend backend;
    private DoubleBuffer data;

    CpuTensor(CpuBackend backend, int[] shape) {
        super(shape);
        this.backend = backend;
        this.data = BufferPool.take(Math.max(1, size()));
    }

    @Override
    public Backend backend() {
        return backend;
    }

    /** @return the whole buffer; absolute get/put only, its position is never moved */
    DoubleBuffer data() {
        DoubleBuffer d = data;
        if (d == null) {
            throw new IllegalStateException(this + " used after close");
        }
        return d;
    }

    /**
     * @param offset an element offset
     * @return a view starting at offset, for BLAS calls (a fresh object: safe across threads)
     */
    DoubleBuffer at(int offset) {
        return data().duplicate().position(offset);
    }

    @Override
    public void close() {
        DoubleBuffer d = data;
        if (d != null) {
            data = null;
            BufferPool.give(d);
        }
    }
}
