package org.samsde.testkit;

import java.util.function.Function;
import java.util.function.ToDoubleFunction;

import org.samsde.core.objective.Batch;
import org.samsde.core.objective.Objective;
import org.samsde.core.objective.TaylorResult;
import org.samsde.core.tensor.Backend;
import org.samsde.core.tensor.Tensor;
import org.samsde.core.testing.FiniteDifferences;
import org.samsde.core.testing.Problems;

/**
 * Assertions that an {@link Objective}'s Taylor pass is right, for a user's objective or a built-in
 * one:
 * <ul>
 *   <li>{@link #assertDerivatives}: ∇f against central finite differences of the loss, H·v against
 *       finite differences of ∇f, T[v,v] against second differences of ∇f (all with one
 *       Richardson step), the loss coefficients a₁ = ⟨∇f, v⟩ and a₂ = ½⟨v, H·v⟩, and the loss and
 *       gradient of the order-2 pass against those of the order-0 pass;</li>
 *   <li>{@link #assertBatchWeights}: a weighted batch f_γ = (1/B)·Σ_r w_r·f_{γ_r} (with repeated
 *       indices and a negative weight) against the same sum of one-sample passes, coefficient by
 *       coefficient up to order 2.</li>
 * </ul>
 * A failure throws {@link AssertionError} naming the first wrong coefficient (for example
 * {@code c₂ = ½·T[v,v]}), the element, the expected and the actual value. Errors are relative to
 * the largest expected element (and at least 1).
 */
public final class ObjectiveAssertions {
    /** Relative tolerance of the finite-difference checks. */
    public static final double TOLERANCE = 1e-5;

    private ObjectiveAssertions() {
    }

    /**
     * Both checks at a random point and direction (independent N(0, scale²) entries from seed).
     *
     * @param f the objective
     * @param seed the seed of the point and the direction
     * @param scale their scale
     */
    public static void assertObjective(Objective f, long seed, double scale) {
        int d = f.dimension();
        double[] x = Problems.gaussian(seed, d, scale);
        double[] v = Problems.gaussian(seed + 1, d, scale);
        assertDerivatives(f, x, v, Batch.all(), TOLERANCE);
        assertBatchWeights(f, x, v, TOLERANCE);
    }

    /**
     * @param f the objective
     * @param x the point; not modified
     * @param v the direction; not modified
     * @param batch the batch whose loss is checked
     * @param tol the relative tolerance (T[v,v], a second difference, gets 10·tol)
     */
    public static void assertDerivatives(Objective f, double[] x, double[] v, Batch batch, double tol) {
        Backend be = f.backend();
        int d = f.dimension();
        ToDoubleFunction<double[]> loss = p -> {
            try (TaylorResult r = f.gradient(be.upload(p, d), batch)) {
                return r.loss();
            }
        };
        Function<double[], double[]> grad = p -> {
            try (TaylorResult r = f.gradient(be.upload(p, d), batch)) {
                return r.gradient();
            }
        };
        double h = 1e-3 * Math.max(1.0, maxAbs(x));
        double hv = 1e-3 * Math.max(1.0, maxAbs(x)) / Math.max(1.0, maxAbs(v));
        double[] g0;
        double l0;
        try (TaylorResult r = f.gradient(be.upload(x, d), batch)) {
            g0 = r.gradient();
            l0 = r.loss();
        }
        try (Tensor xt = be.upload(x, d); Tensor vt = be.upload(v, d); TaylorResult r = f.taylor(xt, vt, 2, batch)) {
            close("a₀ = f(x) of the order-2 pass", new double[] {l0}, new double[] {r.loss()}, 1e-12);
            close("c₀ = ∇f of the order-2 pass", g0, r.gradient(), 1e-12);
            close("c₀ = ∇f", FiniteDifferences.gradient(loss, x, h), g0, tol);
            double[] hvp = r.hvp(0);
            close("c₁ = H·v", FiniteDifferences.directional(grad, x, v, hv), hvp, tol);
            close("c₂ = ½·T[v,v]", half(FiniteDifferences.secondDirectional(grad, x, v, 10 * hv)), r.coefficient(2, 0), 10 * tol);
            close("a₁ = ⟨∇f, v⟩", new double[] {dot(g0, v)}, new double[] {r.lossCoefficient(1, 0)}, tol);
            close("a₂ = ½⟨v, H·v⟩", new double[] {0.5 * dot(hvp, v)}, new double[] {r.lossCoefficient(2, 0)}, tol);
        }
    }

    /**
     * @param f the objective
     * @param x the point; not modified
     * @param v the direction; not modified
     * @param tol the relative tolerance
     */
    public static void assertBatchWeights(Objective f, double[] x, double[] v, double tol) {
        Backend be = f.backend();
        int d = f.dimension();
        int n = f.sampleCount();
        int[] idx = {0, n - 1, 0, n / 2};
        double[] w = {0.5, 2.0, -1.25, 0.75};
        double[][] expected = new double[3][d];
        double[] expectedLoss = new double[3];
        try (Tensor xt = be.upload(x, d); Tensor vt = be.upload(v, d)) {
            for (int r = 0; r < idx.length; r++) {
                try (TaylorResult one = f.taylor(xt, vt, 2, Batch.of(idx[r]))) {
                    for (int k = 0; k < 3; k++) {
                        double[] c = one.coefficient(k, 0);
                        for (int i = 0; i < d; i++) {
                            expected[k][i] += w[r] / idx.length * c[i];
                        }
                        expectedLoss[k] += w[r] / idx.length * one.lossCoefficient(k, 0);
                    }
                }
            }
            try (TaylorResult all = f.taylor(xt, vt, 2, Batch.of(idx).withWeights(w))) {
                close("a₀ = f_γ(x) of the weighted batch", new double[] {expectedLoss[0]}, new double[] {all.loss()}, tol);
                String[] names = {"c₀ = ∇f_γ", "c₁ = H_γ·v", "c₂ = ½·T_γ[v,v]"};
                for (int k = 0; k < 3; k++) {
                    close(names[k] + " of the weighted batch", expected[k], all.coefficient(k, 0), tol);
                }
            }
        }
    }

    private static void close(String what, double[] expected, double[] actual, double tol) {
        double scale = Math.max(1.0, maxAbs(expected));
        for (int i = 0; i < expected.length; i++) {
            double err = Math.abs(actual[i] - expected[i]);
            if (!(err <= tol * scale)) {
                throw new AssertionError(what + " is wrong at element " + i + ": expected " + expected[i] + ", got " + actual[i]
                        + " (error " + err + " > " + tol + " × " + scale + ")");
            }
        }
    }

    private static double[] half(double[] a) {
        for (int i = 0; i < a.length; i++) {
            a[i] *= 0.5;
        }
        return a;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    private static double maxAbs(double[] a) {
        double m = 0;
        for (double e : a) {
            m = Math.max(m, Math.abs(e));
        }
        return m;
    }
}
