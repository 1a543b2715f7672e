package org.samsde.gpu;

import java.nio.DoubleBuffer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.javacpp.PointerPointer;

/**
 * A {@link Device} on the host, for tests without a GPU: "device" memory is native host memory
 * (filled with NaN bytes when allocated, so reading memory nobody wrote shows up), copies are
 * memcpy, kernels run in the {@link KernelEmulator}, and the column-major BLAS calls are plain
 * loops with the reference BLAS semantics. Everything the {@link CudaBackend} does above the
 * device (views, operand swaps, launch shapes, reductions, the error word) runs unchanged.
 */
final class EmulatedDevice implements Device {
    private static CudaBackend backend;

    private final KernelEmulator emulator;
    private final Map<Long, BytePointer> blocks = new ConcurrentHashMap<>();

    private EmulatedDevice(KernelEmulator emulator) {
        this.emulator = emulator;
    }

    /** @return a CUDA backend on the emulated device (one per test JVM); skips without g++ */
    static synchronized CudaBackend backend() {
        KernelEmulator emulator = KernelEmulator.get();
        if (backend == null) {
            backend = new CudaBackend(new EmulatedDevice(emulator));
        }
        return backend;
    }

    @Override
    public String name() {
        return "host emulation";
    }

    @Override
    public String details() {
        return "host emulation: the CUDA kernel sources run as fibers on the CPU, BLAS as Java loops";
    }

    @Override
    public void attachThread() {
    }

    @Override
    public long malloc(long bytes, boolean lastTry) {
        BytePointer block = new BytePointer(bytes);
        Pointer.memset(block, 0xff, bytes);
        blocks.put(block.address(), block);
        return block.address();
    }

    @Override
    public void free(long address) {
        blocks.remove(address).close();
    }

    @Override
    public void memsetZero(long address, long bytes) {
        Pointer.memset(new DevicePointer(address), 0, bytes);
    }

    @Override
    public void toDevice(long dst, Pointer src, long bytes) {
        Pointer.memcpy(new DevicePointer(dst), src, bytes);
    }

    @Override
    public void toHost(Pointer dst, long src, long bytes) {
        Pointer.memcpy(dst, new DevicePointer(src), bytes);
    }

    @Override
    public void deviceCopy(long dst, long src, long bytes) {
        Pointer.memcpy(new DevicePointer(dst), new DevicePointer(src), bytes);
    }

    @Override
    public void launch(Kernel kernel, int[] grid, int[] block, PointerPointer<?> parameters) {
        emulator.launch(kernel, grid, block, parameters.address());
    }

    /** The doubles at an address, as a buffer of count elements. */
    private static DoubleBuffer view(long address, long count) {
        DoublePointer p = new DevicePointer(address);
        p.capacity(count);
        p.limit(count);
        return p.asBuffer();
    }

    @Override
    public void gemm(boolean transA, boolean transB, int m, int n, int k, double alpha, long a, int lda, long b, int ldb,
                     double beta, long c, int ldc) {
        DoubleBuffer av = view(a, (long) ((transA ? m : k) - 1) * lda + (transA ? k : m));
        DoubleBuffer bv = view(b, (long) ((transB ? k : n) - 1) * ldb + (transB ? n : k));
        DoubleBuffer cv = view(c, (long) (n - 1) * ldc + m);
        for (int j = 0; j < n; j++) {
            for (int i = 0; i < m; i++) {
                double s = 0;
                for (int p = 0; p < k; p++) {
                    double x = transA ? av.get(p + i * lda) : av.get(i + p * lda);
                    double y = transB ? bv.get(j + p * ldb) : bv.get(p + j * ldb);
                    s += x * y;
                }
                int e = i + j * ldc;
                cv.put(e, beta == 0.0 ? alpha * s : alpha * s + beta * cv.get(e));
            }
        }
    }

    @Override
    public void gemv(boolean trans, int m, int n, double alpha, long a, int lda, long x, int incx, double beta, long y, int incy) {
        int outer = trans ? n : m;
        int inner = trans ? m : n;
        DoubleBuffer av = view(a, (long) (n - 1) * lda + m);
        DoubleBuffer xv = view(x, (long) (inner - 1) * incx + 1);
        DoubleBuffer yv = view(y, (long) (outer - 1) * incy + 1);
        for (int i = 0; i < outer; i++) {
            double s = 0;
            for (int j = 0; j < inner; j++) {
                s += (trans ? av.get(j + i * lda) : av.get(i + j * lda)) * xv.get(j * incx);
            }
            int e = i * incy;
            yv.put(e, beta == 0.0 ? alpha * s : alpha * s + beta * yv.get(e));
        }
    }

    @Override
    public void synchronize() {
    }
}
