package org.samsde.gpu;

import java.util.concurrent.ConcurrentLinkedDeque;

import org.bytedeco.cuda.cublas.cublasContext;
import org.bytedeco.cuda.cudart.CUctx_st;
import org.bytedeco.cuda.cudart.CUstream_st;
import org.bytedeco.cuda.cudart.cudaDeviceProp;
import org.bytedeco.cuda.global.cublas;
import org.bytedeco.cuda.global.cudart;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.javacpp.PointerPointer;

/**
 * A CUDA device through the JavaCPP CUDA presets: memory and copies with the runtime API on the
 * legacy default stream, kernels (NVRTC-compiled, {@link KernelLibrary}) launched with
 * {@code cuLaunchKernel} in the device's primary context, BLAS with cuBLAS handles pooled across
 * threads (a handle is used by one thread at a time). Every status other than success becomes a
 * {@link CudaException} naming the call.
 */
final class CudaDevice implements Device {
    private final int ordinal;
    private final CUctx_st context;
    private final KernelLibrary kernels;
    private final ConcurrentLinkedDeque<cublasContext> handles = new ConcurrentLinkedDeque<>();
    private final ThreadLocal<DoublePointer[]> scalars = ThreadLocal.withInitial(() -> new DoublePointer[] {
        new DoublePointer(1), new DoublePointer(1)});
    private final String name;
    private final String details;

    /**
     * Opens a device: its primary context, its properties, the kernels compiled for its compute
     * capability.
     *
     * @param ordinal the device number, 0 for the first
     * @throws CudaException when a call fails or a kernel does not compile
     */
    CudaDevice(int ordinal) {
        this.ordinal = ordinal;
        Status.runtime("cudaSetDevice(" + ordinal + ")", cudart.cudaSetDevice(ordinal));
        Status.driver("cuInit", cudart.cuInit(0));
        int[] handle = {0};
        Status.driver("cuDeviceGet(" + ordinal + ")", cudart.cuDeviceGet(handle, ordinal));
        this.context = new CUctx_st();
        Status.driver("cuDevicePrimaryCtxRetain", cudart.cuDevicePrimaryCtxRetain(context, handle[0]));
        attachThread();

        cudaDeviceProp prop = new cudaDeviceProp();
        Status.runtime("cudaGetDeviceProperties(" + ordinal + ")", cudart.cudaGetDeviceProperties(prop, ordinal));
        this.name = prop.name().getString();
        int major = prop.major();
        int minor = prop.minor();
        this.kernels = new KernelLibrary(major, minor);
        int[] driver = {0};
        Status.runtime("cudaDriverGetVersion", cudart.cudaDriverGetVersion(driver));
        int[] blas = {0};
        cublasContext h = acquire();
        try {
            Status.cublas("cublasGetVersion_v2", cublas.cublasGetVersion_v2(h, blas));
        } finally {
            handles.push(h);
        }
        this.details = String.format("%s, compute %d.%d, %d SMs, %.1f GiB; driver %d.%d, cuBLAS %d.%d.%d, NVRTC %s",
                name, major, minor, prop.multiProcessorCount(), prop.totalGlobalMem() / (double) (1L << 30),
                driver[0] / 1000, driver[0] % 1000 / 10, blas[0] / 10000, blas[0] / 100 % 100, blas[0] % 100,
                kernels.nvrtcVersion());
        prop.close();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String details() {
        return details;
    }

    @Override
    public void attachThread() {
        Status.runtime("cudaSetDevice(" + ordinal + ")", cudart.cudaSetDevice(ordinal));
        Status.driver("cuCtxSetCurrent", cudart.cuCtxSetCurrent(context));
    }

    @Override
    public long malloc(long bytes, boolean lastTry) {
        Pointer p = new Pointer();
        int status = cudart.cudaMalloc(p, bytes);
        if (status == cudart.cudaErrorMemoryAllocation && !lastTry) {
            cudart.cudaGetLastError(); // clears the error before a retry
            return 0;
        }
        Status.runtime("cudaMalloc(" + bytes + " bytes)", status);
        return p.address();
    }

    @Override
    public void free(long address) {
        Status.runtime("cudaFree", cudart.cudaFree(new DevicePointer(address)));
    }

    @Override
    public void memsetZero(long address, long bytes) {
        Status.runtime("cudaMemsetAsync(" + bytes + " bytes)", cudart.cudaMemsetAsync(new DevicePointer(address), 0, bytes));
    }

    @Override
    public void toDevice(long dst, Pointer src, long bytes) {
        Status.runtime("cudaMemcpy(" + bytes + " bytes, host to device)",
                cudart.cudaMemcpy(new DevicePointer(dst), src, bytes, cudart.cudaMemcpyHostToDevice));
    }

    @Override
    public void toHost(Pointer dst, long src, long bytes) {
        Status.runtime("cudaMemcpy(" + bytes + " bytes, device to host)",
                cudart.cudaMemcpy(dst, new DevicePointer(src), bytes, cudart.cudaMemcpyDeviceToHost));
    }

    @Override
    public void deviceCopy(long dst, long src, long bytes) {
        Status.runtime("cudaMemcpyAsync(" + bytes + " bytes, device to device)", cudart.cudaMemcpyAsync(
                new DevicePointer(dst), new DevicePointer(src), bytes, cudart.cudaMemcpyDeviceToDevice));
    }

    @Override
    public void launch(Kernel kernel, int[] grid, int[] block, PointerPointer<?> parameters) {
        Status.driver("cuLaunchKernel(" + kernel.symbol() + ")", cudart.cuLaunchKernel(kernels.function(kernel),
                grid[0], grid[1], grid[2], block[0], block[1], 1, 0, (CUstream_st) null, parameters, (PointerPointer<?>) null));
    }

    private cublasContext acquire() {
        cublasContext h = handles.poll();
        if (h == null) {
            h = new cublasContext();
            Status.cublas("cublasCreate_v2", cublas.cublasCreate_v2(h));
        }
        return h;
    }

    private static int op(boolean trans) {
        return trans ? cublas.CUBLAS_OP_T : cublas.CUBLAS_OP_N;
    }

    @Override
    public void gemm(boolean transA, boolean transB, int m, int n, int k, double alpha, long a, int lda, long b, int ldb,
                     double beta, long c, int ldc) {
        DoublePointer[] s = scalars.get();
        s[0].put(0, alpha);
        s[1].put(0, beta);
        cublasContext h = acquire();
        try {
            Status.cublas("cublasDgemm_v2(m=" + m + ", n=" + n + ", k=" + k + ")", cublas.cublasDgemm_v2(h, op(transA), op(transB),
                    m, n, k, s[0], new DevicePointer(a), lda, new DevicePointer(b), ldb, s[1], new DevicePointer(c), ldc));
        } finally {
            handles.push(h);
        }
    }

    @Override
    public void gemv(boolean trans, int m, int n, double alpha, long a, int lda, long x, int incx, double beta, long y, int incy) {
        DoublePointer[] s = scalars.get();
        s[0].put(0, alpha);
        s[1].put(0, beta);
        cublasContext h = acquire();
        try {
            Status.cublas("cublasDgemv_v2(m=" + m + ", n=" + n + ")", cublas.cublasDgemv_v2(h, op(trans), m, n, s[0],
                    new DevicePointer(a), lda, new DevicePointer(x), incx, s[1], new DevicePointer(y), incy));
        } finally {
            handles.push(h);
        }
    }

    @Override
    public void synchronize() {
        Status.runtime("cudaDeviceSynchronize", cudart.cudaDeviceSynchronize());
    }
}
