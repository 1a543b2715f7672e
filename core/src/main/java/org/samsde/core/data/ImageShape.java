package org.samsde.core.data;

/**
 * The shape of one image sample: {@code channels × height × width}. A data set of images stores
 * each sample as a row of {@code channels·height·width} features in (C, H, W) row-major order,
 * pixel (c, y, x) at feature {@code (c·height + y)·width + x}, the order of NumPy's and PyTorch's
 * {@code (N, C, H, W)} arrays.
 *
 * @param channels colour channels, at least 1 (1 for MNIST, 3 for CIFAR-10)
 * @param height rows, at least 1
 * @param width columns, at least 1
 */
public record ImageShape(int channels, int height, int width) {

    /**
     * Validates the extents. * @throws IllegalArgumentException if an extent is not positive or the image has more than 2^31 − 1 elements.
     *
     * @param channels colour channels, at least 1 (1 for MNIST, 3 for CIFAR-10)
     * @param height rows, at least 1
     * @param width columns, at least 1
     */
    public ImageShape {
        if (channels < 1 || height < 1 || width < 1) {
            throw new IllegalArgumentException("image shape " + channels + "x" + height + "x" + width + " needs positive extents");
        }
        if ((long) channels * height * width > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("image shape " + channels + "x" + height + "x" + width + " exceeds 2^31 - 1 elements");
        }
    }

    /** @return features per sample, channels·height·width */
    public int size() {
        return channels * height * width;
    }

    /** @return {@code CxHxW}, e.g. {@code 1x28x28} */
    @Override
    public String toString() {
        return channels + "x" + height + "x" + width;
    }
}
