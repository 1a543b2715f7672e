package org.samsde.core.testing;

import org.apache.commons.math3.analysis.differentiation.DerivativeStructure;

/**
 * Points for checking Taylor coefficients against Commons Math: in the two free variables (s, t),
 * the coordinates of x + t·v + s·e_i, so that for a function f of them the partial derivative
 * ∂^{1+k}f/∂s∂t^k at 0 is the i-th entry of ∇^{k+1}f(x)[v, …, v] (k copies of v).
 */
public final class DirectionalPoints {
    private DirectionalPoints() {
    }

    /**
     * @param x the point; not modified
     * @param v the direction; not modified
     * @param i the coordinate moved by s
     * @param order the derivative order of the structures
     * @return x + t·v + s·e_i, coordinate by coordinate
     */
    public static DerivativeStructure[] along(double[] x, double[] v, int i, int order) {
        DerivativeStructure s = new DerivativeStructure(2, order, 0, 0.0);
        DerivativeStructure t = new DerivativeStructure(2, order, 1, 0.0);
        DerivativeStructure[] out = new DerivativeStructure[x.length];
        for (int j = 0; j < x.length; j++) {
            out[j] = t.multiply(v[j]).add(x[j]);
            if (j == i) {
                out[j] = out[j].add(s);
            }
        }
        return out;
    }
}
