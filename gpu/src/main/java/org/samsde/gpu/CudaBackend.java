package org.samsde.gpu;

import java.util.Arrays;
import java.util.Objects;

import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.LongPointer;
import org.bytedeco.javacpp.PointerPointer;
import org.samsde.core.jet.Activation;
import org.samsde.core.jet.JetLayout;
import org.samsde.core.tensor.Backend;
import org.samsde.core.tensor.Tensor;
import org.samsde.core.tensor.Window2d;

/**
 * The CUDA backend: every primitive of {@link Backend} on device memory of the first CUDA device
 * (select another with {@code CUDA_VISIBLE_DEVICES}), in double precision.
 *
 * <p>Matrix products go to cuBLAS ({@code cublasDgemm} on the row-major views: a row-major m × n
 * matrix is the column-major n × m transpose, so C = op(A)·op(B) is computed as
 * Cᵀ = op(B)ᵀ·op(A)ᵀ with the operands swapped; products with one row or one column of output go
 * to {@code cublasDgemv}). Every other primitive is a hand-written kernel from the
 * {@link KernelSource} resources, compiled once per process with NVRTC and launched through the
 * driver API. The kernels port the loops of the CPU backend operation by operation; reductions
 * (dot products, loss sums) combine partial sums in a fixed order, so results are deterministic
 * but may differ from the CPU's sequential sums in the last bits.
 *
 * <p>Memory: tensors own blocks of the {@link DeviceMemory} caching allocator and give them back on
 * {@link Tensor#close()} (or when collected). Host copies happen only in {@link #upload} and
 * {@link #download}, through host staging buffers of at most 8 MiB at a time; the loss jets and
 * {@link #dot} copy back their few result doubles only.
 *
 * <p>Order and threads: all work goes to the legacy default stream, in issue order, from any number
 * of host threads (each gets the primary context made current and its own small state; cuBLAS
 * handles are pooled). GPU work of concurrent threads is therefore serialised on the device. Kernels
 * that meet bad input (a label that is not a class, a max-pool index outside its image) record it in
 * the calling thread's error word; it is read at the thread's next synchronising call (loss jets,
 * {@link #dot}, {@link #download}), which throws the exception the CPU backend would have thrown.
 *
 * <p>Errors: every CUDA, cuBLAS and NVRTC status other than success becomes a {@link CudaException}
 * naming the call.
 */
public final class CudaBackend implements Backend {
    private static final int THREADS = 256;
    private static final int MAX_BLOCKS = 65535;
    private static final int WARP = 32;
    private static final int ROW_GROUPS = 8;

    private static CudaBackend instance;

    private final Device device;
    private final DeviceMemory memory;
    private final ThreadLocal<ThreadState> threads;
    private final String description;

    /**
     * @param device the device every operation runs on
     * @throws CudaException when attaching the calling thread fails
     */
    CudaBackend(Device device) {
        this.device = device;
        this.memory = new DeviceMemory(device);
        this.threads = ThreadLocal.withInitial(() -> new ThreadState(device, memory));
        this.description = "cuda (" + device.details() + ")";
        threads.get();
    }

    /**
     * Whether this machine can run the CUDA backend, decided once per process (the native libraries
     * load and a device is present).
     *
     * @return null when it can, otherwise one line saying why not
     */
    public static String unavailableReason() {
        return Availability.unavailableReason();
    }

    /** @return whether {@link #get()} can create the backend here */
    public static boolean isAvailable() {
        return unavailableReason() == null;
    }

    /**
     * The process-wide CUDA backend, created on first use: device 0, its primary context, the
     * kernels compiled with NVRTC.
     *
     * @return the backend
     * @throws IllegalStateException with {@link #unavailableReason()} when CUDA is unavailable
     * @throws CudaException when a CUDA call fails during creation (the kernels do not compile, for one)
     */
    public static synchronized CudaBackend get() {
        if (instance == null) {
            String reason = unavailableReason();
            if (reason != null) {
                throw new IllegalStateException(reason);
            }
            instance = new CudaBackend(new CudaDevice(0));
        }
        return instance;
    }

    @Override
    public String name() {
        return "cuda";
    }

    @Override
    public String description() {
        return description;
    }

    /** @return the device's name, e.g. {@code NVIDIA H100 80GB HBM3} */
    public String deviceName() {
        return device.name();
    }

    /** @return the caching allocator's counters */
    public MemoryStatistics memoryStatistics() {
        return memory.statistics();
    }

    /** Returns the cached (freed but kept) device memory to the driver; synchronises the device. */
    public void releaseCachedMemory() {
        thread();
        memory.trim();
    }

    /**
     * Waits until all work issued so far has finished (for timings), and reports a kernel failure
     * that happened in between.
     *
     * @throws CudaException when the device reports an error
     */
    public void synchronize() {
        thread();
        device.synchronize();
    }

    // ---------------------------------------------------------------- plumbing

    private ThreadState thread() {
        return threads.get();
    }

    private CudaTensor own(Tensor t) {
        if (t instanceof CudaTensor c && c.backend() == this) {
            return c;
        }
        throw new IllegalArgumentException("tensor " + t + " does not belong to the CUDA backend");
    }

    /**
     * @return the device address of element off of t, after checking that count elements from
     *     there lie inside t
     */
    private long range(Tensor t, long off, long count, String what) {
        CudaTensor c = own(Objects.requireNonNull(t, what));
        if (off < 0 || count < 0 || off + count > c.size()) {
            throw new IndexOutOfBoundsException(what + ": elements " + off + " to " + (off + count) + " lie outside "
                    + t + " (" + c.size() + " elements)");
        }
        return c.address(off);
    }

    private static void requireNonNegative(String op, long... sizes) {
        for (long s : sizes) {
            if (s < 0) {
                throw new IllegalArgumentException(op + ": negative size in " + Arrays.toString(sizes));
            }
        }
    }

    private static int blocks(long work, int perBlock) {
        return (int) Math.max(1, Math.min(MAX_BLOCKS, (work + perBlock - 1) / perBlock));
    }

    /** Launches the kernel whose parameters ts.args holds. */
    private void launch(ThreadState ts, int gridX, int gridY, int gridZ, int blockX, int blockY) {
        PointerPointer<?> parameters = ts.args.parameters();
        device.launch(ts.args.kernel(), new int[] {gridX, gridY, gridZ}, new int[] {blockX, blockY}, parameters);
    }

    /** Launches a grid-stride 1-d kernel over work items. */
    private void launch(ThreadState ts, long work) {
        launch(ts, blocks(work, THREADS), 1, 1, THREADS, 1);
    }

    /**
     * Reads the thread's error word and results (synchronising), throwing what the CPU backend
     * throws for the reported input.
     */
    private static double[] finish(ThreadState ts, int results, int classes) {
        double[] r = ts.read(results);
        long code = Double.doubleToRawLongBits(r[0]);
        if (code != 0) {
            throw deviceError(code, Double.doubleToRawLongBits(r[1]), r[2], classes);
        }
        return Arrays.copyOfRange(r, ThreadState.ERROR_WORDS, ThreadState.ERROR_WORDS + results);
    }

    /** The exception for an error word (codes of samsde.cuh). */
    static RuntimeException deviceError(long code, long index, double value, int classes) {
        if (code == 1) {
            return new IllegalArgumentException("label " + value + " of row " + index + " is not a class in 0.." + (classes - 1));
        }
        if (code == 2) {
            return new IllegalArgumentException("binary label " + value + " of row " + index + " is not 0 or 1");
        }
        if (code == 3) {
            return new IndexOutOfBoundsException("max-pool index " + value + " of image " + index
                    + " is not an element of the image (met by maxPoolGather or maxPoolScatter since this thread's last synchronisation)");
        }
        return new IllegalStateException("unknown device error code " + code + " (index " + index + ", value " + value + ")");
    }

    // ---------------------------------------------------------------- memory

    @Override
    public Tensor zeros(int... shape) {
        thread();
        CudaTensor t = new CudaTensor(this, memory, shape);
        long bytes = (long) t.size() * Double.BYTES;
        if (bytes > 0) {
            device.memsetZero(t.address(0), bytes);
        }
        return t;
    }

    @Override
    public void upload(double[] src, int srcOff, Tensor dst, int dstOff, int n) {
        Objects.checkFromIndexSize(srcOff, n, src.length);
        long address = range(dst, dstOff, n, "upload destination");
        ThreadState ts = thread();
        for (int done = 0; done < n; ) {
            int chunk = Math.min(ThreadState.STAGING_LIMIT, n - done);
            DoublePointer host = ts.staging(chunk);
            host.put(src, srcOff + done, chunk);
            device.toDevice(address + (long) done * Double.BYTES, host, (long) chunk * Double.BYTES);
            done += chunk;
        }
    }

    @Override
    public void download(Tensor src, int srcOff, double[] dst, int dstOff, int n) {
        Objects.checkFromIndexSize(dstOff, n, dst.length);
        long address = range(src, srcOff, n, "download source");
        ThreadState ts = thread();
        for (int done = 0; done < n; ) {
            int chunk = Math.min(ThreadState.STAGING_LIMIT, n - done);
            DoublePointer host = ts.staging(chunk);
            device.toHost(host, address + (long) done * Double.BYTES, (long) chunk * Double.BYTES);
            host.get(dst, dstOff + done, chunk);
            done += chunk;
        }
        finish(ts, 0, 0);
    }

    // ---------------------------------------------------------------- BLAS

    /**
     * {@inheritDoc}
     *
     * <p>On the device: k = 0 is a scaling kernel (C ← βC, zeros for β = 0); one output column or
     * row is {@code cublasDgemv}; everything else {@code cublasDgemm} with the operands swapped for
     * cuBLAS's column-major convention. Leading dimensions must be at least the stored row length
     * (IllegalArgumentException otherwise).
     */
    @Override
    public void gemm(boolean transA, boolean transB, int m, int n, int k, double alpha,
                     Tensor a, int aOff, int lda, Tensor b, int bOff, int ldb,
                     double beta, Tensor c, int cOff, int ldc) {
        requireNonNegative("gemm", m, n, k);
        if (m == 0 || n == 0) {
            return;
        }
        requireLeading("C", ldc, n);
        ThreadState ts = thread();
        long cAddr = range(c, cOff, (long) (m - 1) * ldc + n, "gemm C");
        if (k == 0) {
            ts.args.start(Kernel.SCALE_MATRIX).i(m).i(n).i(ldc).d(beta).p(cAddr);
            launch(ts, (long) m * n);
            return;
        }
        int aRows = transA ? k : m;
        int aCols = transA ? m : k;
        int bRows = transB ? n : k;
        int bCols = transB ? k : n;
        requireLeading("A", lda, aCols);
        requireLeading("B", ldb, bCols);
        long pa = range(a, aOff, (long) (aRows - 1) * lda + aCols, "gemm A");
        long pb = range(b, bOff, (long) (bRows - 1) * ldb + bCols, "gemm B");
        if (n == 1) {
            // C[:, 0] (stride ldc) = α·op(A)·x + β·C with x = op(B)[:, 0]; row-major A (m × k) is the
            // column-major k × m matrix Aᵀ, hence a transposed product; stored Aᵀ (k × m) is column-major m × k.
            device.gemv(!transA, transA ? m : k, transA ? k : m, alpha, pa, lda, pb, transB ? 1 : ldb, beta, cAddr, ldc);
        } else if (m == 1) {
            // C[0, :] = α·op(B)ᵀ·x + β·C with x = op(A)[0, :]; row-major B (k × n) is the column-major
            // n × k matrix Bᵀ, which is op(B)ᵀ itself.
            device.gemv(transB, transB ? k : n, transB ? n : k, alpha, pb, ldb, pa, transA ? lda : 1, beta, cAddr, 1);
        } else {
            // Cᵀ = op(B)ᵀ·op(A)ᵀ in column-major terms: the stored B and A, same transposition flags.
            device.gemm(transB, transA, n, m, k, alpha, pb, ldb, pa, lda, beta, cAddr, ldc);
        }
    }

    private static void requireLeading(String which, int ld, int rowLength) {
        if (ld < Math.max(1, rowLength)) {
            throw new IllegalArgumentException("gemm: leading dimension of " + which + " is " + ld
                    + ", less than its row length " + rowLength);
        }
    }

    @Override
    public void axpy(int n, double alpha, Tensor x, int xOff, Tensor y, int yOff) {
        requireNonNegative("axpy", n);
        if (n == 0) {
            return;
        }
        ThreadState ts = thread();
        ts.args.start(Kernel.AXPY).i(n).d(alpha).p(range(x, xOff, n, "axpy x")).p(range(y, yOff, n, "axpy y"));
        launch(ts, n);
    }

    @Override
    public void scale(int n, double alpha, Tensor x, int xOff) {
        requireNonNegative("scale", n);
        if (n == 0) {
            return;
        }
        ThreadState ts = thread();
        ts.args.start(Kernel.SCALE).i(n).d(alpha).p(range(x, xOff, n, "scale x"));
        launch(ts, n);
    }

    @Override
    public double dot(int n, Tensor x, int xOff, Tensor y, int yOff) {
        requireNonNegative("dot", n);
        if (n == 0) {
            return 0.0;
        }
        ThreadState ts = thread();
        long px = range(x, xOff, n, "dot x");
        long py = range(y, yOff, n, "dot y");
        int parts = Math.min(1024, blocks(n, THREADS));
        long partial = memory.allocate((long) parts * Double.BYTES);
        try {
            ts.args.start(Kernel.DOT_PARTIALS).i(n).p(px).p(py).p(partial);
            launch(ts, parts, 1, 1, THREADS, 1);
            ts.args.start(Kernel.SEGMENT_SUMS).i(1).i(parts).p(partial).p(ts.results(1));
            launch(ts, 1, 1, 1, THREADS, 1);
            return finish(ts, 1, 0)[0];
        } finally {
            memory.release(partial, (long) parts * Double.BYTES);
        }
    }

    @Override
    public void copy(int n, Tensor src, int srcOff, Tensor dst, int dstOff) {
        requireNonNegative("copy", n);
        if (n == 0) {
            return;
        }
        thread();
        long from = range(src, srcOff, n, "copy source");
        long to = range(dst, dstOff, n, "copy destination");
        device.deviceCopy(to, from, (long) n * Double.BYTES);
    }

    @Override
    public void fill(int n, double value, Tensor x, int xOff) {
        requireNonNegative("fill", n);
        if (n == 0) {
            return;
        }
        ThreadState ts = thread();
        ts.args.start(Kernel.FILL).i(n).d(value).p(range(x, xOff, n, "fill x"));
        launch(ts, n);
    }

    // ---------------------------------------------------------------- broadcasting and gathering

    @Override
    public void addRowVector(int rows, int cols, double alpha, Tensor v, int vOff, Tensor c, int cOff) {
        requireNonNegative("addRowVector", rows, cols);
        long n = (long) rows * cols;
        if (n == 0) {
            return;
        }
        ThreadState ts = thread();
        ts.args.start(Kernel.ADD_ROW_VECTOR).i(rows).i(cols).d(alpha)
                .p(range(v, vOff, cols, "addRowVector v")).p(range(c, cOff, n, "addRowVector C"));
        launch(ts, n);
    }

    @Override
    public void sumRows(int rows, int cols, Tensor a, int aOff, double beta, Tensor out, int outOff) {
        requireNonNegative("sumRows", rows, cols);
        if (cols == 0) {
            return;
        }
        ThreadState ts = thread();
        ts.args.start(Kernel.SUM_ROWS).i(rows).i(cols).p(range(a, aOff, (long) rows * cols, "sumRows A")).d(beta)
                .p(range(out, outOff, cols, "sumRows out"));
        launch(ts, blocks(cols, WARP), 1, 1, WARP, ROW_GROUPS);
    }

    @Override
    public void gatherRows(int cols, Tensor src, int[] index, int from, int count, Tensor dst, int dstOff) {
        requireNonNegative("gatherRows", cols, count);
        Objects.checkFromIndexSize(from, count, index.length);
        if (count == 0 || cols == 0) {
            return;
        }
        int srcRows = own(src).size() / cols;
        long[] rows = new long[count];
        for (int i = 0; i < count; i++) {
            int r = index[from + i];
            if (r < 0 || r >= srcRows) {
                throw new IndexOutOfBoundsException("row " + r + " outside 0.." + (srcRows - 1));
            }
            rows[i] = r;
        }
        long pSrc = range(src, 0, (long) srcRows * cols, "gatherRows source");
        long pDst = range(dst, dstOff, (long) count * cols, "gatherRows destination");
        ThreadState ts = thread();
        long bytes = (long) count * Long.BYTES;
        long deviceIndex = memory.allocate(bytes);
        try {
            for (int done = 0; done < count; ) {
                int chunk = Math.min(ThreadState.STAGING_LIMIT, count - done);
                LongPointer host = ts.longStaging(chunk);
                host.put(rows, done, chunk);
                device.toDevice(deviceIndex + (long) done * Long.BYTES, host, (long) chunk * Long.BYTES);
                done += chunk;
            }
            ts.args.start(Kernel.GATHER_ROWS).i(count).i(cols).p(pSrc).p(deviceIndex).p(pDst);
            launch(ts, (long) count * cols);
        } finally {
            memory.release(deviceIndex, bytes);
        }
    }

    // ---------------------------------------------------------------- images (channels-last)

    private static void requireUnpadded(Window2d window, String op) {
        if (window.padding() != 0) {
            throw new IllegalArgumentException(op + " takes no padding, got " + window);
        }
    }

    /** Adds the window geometry (height, width, channels, kernel, stride) to the launch. */
    private static KernelArgs geometry(KernelArgs args, Window2d w) {
        return args.i(w.height()).i(w.width()).i(w.channels()).i(w.kernelH()).i(w.kernelW()).i(w.stride());
    }

    @Override
    public void im2col(Window2d window, int images, Tensor src, int srcOff, Tensor dst, int dstOff) {
        requireNonNegative("im2col", images);
        long out = (long) images * window.positions() * window.patchSize();
        if (out == 0) {
            return;
        }
        ThreadState ts = thread();
        geometry(ts.args.start(Kernel.IM2COL).i(images), window).i(window.padding())
                .p(range(src, srcOff, (long) images * window.imageSize(), "im2col source"))
                .p(range(dst, dstOff, out, "im2col destination"));
        launch(ts, out);
    }

    @Override
    public void col2im(Window2d window, int images, Tensor src, int srcOff, Tensor dst, int dstOff) {
        requireNonNegative("col2im", images);
        long out = (long) images * window.imageSize();
        if (out == 0) {
            return;
        }
        ThreadState ts = thread();
        geometry(ts.args.start(Kernel.COL2IM).i(images), window).i(window.padding())
                .p(range(src, srcOff, (long) images * window.positions() * window.patchSize(), "col2im source"))
                .p(range(dst, dstOff, out, "col2im destination"));
        launch(ts, out);
    }

    @Override
    public void avgPool(Window2d window, int images, Tensor src, int srcOff, Tensor dst, int dstOff) {
        requireUnpadded(window, "average pooling");
        pool(Kernel.AVG_POOL, window, images, src, srcOff, (long) images * window.imageSize(), dst, dstOff,
                (long) images * window.pooledSize());
    }

    @Override
    public void avgPoolBackward(Window2d window, int images, Tensor src, int srcOff, Tensor dst, int dstOff) {
        requireUnpadded(window, "average pooling");
        pool(Kernel.AVG_POOL_BACKWARD, window, images, src, srcOff, (long) images * window.pooledSize(), dst, dstOff,
                (long) images * window.imageSize());
    }

    private void pool(Kernel k, Window2d window, int images, Tensor src, int srcOff, long srcCount,
                      Tensor dst, int dstOff, long dstCount) {
        requireNonNegative(k.symbol(), images);
        if (dstCount == 0) {
            return;
        }
        ThreadState ts = thread();
        geometry(ts.args.start(k).i(images), window)
                .p(range(src, srcOff, srcCount, "pooling source")).p(range(dst, dstOff, dstCount, "pooling destination"));
        launch(ts, dstCount);
    }

    @Override
    public void maxPool(Window2d window, int images, Tensor src, int srcOff, Tensor dst, int dstOff, Tensor argmax, int argmaxOff) {
        requireUnpadded(window, "max pooling");
        requireNonNegative("maxPool", images);
        long out = (long) images * window.pooledSize();
        if (out == 0) {
            return;
        }
        ThreadState ts = thread();
        geometry(ts.args.start(Kernel.MAX_POOL).i(images), window)
                .p(range(src, srcOff, (long) images * window.imageSize(), "maxPool source"))
                .p(range(dst, dstOff, out, "maxPool destination"))
                .p(range(argmax, argmaxOff, out, "maxPool argmax"));
        launch(ts, out);
    }

    @Override
    public void maxPoolGather(Window2d window, int blocks, int images, Tensor argmax, int argmaxOff,
                              Tensor src, int srcOff, Tensor dst, int dstOff) {
        requireUnpadded(window, "max pooling");
        requireNonNegative("maxPoolGather", blocks, images);
        long planes = (long) blocks * images;
        if (planes == 0) {
            return;
        }
        ThreadState ts = thread();
        ts.args.start(Kernel.MAX_POOL_GATHER).i(blocks).i(images).i(window.imageSize()).i(window.pooledSize())
                .p(range(argmax, argmaxOff, (long) images * window.pooledSize(), "maxPoolGather argmax"))
                .p(range(src, srcOff, planes * window.imageSize(), "maxPoolGather source"))
                .p(range(dst, dstOff, planes * window.pooledSize(), "maxPoolGather destination"))
                .p(ts.errorWord());
        launch(ts, planes * window.pooledSize());
    }

    @Override
    public void maxPoolScatter(Window2d window, int blocks, int images, Tensor argmax, int argmaxOff,
                               Tensor src, int srcOff, Tensor dst, int dstOff) {
        requireUnpadded(window, "max pooling");
        requireNonNegative("maxPoolScatter", blocks, images);
        long planes = (long) blocks * images;
        if (planes == 0) {
            return;
        }
        ThreadState ts = thread();
        geometry(ts.args.start(Kernel.MAX_POOL_SCATTER).i(blocks).i(images), window)
                .p(range(argmax, argmaxOff, (long) images * window.pooledSize(), "maxPoolScatter argmax"))
                .p(range(src, srcOff, planes * window.pooledSize(), "maxPoolScatter source"))
                .p(range(dst, dstOff, planes * window.imageSize(), "maxPoolScatter destination"))
                .p(ts.errorWord());
        launch(ts, planes * window.imageSize());
    }

    @Override
    public void transposeBatch(int count, int rows, int cols, Tensor src, int srcOff, Tensor dst, int dstOff) {
        requireNonNegative("transposeBatch", count, rows, cols);
        long n = (long) count * rows * cols;
        if (n == 0) {
            return;
        }
        ThreadState ts = thread();
        ts.args.start(Kernel.TRANSPOSE_BATCH).i(count).i(rows).i(cols)
                .p(range(src, srcOff, n, "transposeBatch source")).p(range(dst, dstOff, n, "transposeBatch destination"));
        launch(ts, blocks(cols, WARP), blocks(rows, WARP), Math.min(count, MAX_BLOCKS), WARP, ROW_GROUPS);
    }

    // ---------------------------------------------------------------- jets

    /** The activation codes of samsde.cuh. */
    private static int code(Activation act) {
        return switch (act) {
            case IDENTITY -> 0;
            case TANH -> 1;
            case SIGMOID -> 2;
            case SOFTPLUS -> 3;
            case GELU -> 4;
            case RELU -> 5;
        };
    }

    /** The direction count a kernel loops over: 0 for a plain value. */
    private static int directions(JetLayout layout) {
        return layout.order() == 0 ? 0 : layout.directions();
    }

    @Override
    public void activationJet(Activation act, JetLayout layout, int blockSize,
                              Tensor z, int zOff, Tensor a, int aOff, Tensor d, int dOff) {
        requireNonNegative("activationJet", blockSize);
        long n = (long) layout.blocks() * blockSize;
        if (n == 0) {
            return;
        }
        ThreadState ts = thread();
        ts.args.start(Kernel.ACTIVATION_JET).i(code(act)).i(layout.order()).i(directions(layout)).i(blockSize)
                .i(d == null ? 0 : 1)
                .p(range(z, zOff, n, "activationJet z")).p(range(a, aOff, n, "activationJet a"))
                .p(d == null ? 0 : range(d, dOff, n, "activationJet d"));
        launch(ts, blockSize);
    }

    @Override
    public void jetMultiply(JetLayout layout, int blockSize, Tensor a, int aOff, Tensor b, int bOff,
                            Tensor out, int outOff) {
        requireNonNegative("jetMultiply", blockSize);
        long n = (long) layout.blocks() * blockSize;
        if (n == 0) {
            return;
        }
        ThreadState ts = thread();
        ts.args.start(Kernel.JET_MULTIPLY).i(layout.order()).i(directions(layout)).i(blockSize)
                .p(range(a, aOff, n, "jetMultiply a")).p(range(b, bOff, n, "jetMultiply b"))
                .p(range(out, outOff, n, "jetMultiply out"));
        launch(ts, blockSize);
    }

    /**
     * Sums the per-row losses a loss kernel wrote (blocks × rows) per block, reads them back with
     * the error word, and releases the row buffer.
     */
    private double[] lossSums(ThreadState ts, long rowLoss, int blocks, int rows, int classes) {
        try {
            ts.args.start(Kernel.SEGMENT_SUMS).i(blocks).i(rows).p(rowLoss).p(ts.results(blocks));
            launch(ts, Math.min(blocks, MAX_BLOCKS), 1, 1, THREADS, 1);
            return finish(ts, blocks, classes);
        } finally {
            memory.release(rowLoss, (long) blocks * rows * Double.BYTES);
        }
    }

    @Override
    public double[] softmaxCrossEntropyJet(JetLayout layout, int rows, int classes, Tensor logits,
                                           Tensor labels, Tensor rowWeights, Tensor delta) {
        requireNonNegative("softmaxCrossEntropyJet", rows, classes);
        int nb = layout.blocks();
        if (rows == 0) {
            return new double[nb];
        }
        ThreadState ts = thread();
        long n = (long) nb * rows * classes;
        long pz = range(logits, 0, n, "softmaxCrossEntropyJet logits");
        long py = range(labels, 0, rows, "softmaxCrossEntropyJet labels");
        long pw = range(rowWeights, 0, rows, "softmaxCrossEntropyJet row weights");
        long pd = range(delta, 0, n, "softmaxCrossEntropyJet delta");
        ts.results(nb);
        long rowLoss = memory.allocate((long) nb * rows * Double.BYTES);
        ts.args.start(Kernel.SOFTMAX_CROSS_ENTROPY).i(layout.order()).i(directions(layout)).i(rows).i(classes)
                .p(pz).p(py).p(pw).p(pd).p(rowLoss).p(ts.errorWord());
        launch(ts, (long) rows * WARP);
        return lossSums(ts, rowLoss, nb, rows, classes);
    }

    @Override
    public double[] binaryCrossEntropyJet(JetLayout layout, int rows, Tensor logits, Tensor labels,
                                          Tensor rowWeights, Tensor delta) {
        requireNonNegative("binaryCrossEntropyJet", rows);
        int nb = layout.blocks();
        if (rows == 0) {
            return new double[nb];
        }
        ThreadState ts = thread();
        long n = (long) nb * rows;
        long pz = range(logits, 0, n, "binaryCrossEntropyJet logits");
        long py = range(labels, 0, rows, "binaryCrossEntropyJet labels");
        long pw = range(rowWeights, 0, rows, "binaryCrossEntropyJet row weights");
        long pd = range(delta, 0, n, "binaryCrossEntropyJet delta");
        ts.results(nb);
        long rowLoss = memory.allocate(n * Double.BYTES);
        ts.args.start(Kernel.BINARY_CROSS_ENTROPY).i(layout.order()).i(directions(layout)).i(rows)
                .p(pz).p(py).p(pw).p(pd).p(rowLoss).p(ts.errorWord());
        launch(ts, rows);
        return lossSums(ts, rowLoss, nb, rows, 2);
    }

    @Override
    public double[] squaredErrorJet(JetLayout layout, int rows, int width, Tensor predictions, Tensor targets,
                                    Tensor rowWeights, Tensor delta) {
        requireNonNegative("squaredErrorJet", rows, width);
        int nb = layout.blocks();
        if (rows == 0) {
            return new double[nb];
        }
        ThreadState ts = thread();
        long n = (long) nb * rows * width;
        long pp = range(predictions, 0, n, "squaredErrorJet predictions");
        long pt = range(targets, 0, (long) rows * width, "squaredErrorJet targets");
        long pw = range(rowWeights, 0, rows, "squaredErrorJet row weights");
        long pd = range(delta, 0, n, "squaredErrorJet delta");
        ts.results(nb);
        long rowLoss = memory.allocate((long) nb * rows * Double.BYTES);
        ts.args.start(Kernel.SQUARED_ERROR).i(layout.order()).i(directions(layout)).i(rows).i(width)
                .p(pp).p(pt).p(pw).p(pd).p(rowLoss);
        launch(ts, (long) rows * WARP);
        return lossSums(ts, rowLoss, nb, rows, 0);
    }

    @Override
    public String toString() {
        return description;
    }
}
