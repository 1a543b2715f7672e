package org.samsde.sde.study;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.apache.commons.math3.stat.StatUtils;
import org.apache.commons.rng.UniformRandomProvider;
import org.samsde.core.random.RandomStreams;
import org.samsde.sde.run.Ensemble;
import org.samsde.sde.run.Record;

/**
 * The gap verdict that {@link SeedGaps} replaced, kept here only so that the calibration test can
 * show it fail: the RMS gap over the records after step 0 between two ensembles' means, less its
 * noise floor, Ĝ = √max(0, G² − F²) with G² = mean over records of (m_a − m_b)² and F² = mean over
 * records of (var_a/S_a + var_b/S_b), and a 95% basic bootstrap interval over seeds,
 * [Ĝ − (q₀.₉₇₅ − G), Ĝ − (q₀.₀₂₅ − G)] clipped at 0 (q the quantiles of the replicates' Ĝ*, G the
 * plug-in RMS gap), seeds resampled with replacement within each ensemble. "Resolved" was a lower
 * end above 0, per panel, with no correction for the number of panels. The arithmetic is that of
 * the former {@code SdeGaps.compute}, with the number of replicates as a parameter (it had 2000).
 */
final class LegacyRmsBootstrap {
    private LegacyRmsBootstrap() {
    }

    /**
     * @param gap Ĝ
     * @param lower the lower end of the basic bootstrap interval
     * @param upper the upper end
     */
    record Interval(double gap, double lower, double upper) {
        boolean resolved() {
            return lower > 0;
        }

        boolean covers(double value) {
            return lower <= value && value <= upper;
        }
    }

    /**
     * @param reference the reference ensemble's trajectories (diverged ones are left out)
     * @param model the model's
     * @param metric a name of {@link Record#METRICS}
     * @param resamples bootstrap replicates
     * @param seed the bootstrap's seed
     * @return the RMS gap and its interval
     */
    static Interval compute(List<Ensemble.Trajectory> reference, List<Ensemble.Trajectory> model, String metric, int resamples, long seed) {
        int column = Record.METRICS.indexOf(metric);
        double[][] ref = values(reference, column);
        double[][] mod = values(model, column);
        UniformRandomProvider rng = RandomStreams.stream(seed, column);
        double[] boot = new double[resamples];
        for (int b = 0; b < resamples; b++) {
            boot[b] = debiased(pick(ref, resample(ref.length, rng)), pick(mod, resample(mod.length, rng)));
        }
        double plugIn = rms(ref, mod);
        double gap = debiased(ref, mod);
        Arrays.sort(boot);
        double lower = Math.max(0, gap - (quantile(boot, 0.975) - plugIn));
        double upper = Math.max(0, gap - (quantile(boot, 0.025) - plugIn));
        return new Interval(gap, lower, upper);
    }

    private static double[][] values(List<Ensemble.Trajectory> trajectories, int column) {
        List<double[]> rows = new ArrayList<>();
        for (Ensemble.Trajectory t : trajectories) {
            if (!t.diverged()) {
                rows.add(t.records().stream().mapToDouble(r -> r.metrics()[column]).toArray());
            }
        }
        return rows.toArray(double[][]::new);
    }

    private static int[] resample(int n, UniformRandomProvider rng) {
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) {
            idx[i] = rng.nextInt(n);
        }
        return idx;
    }

    private static double[][] pick(double[][] v, int[] seeds) {
        double[][] out = new double[seeds.length][];
        for (int j = 0; j < seeds.length; j++) {
            out[j] = v[seeds[j]];
        }
        return out;
    }

    private static double debiased(double[][] a, double[][] b) {
        double g = rms(a, b);
        double f = floor(a, b);
        return Math.sqrt(Math.max(0, g * g - f * f));
    }

    private static double rms(double[][] a, double[][] b) {
        double[] ma = means(a);
        double[] mb = means(b);
        double sum = 0;
        for (int k = 1; k < ma.length; k++) {
            sum += (ma[k] - mb[k]) * (ma[k] - mb[k]);
        }
        return Math.sqrt(sum / Math.max(1, ma.length - 1));
    }

    private static double[] means(double[][] v) {
        double[] m = new double[v[0].length];
        for (double[] row : v) {
            for (int k = 0; k < m.length; k++) {
                m[k] += row[k] / v.length;
            }
        }
        return m;
    }

    private static double floor(double[][] a, double[][] b) {
        int records = a[0].length;
        double sum = 0;
        for (int k = 1; k < records; k++) {
            double[] x = column(a, k);
            double[] y = column(b, k);
            sum += StatUtils.variance(x) / x.length + StatUtils.variance(y) / y.length;
        }
        return Math.sqrt(sum / Math.max(1, records - 1));
    }

    private static double[] column(double[][] v, int k) {
        double[] c = new double[v.length];
        for (int s = 0; s < v.length; s++) {
            c[s] = v[s][k];
        }
        return c;
    }

    private static double quantile(double[] sorted, double q) {
        double pos = q * (sorted.length - 1);
        int i = (int) Math.floor(pos);
        int j = Math.min(sorted.length - 1, i + 1);
        return sorted[i] + (pos - i) * (sorted[j] - sorted[i]);
    }
}
