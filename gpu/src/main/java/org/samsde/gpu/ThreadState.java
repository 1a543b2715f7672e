package org.samsde.gpu;

import java.lang.ref.Cleaner;

import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.LongPointer;

/**
 * What one host thread needs to call the backend: the device attached to the thread (the driver API
 * launches in the current context), a {@link KernelArgs} block, host staging for copies, and a
 * small device block holding the thread's error word followed by result slots.
 *
 * <p>The device block: elements 0…2 are the error word kernels write when they meet bad input
 * (code, index, value; see {@code samsde.cuh}), elements 3… receive reduction results; one copy
 * to the host brings both. Its memory goes back to the allocator when the thread ends (a cleaner
 * registered on the thread), so short-lived worker threads do not leak device memory.
 */
final class ThreadState {
    private static final Cleaner CLEANER = Cleaner.create();
    /** Doubles of the error word at the head of the device block. */
    static final int ERROR_WORDS = 3;
    /** The most doubles staged on the host at once; longer copies go in chunks. */
    static final int STAGING_LIMIT = 1 << 20;

    final KernelArgs args = new KernelArgs();
    private final Device device;
    private DoublePointer staging = new DoublePointer(1024);
    private final DeviceBlock block;

    /** The device block, swapped for a larger one when results need more room. */
    private static final class DeviceBlock implements Runnable {
        private final DeviceMemory memory;
        volatile long address;
        volatile long doubles;

        DeviceBlock(DeviceMemory memory, long doubles) {
            this.memory = memory;
            this.doubles = doubles;
            this.address = memory.allocate(doubles * Double.BYTES);
        }

        @Override
        public void run() {
            memory.release(address, doubles * Double.BYTES);
        }
    }

    /**
     * Attaches the calling thread to the device and allocates its error word (cleared).
     *
     * @param device the device
     * @param memory where the thread's device block comes from
     */
    ThreadState(Device device, DeviceMemory memory) {
        this.device = device;
        device.attachThread();
        block = new DeviceBlock(memory, ERROR_WORDS + 61);
        device.memsetZero(block.address, block.doubles * Double.BYTES);
        CLEANER.register(Thread.currentThread(), block);
    }

    /**
     * @param doubles how many doubles must fit, at most {@link #STAGING_LIMIT}
     * @return host staging memory of at least that many doubles, position 0
     */
    DoublePointer staging(long doubles) {
        if (staging.capacity() < doubles) {
            staging.close();
            staging = new DoublePointer(Math.max(doubles, 2 * staging.capacity()));
        }
        return staging.position(0);
    }

    /**
     * @param longs how many longs must fit, at most {@link #STAGING_LIMIT}
     * @return the staging memory seen as longs, position 0
     */
    LongPointer longStaging(long longs) {
        return new LongPointer(staging(longs));
    }

    /** @return the device address of the error word */
    long errorWord() {
        return block.address;
    }

    /**
     * @param results how many result slots the next reduction needs
     * @return the device address of result slot 0 (the error word is kept when the block grows)
     */
    long results(int results) {
        long needed = ERROR_WORDS + (long) results;
        if (needed > block.doubles) {
            long old = block.address;
            long oldDoubles = block.doubles;
            long doubles = Math.max(needed, 2 * oldDoubles);
            long address = block.memory.allocate(doubles * Double.BYTES);
            device.deviceCopy(address, old, ERROR_WORDS * Double.BYTES);
            block.address = address;
            block.doubles = doubles;
            block.memory.release(old, oldDoubles * Double.BYTES);
        }
        return block.address + ERROR_WORDS * Double.BYTES;
    }

    /**
     * Copies the error word and the first {@code results} result slots to the host (synchronising
     * with all work issued so far), clears a reported error on the device, and returns them.
     *
     * @param results number of result slots to read
     * @return the error word's three doubles followed by the results
     */
    double[] read(int results) {
        int n = ERROR_WORDS + results;
        DoublePointer host = staging(n);
        device.toHost(host, block.address, (long) n * Double.BYTES);
        double[] out = new double[n];
        host.get(out, 0, n);
        if (Double.doubleToRawLongBits(out[0]) != 0) {
            device.memsetZero(block.address, ERROR_WORDS * Double.BYTES);
        }
        return out;
    }
}
