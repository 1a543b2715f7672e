package org.samsde.testkit;

import static org.junit.jupiter.api.Assertions.fail;

import org.samsde.sde.study.Slopes;

/**
 * Assertions on convergence orders: the least-squares slope of log error on log step size
 * ({@link Slopes#fit}) lies in a band p ± w around the expected order p, as in DiffEqDevTools'
 * {@code test_convergence}. The band is the test's statement of what it resolves: widen it for
 * Monte Carlo errors, never for a known bias.
 */
public final class SlopeAssertions {
    private SlopeAssertions() {
    }

    /**
     * Fails unless |slope − expected| ≤ band.
     *
     * @param fit the fitted slope
     * @param expected p, the expected order
     * @param band w ≥ 0
     * @param what a label for the message
     * @throws AssertionError with the slope, its standard error and the band
     */
    public static void assertSlope(Slopes.Fit fit, double expected, double band, String what) {
        if (!(Math.abs(fit.slope() - expected) <= band)) {
            fail(what + ": slope " + fit.slope() + " (standard error " + fit.stderr() + ") outside " + expected
                    + " ± " + band);
        }
    }

    /**
     * Fits log y on log x and fails unless the slope is within expected ± band.
     *
     * @param steps the step sizes (positive); not modified
     * @param errors the errors (positive); not modified
     * @param expected p, the expected order
     * @param band w ≥ 0
     * @param what a label for the message
     * @return the fit
     * @throws AssertionError when the slope is outside the band
     */
    public static Slopes.Fit assertSlope(double[] steps, double[] errors, double expected, double band, String what) {
        Slopes.Fit fit = Slopes.fit(steps, errors);
        assertSlope(fit, expected, band, what);
        return fit;
    }
}
