package org.samsde.core.objective;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.apache.commons.math3.analysis.differentiation.DerivativeStructure;
import org.junit.jupiter.api.Test;
import org.samsde.core.tensor.Backend;
import org.samsde.core.tensor.CpuBackend;
import org.samsde.core.testing.Check;
import org.samsde.core.testing.DirectionalPoints;
import org.samsde.core.testing.Problems;
import org.samsde.core.testing.Toys;

/**
 * The toys' closed forms against {@link DerivativeStructure} evaluations of their defining
 * formulas (to 1e-12), and the stochastic versions against their definitions.
 */
class ToyObjectiveTest {
    private static final Backend BE = CpuBackend.get();
    private static final int D = 4;

    /** The arrays of a polynomial toy. */
    record Coefficients(double[] a, double[] c, double[] q) {
        Polynomial polynomial() {
            return new Polynomial(a, c, q);
        }
    }

    static Polynomial randomPolynomial(long seed) {
        return randomCoefficients(seed).polynomial();
    }

    /** A random symmetric A, a fully symmetric C and q, seeded. */
    static Coefficients randomCoefficients(long seed) {
        return new Coefficients(Toys.symmetric(seed, D, 1), Toys.symmetricCubic(seed + 1, D, 1), Problems.gaussian(seed + 2, D, 1));
    }

    /** The defining formula of the polynomial on DS arguments. */
    private static DerivativeStructure polynomial(double[] a, double[] c, double[] q, DerivativeStructure[] x) {
        DerivativeStructure f = x[0].multiply(0);
        for (int i = 0; i < D; i++) {
            for (int j = 0; j < D; j++) {
                f = f.add(x[i].multiply(x[j]).multiply(0.5 * a[i * D + j]));
                for (int k = 0; k < D; k++) {
                    f = f.add(x[i].multiply(x[j]).multiply(x[k]).multiply(c[(i * D + j) * D + k] / 6));
                }
            }
            f = f.add(x[i].pow(4).multiply(q[i] / 24));
        }
        return f;
    }

    @Test
    void polynomialClosedFormsMatchDerivativeStructure() {
        Coefficients coef = randomCoefficients(3);
        Polynomial p = coef.polynomial();
        double[] x = Problems.gaussian(10, D, 0.7);
        double[] v = Problems.gaussian(11, D, 1.0);
        double[] g = new double[D];
        double[] hv = new double[D];
        double[] t = new double[D];
        double[] f4 = new double[D];
        p.gradient(x, g);
        p.hvp(x, v, hv);
        p.thirdOrder(x, v, t);
        p.fourthOrder(x, v, f4);
        for (int i = 0; i < D; i++) {
            DerivativeStructure[] xs = DirectionalPoints.along(x, v, i, 4);
            DerivativeStructure f = polynomial(coef.a(), coef.c(), coef.q(), xs);
            if (i == 0) {
                Check.close(f.getValue(), p.value(x), 1e-12, "value");
            }
            Check.close(f.getPartialDerivative(1, 0), g[i], 1e-12, "gradient " + i);
            Check.close(f.getPartialDerivative(1, 1), hv[i], 1e-12, "Hv " + i);
            Check.close(f.getPartialDerivative(1, 2), t[i], 1e-12, "T[v,v] " + i);
            Check.close(f.getPartialDerivative(1, 3), f4[i], 1e-12, "fourth order " + i);
        }
    }

    @Test
    void quadraticClosedForms() {
        double[] a = {2, 1, 1, 3};
        Quadratic f = new Quadratic(a, new double[] {1, -1});
        double[] g = new double[2];
        f.gradient(new double[] {2, 0}, g);
        assertEquals(2 * 1 + 1 * 1, g[0], 0);
        assertEquals(1 * 1 + 3 * 1, g[1], 0);
        assertEquals(0.5 * (2 + 2 + 3), f.value(new double[] {2, 0}), 0);
    }

    /** ½(x − x*)ᵀA(x − x*) on DS arguments. */
    private static DerivativeStructure quadratic(double[] a, double[] xstar, DerivativeStructure[] x) {
        DerivativeStructure f = x[0].multiply(0);
        for (int i = 0; i < D; i++) {
            for (int j = 0; j < D; j++) {
                f = f.add(x[i].subtract(xstar[i]).multiply(x[j].subtract(xstar[j])).multiply(0.5 * a[i * D + j]));
            }
        }
        return f;
    }

    /**
     * A quadratic with an indefinite A and a nonzero minimiser x*: value, g, Hv and T[v, v] = 0 of the
     * closed form and of the toy's Taylor pass against DerivativeStructure derivatives of
     * ½(x − x*)ᵀA(x − x*) at x + s·eᵢ + t·v (∂_s = gᵢ, ∂_s∂_t = (Hv)ᵢ, ∂_s∂_t² = T[v,v]ᵢ), to 1e-12 relative
     * (a few roundings of O(1) sums; T and the fourth order absolutely, they are 0).
     */
    @Test
    void quadraticWithAShiftedMinimiserMatchesDerivativeStructure() {
        double[] a = randomCoefficients(21).a();
        double[] xstar = Problems.gaussian(22, D, 1.0);
        Quadratic f = new Quadratic(a, xstar);
        double[] x = Problems.gaussian(23, D, 1.0);
        double[] v = Problems.gaussian(24, D, 1.0);
        double[] g = new double[D];
        double[] hv = new double[D];
        double[] t = new double[D];
        double[] f4 = new double[D];
        java.util.Arrays.fill(t, Double.NaN);
        java.util.Arrays.fill(f4, Double.NaN);
        f.gradient(x, g);
        f.hvp(x, v, hv);
        f.thirdOrder(x, v, t);
        f.fourthOrder(x, v, f4);
        TaylorResult r = ToyObjective.deterministic(f, BE).taylor(BE.upload(x, D), BE.upload(v, D), 2, Batch.all());
        double[] dsG = new double[D];
        double[] dsHv = new double[D];
        double[] dsT = new double[D];
        double dsValue = Double.NaN;
        for (int i = 0; i < D; i++) {
            DerivativeStructure[] xs = DirectionalPoints.along(x, v, i, 3);
            DerivativeStructure q = quadratic(a, xstar, xs);
            dsValue = q.getValue();
            dsG[i] = q.getPartialDerivative(1, 0);
            dsHv[i] = q.getPartialDerivative(1, 1);
            dsT[i] = q.getPartialDerivative(1, 2);
        }
        // the minimiser matters: at x* the gradient is 0, and g = A(x − x*) is not A·x
        double[] gAtMin = new double[D];
        f.gradient(xstar, gAtMin);
        Check.close(dsValue, f.value(x), 1e-12, "value");
        Check.close(dsValue, r.loss(), 1e-12, "Taylor-pass value");
        Check.close(dsG, g, 1e-12, "gradient");
        Check.close(dsG, r.gradient(), 1e-12, "Taylor-pass gradient");
        Check.close(dsHv, hv, 1e-12, "Hv");
        Check.close(dsHv, r.hvp(0), 1e-12, "Taylor-pass Hv");
        for (int i = 0; i < D; i++) {
            assertEquals(0.0, dsT[i], 1e-12, "DerivativeStructure T[v,v]");
            assertEquals(0.0, t[i], 0.0, "T[v,v] of a quadratic");
            assertEquals(0.0, r.thirdOrder(0)[i], 0.0, "Taylor-pass T[v,v]");
            assertEquals(0.0, f4[i], 0.0, "fourth order of a quadratic");
            assertEquals(0.0, gAtMin[i], 1e-15, "gradient at x*");
        }
        assertEquals(0.0, f.value(xstar), 0.0, "value at x*");
    }

    @Test
    void taylorPassOfTheToyIsItsClosedForm() {
        Polynomial p = randomPolynomial(5);
        ToyObjective obj = ToyObjective.deterministic(p, BE);
        double[] x = Problems.gaussian(12, D, 0.5);
        double[] v = Problems.gaussian(13, D, 1);
        TaylorResult r = obj.taylor(BE.upload(x, D), BE.upload(v, D), 3, Batch.all());
        double[] g = new double[D];
        double[] hv = new double[D];
        double[] t = new double[D];
        double[] f4 = new double[D];
        p.gradient(x, g);
        p.hvp(x, v, hv);
        p.thirdOrder(x, v, t);
        p.fourthOrder(x, v, f4);
        Check.close(p.value(x), r.loss(), 1e-15, "loss");
        Check.close(g, r.gradient(), 1e-15, "g");
        Check.close(hv, r.hvp(0), 1e-15, "Hv");
        Check.close(t, r.thirdOrder(0), 1e-15, "T[v,v]");
        double[] c3 = r.coefficient(3, 0);
        for (int i = 0; i < D; i++) {
            c3[i] *= 6;
        }
        Check.close(f4, c3, 1e-15, "grad^4 f[v,v,v]");
        Check.close(dot(hv, v) / 2, r.lossCoefficient(2, 0), 1e-14, "a2");
        Check.close(dot(t, v) / 6, r.lossCoefficient(3, 0), 1e-14, "a3");
    }

    @Test
    void shiftedAndLinearNoiseFollowTheirDefinitions() {
        Polynomial p = randomPolynomial(7);
        int n = 5;
        double[] xi = Problems.gaussian(14, n * D, 0.3);
        double[] x = Problems.gaussian(15, D, 0.5);
        double[] v = Problems.gaussian(16, D, 1);
        int[] idx = {4, 1, 1};
        double[] w = {0.5, 2, -1};
        TaylorResult shifted = ToyObjective.shifted(p, xi, BE).taylor(BE.upload(x, D), BE.upload(v, D), 2, new Batch(idx, w));
        TaylorResult linear = ToyObjective.linearNoise(p, xi, BE).taylor(BE.upload(x, D), BE.upload(v, D), 2, new Batch(idx, w));
        double[] gs = new double[D];
        double[] hs = new double[D];
        double[] ts = new double[D];
        double[] gl = new double[D];
        double[] hl = new double[D];
        double[] tl = new double[D];
        double ls = 0;
        double ll = 0;
        double[] tmp = new double[D];
        for (int e = 0; e < idx.length; e++) {
            double we = w[e] / idx.length;
            double[] y = new double[D];
            for (int i = 0; i < D; i++) {
                y[i] = x[i] - xi[idx[e] * D + i];
            }
            ls += we * p.value(y);
            p.gradient(y, tmp);
            axpy(we, tmp, gs);
            p.hvp(y, v, tmp);
            axpy(we, tmp, hs);
            p.thirdOrder(y, v, tmp);
            axpy(we, tmp, ts);
            p.gradient(x, tmp);
            axpy(we, tmp, gl);
            // the linear term ⟨ζ, x⟩ has no curvature: Hv and T[v,v] are those of f at x, weighted
            p.hvp(x, v, tmp);
            axpy(we, tmp, hl);
            p.thirdOrder(x, v, tmp);
            axpy(we, tmp, tl);
            double[] z = java.util.Arrays.copyOfRange(xi, idx[e] * D, idx[e] * D + D);
            axpy(we, z, gl);
            ll += we * (p.value(x) + dot(z, x));
        }
        Check.close(ls, shifted.loss(), 1e-14, "shifted loss");
        Check.close(gs, shifted.gradient(), 1e-14, "shifted gradient");
        Check.close(hs, shifted.hvp(0), 1e-14, "shifted Hv");
        Check.close(ts, shifted.thirdOrder(0), 1e-14, "shifted T[v,v]");
        Check.close(ll, linear.loss(), 1e-14, "linear-noise loss");
        Check.close(gl, linear.gradient(), 1e-14, "linear-noise gradient");
        Check.close(hl, linear.hvp(0), 1e-14, "linear-noise Hv");
        Check.close(tl, linear.thirdOrder(0), 1e-14, "linear-noise T[v,v]");
    }

    @Test
    void invalidToysAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new Quadratic(new double[] {1, 2, 3, 4}, null));
        assertThrows(IllegalArgumentException.class, () -> new Quadratic(new double[] {1, 2, 3}, null));
        assertThrows(IllegalArgumentException.class, () -> new Polynomial(new double[] {1}, new double[] {1, 2}, null));
        assertThrows(IllegalArgumentException.class, () -> new Polynomial(new double[] {1, 0, 0, 1},
                new double[] {0, 1, 0, 0, 0, 0, 0, 0}, null));
        assertThrows(IllegalArgumentException.class, () -> new Quadratic(new double[] {Double.NaN}, null));
        assertThrows(IllegalArgumentException.class, () -> ToyObjective.shifted(new Quadratic(new double[] {1, 0, 0, 1}, null), new double[] {1, 2, 3}, BE));
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    private static void axpy(double a, double[] x, double[] y) {
        for (int i = 0; i < x.length; i++) {
            y[i] += a * x[i];
        }
    }
}
