package org.samsde.core.jet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.samsde.core.testing.Check;
import org.samsde.core.testing.GeluOracle;

/**
 * The Java tanh against the JDK's over its whole range, special values included; GELU and its
 * derivatives against an independent oracle ({@link GeluOracle}).
 */
class ActivationTest {
    @Test
    void tanhIsWithinTwoUlpOfTheJdk() {
        java.util.Random r = new java.util.Random(3);
        for (int i = 0; i < 200_000; i++) {
            double x = (i % 2 == 0 ? r.nextGaussian() * 3 : r.nextGaussian() * 1e-3) * (i % 7 == 0 ? 100 : 1);
            double expected = Math.tanh(x);
            assertTrue(Math.abs(Activation.tanh(x) - expected) <= 2 * Math.ulp(expected), "tanh(" + x + ")");
        }
        for (double x : new double[] {0.0, -0.0, 0.625, -0.625, 20, -20, 400, Double.MIN_VALUE, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
            assertEquals(Math.tanh(x), Activation.tanh(x), 2 * Math.ulp(Math.tanh(x)), "tanh(" + x + ")");
        }
        assertEquals(Double.doubleToLongBits(-0.0), Double.doubleToLongBits(Activation.tanh(-0.0)), "sign of zero");
        assertTrue(Double.isNaN(Activation.tanh(Double.NaN)));
    }

    /**
     * g(x) = x·Φ(x) and g′ … g⁗ (every order the jet rules use, up to {@link Activation#MAX_DERIVATIVE})
     * against {@link GeluOracle} (Φ from Commons Math's normal distribution, the derivatives by
     * DerivativeStructure arithmetic) on the grid x = −8 + j/64, j = 0…1024, to 1e-12 relative (the
     * grid misses the irrational zeros of the derivatives, where relative error means nothing; at x = 0
     * both sides are exactly 0). The tanh approximation of GELU fails it (relative error 1 at x = −8,
     * where 1 + tanh cancels to 0).
     */
    @Test
    void geluAndItsDerivativesMatchXTimesTheNormalCdf() {
        for (int j = 0; j <= 1024; j++) {
            double x = -8 + j / 64.0;
            double[] expected = GeluOracle.derivatives(x, Activation.MAX_DERIVATIVE);
            for (int r = 0; r <= Activation.MAX_DERIVATIVE; r++) {
                Check.close(expected[r], Activation.GELU.derivative(x, r), 1e-12, "GELU derivative " + r + " at " + x);
            }
        }
        // far tails: g(x) → 0 like x·φ(x)/|x| below, g(x) → x above
        Check.close(GeluOracle.derivatives(-30, 0)[0], Activation.GELU.derivative(-30, 0), 1e-12, "GELU at -30");
        assertEquals(30.0, Activation.GELU.derivative(30, 0), 0.0, "GELU at 30");
    }
}
