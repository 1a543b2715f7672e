package org.samsde.core.objective;

/**
 * A smooth function with closed-form derivatives on host arrays: the toy losses on which drift
 * terms are unit-tested. All outputs are written into caller arrays of length d.
 */
public interface ClosedFormLoss {

    /** @return d */
    int dimension();

    /**
     * @param x the point; not modified
     * @return f(x)
     */
    double value(double[] x);

    /**
     * @param x the point; not modified
     * @param out ∇f(x); modified
     */
    void gradient(double[] x, double[] out);

    /**
     * @param x the point; not modified
     * @param v the direction; not modified
     * @param out H(x)·v; modified
     */
    void hvp(double[] x, double[] v, double[] out);

    /**
     * @param x the point; not modified
     * @param v the direction; not modified
     * @param out T[v, v] = ∇³f(x)[v, v]; modified
     */
    void thirdOrder(double[] x, double[] v, double[] out);

    /**
     * @param x the point; not modified
     * @param v the direction; not modified
     * @param out ∇⁴f(x)[v, v, v]; modified
     */
    void fourthOrder(double[] x, double[] v, double[] out);
}
