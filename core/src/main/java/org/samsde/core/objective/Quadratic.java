package org.samsde.core.objective;

import org.samsde.core.tensor.Vectors;

/**
 * f(x) = ½(x − x*)ᵀA(x − x*) with A symmetric: ∇f = A(x − x*), H = A, T = 0.
 */
public final class Quadratic implements ClosedFormLoss {
    private final int d;
    private final double[] a;
    private final double[] xstar;

    /**
     * @param a A as a row-major d × d array, symmetric to 1e-12 relative; copied
     * @param xstar x*, or null for the origin; copied
     * @throws IllegalArgumentException when A is not square and symmetric or x* has the wrong length
     */
    public Quadratic(double[] a, double[] xstar) {
        this.d = Tensors.squareSide(a.length, "A");
        Tensors.requireSymmetric(a, d, "A");
        if (xstar != null && xstar.length != d) {
            throw new IllegalArgumentException("xstar has " + xstar.length + " elements, A is " + d + " x " + d);
        }
        Vectors.requireFinite(a, "A");
        this.a = a.clone();
        this.xstar = xstar == null ? new double[d] : Vectors.requireFinite(xstar, "xstar").clone();
    }

    @Override
    public int dimension() {
        return d;
    }

    private double[] shifted(double[] x) {
        double[] y = new double[d];
        for (int i = 0; i < d; i++) {
            y[i] = x[i] - xstar[i];
        }
        return y;
    }

    @Override
    public double value(double[] x) {
        double[] y = shifted(x);
        double[] ay = new double[d];
        Vectors.matVec(a, d, y, ay);
        return 0.5 * Vectors.dot(y, ay);
    }

    @Override
    public void gradient(double[] x, double[] out) {
        Vectors.matVec(a, d, shifted(x), out);
    }

    @Override
    public void hvp(double[] x, double[] v, double[] out) {
        Vectors.matVec(a, d, v, out);
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
