package org.samsde.sde.study;

import org.apache.commons.math3.stat.regression.SimpleRegression;

/**
 * Convergence orders as least-squares slopes on log–log axes.
 */
public final class Slopes {
    private Slopes() {
    }

    /**
     * A fitted line log y = intercept + slope·log x.
     *
     * @param slope the estimated order
     * @param stderr its standard error (NaN with two points)
     * @param intercept the intercept
     */
    public record Fit(double slope, double stderr, double intercept) {
    }

    /**
     * @param x the step sizes (positive); not modified
     * @param y the errors (positive); not modified
     * @return the least-squares fit of log y on log x
     * @throws IllegalArgumentException with fewer than two points or a non-positive value
     */
    public static Fit fit(double[] x, double[] y) {
        if (x.length != y.length || x.length < 2) {
            throw new IllegalArgumentException("a slope needs at least two (x, y) pairs");
        }
        SimpleRegression r = new SimpleRegression();
        for (int i = 0; i < x.length; i++) {
            if (!(x[i] > 0) || !(y[i] > 0)) {
                throw new IllegalArgumentException("log-log slope needs positive values, got (" + x[i] + ", " + y[i] + ")");
            }
            r.addData(Math.log(x[i]), Math.log(y[i]));
        }
        return new Fit(r.getSlope(), x.length > 2 ? r.getSlopeStdErr() : Double.NaN, r.getIntercept());
    }
}
