package org.samsde.core.objective;

import org.samsde.core.tensor.Vectors;

/**
 * Shape and symmetry checks of the closed-form objectives' matrices (package-private); their vector
 * operations are {@link org.samsde.core.tensor.Vectors}.
 */
final class Tensors {
    private Tensors() {
    }

    static int squareSide(int length, String name) {
        int d = (int) Math.round(Math.sqrt(length));
        if (d < 1 || d * d != length) {
            throw new IllegalArgumentException(name + " has " + length + " elements, not a square matrix");
        }
        return d;
    }

    static void requireSymmetric(double[] m, int d, String name) {
        double scale = Vectors.maxAbs(m);
        double tol = 1e-12 * Math.max(1.0, scale);
        for (int i = 0; i < d; i++) {
            for (int j = i + 1; j < d; j++) {
                if (Math.abs(m[i * d + j] - m[j * d + i]) > tol) {
                    throw new IllegalArgumentException(name + " is not symmetric: entry (" + i + ", " + j + ") = "
                            + m[i * d + j] + " but (" + j + ", " + i + ") = " + m[j * d + i]);
                }
            }
        }
    }



}
