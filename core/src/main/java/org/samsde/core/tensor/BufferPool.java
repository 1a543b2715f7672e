package org.samsde.core.tensor;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.util.ArrayDeque;

/**
 * Per-thread free lists of the direct buffers behind {@link CpuTensor}s: a closed tensor hands its
 * buffer back, and the next tensor of the same size on that thread takes it, zeroed.
 *
 * <p>Without it, every Taylor pass allocated a fresh direct buffer for its result, and the memory
 * came back only when the garbage collector ran the buffers' cleaners: in bulk, on another thread,
 * through the C allocator's locks, after which the allocator trimmed and re-grew its heap with page
 * faults. On ensembles of small models that was a fifth of the CPU time and what kept two threads
 * from doubling the throughput of one. Tensors that are never closed are still freed by the
 * garbage collector, as before.
 *
 * <p>A thread keeps at most {@link #MAX_PER_SIZE} buffers of one size, of at most {@link #MAX_SIZES}
 * sizes, and {@link #MAX_BYTES} in all; buffers above {@link #MAX_BUFFER_BYTES} are never kept.
 */
final class BufferPool {
    static final int MAX_PER_SIZE = 8;
    static final int MAX_SIZES = 32;
    static final long MAX_BYTES = 32L << 20;
    static final long MAX_BUFFER_BYTES = 8L << 20;
    private static final double[] ZEROS = new double[4096];
    private static final ThreadLocal<BufferPool> OWN = ThreadLocal.withInitial(BufferPool::new);

    private final int[] sizes = new int[MAX_SIZES];
    @SuppressWarnings("unchecked")
    private final ArrayDeque<DoubleBuffer>[] free = new ArrayDeque[MAX_SIZES];
    private int count;
    private long bytes;

    private BufferPool() {
    }

    /**
     * @param elements capacity, ≥ 1
     * @return a zeroed direct buffer of exactly that capacity, in native order
     */
    static DoubleBuffer take(int elements) {
        ArrayDeque<DoubleBuffer> q = OWN.get().queue(elements, false);
        DoubleBuffer b = q == null ? null : q.poll();
        if (b == null) {
            return ByteBuffer.allocateDirect(elements * Double.BYTES).order(ByteOrder.nativeOrder()).asDoubleBuffer();
        }
        OWN.get().bytes -= (long) elements * Double.BYTES;
        for (int i = 0; i < elements; i += ZEROS.length) {
            b.put(i, ZEROS, 0, Math.min(ZEROS.length, elements - i));
        }
        return b;
    }

    /**
     * Keeps a buffer for reuse on this thread, or leaves it to the garbage collector when the
     * thread's pool is full. The caller must not touch it again.
     *
     * @param b a buffer from {@link #take}
     */
    static void give(DoubleBuffer b) {
        BufferPool pool = OWN.get();
        long size = (long) b.capacity() * Double.BYTES;
        if (size > MAX_BUFFER_BYTES || pool.bytes + size > MAX_BYTES) {
            return;
        }
        ArrayDeque<DoubleBuffer> q = pool.queue(b.capacity(), true);
        if (q != null && q.size() < MAX_PER_SIZE) {
            q.push(b);
            pool.bytes += size;
        }
    }

    private ArrayDeque<DoubleBuffer> queue(int elements, boolean create) {
        for (int i = 0; i < count; i++) {
            if (sizes[i] == elements) {
                return free[i];
            }
        }
        if (!create || count == MAX_SIZES) {
            return null;
        }
        sizes[count] = elements;
        free[count] = new ArrayDeque<>(MAX_PER_SIZE);
        return free[count++];
    }
}
