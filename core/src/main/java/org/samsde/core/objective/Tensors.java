package org.samsde.core.objective;

/** Small host-array helpers for the closed-form objectives (package-private). */
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
        double scale = 0;
        for (double v : m) {
            scale = Math.max(scale, Math.abs(v));
        }
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

    static double[] requireFinite(double[] v, String name) {
        for (int i = 0; i < v.length; i++) {
            if (!Double.isFinite(v[i])) {
                throw new IllegalArgumentException(name + " has a non-finite value (" + v[i] + ") at flat index " + i);
            }
        }
        return v;
    }

    static void matVec(double[] m, int d, double[] v, double[] out) {
        for (int i = 0; i < d; i++) {
            double s = 0;
            int base = i * d;
            for (int j = 0; j < d; j++) {
                s += m[base + j] * v[j];
            }
            out[i] = s;
        }
    }

    static double dot(double[] u, double[] v) {
        double s = 0;
        for (int i = 0; i < u.length; i++) {
            s += u[i] * v[i];
        }
        return s;
    }
}
