package org.samsde.sde.run;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.apache.commons.math3.distribution.TDistribution;

/**
 * Ensemble statistics per method and step: for every metric, the mean over the seeds that reached
 * the step without diverging and its 95% t-interval mean ± t_{0.975, m−1}·s/√m (NaN bounds with
 * fewer than two seeds). Non-finite values of a metric are left out of that metric's statistics.
 */
public final class Summary {
    private Summary() {
    }

    /**
     * One row.
     *
     * @param method the method
     * @param step k
     * @param time k·η
     * @param seeds how many trajectories have a record at this step
     * @param mean per metric, in the order of {@link Record#METRICS}
     * @param lower lower 95% bound per metric
     * @param upper upper 95% bound per metric
     */
    public record Row(String method, int step, double time, int seeds, double[] mean, double[] lower, double[] upper) {
        /**
         * @param metric a metric's name, one of {@link Record#METRICS}
         * @return its mean over the seeds
         */
        public double mean(String metric) {
            return mean[column(metric)];
        }

        /**
         * @param metric a metric's name
         * @return the lower end of its 95% interval
         */
        public double lower(String metric) {
            return lower[column(metric)];
        }

        /**
         * @param metric a metric's name
         * @return the upper end of its 95% interval
         */
        public double upper(String metric) {
            return upper[column(metric)];
        }

        private static int column(String metric) {
            int c = Record.METRICS.indexOf(metric);
            if (c < 0) {
                throw new IllegalArgumentException("no metric '" + metric + "' (the metrics: " + String.join(", ", Record.METRICS) + ")");
            }
            return c;
        }

    }

    /**
     * A mean with its t-interval.
     *
     * @param mean the sample mean
     * @param halfWidth t_{0.975, m−1}·s/√m, NaN for m &lt; 2
     * @param count m
     */
    public record Interval(double mean, double halfWidth, int count) {
        /**
         * @param values the sample; non-finite values are skipped
         * @return the mean and its 95% t-interval
         */
        public static Interval of(double[] values) {
            int m = 0;
            double sum = 0;
            for (double v : values) {
                if (Double.isFinite(v)) {
                    m++;
                    sum += v;
                }
            }
            if (m == 0) {
                return new Interval(Double.NaN, Double.NaN, 0);
            }
            double mean = sum / m;
            if (m < 2) {
                return new Interval(mean, Double.NaN, m);
            }
            double ss = 0;
            for (double v : values) {
                if (Double.isFinite(v)) {
                    ss += (v - mean) * (v - mean);
                }
            }
            double sd = Math.sqrt(ss / (m - 1));
            double t = new TDistribution(null, m - 1).inverseCumulativeProbability(0.975);
            return new Interval(mean, t * sd / Math.sqrt(m), m);
        }
    }

    /**
     * @param trajectories the ensemble
     * @return rows grouped by method (in first-seen order), steps ascending
     */
    public static List<Row> of(List<Ensemble.Trajectory> trajectories) {
        Map<String, TreeMap<Integer, List<Record>>> byMethod = new LinkedHashMap<>();
        for (Ensemble.Trajectory t : trajectories) {
            TreeMap<Integer, List<Record>> steps = byMethod.computeIfAbsent(t.method(), k -> new TreeMap<>());
            for (Record r : t.records()) {
                if (!r.diverged()) {
                    steps.computeIfAbsent(r.step(), k -> new ArrayList<>()).add(r);
                }
            }
        }
        int metrics = Record.METRICS.size();
        List<Row> rows = new ArrayList<>();
        byMethod.forEach((method, steps) -> steps.forEach((step, records) -> {
            double[] mean = new double[metrics];
            double[] lo = new double[metrics];
            double[] hi = new double[metrics];
            for (int m = 0; m < metrics; m++) {
                double[] values = new double[records.size()];
                for (int i = 0; i < values.length; i++) {
                    values[i] = records.get(i).metrics()[m];
                }
                Interval iv = Interval.of(values);
                mean[m] = iv.mean();
                lo[m] = iv.mean() - iv.halfWidth();
                hi[m] = iv.mean() + iv.halfWidth();
            }
            rows.add(new Row(method, step, records.get(0).time(), records.size(), mean, lo, hi));
        }));
        return rows;
    }
}
