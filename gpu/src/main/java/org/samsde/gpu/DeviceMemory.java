package org.samsde.gpu;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

/**
 * A caching allocator of device memory. Objectives allocate their gradient tensors per call, so
 * freed blocks are kept in free lists by size class and handed out again without
 * {@code cudaMalloc}/{@code cudaFree} (both synchronise the device). Size classes: multiples of
 * 512 bytes below 1 MiB, multiples of 2 MiB above.
 *
 * <p>Reusing a block right after its release is safe because every kernel, copy and cuBLAS call of
 * the backend is issued on the one legacy default stream, in program order: work that reads a
 * released block was issued before work that reuses it.
 *
 * <p>When {@code cudaMalloc} runs out of memory, the cached blocks are returned to the driver and
 * the allocation tried once more. Thread-safe.
 */
final class DeviceMemory {
    private static final long SMALL = 1L << 20;
    private static final long SMALL_GRANULE = 512;
    private static final long LARGE_GRANULE = 2L << 20;

    private final Device device;
    private final Map<Long, ArrayDeque<Long>> free = new HashMap<>();
    private long inUse;
    private long cached;
    private long peak;
    private long mallocs;

    /** @param device where the blocks come from */
    DeviceMemory(Device device) {
        this.device = device;
    }

    /**
     * @param bytes a request, at least 0
     * @return the size class serving it, at least one granule
     */
    static long sizeClass(long bytes) {
        if (bytes < 0) {
            throw new IllegalArgumentException("negative allocation of " + bytes + " bytes");
        }
        long granule = bytes < SMALL ? SMALL_GRANULE : LARGE_GRANULE;
        return Math.max(granule, (bytes + granule - 1) / granule * granule);
    }

    /**
     * @param bytes at least 0
     * @return a block of {@link #sizeClass}(bytes) bytes: its device address; contents unspecified
     * @throws CudaException when the device is out of memory even after the cache is released
     */
    synchronized long allocate(long bytes) {
        long size = sizeClass(bytes);
        ArrayDeque<Long> list = free.get(size);
        if (list != null && !list.isEmpty()) {
            cached -= size;
            inUse += size;
            return list.pop();
        }
        long address = device.malloc(size, false);
        if (address == 0) {
            trim();
            address = device.malloc(size, true);
        }
        mallocs++;
        inUse += size;
        peak = Math.max(peak, inUse + cached);
        return address;
    }

    /**
     * Returns a block to the cache.
     *
     * @param address the address {@link #allocate} returned
     * @param bytes the request it was allocated for
     */
    synchronized void release(long address, long bytes) {
        long size = sizeClass(bytes);
        free.computeIfAbsent(size, s -> new ArrayDeque<>()).push(address);
        inUse -= size;
        cached += size;
    }

    /** Frees every cached block with {@code cudaFree} (which synchronises the device). */
    synchronized void trim() {
        for (Map.Entry<Long, ArrayDeque<Long>> e : free.entrySet()) {
            for (long address : e.getValue()) {
                device.free(address);
                cached -= e.getKey();
            }
        }
        free.clear();
    }

    /** @return the allocator's counters */
    synchronized MemoryStatistics statistics() {
        return new MemoryStatistics(inUse, cached, peak, mallocs);
    }
}
