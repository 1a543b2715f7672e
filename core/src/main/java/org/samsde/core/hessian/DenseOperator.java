package org.samsde.core.hessian;

import org.samsde.core.tensor.Vectors;


/**
 * An explicit symmetric matrix A as a {@link SymmetricOperator}: out_j = A·v_j by plain dot
 * products. For tests with known spectra and for small Hessians already built by
 * {@link FullHessian}.
 */
public final class DenseOperator extends CountingOperator {
    /** Relative symmetry tolerance: |A_ij − A_ji| ≤ 1e-12·max(1, max|A|). */
    private static final double SYMMETRY_TOLERANCE = 1e-12;

    private final double[] a;

    /**
     * @param a A as a row-major d × d array, finite and symmetric to 1e-12 relative; copied
     * @throws IllegalArgumentException when A is not square, not finite or not symmetric
     */
    public DenseOperator(double[] a) {
        super(side(a.length));
        int d = dimension();
        double scale = 0;
        for (int i = 0; i < a.length; i++) {
            if (!Double.isFinite(a[i])) {
                throw new IllegalArgumentException("matrix has a non-finite entry " + a[i] + " at (" + i / d + ", " + i % d + ")");
            }
            scale = Math.max(scale, Math.abs(a[i]));
        }
        double tol = SYMMETRY_TOLERANCE * Math.max(1.0, scale);
        for (int i = 0; i < d; i++) {
            for (int j = i + 1; j < d; j++) {
                if (Math.abs(a[i * d + j] - a[j * d + i]) > tol) {
                    throw new IllegalArgumentException("matrix is not symmetric: (" + i + ", " + j + ") = " + a[i * d + j]
                            + " but (" + j + ", " + i + ") = " + a[j * d + i]);
                }
            }
        }
        this.a = a.clone();
    }

    private static int side(int length) {
        int d = (int) Math.round(Math.sqrt(length));
        if (d < 1 || (long) d * d != length) {
            throw new IllegalArgumentException("matrix has " + length + " elements, not a non-empty square");
        }
        return d;
    }

    /** @return a copy of A, row-major d × d */
    public double[] matrix() {
        return a.clone();
    }

    @Override
    void product(double[] vs, int m, double[] out) {
        int d = dimension();
        for (int j = 0; j < m; j++) {
            for (int i = 0; i < d; i++) {
                out[j * d + i] = Vectors.dot(a, i * d, vs, j * d, d);
            }
        }
    }
}
