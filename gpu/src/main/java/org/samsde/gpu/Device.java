package org.samsde.gpu;

import org.bytedeco.javacpp.Pointer;
import org.bytedeco.javacpp.PointerPointer;

/**
 * The device operations the {@link CudaBackend} is built on: memory, copies, kernel launches and
 * column-major BLAS, all in the order of one stream. {@link CudaDevice} implements them with the
 * CUDA runtime, the driver API and cuBLAS; the tests also run the backend on an implementation that
 * executes the same kernel sources on the host, so that everything above this interface is checked
 * on machines without a GPU.
 *
 * <p>Addresses are device addresses as longs; host buffers are JavaCPP pointers at position 0.
 */
interface Device {

    /** @return the device's name, e.g. {@code NVIDIA H100 80GB HBM3} */
    String name();

    /** @return one line on device, driver and library versions, without the backend's name */
    String details();

    /** Prepares the calling thread for the other calls (makes the context current); once per thread. */
    void attachThread();

    /**
     * @param bytes at least 1
     * @param lastTry whether to throw rather than return 0 when the device is out of memory
     * @return the address of a new block, or 0 when out of memory and not lastTry
     */
    long malloc(long bytes, boolean lastTry);

    /** @param address a block from {@link #malloc}, returned to the driver */
    void free(long address);

    /**
     * @param address the first byte
     * @param bytes how many bytes to set to zero
     */
    void memsetZero(long address, long bytes);

    /**
     * Copies host memory to the device, returning when the host buffer may be reused.
     *
     * @param dst device address
     * @param src host buffer
     * @param bytes number of bytes
     */
    void toDevice(long dst, Pointer src, long bytes);

    /**
     * Copies device memory to the host after all work issued so far has finished.
     *
     * @param dst host buffer
     * @param src device address
     * @param bytes number of bytes
     */
    void toHost(Pointer dst, long src, long bytes);

    /**
     * @param dst device address (may not overlap src)
     * @param src device address
     * @param bytes number of bytes
     */
    void deviceCopy(long dst, long src, long bytes);

    /**
     * Launches a kernel.
     *
     * @param kernel the kernel
     * @param grid the grid extents x, y, z
     * @param block the block extents x, y (z is 1)
     * @param parameters the parameter pointer array of {@link KernelArgs#parameters()}
     */
    void launch(Kernel kernel, int[] grid, int[] block, PointerPointer<?> parameters);

    /**
     * C ← α·op(A)·op(B) + β·C on column-major matrices, BLAS semantics (β = 0: C is not read);
     * m, n, k ≥ 1.
     *
     * @param transA whether op(A) = Aᵀ
     * @param transB whether op(B) = Bᵀ
     * @param m rows of C
     * @param n columns of C
     * @param k the inner dimension
     * @param alpha α
     * @param a address of A
     * @param lda leading dimension of A
     * @param b address of B
     * @param ldb leading dimension of B
     * @param beta β
     * @param c address of C
     * @param ldc leading dimension of C
     */
    void gemm(boolean transA, boolean transB, int m, int n, int k, double alpha, long a, int lda, long b, int ldb,
              double beta, long c, int ldc);

    /**
     * y ← α·op(A)·x + β·y with A a column-major m × n matrix, BLAS semantics (β = 0: y is not read).
     *
     * @param trans whether op(A) = Aᵀ
     * @param m rows of A
     * @param n columns of A
     * @param alpha α
     * @param a address of A
     * @param lda leading dimension of A
     * @param x address of x
     * @param incx stride of x
     * @param beta β
     * @param y address of y
     * @param incy stride of y
     */
    void gemv(boolean trans, int m, int n, double alpha, long a, int lda, long x, int incx, double beta, long y, int incy);

    /** Waits for all work issued so far and reports an error that happened in between. */
    void synchronize();
}
