package org.samsde.core.model;

/**
 * One layer of a {@link Cnn}, as written in a {@code cnn:} model specification.
 *
 * <p>Grammar of a layer token (case-insensitive, no spaces):
 * <ul>
 *   <li>{@code c<OUT>k<K>[x<K2>][s<S>][p<P>]}: {@link Conv}, OUT output channels, a K × K kernel
 *       (K × K2 with {@code x}), stride S (default 1), P zero pixels of padding on every side
 *       (default 0); e.g. {@code c16k3p1}, {@code c32k5s2p2}, {@code c8k3x5};</li>
 *   <li>{@code avg<K>[s<S>]} and {@code max<K>[s<S>]}: {@link Pool}, average or max pooling over
 *       K × K windows with stride S (default K, non-overlapping); e.g. {@code avg2}, {@code max3s2};</li>
 *   <li>{@code d<OUT>}: {@link Dense}, a fully connected layer with OUT outputs; the first dense
 *       layer flattens its input in (C, H, W) order.</li>
 * </ul>
 */
public sealed interface CnnLayer {

    /** @return the layer's token in the specification grammar, e.g. {@code c16k3p1} */
    String token();

    /** @return whether the layer has parameters (a kernel or weight matrix and a bias) */
    boolean hasParameters();

    /**
     * A 2-d convolution with bias: z[o, y, x] = b[o] + Σ_{c,i,j} K[o, c, i, j]·h[c, y·s − p + i, x·s − p + j],
     * h zero outside the image. Parameters: K (out, in, kh, kw) row-major, then b (out).
     *
     * @param channels output channels, at least 1
     * @param kernelH kernel rows, at least 1
     * @param kernelW kernel columns, at least 1
     * @param stride step between output pixels, at least 1
     * @param padding zero pixels on every side, at least 0
     */
    record Conv(int channels, int kernelH, int kernelW, int stride, int padding) implements CnnLayer {
        /**
         * Validates the extents. @throws IllegalArgumentException naming the layer when one is out of range.
         *
         * @param channels output channels, at least 1
         * @param kernelH kernel rows, at least 1
         * @param kernelW kernel columns, at least 1
         * @param stride step between output pixels, at least 1
         * @param padding zero pixels on every side, at least 0
         */
        public Conv {
            if (channels < 1 || kernelH < 1 || kernelW < 1 || stride < 1 || padding < 0) {
                throw new IllegalArgumentException("convolution c" + channels + "k" + kernelH + "x" + kernelW + "s" + stride + "p"
                        + padding + ": channels, kernel and stride must be positive, padding at least 0");
            }
        }

        @Override
        public String token() {
            return "c" + channels + "k" + kernelH + (kernelW == kernelH ? "" : "x" + kernelW)
                    + (stride == 1 ? "" : "s" + stride) + (padding == 0 ? "" : "p" + padding);
        }

        @Override
        public boolean hasParameters() {
            return true;
        }
    }

    /** The two pooling kinds. */
    enum PoolKind {
        /** The mean of the window: linear, smooth. */
        AVERAGE("avg"),
        /** The largest entry of the window: piecewise linear, its derivatives follow the argmax. */
        MAX("max");

        private final String prefix;

        PoolKind(String prefix) {
            this.prefix = prefix;
        }

        /** @return the token prefix, {@code avg} or {@code max} */
        public String prefix() {
            return prefix;
        }
    }

    /**
     * Pooling over windows of each channel, without padding; output extents rounded down.
     *
     * @param kind average or max
     * @param size window extent in both directions, at least 1
     * @param stride step between windows, at least 1
     */
    record Pool(PoolKind kind, int size, int stride) implements CnnLayer {
        /**
         * Validates the extents. @throws IllegalArgumentException naming the layer when one is out of range.
         *
         * @param kind average or max
         * @param size window extent in both directions, at least 1
         * @param stride step between windows, at least 1
         */
        public Pool {
            if (kind == null || size < 1 || stride < 1) {
                throw new IllegalArgumentException("pooling " + kind + " " + size + "s" + stride + ": size and stride must be positive");
            }
        }

        @Override
        public String token() {
            return kind.prefix() + size + (stride == size ? "" : "s" + stride);
        }

        @Override
        public boolean hasParameters() {
            return false;
        }
    }

    /**
     * A fully connected layer z = W·h + b on the flattened input. Parameters: W (out × in)
     * row-major, then b (out).
     *
     * @param width outputs, at least 1
     */
    record Dense(int width) implements CnnLayer {
        /**
         * Validates the width. @throws IllegalArgumentException when it is not positive.
         *
         * @param width outputs, at least 1
         */
        public Dense {
            if (width < 1) {
                throw new IllegalArgumentException("dense layer d" + width + ": width must be positive");
            }
        }

        @Override
        public String token() {
            return "d" + width;
        }

        @Override
        public boolean hasParameters() {
            return true;
        }
    }
}
