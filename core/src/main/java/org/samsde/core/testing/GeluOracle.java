package org.samsde.core.testing;

import org.apache.commons.math3.analysis.differentiation.DerivativeStructure;
import org.apache.commons.math3.distribution.NormalDistribution;

/**
 * An independent oracle for the exact GELU g(x) = x·Φ(x), Φ the standard normal distribution
 * function: Φ(x) from Commons Math {@link NormalDistribution}, and the derivatives from Commons Math
 * {@link DerivativeStructure} arithmetic on Φ′ = φ, φ(x) = e^{−x²/2}/√(2π), without the closed forms
 * (Hermite polynomials times φ) that the production code uses. So
 * g^{(r)} = x·Φ^{(r)} + r·Φ^{(r−1)} with Φ^{(j)} = φ^{(j−1)} for j ≥ 1, by the Leibniz rule of the
 * product of two derivative structures.
 */
public final class GeluOracle {
    private static final NormalDistribution STANDARD = new NormalDistribution(null, 0, 1);
    private static final double INV_SQRT2PI = 1.0 / Math.sqrt(2 * Math.PI);

    private GeluOracle() {
    }

    /**
     * @param x the point
     * @param order the highest derivative order wanted, ≥ 0
     * @return g(x), g′(x), …, g^{(order)}(x) (order + 1 values)
     */
    public static double[] derivatives(double x, int order) {
        int n = Math.max(order, 1);
        DerivativeStructure t = new DerivativeStructure(1, n - 1, 0, x);
        DerivativeStructure phi = t.multiply(t).multiply(-0.5).exp().multiply(INV_SQRT2PI);
        double[] cdf = new double[n + 1];
        cdf[0] = STANDARD.cumulativeProbability(x);
        for (int j = 1; j <= n; j++) {
            cdf[j] = phi.getPartialDerivative(j - 1);
        }
        DerivativeStructure g = new DerivativeStructure(1, n, 0, x).multiply(new DerivativeStructure(1, n, cdf));
        double[] out = new double[order + 1];
        for (int r = 0; r <= order; r++) {
            out[r] = g.getPartialDerivative(r);
        }
        return out;
    }
}
