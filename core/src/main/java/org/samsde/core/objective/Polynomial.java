package org.samsde.core.objective;

import org.samsde.core.tensor.Vectors;

/**
 * The polynomial toy f(x) = ½xᵀAx + ⅙C[x,x,x] + (1/24)Σᵢ qᵢxᵢ⁴ with A symmetric and C a fully
 * symmetric 3-tensor. Closed forms:
 * ∇f = Ax + ½C[x,x] + ⅙q⊙x³, H = A + C[x] + ½diag(q⊙x²),
 * T[v,v] = C[v,v] + q⊙x⊙v², ∇⁴f[v,v,v] = q⊙v³.
 */
public final class Polynomial implements ClosedFormLoss {
    private final int d;
    private final double[] a;
    private final double[] c;
    private final double[] q;

    /**
     * @param a A, row-major d × d, symmetric; copied
     * @param c C, row-major d × d × d, symmetric under every permutation of its indices (to 1e-12
     *          relative), or null for zero; copied
     * @param q the quartic coefficients (d), or null for zero; copied
     * @throws IllegalArgumentException naming the array that has the wrong size or symmetry
     */
    public Polynomial(double[] a, double[] c, double[] q) {
        this.d = Tensors.squareSide(a.length, "A");
        Tensors.requireSymmetric(Vectors.requireFinite(a, "A"), d, "A");
        this.a = a.clone();
        if (c == null) {
            this.c = new double[d * d * d];
        } else {
            if (c.length != d * d * d) {
                throw new IllegalArgumentException("C has " + c.length + " elements, expected d^3 = " + (d * d * d));
            }
            Vectors.requireFinite(c, "C");
            requireSymmetric3(c, d);
            this.c = c.clone();
        }
        if (q != null && q.length != d) {
            throw new IllegalArgumentException("q has " + q.length + " elements, expected d = " + d);
        }
        this.q = q == null ? new double[d] : Vectors.requireFinite(q, "q").clone();
    }

    private static void requireSymmetric3(double[] c, int d) {
        double scale = Vectors.maxAbs(c);
        double tol = 1e-12 * Math.max(1.0, scale);
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                for (int k = 0; k < d; k++) {
                    double v = c[(i * d + j) * d + k];
                    if (Math.abs(v - c[(j * d + i) * d + k]) > tol || Math.abs(v - c[(i * d + k) * d + j]) > tol) {
                        throw new IllegalArgumentException("C is not symmetric at index (" + i + ", " + j + ", " + k + ")");
                    }
                }
            }
        }
    }

    @Override
    public int dimension() {
        return d;
    }

    /** out = C[u, w], i.e. outᵢ = Σ_{j,k} C_{ijk} u_j w_k. */
    private void contract2(double[] u, double[] w, double[] out) {
        for (int i = 0; i < d; i++) {
            double s = 0;
            for (int j = 0; j < d; j++) {
                double uj = u[j];
                int base = (i * d + j) * d;
                for (int k = 0; k < d; k++) {
                    s += c[base + k] * uj * w[k];
                }
            }
            out[i] = s;
        }
    }

    @Override
    public double value(double[] x) {
        double[] t = new double[d];
        Vectors.matVec(a, d, x, t);
        double v = 0.5 * Vectors.dot(x, t);
        contract2(x, x, t);
        v += Vectors.dot(x, t) / 6.0;
        for (int i = 0; i < d; i++) {
            double x2 = x[i] * x[i];
            v += q[i] * x2 * x2 / 24.0;
        }
        return v;
    }

    @Override
    public void gradient(double[] x, double[] out) {
        double[] t = new double[d];
        Vectors.matVec(a, d, x, out);
        contract2(x, x, t);
        for (int i = 0; i < d; i++) {
            out[i] += 0.5 * t[i] + q[i] * x[i] * x[i] * x[i] / 6.0;
        }
    }

    @Override
    public void hvp(double[] x, double[] v, double[] out) {
        double[] t = new double[d];
        Vectors.matVec(a, d, v, out);
        contract2(x, v, t);
        for (int i = 0; i < d; i++) {
            out[i] += t[i] + 0.5 * q[i] * x[i] * x[i] * v[i];
        }
    }

    @Override
    public void thirdOrder(double[] x, double[] v, double[] out) {
        contract2(v, v, out);
        for (int i = 0; i < d; i++) {
            out[i] += q[i] * x[i] * v[i] * v[i];
        }
    }

    @Override
    public void fourthOrder(double[] x, double[] v, double[] out) {
        for (int i = 0; i < d; i++) {
            out[i] = q[i] * v[i] * v[i] * v[i];
        }
    }
}
