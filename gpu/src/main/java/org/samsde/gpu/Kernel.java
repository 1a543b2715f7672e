package org.samsde.gpu;

/**
 * Every kernel entry point the backend launches, with its file and its parameter list: one letter
 * per parameter, {@code I} a 64-bit integer ({@code long long}), {@code D} a double, {@code P} a
 * device pointer. {@link KernelArgs} checks every launch against the list; a test checks the
 * lists against the PTX that nvcc produces from the sources.
 */
enum Kernel {
    /** x ← value. */
    FILL(KernelSource.ELEMENTWISE, "samsde_fill", "IDP"),
    /** y ← αx + y. */
    AXPY(KernelSource.ELEMENTWISE, "samsde_axpy", "IDPP"),
    /** x ← αx. */
    SCALE(KernelSource.ELEMENTWISE, "samsde_scale", "IDP"),
    /** C ← βC on a strided view (β = 0 writes zeros). */
    SCALE_MATRIX(KernelSource.ELEMENTWISE, "samsde_scale_matrix", "IIIDP"),
    /** C[r, :] += αv. */
    ADD_ROW_VECTOR(KernelSource.ELEMENTWISE, "samsde_add_row_vector", "IIDPP"),
    /** out ← Σ_r A[r, :] (+ β out). */
    SUM_ROWS(KernelSource.ELEMENTWISE, "samsde_sum_rows", "IIPDP"),
    /** dst[i, :] ← src[index[i], :]. */
    GATHER_ROWS(KernelSource.ELEMENTWISE, "samsde_gather_rows", "IIPPP"),
    /** per-block partial dot products. */
    DOT_PARTIALS(KernelSource.REDUCE, "samsde_dot_partials", "IPPP"),
    /** sums of consecutive segments. */
    SEGMENT_SUMS(KernelSource.REDUCE, "samsde_segment_sums", "IIPP"),
    /** image patches as rows. */
    IM2COL(KernelSource.IMAGES, "samsde_im2col", "IIIIIIIIPP"),
    /** the adjoint of im2col. */
    COL2IM(KernelSource.IMAGES, "samsde_col2im", "IIIIIIIIPP"),
    /** average pooling. */
    AVG_POOL(KernelSource.IMAGES, "samsde_avg_pool", "IIIIIIIPP"),
    /** the adjoint of average pooling. */
    AVG_POOL_BACKWARD(KernelSource.IMAGES, "samsde_avg_pool_backward", "IIIIIIIPP"),
    /** max pooling with argmax. */
    MAX_POOL(KernelSource.IMAGES, "samsde_max_pool", "IIIIIIIPPP"),
    /** coefficient blocks at the argmax. */
    MAX_POOL_GATHER(KernelSource.IMAGES, "samsde_max_pool_gather", "IIIIPPPP"),
    /** the adjoint of the gather. */
    MAX_POOL_SCATTER(KernelSource.IMAGES, "samsde_max_pool_scatter", "IIIIIIIIPPPP"),
    /** batched transposes. */
    TRANSPOSE_BATCH(KernelSource.IMAGES, "samsde_transpose_batch", "IIIPP"),
    /** φ(z) and φ′(z) as jets. */
    ACTIVATION_JET(KernelSource.JETS, "samsde_activation_jet", "IIIIIPPP"),
    /** the Cauchy product of jets. */
    JET_MULTIPLY(KernelSource.JETS, "samsde_jet_multiply", "IIIPPP"),
    /** softmax cross-entropy jets, per row. */
    SOFTMAX_CROSS_ENTROPY(KernelSource.LOSSES, "samsde_softmax_cross_entropy", "IIIIPPPPPP"),
    /** binary cross-entropy jets, per row. */
    BINARY_CROSS_ENTROPY(KernelSource.LOSSES, "samsde_binary_cross_entropy", "IIIPPPPPP"),
    /** squared-error jets, per row. */
    SQUARED_ERROR(KernelSource.LOSSES, "samsde_squared_error", "IIIIPPPPP");

    private final KernelSource source;
    private final String symbol;
    private final String signature;

    Kernel(KernelSource source, String symbol, String signature) {
        this.source = source;
        this.symbol = symbol;
        this.signature = signature;
    }

    /** @return the file defining the kernel */
    KernelSource source() {
        return source;
    }

    /** @return the extern "C" name of the entry point */
    String symbol() {
        return symbol;
    }

    /** @return one letter per parameter: I (long long), D (double), P (pointer) */
    String signature() {
        return signature;
    }
}
