package org.samsde.cli;

import java.util.Arrays;

/** Medians of repeated timings, for the benchmarks. */
final class Medians {
    private Medians() {
    }

    /**
     * @param v values, not modified
     * @return their median (the mean of the middle two for an even count)
     */
    static double of(double[] v) {
        double[] c = v.clone();
        Arrays.sort(c);
        int n = c.length;
        return n % 2 == 1 ? c[n / 2] : 0.5 * (c[n / 2 - 1] + c[n / 2]);
    }

    /**
     * @param a values of rounds
     * @param b values of the same rounds, non-zero
     * @return the median over rounds of a[r] / b[r]
     */
    static double ofRatios(double[] a, double[] b) {
        double[] q = new double[a.length];
        for (int r = 0; r < a.length; r++) {
            q[r] = a[r] / b[r];
        }
        return of(q);
    }
}
