package org.samsde.sde.study;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.stat.StatUtils;
import org.apache.commons.rng.UniformRandomProvider;
import org.samsde.core.random.RandomStreams;
import org.samsde.sde.run.Ensemble;
import org.samsde.sde.run.Record;

/**
 * How far each SDE model's ensemble is from the discrete method's, panel by panel: the gaps that
 * say whether the order-3 SDE is closer to discrete SAM than the order-2 SDE on a real problem.
 *
 * <p>For a metric φ recorded at steps k₁ … k_K (the records of the reference's first trajectory;
 * diverged trajectories are left out), with m_A(k) the mean over the seeds of method A:
 * <ul>
 *   <li>the <b>final gap</b> D = m_ref(k_K) − m_model(k_K) with the 95% half-width t(0.975, S−1)·s,
 *       s² = var_ref/S_ref + var_model/S_model and S the smaller seed count (the conservative end of
 *       Welch's range);</li>
 *   <li>the <b>RMS gap</b> beyond the noise, Ĝ = √max(0, G² − F²), where G = √(mean over the records
 *       after step 0 of (m_ref − m_model)²) is the plug-in RMS gap and F = √(mean of s²) its
 *       <b>noise floor</b> (E[G²] = true mean squared gap + F², so two ensembles of the same dynamics
 *       show G ≈ F); with a 95% basic bootstrap interval [Ĝ − (q₀.₉₇₅ − G), Ĝ − (q₀.₀₂₅ − G)]
 *       (clipped at 0), q the quantiles of the replicates' Ĝ*, G the parameter's value in the bootstrap
 *       world; seeds resampled with replacement within each method, the reference's resample shared
 *       by every model of a replicate, from a seeded stream;</li>
 *   <li>the <b>excess</b> of the first model over each later one, Ĝ_first − Ĝ_model, with its basic
 *       bootstrap interval from the same replicates (paired): above zero means the later model is
 *       closer to the reference.</li>
 * </ul>
 * The ensembles of the methods are not paired by seed (their batches differ), so the gaps are
 * differences of ensemble means, not means of per-seed differences.
 */
public final class SdeGaps {
    /** Bootstrap replicates. */
    public static final int RESAMPLES = 2000;

    private SdeGaps() {
    }

    /**
     * The gaps of one model on one metric.
     *
     * @param metric the metric, a name of {@link Record#METRICS}
     * @param model the model's method name
     * @param reference the reference method's name
     * @param step the last recorded step
     * @param finalGap D = m_ref − m_model at the last step
     * @param finalHalfWidth its 95% half-width
     * @param rmsGap Ĝ, the RMS gap over the records after step 0 beyond the noise floor
     * @param rmsLower the lower end of G's 95% basic bootstrap interval
     * @param rmsUpper the upper end
     * @param rmsFloor F, the noise floor of the plug-in RMS gap
     * @param versus the model the excess is measured against (null for the first model)
     * @param excess Ĝ_versus − Ĝ_model (NaN for the first model)
     * @param excessLower the lower end of its 95% bootstrap interval
     * @param excessUpper the upper end
     */
    public record Gap(String metric, String model, String reference, int step, double finalGap, double finalHalfWidth, double rmsGap,
                      double rmsLower, double rmsUpper, double rmsFloor, String versus, double excess, double excessLower,
                      double excessUpper) {
    }

    /**
     * @param trajectories the ensemble, every method with the same record steps
     * @param reference the discrete method's name (e.g. sam)
     * @param models the SDE models' names, the first being the one the later ones are compared to
     * @param metrics the metrics, names of {@link Record#METRICS}
     * @param seed the bootstrap's seed
     * @return one gap per metric and model, metrics in the given order, models within each
     * @throws IllegalArgumentException when a method has fewer than two finished trajectories or a
     *     name is unknown
     */
    public static List<Gap> compute(List<Ensemble.Trajectory> trajectories, String reference, List<String> models, List<String> metrics,
                                    long seed) {
        int[] steps = steps(trajectories, reference);
        List<Gap> out = new ArrayList<>();
        for (String metric : metrics) {
            int column = Record.METRICS.indexOf(metric);
            if (column < 0) {
                throw new IllegalArgumentException("unknown metric '" + metric + "': expected one of " + Record.METRICS);
            }
            double[][] ref = values(trajectories, reference, column, steps);
            double[][][] mod = new double[models.size()][][];
            for (int i = 0; i < models.size(); i++) {
                mod[i] = values(trajectories, models.get(i), column, steps);
            }
            // bootstrap replicates of the debiased gap for every model, the reference's resample shared within a replicate
            UniformRandomProvider rng = RandomStreams.stream(seed, column);
            double[][] boot = new double[models.size()][RESAMPLES];
            for (int b = 0; b < RESAMPLES; b++) {
                double[][] r = pick(ref, resample(ref.length, rng));
                for (int i = 0; i < models.size(); i++) {
                    boot[i][b] = debiased(r, pick(mod[i], resample(mod[i].length, rng)));
                }
            }
            int last = steps.length - 1;
            double[] plugIn = new double[models.size()];
            double[] gap = new double[models.size()];
            for (int i = 0; i < models.size(); i++) {
                plugIn[i] = rms(ref, mod[i]);
                gap[i] = debiased(ref, mod[i]);
            }
            for (int i = 0; i < models.size(); i++) {
                double[] a = column(ref, last);
                double[] c = column(mod[i], last);
                double d = StatUtils.mean(a) - StatUtils.mean(c);
                double se = Math.sqrt(StatUtils.variance(a) / a.length + StatUtils.variance(c) / c.length);
                double t = new TDistribution(null, Math.min(a.length, c.length) - 1).inverseCumulativeProbability(0.975);
                double[] sorted = boot[i].clone();
                Arrays.sort(sorted);
                // basic bootstrap: in the bootstrap world the parameter is the plug-in value
                double lower = Math.max(0, gap[i] - (quantile(sorted, 0.975) - plugIn[i]));
                double upper = Math.max(0, gap[i] - (quantile(sorted, 0.025) - plugIn[i]));
                String versus = null;
                double excess = Double.NaN;
                double lo = Double.NaN;
                double hi = Double.NaN;
                if (i > 0) {
                    versus = models.get(0);
                    excess = gap[0] - gap[i];
                    double world = plugIn[0] - plugIn[i];
                    double[] diff = new double[RESAMPLES];
                    for (int b = 0; b < RESAMPLES; b++) {
                        diff[b] = boot[0][b] - boot[i][b];
                    }
                    Arrays.sort(diff);
                    lo = excess - (quantile(diff, 0.975) - world);
                    hi = excess - (quantile(diff, 0.025) - world);
                }
                out.add(new Gap(metric, models.get(i), reference, steps[last], d, t * se, gap[i], lower, upper, floor(ref, mod[i]), versus,
                        excess, lo, hi));
            }
        }
        return out;
    }

    /** The record steps of the reference's first finished trajectory. */
    private static int[] steps(List<Ensemble.Trajectory> trajectories, String reference) {
        for (Ensemble.Trajectory t : trajectories) {
            if (t.method().equals(reference) && !t.diverged()) {
                return t.records().stream().mapToInt(Record::step).toArray();
            }
        }
        throw new IllegalArgumentException("no finished trajectory of the reference method '" + reference + "'");
    }

    /** @return values[seed][record] of one method's finished trajectories */
    private static double[][] values(List<Ensemble.Trajectory> trajectories, String method, int column, int[] steps) {
        List<double[]> rows = new ArrayList<>();
        for (Ensemble.Trajectory t : trajectories) {
            if (!t.method().equals(method) || t.diverged()) {
                continue;
            }
            List<Record> rs = t.records();
            if (rs.size() != steps.length) {
                throw new IllegalArgumentException(method + " seed " + t.seedIndex() + ": " + rs.size() + " records, the reference has "
                        + steps.length);
            }
            double[] row = new double[steps.length];
            for (int k = 0; k < steps.length; k++) {
                if (rs.get(k).step() != steps[k]) {
                    throw new IllegalArgumentException(method + ": records at other steps than the reference's");
                }
                row[k] = rs.get(k).metrics()[column];
            }
            rows.add(row);
        }
        if (rows.size() < 2) {
            throw new IllegalArgumentException("method '" + method + "' has " + rows.size() + " finished trajectories, at least 2 needed");
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

    private static int[] identity(int n) {
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) {
            idx[i] = i;
        }
        return idx;
    }

    /** @return the rows of the chosen seeds */
    private static double[][] pick(double[][] v, int[] seeds) {
        double[][] out = new double[seeds.length][];
        for (int j = 0; j < seeds.length; j++) {
            out[j] = v[seeds[j]];
        }
        return out;
    }

    /** @return √(mean over records 1.. of (m_a − m_b)²), the plug-in RMS gap */
    private static double rms(double[][] a, double[][] b) {
        return rms(means(a, identity(a.length)), means(b, identity(b.length)));
    }

    /** @return √max(0, G² − F²): the RMS gap less what the ensembles' noise adds to it on average */
    private static double debiased(double[][] a, double[][] b) {
        double g = rms(a, b);
        double f = floor(a, b);
        return Math.sqrt(Math.max(0, g * g - f * f));
    }

    /** @return the mean over the chosen seeds at every record */
    private static double[] means(double[][] v, int[] seeds) {
        double[] m = new double[v[0].length];
        for (int s : seeds) {
            for (int k = 0; k < m.length; k++) {
                m[k] += v[s][k] / seeds.length;
            }
        }
        return m;
    }

    /** @return √(mean over records 1.. of (a − b)²) */
    private static double rms(double[] a, double[] b) {
        double sum = 0;
        for (int k = 1; k < a.length; k++) {
            sum += (a[k] - b[k]) * (a[k] - b[k]);
        }
        return Math.sqrt(sum / Math.max(1, a.length - 1));
    }

    /** @return √(mean over records 1.. of var_a/S_a + var_b/S_b) */
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

    /** @return the q-quantile of sorted values (linear interpolation) */
    private static double quantile(double[] sorted, double q) {
        double pos = q * (sorted.length - 1);
        int i = (int) Math.floor(pos);
        int j = Math.min(sorted.length - 1, i + 1);
        return sorted[i] + (pos - i) * (sorted[j] - sorted[i]);
    }
}
