package org.samsde.core.hessian;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.samsde.core.testing.Problems;

/** The bulk/outlier rule on spectra whose answer is known. */
class OutliersTest {
    @Test
    void outliersAboveABulkNearZeroAreCounted() {
        Outliers.Split s = Outliers.split(Problems.bulkAndOutliers(300, 9.0, 7.0, 5.5));
        assertEquals(3, s.count());
        assertTrue(s.edge() > 0.05 && s.edge() < 5.5, "edge " + s.edge());
    }

    @Test
    void theWidestRelativeGapDecides() {
        // 2 / 0.05 = 40 is the widest gap: four outliers
        assertEquals(4, Outliers.split(Problems.bulkAndOutliers(300, 10, 3, 2.5, 2)).count());
        // 1000 / 3 ≈ 333 is wider still: only the one
        Outliers.Split s = Outliers.split(Problems.bulkAndOutliers(300, 1000, 3, 2.5, 2));
        assertEquals(1, s.count());
        assertEquals(1000.0 / 3, s.gap(), 1e-9);
    }

    @Test
    void orderAndNonFiniteValuesDoNotMatter() {
        double[] ev = Problems.bulkAndOutliers(100, 4, 6);
        double[] shuffled = new double[ev.length + 1];
        for (int i = 0; i < ev.length; i++) {
            shuffled[(i * 37) % ev.length] = ev[i];
        }
        shuffled[ev.length] = Double.NaN;
        assertEquals(2, Outliers.split(shuffled).count());
    }

    @Test
    void aSpectrumWithoutPositiveEigenvaluesHasNoOutliers() {
        Outliers.Split s = Outliers.split(new double[] {-1, -2, -3});
        assertEquals(0, s.count());
        assertTrue(Double.isNaN(s.edge()));
    }

    @Test
    void quadratureCountsPerProbe() {
        double[] nodes = {0.0, 0.01, 3.0, 0.0, 0.02, 3.0};
        assertEquals(1, Outliers.fromQuadrature(nodes, 2).count());
    }

    @org.junit.jupiter.api.Test
    void theCountIsCappedAtTheGivenMaximum() {
        assertEquals(1, Outliers.split(new double[] {4, 3, 2, 1}, 1).count());
        assertEquals(3, Outliers.split(new double[] {10, 9, 8, 0.5, 0.4, 0.3, -0.1}, 5).count());
        assertEquals(1, Outliers.split(new double[] {5, 0.1, 0.09, 0.0}, 5).count());
    }
}
