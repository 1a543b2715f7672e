package org.samsde.gpu;

import java.lang.ref.Cleaner;

import org.samsde.core.tensor.Backend;
import org.samsde.core.tensor.Tensor;

/**
 * A tensor of the {@link CudaBackend}: its elements live in one block of device memory from the
 * {@link DeviceMemory} cache. {@link #close()} hands the block back at once; a tensor dropped
 * without closing hands it back when the garbage collector finds it unreachable. A closed tensor
 * refuses further use.
 */
final class CudaTensor extends Tensor {
    private static final Cleaner CLEANER = Cleaner.create();

    private final CudaBackend backend;
    private final Block block;
    private final Cleaner.Cleanable cleanable;

    /** The device block, released once, by {@link #close()} or by the cleaner. */
    private static final class Block implements Runnable {
        private final DeviceMemory memory;
        private final long address;
        private final long bytes;
        private volatile boolean released;

        Block(DeviceMemory memory, long bytes) {
            this.memory = memory;
            this.bytes = bytes;
            this.address = memory.allocate(bytes);
        }

        @Override
        public void run() {
            released = true;
            memory.release(address, bytes);
        }
    }

    CudaTensor(CudaBackend backend, DeviceMemory memory, int[] shape) {
        super(shape);
        this.backend = backend;
        this.block = new Block(memory, (long) size() * Double.BYTES);
        this.cleanable = CLEANER.register(this, block);
    }

    @Override
    public Backend backend() {
        return backend;
    }

    /**
     * @param offset an element offset, 0 ≤ offset ≤ size (range checks are the caller's)
     * @return the device address of that element
     * @throws IllegalStateException when the tensor was closed
     */
    long address(long offset) {
        if (block.released) {
            throw new IllegalStateException("tensor " + this + " was closed and cannot be used again");
        }
        return block.address + offset * Double.BYTES;
    }

    /** Returns the device memory to the backend's cache; later calls do nothing. */
    @Override
    public void close() {
        cleanable.clean();
    }
}
