package org.samsde.sde.study;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.samsde.sde.run.Ensemble;
import org.samsde.sde.run.Record;

/** {@link SeedGaps} on small hand-made ensembles, against the formulas worked by hand. */
class SeedGapsTest {
    private static final int TRAIN = Record.METRICS.indexOf("train_loss");
    private static final int NORM = Record.METRICS.indexOf("norm");

    /**
     * A trajectory whose train_loss at its records after step 0 is the given values and whose norm
     * is twice them; step 0 holds 1000 in both (it must not count).
     */
    private static Ensemble.Trajectory trajectory(String method, int index, long seed, double... values) {
        List<Record> rs = new ArrayList<>();
        rs.add(record(0, 1000));
        for (int k = 0; k < values.length; k++) {
            rs.add(record(10 * (k + 1), values[k]));
        }
        return new Ensemble.Trajectory(method, index, seed, rs, new double[0], false, 0);
    }

    private static Record record(int step, double v) {
        double[] m = new double[Record.METRICS.size()];
        Arrays.fill(m, Double.NaN);
        m[TRAIN] = v;
        m[NORM] = 2 * v;
        return Record.of(step, step, m, 0, false, Double.NaN);
    }

    private static Ensemble.Trajectory diverged(String method, int index, long seed) {
        List<Record> rs = List.of(record(0, 1000), Record.divergedAt(10, 10, 0));
        return new Ensemble.Trajectory(method, index, seed, rs, new double[0], true, 0);
    }

    /** The t quantile for ν = 2 in closed form: t_q = (2q − 1)/√(2q(1 − q)). */
    private static double t2(double q) {
        return (2 * q - 1) / Math.sqrt(2 * q * (1 - q));
    }

    @Test
    void sharedSeedsArePairedAndTheIntervalIsBonferronisOverTheFamily() {
        // time averages: reference 2, 3, 5; candidate 2.5, 4, 5.5; differences 0.5, 1, 0.5
        List<Ensemble.Trajectory> run = List.of(trajectory("sam", 0, 11, 1, 3), trajectory("sam", 1, 12, 3, 3), trajectory("sam", 2, 13, 4, 6),
                trajectory("sam2", 0, 11, 2, 3), trajectory("sam2", 1, 12, 4, 4), trajectory("sam2", 2, 13, 5, 6));
        List<SeedGaps.Gap> gaps = SeedGaps.compute(run, "sam", List.of("sam2"), List.of("train_loss", "norm"));
        assertEquals(2, gaps.size());
        SeedGaps.Gap g = gaps.get(0);
        assertEquals("sam2", g.candidate());
        assertEquals("sam", g.reference());
        assertEquals("train_loss", g.observable());
        assertTrue(g.paired());
        assertEquals(3, g.seeds());
        assertEquals(3, g.referenceSeeds());
        assertEquals(0, g.diverged());
        assertEquals(2.0 / 3, g.gap(), 1e-12);
        double sd = Math.sqrt(((0.5 - 2.0 / 3) * (0.5 - 2.0 / 3) * 2 + (1 - 2.0 / 3) * (1 - 2.0 / 3)) / 2);
        assertEquals(sd / Math.sqrt(3), g.standardError(), 1e-12);
        assertEquals(2, g.df());
        double half = t2(1 - 0.05 / 4) * g.standardError();  // K = 2: one candidate, two observables
        assertEquals(g.gap() - half, g.lo(), 1e-7);
        assertEquals(g.gap() + half, g.hi(), 1e-7);
        assertEquals(g.lo() > 0 || g.hi() < 0, g.resolved());
        // for ν = 2, P(|t| > x) = 1 − x/√(2 + x²)
        double x = g.gap() / g.standardError();
        assertEquals(1 - x / Math.sqrt(2 + x * x), g.p(), 1e-9);
        // norm is twice train_loss: the same t statistic, twice the gap
        SeedGaps.Gap n = gaps.get(1);
        assertEquals(2 * g.gap(), n.gap(), 1e-12);
        assertEquals(g.p(), n.p(), 1e-12);
        assertEquals(Math.min(1, 2 * g.p()), g.pHolm(), 1e-12);
        assertEquals(g.pHolm(), n.pHolm(), 1e-12);
    }

    @Test
    void differentSeedsGiveWelchsIntervalAndDivergedSeedsAreLeftOutAndCounted() {
        List<Ensemble.Trajectory> ref = List.of(trajectory("sam", 0, 1, 1, 1), trajectory("sam", 1, 2, 2, 2), trajectory("sam", 2, 3, 4, 2),
                diverged("sam", 3, 4));
        List<Ensemble.Trajectory> cand = List.of(trajectory("sam", 0, 5, 2, 2), trajectory("sam", 1, 6, 4, 4), trajectory("sam", 2, 7, 6, 6),
                trajectory("sam", 3, 8, 7, 9), trajectory("sam", 4, 9, 9, 9));
        SeedGaps.Gap g = SeedGaps.compute(List.of(new SeedGaps.Comparison("other run", "sam", cand, ref)), List.of("train_loss")).get(0);
        assertFalse(g.paired());
        assertEquals(5, g.seeds());
        assertEquals(3, g.referenceSeeds());
        assertEquals(1, g.diverged());
        double[] x = {1, 2, 3};
        double[] y = {2, 4, 6, 8, 9};
        double mx = 2;
        double my = 29.0 / 5;
        double vx = 1;
        double vy = 0;
        for (double v : y) {
            vy += (v - my) * (v - my) / 4;
        }
        double a = vx / x.length;
        double b = vy / y.length;
        assertEquals(my - mx, g.gap(), 1e-12);
        assertEquals(Math.sqrt(a + b), g.standardError(), 1e-12);
        assertEquals((a + b) * (a + b) / (a * a / 2 + b * b / 4), g.df(), 1e-9);
        assertTrue(g.resolved() == (g.lo() > 0), "positive gap: resolved when the interval lies above 0");
    }

    @Test
    void pairsAreMatchedBySeedValueAndAPairIsDroppedWhenEitherSideDiverged() {
        // listed in another order on each side; seed 12 diverged for the candidate
        List<Ensemble.Trajectory> ref = List.of(trajectory("sam", 2, 13, 4, 6), trajectory("sam", 0, 11, 1, 3), trajectory("sam", 1, 12, 3, 3));
        List<Ensemble.Trajectory> cand = List.of(trajectory("sam3", 0, 11, 2, 3), diverged("sam3", 1, 12), trajectory("sam3", 2, 13, 5, 7));
        SeedGaps.Gap g = SeedGaps.compute(List.of(new SeedGaps.Comparison("sam3", "sam", cand, ref)), List.of("train_loss")).get(0);
        assertTrue(g.paired());
        assertEquals(2, g.seeds());
        assertEquals(2, g.referenceSeeds());
        assertEquals(1, g.diverged());
        assertEquals((0.5 + 1.0) / 2, g.gap(), 1e-12, "differences 0.5 (seed 11) and 1 (seed 13)");
        assertEquals(0.25, g.standardError(), 1e-12);
    }

    @Test
    void holmAdjustsStepDownAndKeepsTheOrder() {
        assertArrayEquals(new double[] {0.03, 0.06, 0.06, 0.02}, SeedGaps.holm(new double[] {0.01, 0.04, 0.03, 0.005}), 1e-15);
        assertArrayEquals(new double[] {1, 1}, SeedGaps.holm(new double[] {0.7, 0.9}), 0);
    }

    @Test
    void theFamilyWidensEveryInterval() {
        List<Ensemble.Trajectory> run = List.of(trajectory("sam", 0, 11, 1, 3), trajectory("sam", 1, 12, 3, 3), trajectory("sam", 2, 13, 4, 6),
                trajectory("sam2", 0, 11, 2, 3), trajectory("sam2", 1, 12, 4, 4), trajectory("sam2", 2, 13, 5, 6),
                trajectory("sam3", 0, 11, 2, 3), trajectory("sam3", 1, 12, 4, 4), trajectory("sam3", 2, 13, 5, 6));
        SeedGaps.Gap alone = SeedGaps.compute(run, "sam", List.of("sam2"), List.of("train_loss")).get(0);
        List<SeedGaps.Gap> four = SeedGaps.compute(run, "sam", List.of("sam2", "sam3"), List.of("train_loss", "norm"));
        assertEquals(4, four.size());
        assertEquals(List.of("sam2", "sam2", "sam3", "sam3"), four.stream().map(SeedGaps.Gap::candidate).toList());
        assertEquals(alone.gap(), four.get(0).gap(), 0);
        assertEquals(t2(1 - 0.05 / 2) * alone.standardError(), alone.hi() - alone.gap(), 1e-7);
        assertEquals(t2(1 - 0.05 / 8) * alone.standardError(), four.get(0).hi() - four.get(0).gap(), 1e-7);
        assertEquals(Math.min(1, 4 * alone.p()), four.get(0).pHolm(), 1e-12, "four equal p-values: Holm is Bonferroni");
    }

    @Test
    void identicalEnsemblesHaveAZeroGapThatIsNotResolved() {
        List<Ensemble.Trajectory> a = List.of(trajectory("a", 0, 1, 1, 2), trajectory("a", 1, 2, 3, 3));
        SeedGaps.Gap g = SeedGaps.compute(List.of(new SeedGaps.Comparison("a", "a", a, a)), List.of("train_loss")).get(0);
        assertEquals(0, g.gap());
        assertEquals(0, g.lo());
        assertEquals(0, g.hi());
        assertFalse(g.resolved());
        assertEquals(1, g.p());
    }

    @Test
    void badInputIsRefusedWithItsReason() {
        List<Ensemble.Trajectory> ref = List.of(trajectory("sam", 0, 1, 1, 1), trajectory("sam", 1, 2, 2, 2));
        List<Ensemble.Trajectory> other = List.of(trajectory("x", 0, 1, 1, 1, 1), trajectory("x", 1, 2, 2, 2, 2));
        assertTrue(thrown(ref, ref, List.of("loss")).contains("unknown observable 'loss'"));
        assertTrue(thrown(ref, ref, List.of("test_loss")).contains("test_loss is NaN"));
        assertTrue(thrown(ref, other, List.of("train_loss")).contains("other steps"));
        assertTrue(thrown(ref, List.of(ref.get(0), diverged("sam", 1, 2)), List.of("train_loss")).contains("at least 2"));
        assertTrue(thrown(ref, List.of(ref.get(0), ref.get(0)), List.of("train_loss")).contains("appears twice"));
        assertThrows(IllegalArgumentException.class, () -> SeedGaps.compute(List.of(), List.of("train_loss")));
        assertThrows(IllegalArgumentException.class, () -> SeedGaps.compute(ref, "sam", List.of("sam3"), List.of("train_loss")));
    }

    private static String thrown(List<Ensemble.Trajectory> ref, List<Ensemble.Trajectory> cand, List<String> observables) {
        return assertThrows(IllegalArgumentException.class,
                () -> SeedGaps.compute(List.of(new SeedGaps.Comparison("c", "r", cand, ref)), observables)).getMessage();
    }

    @Test
    void anObservableIsRecordedWhenEveryFinishedRecordAfterStepZeroHasIt() {
        List<Ensemble.Trajectory> ref = List.of(trajectory("sam", 0, 1, 1, 1), diverged("sam", 1, 2));
        assertTrue(SeedGaps.recorded(ref, "train_loss"));
        assertFalse(SeedGaps.recorded(ref, "lambda_max"));
        assertFalse(SeedGaps.recorded(List.of(diverged("sam", 1, 2)), "train_loss"));
    }
}
