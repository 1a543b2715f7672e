package org.samsde.sde.study;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.stat.StatUtils;
import org.samsde.sde.run.Ensemble;
import org.samsde.sde.run.Record;

/**
 * Gaps between ensembles with intervals that hold for the whole family at once: how far each
 * candidate ensemble (an SDE model, another run of the same method) is from a reference ensemble
 * (discrete SAM), observable by observable, with seeds, not records, as the units of replication.
 *
 * <p><b>Per-seed summary.</b> For an observable φ (a name of {@link Record#METRICS}) and a
 * trajectory of seed s recorded at steps k₁ &lt; … &lt; k_R after step 0 (the record at step 0,
 * where every method starts from the same point, is left out),
 * Y_s = (1/R) Σ_r φ(x_s(k_r)), the time average of φ over the run. Diverged trajectories are left
 * out and counted ({@link Gap#diverged()}); every finished trajectory of a comparison must be
 * recorded at the same steps. Trajectories of different seeds are independent, so the Y_s of one
 * ensemble are independent and identically distributed, however strongly the records within a seed
 * are correlated in time: the seed is the unit of replication, and the records of a seed enter only
 * through its one summary.
 *
 * <p><b>Gap.</b> Δ̂ = Ȳ_c − Ȳ_r, the mean over the candidate's seeds less the mean over the
 * reference's: the same number as the time average of the difference of the ensemble means,
 * (1/R) Σ_r (m_c(k_r) − m_r(k_r)). Its target is Δ = E Y_c − E Y_r, which is 0 when both ensembles
 * follow the same dynamics. The sign is candidate minus reference.
 * <ul>
 *   <li><b>Paired</b>, when the two ensembles hold the same seed values
 *       ({@link Ensemble.Trajectory#seed()}; the methods of one run, or runs with the same master
 *       seed, share each seed's initialisation and batch streams): with D_s = Y_c,s − Y_r,s over
 *       the n seeds where both finished, Δ̂ = D̄, se = sd(D)/√n, ν = n − 1 (one-sample t).</li>
 *   <li><b>Unpaired</b> otherwise (Welch): se² = s_r²/n_r + s_c²/n_c and the Welch–Satterthwaite
 *       ν = se⁴ / ((s_r²/n_r)²/(n_r − 1) + (s_c²/n_c)²/(n_c − 1)).</li>
 * </ul>
 * T = Δ̂/se is then (approximately, exactly for normal Y) t-distributed with ν degrees of
 * freedom when Δ = 0; its two-sided p-value is p = 2·P(t_ν &gt; |T|). Files that do not record a
 * master seed give seed values equal to the seed indices, which pairs two such ensembles by index:
 * still valid, since the differences of independent pairs are independent and identically
 * distributed, though it gives up Welch's degrees of freedom.
 *
 * <p><b>The family.</b> All K = (comparisons × observables) gaps of one call form one family, and
 * the error rates hold for the family, not per gap.
 * <ul>
 *   <li>The interval of each gap is Bonferroni's, Δ̂ ± t_ν(1 − α/(2K))·se: by the union bound the K
 *       intervals cover their K targets simultaneously with probability at least 1 − α.</li>
 *   <li>{@link Gap#resolved()} means that the interval excludes 0, which is the same as
 *       p &lt; α/K, Bonferroni's test. The family-wise chance of calling any gap resolved when
 *       every target is 0 is therefore at most α.</li>
 *   <li>{@link Gap#pHolm()} is Holm's step-down adjusted p-value: with p₍₁₎ ≤ … ≤ p₍K₎ sorted,
 *       p̃₍ᵢ₎ = min(1, max_{j≤i} (K − j + 1)·p₍ⱼ₎). Holm's test (p̃ &lt; α) also controls the
 *       family-wise error at α and is uniformly more powerful than Bonferroni's, since
 *       p̃ ≤ min(1, K·p): every resolved gap has p̃ &lt; α, but a gap may have p̃ &lt; α and an
 *       interval that still contains 0 (Holm has no simultaneous intervals that match its test).
 *       So that "resolved" and the printed interval never disagree, resolved follows the interval;
 *       p̃ is reported beside it for a reader who wants the more powerful test.</li>
 * </ul>
 */
public final class SeedGaps {
    /** The family-wise error rate α of {@link #compute(List, List)}: intervals at 95% for the whole family. */
    public static final double ALPHA = 0.05;

    private SeedGaps() {
    }

    /**
     * One comparison of a family: a candidate ensemble against a reference ensemble.
     *
     * @param candidate the candidate's label in the results
     * @param reference the reference's label in the results
     * @param candidateTrajectories the candidate's trajectories, one per seed
     * @param referenceTrajectories the reference's trajectories, one per seed
     */
    public record Comparison(String candidate, String reference, List<Ensemble.Trajectory> candidateTrajectories,
                             List<Ensemble.Trajectory> referenceTrajectories) {
        /** Copies the lists. */
        public Comparison {
            candidateTrajectories = List.copyOf(candidateTrajectories);
            referenceTrajectories = List.copyOf(referenceTrajectories);
        }
    }

    /**
     * The gap of one candidate on one observable.
     *
     * @param candidate the candidate's label
     * @param observable the observable, a name of {@link Record#METRICS}
     * @param gap Δ̂, candidate minus reference, of the time-averaged observable
     * @param lo the lower end of its family-wise interval (Bonferroni)
     * @param hi the upper end
     * @param resolved whether the interval excludes 0
     * @param paired whether the ensembles shared their seeds and the gap is a mean of per-seed differences
     * @param seeds the candidate's seeds that entered (the pairs, when paired)
     * @param referenceSeeds the reference's seeds that entered (the pairs, when paired)
     * @param diverged the diverged trajectories left out, of both ensembles
     * @param reference the reference's label
     * @param standardError se of Δ̂
     * @param df ν, the degrees of freedom of its t distribution
     * @param p the two-sided p-value of Δ = 0, unadjusted
     * @param pHolm Holm's adjusted p-value over the family
     */
    public record Gap(String candidate, String observable, double gap, double lo, double hi, boolean resolved, boolean paired,
                      int seeds, int referenceSeeds, int diverged, String reference, double standardError, double df, double p,
                      double pHolm) {
    }

    /**
     * The gaps of several methods of one run against one of them (e.g. SDE models against discrete
     * SAM in a {@code compare} run): the methods share their seeds, so the gaps are paired.
     *
     * @param trajectories the run's trajectories
     * @param reference the reference method's name
     * @param candidates the candidate methods' names
     * @param observables names of {@link Record#METRICS}
     * @return one gap per candidate and observable, candidates in the given order, observables within each
     * @throws IllegalArgumentException as {@link #compute(List, List)}, or when a method has no trajectory
     */
    public static List<Gap> compute(List<Ensemble.Trajectory> trajectories, String reference, List<String> candidates,
                                    List<String> observables) {
        List<Ensemble.Trajectory> ref = method(trajectories, reference);
        List<Comparison> family = new ArrayList<>();
        for (String c : candidates) {
            family.add(new Comparison(c, reference, method(trajectories, c), ref));
        }
        return compute(family, observables);
    }

    /**
     * @param family the comparisons, at least one
     * @param observables names of {@link Record#METRICS}, at least one
     * @return one gap per comparison and observable, comparisons in the given order, observables
     *     within each; intervals and Holm's p-values over all of them
     * @throws IllegalArgumentException when an observable is unknown or not recorded (NaN) in a
     *     finished trajectory, an ensemble has fewer than two finished seeds (pairs, when paired),
     *     an ensemble holds a seed twice, or records differ in their steps
     */
    public static List<Gap> compute(List<Comparison> family, List<String> observables) {
        if (family.isEmpty() || observables.isEmpty()) {
            throw new IllegalArgumentException("no comparison or no observable: nothing to compare");
        }
        int[] columns = new int[observables.size()];
        for (int i = 0; i < columns.length; i++) {
            columns[i] = column(observables.get(i));
        }
        int k = family.size() * columns.length;
        double[] means = new double[k];
        double[] se = new double[k];
        double[] df = new double[k];
        double[] p = new double[k];
        boolean[] paired = new boolean[k];
        int[] seeds = new int[k];
        int[] refSeeds = new int[k];
        int[] diverged = new int[k];
        for (int c = 0; c < family.size(); c++) {
            Comparison cmp = family.get(c);
            int[] steps = steps(cmp);
            List<Ensemble.Trajectory> ref = finished(cmp.referenceTrajectories());
            List<Ensemble.Trajectory> cand = finished(cmp.candidateTrajectories());
            int lost = cmp.referenceTrajectories().size() - ref.size() + cmp.candidateTrajectories().size() - cand.size();
            boolean pair = sameSeeds(cmp);
            if (pair) {
                Map<Long, Ensemble.Trajectory> bySeed = new HashMap<>();
                cand.forEach(t -> bySeed.put(t.seed(), t));
                List<Ensemble.Trajectory> r = new ArrayList<>();
                List<Ensemble.Trajectory> m = new ArrayList<>();
                for (Ensemble.Trajectory t : ref) {
                    if (bySeed.containsKey(t.seed())) {
                        r.add(t);
                        m.add(bySeed.get(t.seed()));
                    }
                }
                ref = r;
                cand = m;
            }
            need(cmp.reference(), ref.size(), pair);
            need(cmp.candidate(), cand.size(), pair);
            for (int o = 0; o < columns.length; o++) {
                int i = c * columns.length + o;
                double[] y = summaries(cand, columns[o], steps, cmp.candidate(), observables.get(o));
                double[] x = summaries(ref, columns[o], steps, cmp.reference(), observables.get(o));
                paired[i] = pair;
                seeds[i] = y.length;
                refSeeds[i] = x.length;
                diverged[i] = lost;
                if (pair) {
                    double[] d = new double[y.length];
                    for (int s = 0; s < d.length; s++) {
                        d[s] = y[s] - x[s];
                    }
                    means[i] = StatUtils.mean(d);
                    se[i] = Math.sqrt(StatUtils.variance(d) / d.length);
                    df[i] = d.length - 1;
                } else {
                    double a = StatUtils.variance(x) / x.length;
                    double b = StatUtils.variance(y) / y.length;
                    means[i] = StatUtils.mean(y) - StatUtils.mean(x);
                    se[i] = Math.sqrt(a + b);
                    df[i] = welch(a, b, x.length, y.length);
                }
                p[i] = pValue(means[i], se[i], df[i]);
            }
        }
        double[] holm = holm(p);
        List<Gap> out = new ArrayList<>();
        for (int c = 0; c < family.size(); c++) {
            for (int o = 0; o < columns.length; o++) {
                int i = c * columns.length + o;
                double half = se[i] == 0 ? 0 : quantile(df[i], 1 - ALPHA / (2.0 * k)) * se[i];
                double lo = means[i] - half;
                double hi = means[i] + half;
                boolean resolved = lo > 0 || hi < 0;
                out.add(new Gap(family.get(c).candidate(), observables.get(o), means[i], lo, hi, resolved, paired[i], seeds[i], refSeeds[i],
                        diverged[i], family.get(c).reference(), se[i], df[i], p[i], holm[i]));
            }
        }
        return out;
    }

    /**
     * Whether an ensemble records an observable: every finished trajectory has a finite value at
     * every record after step 0 (test loss needs a test split, λ_max the Hessian measured).
     *
     * @param trajectories the ensemble
     * @param observable a name of {@link Record#METRICS}
     * @return true when recorded, false when some value is NaN or infinite, or nothing finished
     * @throws IllegalArgumentException when the name is unknown
     */
    public static boolean recorded(List<Ensemble.Trajectory> trajectories, String observable) {
        column(observable);
        boolean any = false;
        for (Ensemble.Trajectory t : finished(trajectories)) {
            for (Record r : t.records()) {
                if (r.step() > 0) {
                    any = true;
                    if (!Double.isFinite(r.metric(observable))) {
                        return false;
                    }
                }
            }
        }
        return any;
    }

    /**
     * Holm's step-down adjustment.
     *
     * @param p unadjusted p-values
     * @return the adjusted p-values, in the same order: p̃₍ᵢ₎ = min(1, max_{j≤i} (K − j + 1)·p₍ⱼ₎)
     */
    public static double[] holm(double[] p) {
        int k = p.length;
        Integer[] order = new Integer[k];
        for (int i = 0; i < k; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingDouble(i -> p[i]));
        double[] out = new double[k];
        double running = 0;
        for (int j = 0; j < k; j++) {
            running = Math.max(running, Math.min(1, (k - j) * p[order[j]]));
            out[order[j]] = running;
        }
        return out;
    }

    private static int column(String observable) {
        int column = Record.METRICS.indexOf(observable);
        if (column < 0) {
            throw new IllegalArgumentException("unknown observable '" + observable + "': expected one of " + Record.METRICS);
        }
        return column;
    }

    private static List<Ensemble.Trajectory> method(List<Ensemble.Trajectory> trajectories, String name) {
        List<Ensemble.Trajectory> out = trajectories.stream().filter(t -> t.method().equals(name)).toList();
        if (out.isEmpty()) {
            throw new IllegalArgumentException("no trajectory of method '" + name + "'");
        }
        return out;
    }

    private static List<Ensemble.Trajectory> finished(List<Ensemble.Trajectory> trajectories) {
        return trajectories.stream().filter(t -> !t.diverged()).sorted(Comparator.comparingInt(Ensemble.Trajectory::seedIndex)).toList();
    }

    /** @return whether both ensembles hold the same seed values (checked to be distinct within each) */
    private static boolean sameSeeds(Comparison c) {
        return seedSet(c.referenceTrajectories(), c.reference()).equals(seedSet(c.candidateTrajectories(), c.candidate()));
    }

    private static Set<Long> seedSet(List<Ensemble.Trajectory> trajectories, String label) {
        Set<Long> s = new HashSet<>();
        for (Ensemble.Trajectory t : trajectories) {
            if (!s.add(t.seed())) {
                throw new IllegalArgumentException(label + ": seed " + t.seed() + " appears twice (one ensemble must hold each seed once)");
            }
        }
        return s;
    }

    private static void need(String label, int n, boolean paired) {
        if (n < 2) {
            throw new IllegalArgumentException(label + ": " + n + (paired ? " seeds finished in both ensembles" : " finished seeds")
                    + ", at least 2 needed for an interval");
        }
    }

    /** @return the steps after step 0 of the comparison's first finished trajectory, checked against every other one */
    private static int[] steps(Comparison c) {
        int[] steps = null;
        String first = null;
        Map<String, List<Ensemble.Trajectory>> both = new LinkedHashMap<>();
        both.put(c.reference(), c.referenceTrajectories());
        both.put(c.candidate(), c.candidateTrajectories());
        for (Map.Entry<String, List<Ensemble.Trajectory>> e : both.entrySet()) {
            for (Ensemble.Trajectory t : e.getValue()) {
                if (t.diverged()) {
                    continue;
                }
                int[] s = t.records().stream().mapToInt(Record::step).filter(k -> k > 0).toArray();
                if (steps == null) {
                    steps = s;
                    first = e.getKey() + " seed " + t.seedIndex();
                } else if (!Arrays.equals(steps, s)) {
                    throw new IllegalArgumentException(e.getKey() + " seed " + t.seedIndex() + " is recorded at other steps than " + first
                            + ": time averages over different records are not comparable");
                }
            }
        }
        if (steps == null || steps.length == 0) {
            throw new IllegalArgumentException(c.candidate() + " against " + c.reference() + ": no finished trajectory with records after step 0");
        }
        return steps;
    }

    /** @return Y_s, the time average over the records after step 0, per trajectory in order */
    private static double[] summaries(List<Ensemble.Trajectory> trajectories, int column, int[] steps, String label, String observable) {
        double[] y = new double[trajectories.size()];
        for (int s = 0; s < y.length; s++) {
            Ensemble.Trajectory t = trajectories.get(s);
            double sum = 0;
            for (Record r : t.records()) {
                if (r.step() > 0) {
                    double v = r.metric(observable);
                    if (!Double.isFinite(v)) {
                        throw new IllegalArgumentException(label + " seed " + t.seedIndex() + ": " + observable + " is " + v + " at step "
                                + r.step() + " (not recorded?)");
                    }
                    sum += v;
                }
            }
            y[s] = sum / steps.length;
        }
        return y;
    }

    /** @return the Welch–Satterthwaite degrees of freedom for the variances of the means a and b */
    private static double welch(double a, double b, int na, int nb) {
        double den = a * a / (na - 1) + b * b / (nb - 1);
        return den == 0 ? na + nb - 2 : (a + b) * (a + b) / den;
    }

    private static double pValue(double gap, double se, double df) {
        if (se == 0) {
            return gap == 0 ? 1 : 0;
        }
        return Math.min(1, 2 * new TDistribution(null, df).cumulativeProbability(-Math.abs(gap / se)));
    }

    private static double quantile(double df, double q) {
        return new TDistribution(null, df).inverseCumulativeProbability(q);
    }
}
