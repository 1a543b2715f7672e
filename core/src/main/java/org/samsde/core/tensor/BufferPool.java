package org.samsde.core.tensor;

import java.lang.ref.Cleaner;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.util.ArrayDeque;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Per-thread free lists of the direct buffers behind {@link CpuTensor}s: a closed tensor hands its
 * buffer back, and the next tensor of the same size on that thread takes it, zeroed.
 *
 * <p>Without it, every Taylor pass allocated a fresh direct buffer for its result, and the memory
 * came back only when the garbage collector ran the buffers' cleaners: in bulk, on another thread,
 * through the C allocator's locks, after which the allocator trimmed and re-grew its heap with page
 * faults. On ensembles of small models that was a fifth of the CPU time, and one of the reasons two
 * threads did not double the throughput of one. Tensors that are never closed are still freed by
 * the garbage collector, as before.
 *
 * <p>A thread keeps at most {@link #MAX_PER_SIZE} buffers of one size, of at most {@link #MAX_SIZES}
 * sizes; all pools together hold at most {@link #MAX_BYTES}, so that what they keep stays a small
 * part of the direct-memory bound (by default the heap bound); buffers above
 * {@link #MAX_BUFFER_BYTES} are never kept.
 */
final class BufferPool {
    static final int MAX_PER_SIZE = 8;
    static final int MAX_SIZES = 32;
    /** Bytes all pools may hold together: an eighth of the heap bound, at most 256 MiB. */
    static final long MAX_BYTES = Math.min(256L << 20, Runtime.getRuntime().maxMemory() / 8);
    /** Larger buffers are never kept. */
    static final long MAX_BUFFER_BYTES = MAX_BYTES / 4;
    private static final AtomicLong POOLED = new AtomicLong();
    private static final Cleaner CLEANER = Cleaner.create();
    private static final double[] ZEROS = new double[4096];
    private static final ThreadLocal<BufferPool> OWN = ThreadLocal.withInitial(BufferPool::new);

    private final int[] sizes = new int[MAX_SIZES];
    @SuppressWarnings("unchecked")
    private final ArrayDeque<DoubleBuffer>[] free = new ArrayDeque[MAX_SIZES];
    private int count;
    /** Bytes this pool holds; its cleaning action returns them to {@link #POOLED} when the thread is gone. */
    private final long[] held = new long[1];

    private BufferPool() {
        long[] h = held;
        CLEANER.register(this, () -> POOLED.addAndGet(-h[0]));
    }

    /**
     * @param elements capacity, ≥ 1
     * @return a zeroed direct buffer of exactly that capacity, in native order
     */
    static DoubleBuffer take(int elements) {
        BufferPool pool = OWN.get();
        ArrayDeque<DoubleBuffer> q = pool.queue(elements, false);
        DoubleBuffer b = q == null ? null : q.poll();
        if (b == null) {
            return ByteBuffer.allocateDirect(elements * Double.BYTES).order(ByteOrder.nativeOrder()).asDoubleBuffer();
        }
        long size = (long) elements * Double.BYTES;
        pool.held[0] -= size;
        POOLED.addAndGet(-size);
        for (int i = 0; i < elements; i += ZEROS.length) {
            b.put(i, ZEROS, 0, Math.min(ZEROS.length, elements - i));
        }
        return b;
    }

    /**
     * Keeps a buffer for reuse on this thread, or leaves it to the garbage collector when the
     * pools are full. The caller must not touch it again.
     *
     * @param b a buffer from {@link #take}
     */
    static void give(DoubleBuffer b) {
        BufferPool pool = OWN.get();
        long size = (long) b.capacity() * Double.BYTES;
        if (size > MAX_BUFFER_BYTES) {
            return;
        }
        ArrayDeque<DoubleBuffer> q = pool.queue(b.capacity(), true);
        if (q == null || q.size() >= MAX_PER_SIZE) {
            return;
        }
        if (POOLED.addAndGet(size) > MAX_BYTES) {
            POOLED.addAndGet(-size);
            return;
        }
        pool.held[0] += size;
        q.push(b);
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
