package org.samsde.core.objective;

import org.samsde.core.tensor.Vectors;

/**
 * f(x) = ½Σᵢ aᵢ(xᵢ − x*ᵢ)², a separable quadratic: ∇f = a⊙(x − x*), H = diag(a), T = 0. With
 * isotropic noise each coordinate is an independent Ornstein–Uhlenbeck process, so one
 * high-dimensional instance is an ensemble of many one-dimensional paths.
 */
public final class DiagonalQuadratic implements ClosedFormLoss {
    private final double[] a;
    private final double[] xstar;

    /**
     * @param a the diagonal; copied
     * @param xstar x*, or null for the origin; copied
     */
    public DiagonalQuadratic(double[] a, double[] xstar) {
        if (a.length == 0) {
            throw new IllegalArgumentException("the diagonal is empty");
        }
        if (xstar != null && xstar.length != a.length) {
            throw new IllegalArgumentException("xstar has " + xstar.length + " elements, the diagonal " + a.length);
        }
        this.a = Vectors.requireFinite(a, "diagonal").clone();
        this.xstar = xstar == null ? new double[a.length] : Vectors.requireFinite(xstar, "xstar").clone();
    }

    @Override
    public int dimension() {
        return a.length;
    }

    @Override
    public double value(double[] x) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            double y = x[i] - xstar[i];
            s += 0.5 * a[i] * y * y;
        }
        return s;
    }

    @Override
    public void gradient(double[] x, double[] out) {
        for (int i = 0; i < a.length; i++) {
            out[i] = a[i] * (x[i] - xstar[i]);
        }
    }

    @Override
    public void hvp(double[] x, double[] v, double[] out) {
        for (int i = 0; i < a.length; i++) {
            out[i] = a[i] * v[i];
        }
    }

    @Override
    public void thirdOrder(double[] x, double[] v, double[] out) {
        java.util.Arrays.fill(out, 0.0);
    }

    @Override
    public void fourthOrder(double[] x, double[] v, double[] out) {
        java.util.Arrays.fill(out, 0.0);
    }
}
