package org.samsde.core.testing;

import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/**
 * Central finite differences with one Richardson extrapolation step, the slow, obviously correct
 * oracle for derivative tests. With D(h) a central difference of error c·h² + O(h⁴), the
 * extrapolation (4·D(h/2) − D(h))/3 has error O(h⁴).
 */
public final class FiniteDifferences {
    private FiniteDifferences() {
    }

    /**
     * @param f the function
     * @param x the point; not modified
     * @param h the step
     * @return ∇f(x) coordinate by coordinate
     */
    public static double[] gradient(ToDoubleFunction<double[]> f, double[] x, double h) {
        double[] g = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            double[] e = new double[x.length];
            e[i] = 1.0;
            g[i] = richardson(s -> (f.applyAsDouble(axpy(s, e, x)) - f.applyAsDouble(axpy(-s, e, x))) / (2 * s), h);
        }
        return g;
    }

    /**
     * @param grad the gradient map
     * @param x the point; not modified
     * @param v the direction; not modified
     * @param h the step
     * @return (d/dt) grad(x + t·v) at t = 0, i.e. H·v
     */
    public static double[] directional(Function<double[], double[]> grad, double[] x, double[] v, double h) {
        return richardsonVec(s -> {
            double[] p = grad.apply(axpy(s, v, x));
            double[] m = grad.apply(axpy(-s, v, x));
            double[] out = new double[p.length];
            for (int i = 0; i < p.length; i++) {
                out[i] = (p[i] - m[i]) / (2 * s);
            }
            return out;
        }, h);
    }

    /**
     * @param grad the gradient map
     * @param x the point; not modified
     * @param v the direction; not modified
     * @param h the step
     * @return (d²/dt²) grad(x + t·v) at t = 0, i.e. T[v, v]
     */
    public static double[] secondDirectional(Function<double[], double[]> grad, double[] x, double[] v, double h) {
        double[] g0 = grad.apply(x);
        return richardsonVec(s -> {
            double[] p = grad.apply(axpy(s, v, x));
            double[] m = grad.apply(axpy(-s, v, x));
            double[] out = new double[p.length];
            for (int i = 0; i < p.length; i++) {
                out[i] = (p[i] - 2 * g0[i] + m[i]) / (s * s);
            }
            return out;
        }, h);
    }

    private static double richardson(java.util.function.DoubleUnaryOperator d, double h) {
        return (4 * d.applyAsDouble(h / 2) - d.applyAsDouble(h)) / 3;
    }

    private static double[] richardsonVec(java.util.function.DoubleFunction<double[]> d, double h) {
        double[] coarse = d.apply(h);
        double[] fine = d.apply(h / 2);
        double[] out = new double[coarse.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (4 * fine[i] - coarse[i]) / 3;
        }
        return out;
    }

    /**
     * @param s scale
     * @param v direction
     * @param x point
     * @return x + s·v as a new array
     */
    public static double[] axpy(double s, double[] v, double[] x) {
        double[] y = x.clone();
        for (int i = 0; i < y.length; i++) {
            y[i] += s * v[i];
        }
        return y;
    }
}
