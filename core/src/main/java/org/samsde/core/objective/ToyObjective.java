package org.samsde.core.objective;

import org.samsde.core.jet.JetLayout;
import org.samsde.core.tensor.Backend;
import org.samsde.core.tensor.Tensor;
import org.samsde.core.tensor.Vectors;

/**
 * A closed-form toy loss as an {@link Objective}, deterministic or with per-sample noise of known
 * covariance:
 * <ul>
 *   <li>{@link #deterministic}: n = 1, f₁ = f;</li>
 *   <li>{@link #shifted}: fᵢ(x) = f(x − ξᵢ), so that for a quadratic the per-sample gradients are
 *       A(x − x* − ξᵢ) with covariance A·Cov(ξ)·A;</li>
 *   <li>{@link #linearNoise}: fᵢ(x) = f(x) + ⟨ζᵢ, x⟩, per-sample gradient covariance Cov(ζ)
 *       everywhere.</li>
 * </ul>
 * Derivatives are evaluated on the host from the closed forms and uploaded: toys are small.
 */
public final class ToyObjective implements Objective {
    private enum Noise { NONE, SHIFT, LINEAR }

    private final ClosedFormLoss loss;
    private final Backend backend;
    private final Noise noise;
    private final double[] offsets;
    private final int n;

    private ToyObjective(ClosedFormLoss loss, Backend backend, Noise noise, double[] offsets, int n) {
        this.loss = loss;
        this.backend = backend;
        this.noise = noise;
        this.offsets = offsets;
        this.n = n;
    }

    /**
     * @param loss the closed-form loss
     * @param backend where parameters and results live
     * @return f itself, one sample
     */
    public static ToyObjective deterministic(ClosedFormLoss loss, Backend backend) {
        return new ToyObjective(loss, backend, Noise.NONE, null, 1);
    }

    /**
     * @param loss the closed-form loss
     * @param xi the shifts ξᵢ as a row-major n × d array; copied
     * @param backend where parameters and results live
     * @return fᵢ(x) = f(x − ξᵢ)
     */
    public static ToyObjective shifted(ClosedFormLoss loss, double[] xi, Backend backend) {
        return new ToyObjective(loss, backend, Noise.SHIFT, checkRows(xi, loss.dimension(), "xi"), xi.length / loss.dimension());
    }

    /**
     * @param loss the closed-form loss
     * @param zeta the linear perturbations ζᵢ as a row-major n × d array; copied
     * @param backend where parameters and results live
     * @return fᵢ(x) = f(x) + ⟨ζᵢ, x⟩
     */
    public static ToyObjective linearNoise(ClosedFormLoss loss, double[] zeta, Backend backend) {
        return new ToyObjective(loss, backend, Noise.LINEAR, checkRows(zeta, loss.dimension(), "zeta"), zeta.length / loss.dimension());
    }

    private static double[] checkRows(double[] rows, int d, String name) {
        if (rows.length == 0 || rows.length % d != 0) {
            throw new IllegalArgumentException(name + " has " + rows.length + " elements, not a positive multiple of d = " + d);
        }
        return Vectors.requireFinite(rows, name).clone();
    }

    /** @return the closed-form loss f */
    public ClosedFormLoss loss() {
        return loss;
    }

    @Override
    public Backend backend() {
        return backend;
    }

    @Override
    public int dimension() {
        return loss.dimension();
    }

    @Override
    public int sampleCount() {
        return n;
    }

    @Override
    public TaylorResult taylor(Tensor x, Tensor directions, int order, Batch batch) {
        JetLayout layout = layoutFor(x, directions, order);
        int d = dimension();
        int m = layout.directions();
        double[] xh = x.toArray();
        double[] vh = order == 0 ? null : directions.toArray();
        int[] idx = batch.resolve(n);
        int size = batch.size(n);
        double[] coef = new double[layout.blocks() * d];
        double[] lossCoef = new double[layout.blocks()];
        double[] y = new double[d];
        if (noise == Noise.SHIFT) {
            for (int r = 0; r < size; r++) {
                int base = idx[r] * d;
                for (int i = 0; i < d; i++) {
                    y[i] = xh[i] - offsets[base + i];
                }
                accumulate(layout, y, vh, batch.weight(r) / size, coef, lossCoef);
            }
        } else {
            double total = 0;
            for (int r = 0; r < size; r++) {
                total += batch.weight(r);
            }
            accumulate(layout, xh, vh, total / size, coef, lossCoef);
            if (noise == Noise.LINEAR) {
                for (int r = 0; r < size; r++) {
                    double w = batch.weight(r) / size;
                    int base = idx[r] * d;
                    for (int i = 0; i < d; i++) {
                        double z = offsets[base + i];
                        coef[i] += w * z;
                        lossCoef[0] += w * z * xh[i];
                        for (int j = 0; j < m && order > 0; j++) {
                            lossCoef[layout.block(1, j)] += w * z * vh[j * d + i];
                        }
                    }
                }
            }
        }
        return new TaylorResult(layout, d, lossCoef, backend.upload(coef, layout.blocks(), d));
    }

    /** Adds w times the Taylor coefficients of f and ∇f at y along each direction. */
    private void accumulate(JetLayout layout, double[] y, double[] vh, double w, double[] coef, double[] lossCoef) {
        int d = dimension();
        double[] g = new double[d];
        loss.gradient(y, g);
        lossCoef[0] += w * loss.value(y);
        addScaled(coef, 0, g, w);
        double[] v = new double[d];
        double[] t = new double[d];
        for (int j = 0; j < layout.directions() && layout.order() > 0; j++) {
            System.arraycopy(vh, j * d, v, 0, d);
            lossCoef[layout.block(1, j)] += w * Vectors.dot(g, v);
            for (int k = 1; k <= layout.order(); k++) {
                switch (k) {
                    case 1 -> loss.hvp(y, v, t);
                    case 2 -> loss.thirdOrder(y, v, t);
                    default -> loss.fourthOrder(y, v, t);
                }
                // c_k = ∇^{k+1}f[v…]/k!, and a_{k+1} = ⟨c_k, v⟩/(k+1)
                double cs = w / factorial(k);
                addScaled(coef, layout.block(k, j) * d, t, cs);
                if (k + 1 <= layout.order()) {
                    lossCoef[layout.block(k + 1, j)] += cs * Vectors.dot(t, v) / (k + 1);
                }
            }
        }
    }

    private static double factorial(int k) {
        double f = 1;
        for (int i = 2; i <= k; i++) {
            f *= i;
        }
        return f;
    }

    private static void addScaled(double[] dst, int off, double[] src, double w) {
        for (int i = 0; i < src.length; i++) {
            dst[off + i] += w * src[i];
        }
    }
}
