package org.samsde.core.tensor;

import java.nio.DoubleBuffer;

/**
 * The default implementations of the image primitives of {@link Backend}: a round trip through
 * the host (download the source, run the {@link CpuJets} loops on Java arrays, upload the result).
 * Correct on every backend and slow; a backend overrides them with device code ({@link CpuBackend}
 * runs the same loops on its own buffers without the copies).
 */
final class HostImages {
    private HostImages() {
    }

    private static DoubleBuffer download(Backend b, Tensor t, int off, int n) {
        double[] host = new double[n];
        b.download(t, off, host, 0, n);
        return DoubleBuffer.wrap(host);
    }

    private static void upload(Backend b, DoubleBuffer host, Tensor t, int off) {
        b.upload(host.array(), 0, t, off, host.capacity());
    }

    static void im2col(Backend b, Window2d w, int images, Tensor src, int srcOff, Tensor dst, int dstOff) {
        DoubleBuffer out = DoubleBuffer.allocate(images * w.positions() * w.patchSize());
        CpuJets.im2col(w, images, download(b, src, srcOff, images * w.imageSize()), 0, out, 0);
        upload(b, out, dst, dstOff);
    }

    static void col2im(Backend b, Window2d w, int images, Tensor src, int srcOff, Tensor dst, int dstOff) {
        DoubleBuffer out = DoubleBuffer.allocate(images * w.imageSize());
        CpuJets.col2im(w, images, download(b, src, srcOff, images * w.positions() * w.patchSize()), 0, out, 0);
        upload(b, out, dst, dstOff);
    }

    static void avgPool(Backend b, Window2d w, int images, Tensor src, int srcOff, Tensor dst, int dstOff, boolean adjoint) {
        requireUnpadded(w, "average pooling");
        int in = adjoint ? w.pooledSize() : w.imageSize();
        int out = adjoint ? w.imageSize() : w.pooledSize();
        DoubleBuffer result = DoubleBuffer.allocate(images * out);
        CpuJets.avgPool(w, images, download(b, src, srcOff, images * in), 0, result, 0, adjoint);
        upload(b, result, dst, dstOff);
    }

    static void maxPool(Backend b, Window2d w, int images, Tensor src, int srcOff, Tensor dst, int dstOff,
                        Tensor argmax, int argOff) {
        requireUnpadded(w, "max pooling");
        DoubleBuffer out = DoubleBuffer.allocate(images * w.pooledSize());
        DoubleBuffer arg = DoubleBuffer.allocate(images * w.pooledSize());
        CpuJets.maxPool(w, images, download(b, src, srcOff, images * w.imageSize()), 0, out, 0, arg, 0);
        upload(b, out, dst, dstOff);
        upload(b, arg, argmax, argOff);
    }

    static void maxPoolIndexed(Backend b, Window2d w, int blocks, int images, Tensor argmax, int argOff,
                               Tensor src, int srcOff, Tensor dst, int dstOff, boolean adjoint) {
        requireUnpadded(w, "max pooling");
        int in = adjoint ? w.pooledSize() : w.imageSize();
        int out = adjoint ? w.imageSize() : w.pooledSize();
        DoubleBuffer result = DoubleBuffer.allocate(blocks * images * out);
        CpuJets.maxPoolIndexed(w, blocks, images, download(b, argmax, argOff, images * w.pooledSize()), 0,
                download(b, src, srcOff, blocks * images * in), 0, result, 0, adjoint);
        upload(b, result, dst, dstOff);
    }

    static void transposeBatch(Backend b, int count, int rows, int cols, Tensor src, int srcOff, Tensor dst, int dstOff) {
        DoubleBuffer out = DoubleBuffer.allocate(count * rows * cols);
        CpuJets.transposeBatch(count, rows, cols, download(b, src, srcOff, count * rows * cols), 0, out, 0);
        upload(b, out, dst, dstOff);
    }

    /** Pooling windows take no padding. */
    static void requireUnpadded(Window2d window, String op) {
        if (window.padding() != 0) {
            throw new IllegalArgumentException(op + " takes no padding, got " + window);
        }
    }
}
