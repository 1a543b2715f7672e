package org.samsde.core.testing;

/**
 * Assertions on vectors with a relative error measured against the norm of the expected vector:
 * err = ‖actual − expected‖∞ / max(‖expected‖∞, 1e-300). A failure throws {@link AssertionError}
 * (which JUnit and every other test framework report as a failed test), so this class needs no
 * test framework on the class path.
 */
public final class Check {
    private Check() {
    }

    /**
     * @param expected the reference; not modified
     * @param actual the value under test; not modified
     * @return ‖actual − expected‖∞ / max(‖expected‖∞, tiny)
     */
    public static double relativeError(double[] expected, double[] actual) {
        if (expected.length != actual.length) {
            throw new AssertionError("lengths differ: " + expected.length + " vs " + actual.length);
        }
        double diff = 0;
        double scale = 0;
        for (int i = 0; i < expected.length; i++) {
            if (!Double.isFinite(actual[i])) {
                return Double.POSITIVE_INFINITY;
            }
            diff = Math.max(diff, Math.abs(actual[i] - expected[i]));
            scale = Math.max(scale, Math.abs(expected[i]));
        }
        return diff / Math.max(scale, 1e-300);
    }

    /**
     * Fails unless the relative error is at most tol.
     *
     * @param expected the reference; not modified
     * @param actual the value under test; not modified
     * @param tol the tolerance
     * @param what a label for the message
     * @throws AssertionError when the relative error exceeds tol or actual has a non-finite entry
     */
    public static void close(double[] expected, double[] actual, double tol, String what) {
        double err = relativeError(expected, actual);
        if (!(err <= tol)) {
            throw new AssertionError(what + ": relative error " + err + " exceeds " + tol);
        }
    }

    /**
     * Fails unless |actual − expected| ≤ tol·max(|expected|, 1e-300).
     *
     * @param expected the reference
     * @param actual the value under test
     * @param tol the tolerance
     * @param what a label for the message
     */
    public static void close(double expected, double actual, double tol, String what) {
        close(new double[] {expected}, new double[] {actual}, tol, what);
    }
}
