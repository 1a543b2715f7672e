package org.samsde.core.tensor;

import java.util.Arrays;

/**
 * A dense, row-major, double-precision array owned by one {@link Backend}.
 *
 * <p>A tensor is a handle: its elements live wherever its backend keeps them (native memory for
 * the CPU backend, device memory for a GPU backend). Operations on tensors are methods of the
 * backend, which address a tensor through element offsets and leading dimensions, BLAS style, so
 * that jets of stacked Taylor coefficients can be handed to one matrix product without copies.
 * Element access from Java goes through {@link #toArray()} and {@link Backend#upload}, at the edges
 * of a computation only.
 *
 * <p>Tensors are {@link AutoCloseable}: closing releases backend memory early (a no-op where the
 * garbage collector manages it). A closed tensor must not be used again.
 */
public abstract class Tensor implements AutoCloseable {
    private final int[] shape;
    private final int size;

    /**
     * @param shape the extents, outermost first; not modified, copied
     */
    protected Tensor(int[] shape) {
        this.shape = shape.clone();
        long n = 1;
        for (int s : shape) {
            if (s < 0) {
                throw new IllegalArgumentException("negative extent in shape " + Arrays.toString(shape));
            }
            n *= s;
            if (n > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("tensor of shape " + Arrays.toString(shape)
                        + " exceeds 2^31 - 1 elements");
            }
        }
        this.size = (int) n;
    }

    /** @return the backend that owns this tensor's storage */
    public abstract Backend backend();

    /** @return a copy of the shape, outermost extent first */
    public final int[] shape() {
        return shape.clone();
    }

    /** @return the number of axes */
    public final int rank() {
        return shape.length;
    }

    /**
     * @param axis an axis index, 0 for the outermost
     * @return the extent along that axis
     */
    public final int dim(int axis) {
        return shape[axis];
    }

    /** @return the number of elements, the product of the extents */
    public final int size() {
        return size;
    }

    /** @return a host copy of all elements in row-major order */
    public final double[] toArray() {
        double[] out = new double[size];
        backend().download(this, 0, out, 0, size);
        return out;
    }

    /** Releases backend memory held by this tensor; the default does nothing. */
    @Override
    public void close() {
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + Arrays.toString(shape) + "@" + backend().name();
    }
}
