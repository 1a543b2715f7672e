package org.samsde.core.data;

import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

import org.samsde.core.tensor.Vectors;

/**
 * Samples in memory: features X (n × p, row-major) and either integer class labels (n) or float
 * targets (n × width). Immutable; arrays are copied in and out.
 *
 * <p>Image data carry an {@link ImageShape} (C, H, W) with p = C·H·W, each row holding one image
 * in (C, H, W) row-major order; {@link #imageShape()} is empty for flat features.
 */
public final class Dataset {
    private final double[] x;
    private final int n;
    private final int features;
    private final int[] labels;
    private final double[] targets;
    private final int targetWidth;
    private final ImageShape imageShape;

    private Dataset(double[] x, int n, int features, int[] labels, double[] targets, int targetWidth, ImageShape imageShape) {
        this.x = x;
        this.n = n;
        this.features = features;
        this.labels = labels;
        this.targets = targets;
        this.targetWidth = targetWidth;
        this.imageShape = imageShape;
    }

    /**
     * @param x features, row-major n × features; copied
     * @param features p ≥ 1
     * @param labels class labels ≥ 0, one per sample; copied
     * @return a classification data set
     */
    public static Dataset classification(double[] x, int features, int[] labels) {
        int n = rows(x, features);
        if (labels.length != n) {
            throw new IllegalArgumentException("X has " + n + " rows but y has " + labels.length + " labels");
        }
        for (int i = 0; i < n; i++) {
            if (labels[i] < 0) {
                throw new IllegalArgumentException("label " + labels[i] + " of sample " + i + " is negative");
            }
        }
        return new Dataset(Vectors.requireFinite(x, "X").clone(), n, features, labels.clone(), null, 0, null);
    }

    /**
     * @param x images, one per row in (C, H, W) row-major order, n × shape.size(); copied
     * @param shape the shape of every image
     * @param labels class labels ≥ 0, one per image; copied
     * @return a classification data set of images
     */
    public static Dataset images(double[] x, ImageShape shape, int[] labels) {
        return classification(x, shape.size(), labels).withImageShape(shape);
    }

    /**
     * Takes ownership of freshly decoded images without copying them (for loaders of large files).
     *
     * @param x images, one per row in (C, H, W) row-major order; not copied, must not be used by
     *     the caller afterwards
     * @param shape the shape of every image
     * @param labels class labels ≥ 0, one per image; not copied either
     * @return a classification data set of images
     */
    static Dataset adoptImages(double[] x, ImageShape shape, int[] labels) {
        int n = rows(x, shape.size());
        if (labels.length != n) {
            throw new IllegalArgumentException("X has " + n + " rows but y has " + labels.length + " labels");
        }
        for (int i = 0; i < n; i++) {
            if (labels[i] < 0) {
                throw new IllegalArgumentException("label " + labels[i] + " of sample " + i + " is negative");
            }
        }
        return new Dataset(Vectors.requireFinite(x, "X"), n, shape.size(), labels, null, 0, shape);
    }

    /**
     * @param shape the shape of every sample, with shape.size() = {@link #features()}
     * @return the same samples, read as images of that shape
     * @throws IllegalArgumentException if the shape's size differs from the feature count
     */
    public Dataset withImageShape(ImageShape shape) {
        Objects.requireNonNull(shape, "shape");
        if (shape.size() != features) {
            throw new IllegalArgumentException("image shape " + shape + " has " + shape.size() + " elements but the data has "
                    + features + " features");
        }
        return new Dataset(x, n, features, labels, targets, targetWidth, shape);
    }

    /**
     * @param x features, row-major n × features; copied
     * @param features p ≥ 1
     * @param targets targets, row-major n × width; copied
     * @param width outputs per sample ≥ 1
     * @return a regression data set
     */
    public static Dataset regression(double[] x, int features, double[] targets, int width) {
        int n = rows(x, features);
        if (width < 1 || targets.length != (long) n * width) {
            throw new IllegalArgumentException("X has " + n + " rows but y has " + targets.length + " values, not " + n + " x " + width);
        }
        return new Dataset(Vectors.requireFinite(x, "X").clone(), n, features, null, Vectors.requireFinite(targets, "y").clone(), width, null);
    }

    private static int rows(double[] x, int features) {
        if (features < 1 || x.length == 0 || x.length % features != 0) {
            throw new IllegalArgumentException("X has " + x.length + " values, not a positive multiple of " + features + " features");
        }
        return x.length / features;
    }


    /** @return n, the number of samples */
    public int size() {
        return n;
    }

    /** @return p, the number of features */
    public int features() {
        return features;
    }

    /** @return the shape of every sample when the features are images, empty for flat features */
    public Optional<ImageShape> imageShape() {
        return Optional.ofNullable(imageShape);
    }

    /** @return whether the targets are class labels */
    public boolean isClassification() {
        return labels != null;
    }

    /** @return the number of classes, max label + 1 (0 for regression) */
    public int classes() {
        if (labels == null) {
            return 0;
        }
        int max = -1;
        for (int y : labels) {
            max = Math.max(max, y);
        }
        return max + 1;
    }

    /** @return outputs per sample for regression (0 for classification) */
    public int targetWidth() {
        return targetWidth;
    }

    /** @return a copy of X, row-major n × p */
    public double[] x() {
        return x.clone();
    }

    /**
     * Copies consecutive rows of X without copying the whole matrix.
     *
     * @param from the first row
     * @param count the number of rows
     * @param dst destination of count·p values, row-major; modified
     * @param dstOff the first element written
     */
    public void copyRows(int from, int count, double[] dst, int dstOff) {
        if (from < 0 || count < 0 || from + count > n) {
            throw new IndexOutOfBoundsException("rows " + from + ".." + (from + count - 1) + " outside 0.." + (n - 1));
        }
        System.arraycopy(x, from * features, dst, dstOff, count * features);
    }

    /** @return a copy of the labels; throws for regression data */
    public int[] labels() {
        if (labels == null) {
            throw new IllegalStateException("regression data has no class labels");
        }
        return labels.clone();
    }

    /** @return a copy of the targets; throws for classification data */
    public double[] targets() {
        if (targets == null) {
            throw new IllegalStateException("classification data has no float targets");
        }
        return targets.clone();
    }

    /**
     * @return the targets as doubles: labels as their integer values (n), or the float targets
     *         (n × width)
     */
    public double[] targetsAsDoubles() {
        if (labels == null) {
            return targets.clone();
        }
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = labels[i];
        }
        return out;
    }

    /** @return the number of doubles per sample in {@link #targetsAsDoubles()} */
    public int targetStride() {
        return labels == null ? targetWidth : 1;
    }

    /**
     * @param rows sample indices; not modified
     * @return the data set of those samples, in that order (images keep their shape)
     */
    public Dataset subset(int[] rows) {
        double[] xs = new double[rows.length * features];
        int w = targetStride();
        double[] ts = labels == null ? new double[rows.length * w] : null;
        int[] ls = labels == null ? null : new int[rows.length];
        for (int r = 0; r < rows.length; r++) {
            int i = rows[r];
            if (i < 0 || i >= n) {
                throw new IllegalArgumentException("row " + i + " outside 0.." + (n - 1));
            }
            System.arraycopy(x, i * features, xs, r * features, features);
            if (ls != null) {
                ls[r] = labels[i];
            } else {
                System.arraycopy(targets, i * w, ts, r * w, w);
            }
        }
        return new Dataset(xs, rows.length, features, ls, ts, targetWidth, imageShape);
    }

    @Override
    public String toString() {
        return "Dataset[n=" + n + ", features=" + features + (imageShape != null ? ", images " + imageShape : "")
                + (labels != null ? ", classes=" + classes() : ", targets=" + targetWidth) + "]";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Dataset d && n == d.n && features == d.features && targetWidth == d.targetWidth
                && Objects.equals(imageShape, d.imageShape)
                && Arrays.equals(x, d.x) && Arrays.equals(labels, d.labels) && Arrays.equals(targets, d.targets);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(x) * 31 + Arrays.hashCode(labels) * 7 + Arrays.hashCode(targets);
    }
}
