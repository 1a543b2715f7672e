package org.samsde.core.jet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The Java tanh against the JDK's over its whole range, special values included. */
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
}
