package org.samsde.core.tensor;

import org.samsde.core.jet.Activation;
import org.samsde.core.jet.JetLayout;

/**
 * The compute-backend SPI: every numerical primitive the models, derivative passes, optimisers
 * and SDE integrators need, on tensors that this backend owns.
 *
 * <p>Conventions, as in BLAS: matrices are row-major views into a tensor given by an element
 * offset and a leading dimension (elements between the starts of consecutive rows); output
 * arguments come last and are the only ones modified. A primitive never allocates its outputs, so
 * callers keep buffers across calls. Host copies happen only through {@link #upload} and
 * {@link #download}.
 *
 * <p>Jet primitives work on stacked Taylor coefficients in a {@link JetLayout}: a jet of
 * {@code layout.blocks()} blocks of {@code blockSize} elements each, block b starting at
 * {@code offset + b·blockSize}.
 *
 * <p>Implementations: {@link CpuBackend} (OpenBLAS through JavaCPP, pure Java fallback) in this
 * module; others are found through {@link BackendProvider} and {@link java.util.ServiceLoader}.
 * A backend is safe for use by several threads at once as long as they write to distinct tensors.
 */
public interface Backend {

    /** @return a short name such as {@code cpu} or {@code cuda} */
    String name();

    /** @return one line describing the implementation (library, device, fallback state) */
    String description();

    // ---------------------------------------------------------------- memory

    /**
     * @param shape the extents
     * @return a new tensor of that shape, filled with zeros
     */
    Tensor zeros(int... shape);

    /**
     * @param data row-major host data of length product(shape); not modified
     * @param shape the extents
     * @return a new tensor holding a copy of data
     */
    default Tensor upload(double[] data, int... shape) {
        Tensor t = zeros(shape);
        if (data.length != t.size()) {
            throw new IllegalArgumentException("data length " + data.length + " does not match shape size " + t.size());
        }
        upload(data, 0, t, 0, data.length);
        return t;
    }

    /**
     * Copies host elements into a tensor.
     *
     * @param src host array; not modified
     * @param srcOff first element of src
     * @param dst destination tensor; modified
     * @param dstOff first element of dst
     * @param n number of elements
     */
    void upload(double[] src, int srcOff, Tensor dst, int dstOff, int n);

    /**
     * Copies tensor elements to the host.
     *
     * @param src source tensor; not modified
     * @param srcOff first element of src
     * @param dst host array; modified
     * @param dstOff first element of dst
     * @param n number of elements
     */
    void download(Tensor src, int srcOff, double[] dst, int dstOff, int n);

    // ---------------------------------------------------------------- BLAS

    /**
     * C ← α·op(A)·op(B) + β·C on row-major views, op(X) = X or Xᵀ. With β = 0, C is overwritten
     * (NaN in C does not propagate).
     *
     * @param transA whether op(A) = Aᵀ
     * @param transB whether op(B) = Bᵀ
     * @param m rows of op(A) and C
     * @param n columns of op(B) and C
     * @param k columns of op(A), rows of op(B)
     * @param alpha scale of the product
     * @param a tensor holding A; not modified
     * @param aOff offset of A's first element
     * @param lda leading dimension of A as stored
     * @param b tensor holding B; not modified
     * @param bOff offset of B's first element
     * @param ldb leading dimension of B as stored
     * @param beta scale of the existing C
     * @param c tensor holding C; modified
     * @param cOff offset of C's first element
     * @param ldc leading dimension of C
     */
    void gemm(boolean transA, boolean transB, int m, int n, int k, double alpha,
              Tensor a, int aOff, int lda, Tensor b, int bOff, int ldb,
              double beta, Tensor c, int cOff, int ldc);

    /**
     * y ← α·x + y.
     *
     * @param n number of elements
     * @param alpha scale
     * @param x source; not modified
     * @param xOff offset in x
     * @param y destination; modified
     * @param yOff offset in y
     */
    void axpy(int n, double alpha, Tensor x, int xOff, Tensor y, int yOff);

    /**
     * x ← α·x.
     *
     * @param n number of elements
     * @param alpha scale
     * @param x tensor; modified
     * @param xOff offset in x
     */
    void scale(int n, double alpha, Tensor x, int xOff);

    /**
     * @param n number of elements
     * @param x first operand; not modified
     * @param xOff offset in x
     * @param y second operand; not modified
     * @param yOff offset in y
     * @return Σᵢ xᵢ·yᵢ
     */
    double dot(int n, Tensor x, int xOff, Tensor y, int yOff);

    /**
     * dst ← src.
     *
     * @param n number of elements
     * @param src source; not modified
     * @param srcOff offset in src
     * @param dst destination; modified (may not overlap src)
     * @param dstOff offset in dst
     */
    void copy(int n, Tensor src, int srcOff, Tensor dst, int dstOff);

    /**
     * x ← value.
     *
     * @param n number of elements
     * @param value the value
     * @param x tensor; modified
     * @param xOff offset in x
     */
    void fill(int n, double value, Tensor x, int xOff);

    // ---------------------------------------------------------------- broadcasting and gathering

    /**
     * C[r, :] ← C[r, :] + α·v for every row r of a rows × cols contiguous matrix.
     *
     * @param rows number of rows
     * @param cols number of columns
     * @param alpha scale of v
     * @param v the row vector (cols elements); not modified
     * @param vOff offset of v
     * @param c the matrix; modified
     * @param cOff offset of C
     */
    void addRowVector(int rows, int cols, double alpha, Tensor v, int vOff, Tensor c, int cOff);

    /**
     * out ← β·out + Σ_r A[r, :] over the rows of a rows × cols contiguous matrix.
     *
     * @param rows number of rows
     * @param cols number of columns
     * @param a the matrix; not modified
     * @param aOff offset of A
     * @param beta scale of the existing out
     * @param out the cols sums; modified
     * @param outOff offset of out
     */
    void sumRows(int rows, int cols, Tensor a, int aOff, double beta, Tensor out, int outOff);

    /**
     * dst[i, :] ← src[index[from + i], :] for i = 0…count−1, rows of cols elements.
     *
     * @param cols row length
     * @param src source matrix; not modified
     * @param index host row indices into src; not modified
     * @param from first index used
     * @param count number of rows gathered
     * @param dst destination (count × cols contiguous); modified
     * @param dstOff offset of dst
     */
    void gatherRows(int cols, Tensor src, int[] index, int from, int count, Tensor dst, int dstOff);

    // ---------------------------------------------------------------- images (channels-last)
    //
    // Each image primitive has a default implementation that round-trips through the host
    // (download, Java loops, upload): correct on every backend, slow. Backends override them.

    /**
     * Image patches as rows (im2col), which turns a 2-d convolution into one matrix product.
     * {@code src} holds {@code images} channels-last images of the {@link Window2d} geometry,
     * consecutively; {@code dst} receives an (images·positions) × patchSize matrix whose row
     * n·positions + oy·outW + ox holds the window (oy, ox) of image n, column
     * (c·kernelH + i)·kernelW + j being pixel (oy·stride − padding + i, ox·stride − padding + j),
     * channel c, of that image, or 0 where it falls in the padding.
     *
     * <p>The column order is that of kernels stored (out, in, kh, kw) row-major: with K such an
     * out × patchSize matrix, col·Kᵀ is the convolution's output, channels-last. The map is linear,
     * so a jet's stacked coefficient blocks are simply more images.
     *
     * @param window the image and window geometry
     * @param images number of images, at least 0
     * @param src the images (images·imageSize elements); not modified
     * @param srcOff offset of the first image
     * @param dst the patch matrix (images·positions·patchSize elements); modified, overwritten
     * @param dstOff offset of the patch matrix
     */
    default void im2col(Window2d window, int images, Tensor src, int srcOff, Tensor dst, int dstOff) {
        HostImages.im2col(this, window, images, src, srcOff, dst, dstOff);
    }

    /**
     * The adjoint of {@link #im2col} (col2im): every image element receives the sum of the patch
     * entries that {@code im2col} copies from it, so that ⟨im2col(x), y⟩ = ⟨x, col2im(y)⟩. It takes
     * the gradient with respect to the patch matrix back to the images.
     *
     * @param window the image and window geometry
     * @param images number of images, at least 0
     * @param src the patch matrix (images·positions·patchSize elements); not modified
     * @param srcOff offset of the patch matrix
     * @param dst the images (images·imageSize elements); modified, overwritten
     * @param dstOff offset of the first image
     */
    default void col2im(Window2d window, int images, Tensor src, int srcOff, Tensor dst, int dstOff) {
        HostImages.col2im(this, window, images, src, srcOff, dst, dstOff);
    }

    /**
     * Average pooling of channels-last images:
     * dst[n, oy, ox, c] = (1/(kernelH·kernelW))·Σ_{i,j} src[n, oy·stride + i, ox·stride + j, c].
     * Linear, so it applies to every coefficient block of a jet alike (blocks are more images).
     *
     * @param window the geometry; its padding must be 0
     * @param images number of images, at least 0
     * @param src the images (images·imageSize elements); not modified
     * @param srcOff offset of the first image
     * @param dst the pooled images (images·pooledSize elements); modified, overwritten
     * @param dstOff offset of the first pooled image
     */
    default void avgPool(Window2d window, int images, Tensor src, int srcOff, Tensor dst, int dstOff) {
        HostImages.avgPool(this, window, images, src, srcOff, dst, dstOff, false);
    }

    /**
     * The adjoint of {@link #avgPool}: every input element receives 1/(kernelH·kernelW) times the
     * sum of the pooled entries whose window covers it.
     *
     * @param window the geometry; its padding must be 0
     * @param images number of images, at least 0
     * @param src the pooled adjoints (images·pooledSize elements); not modified
     * @param srcOff offset of the first pooled image
     * @param dst the image adjoints (images·imageSize elements); modified, overwritten
     * @param dstOff offset of the first image
     */
    default void avgPoolBackward(Window2d window, int images, Tensor src, int srcOff, Tensor dst, int dstOff) {
        HostImages.avgPool(this, window, images, src, srcOff, dst, dstOff, true);
    }

    /**
     * Max pooling of channels-last images, recording where each maximum is:
     * dst[n, oy, ox, c] = src[n, a] with a = argmax[n, oy, ox, c] the element index, within image
     * n, of the largest entry of the window (the first in window order i, then j, on ties; NaN
     * entries are never chosen unless the whole window is NaN).
     *
     * <p>On jets max pooling is piecewise: away from ties the argmax of the value is locally
     * constant, so every Taylor coefficient is taken at that element ({@link #maxPoolGather}) and
     * the adjoint goes back to it ({@link #maxPoolScatter}); exact except where two window entries
     * of the value are equal.
     *
     * @param window the geometry; its padding must be 0
     * @param images number of images, at least 0
     * @param src the images (images·imageSize elements); not modified
     * @param srcOff offset of the first image
     * @param dst the pooled images (images·pooledSize elements); modified, overwritten
     * @param dstOff offset of the first pooled image
     * @param argmax the element indices within each image, as exact doubles (images·pooledSize
     *     elements); modified, overwritten
     * @param argmaxOff offset of the indices
     */
    default void maxPool(Window2d window, int images, Tensor src, int srcOff, Tensor dst, int dstOff, Tensor argmax, int argmaxOff) {
        HostImages.maxPool(this, window, images, src, srcOff, dst, dstOff, argmax, argmaxOff);
    }

    /**
     * The jet of max pooling on coefficient blocks that share the value's argmax: for block
     * b &lt; blocks, image n &lt; images and pooled element e,
     * dst[(b·images + n)·pooledSize + e] = src[(b·images + n)·imageSize + argmax[n·pooledSize + e]].
     *
     * @param window the geometry the indices came from ({@link #maxPool})
     * @param blocks number of coefficient blocks, at least 0
     * @param images images per block, at least 0
     * @param argmax the indices from {@link #maxPool} (images·pooledSize elements); not modified
     * @param argmaxOff offset of the indices
     * @param src the blocks of images (blocks·images·imageSize elements); not modified
     * @param srcOff offset of the first block
     * @param dst the blocks of pooled images (blocks·images·pooledSize elements); modified,
     *     overwritten
     * @param dstOff offset of the first pooled block
     */
    default void maxPoolGather(Window2d window, int blocks, int images, Tensor argmax, int argmaxOff,
                               Tensor src, int srcOff, Tensor dst, int dstOff) {
        HostImages.maxPoolIndexed(this, window, blocks, images, argmax, argmaxOff, src, srcOff, dst, dstOff, false);
    }

    /**
     * The adjoint of {@link #maxPoolGather}: every image element of block b receives the sum of
     * the pooled entries of block b whose argmax it is (0 elsewhere).
     *
     * @param window the geometry the indices came from ({@link #maxPool})
     * @param blocks number of coefficient blocks, at least 0
     * @param images images per block, at least 0
     * @param argmax the indices from {@link #maxPool} (images·pooledSize elements); not modified
     * @param argmaxOff offset of the indices
     * @param src the pooled adjoints (blocks·images·pooledSize elements); not modified
     * @param srcOff offset of the first pooled block
     * @param dst the image adjoints (blocks·images·imageSize elements); modified, overwritten
     * @param dstOff offset of the first block
     */
    default void maxPoolScatter(Window2d window, int blocks, int images, Tensor argmax, int argmaxOff,
                                Tensor src, int srcOff, Tensor dst, int dstOff) {
        HostImages.maxPoolIndexed(this, window, blocks, images, argmax, argmaxOff, src, srcOff, dst, dstOff, true);
    }

    /**
     * Transposes consecutive matrices: for m &lt; count, dst_m = src_mᵀ, where src_m is the
     * contiguous rows × cols matrix at srcOff + m·rows·cols and dst_m the cols × rows matrix at
     * dstOff + m·rows·cols. Flattening channels-last images into channel-first (C, H, W) order is
     * {@code transposeBatch(images, H·W, C, ...)}, and its adjoint {@code transposeBatch(images, C, H·W, ...)}.
     *
     * @param count number of matrices, at least 0
     * @param rows rows of each source matrix
     * @param cols columns of each source matrix
     * @param src the source matrices; not modified
     * @param srcOff offset of the first source matrix
     * @param dst the transposed matrices; modified (may not overlap src)
     * @param dstOff offset of the first transposed matrix
     */
    default void transposeBatch(int count, int rows, int cols, Tensor src, int srcOff, Tensor dst, int dstOff) {
        HostImages.transposeBatch(this, count, rows, cols, src, srcOff, dst, dstOff);
    }

    // ---------------------------------------------------------------- jets

    /**
     * Pushes a jet through an elementwise activation: a = φ(z) and d = φ′(z), both as jets of the
     * same layout. Coefficientwise (Faà di Bruno), per direction:
     * a₁ = φ′z₁, a₂ = φ′z₂ + ½φ″z₁², a₃ = φ′z₃ + φ″z₁z₂ + ⅙φ‴z₁³, and d likewise with φ′ in
     * place of φ.
     *
     * @param act the activation
     * @param layout the jet layout
     * @param blockSize elements per block
     * @param z the input jet; not modified
     * @param zOff offset of z
     * @param a the output jet φ(z); modified
     * @param aOff offset of a
     * @param d the output jet φ′(z), or null when not needed; modified
     * @param dOff offset of d
     */
    void activationJet(Activation act, JetLayout layout, int blockSize,
                       Tensor z, int zOff, Tensor a, int aOff, Tensor d, int dOff);

    /**
     * Elementwise Cauchy product of two jets of the same layout, per direction:
     * out_k = Σ_{i=0..k} a_i ⊙ b_{k−i}.
     *
     * @param layout the jet layout
     * @param blockSize elements per block
     * @param a first jet; not modified
     * @param aOff offset of a
     * @param b second jet; not modified
     * @param bOff offset of b
     * @param out product jet; modified (must not overlap a or b)
     * @param outOff offset of out
     */
    void jetMultiply(JetLayout layout, int blockSize, Tensor a, int aOff, Tensor b, int bOff,
                     Tensor out, int outOff);

    /**
     * Softmax cross-entropy on a jet of logits. For each row r with class label y_r and row
     * weight w_r, the loss ℓ_r = logsumexp(z_r) − z_r[y_r] is expanded as a jet; the result is
     * Σ_r w_r·ℓ_r per block, and delta receives the jet of ∂(Σ_r w_r ℓ_r)/∂z = w_r·(softmax(z_r) − e_{y_r}).
     *
     * @param layout the jet layout
     * @param rows number of rows (samples)
     * @param classes number of logits per row
     * @param logits the logits jet (blocks of rows × classes); not modified
     * @param labels class indices as doubles (rows); not modified
     * @param rowWeights w_r (rows); not modified
     * @param delta the gradient jet, same layout as logits; modified
     * @return the loss jet, one sum per block
     */
    double[] softmaxCrossEntropyJet(JetLayout layout, int rows, int classes, Tensor logits,
                                    Tensor labels, Tensor rowWeights, Tensor delta);

    /**
     * Binary cross-entropy on a jet of single logits: ℓ_r = log(1 + e^{z_r}) − y_r·z_r with
     * y_r ∈ {0, 1}; delta receives w_r·(σ(z_r) − y_r) as a jet.
     *
     * @param layout the jet layout
     * @param rows number of rows
     * @param logits the logits jet (blocks of rows × 1); not modified
     * @param labels the labels 0 or 1 (rows); not modified
     * @param rowWeights w_r (rows); not modified
     * @param delta the gradient jet; modified
     * @return the loss jet, one sum per block
     */
    double[] binaryCrossEntropyJet(JetLayout layout, int rows, Tensor logits, Tensor labels,
                                   Tensor rowWeights, Tensor delta);

    /**
     * Squared error on a jet of predictions: ℓ_r = ½‖ŷ_r − y_r‖²; delta receives w_r·(ŷ_r − y_r)
     * as a jet.
     *
     * @param layout the jet layout
     * @param rows number of rows
     * @param width outputs per row
     * @param predictions the prediction jet (blocks of rows × width); not modified
     * @param targets the targets (rows × width); not modified
     * @param rowWeights w_r (rows); not modified
     * @param delta the gradient jet; modified
     * @return the loss jet, one sum per block
     */
    double[] squaredErrorJet(JetLayout layout, int rows, int width, Tensor predictions, Tensor targets,
                             Tensor rowWeights, Tensor delta);
}
