package org.samsde.core.tensor;

/**
 * A sliding window over channels-last images: the geometry shared by the convolution and pooling
 * primitives of {@link Backend}.
 *
 * <p>An image is {@code height × width × channels}, row-major with the channel fastest (NHWC for a
 * stack of images), so that element (y, x, c) sits at {@code (y·width + x)·channels + c}. The
 * window of {@code kernelH × kernelW} pixels moves by {@code stride} in both directions over the
 * image padded with {@code padding} zero pixels on every side; window (oy, ox) covers the padded
 * pixels y = oy·stride − padding + i, x = ox·stride − padding + j for i &lt; kernelH, j &lt; kernelW.
 * Output extents are rounded down, as in PyTorch:
 * outH = ⌊(height + 2·padding − kernelH)/stride⌋ + 1, and likewise outW.
 *
 * @param height image rows, at least 1
 * @param width image columns, at least 1
 * @param channels channels per pixel, at least 1
 * @param kernelH window rows, at least 1
 * @param kernelW window columns, at least 1
 * @param stride step between windows, at least 1
 * @param padding zero pixels added on each side, at least 0
 */
public record Window2d(int height, int width, int channels, int kernelH, int kernelW, int stride, int padding) {

    /**
     * Validates the extents. * @throws IllegalArgumentException naming the window when an extent is out of range or the window does not fit the padded image.
     *
     * @param height image rows, at least 1
     * @param width image columns, at least 1
     * @param channels channels per pixel, at least 1
     * @param kernelH window rows, at least 1
     * @param kernelW window columns, at least 1
     * @param stride step between windows, at least 1
     * @param padding zero pixels added on each side, at least 0
     */
    public Window2d {
        if (height < 1 || width < 1 || channels < 1 || kernelH < 1 || kernelW < 1 || stride < 1 || padding < 0) {
            throw new IllegalArgumentException("invalid window " + describe(height, width, channels, kernelH, kernelW, stride, padding)
                    + ": extents, kernel and stride must be positive, padding at least 0");
        }
        if (kernelH > height + 2 * padding || kernelW > width + 2 * padding) {
            throw new IllegalArgumentException("window " + kernelH + "x" + kernelW + " (padding " + padding
                    + ") does not fit a " + height + "x" + width + " image");
        }
        long outH = (height + 2L * padding - kernelH) / stride + 1;
        long outW = (width + 2L * padding - kernelW) / stride + 1;
        if ((long) height * width * channels > Integer.MAX_VALUE || outH * outW * channels > Integer.MAX_VALUE
                || (long) channels * kernelH * kernelW > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("window " + describe(height, width, channels, kernelH, kernelW, stride, padding)
                    + " exceeds 2^31 - 1 elements");
        }
    }

    /**
     * Windows with the defaults: 3 × 3, stride 1, padding 1 (the output has the input's extent).
     *
     * @param height image rows
     * @param width image columns
     * @param channels channels per pixel
     * @return the geometry
     */
    public static Window2d of(int height, int width, int channels) {
        return new Window2d(height, width, channels, 3, 3, 1, 1);
    }

    /**
     * @param rows window rows
     * @param columns window columns
     * @return this geometry with that kernel
     */
    public Window2d withKernel(int rows, int columns) {
        return new Window2d(height, width, channels, rows, columns, stride, padding);
    }

    /**
     * @param step the step between windows
     * @param pad zero pixels on each side
     * @return this geometry with that stride and padding
     */
    public Window2d withStride(int step, int pad) {
        return new Window2d(height, width, channels, kernelH, kernelW, step, pad);
    }

    private static String describe(int h, int w, int c, int kh, int kw, int s, int p) {
        return "(image " + h + "x" + w + "x" + c + ", kernel " + kh + "x" + kw + ", stride " + s + ", padding " + p + ")";
    }

    /** @return output rows, ⌊(height + 2·padding − kernelH)/stride⌋ + 1 */
    public int outHeight() {
        return (height + 2 * padding - kernelH) / stride + 1;
    }

    /** @return output columns, ⌊(width + 2·padding − kernelW)/stride⌋ + 1 */
    public int outWidth() {
        return (width + 2 * padding - kernelW) / stride + 1;
    }

    /** @return windows per image, outHeight·outWidth */
    public int positions() {
        return outHeight() * outWidth();
    }

    /** @return elements of one image, height·width·channels */
    public int imageSize() {
        return height * width * channels;
    }

    /** @return elements of one pooled image, outHeight·outWidth·channels */
    public int pooledSize() {
        return positions() * channels;
    }

    /** @return elements of one patch, channels·kernelH·kernelW (a row of the im2col matrix) */
    public int patchSize() {
        return channels * kernelH * kernelW;
    }
}
