package org.samsde.sde.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.samsde.core.jet.Activation;
import org.samsde.core.tensor.CpuBackend;

/** The outlier rule on known spectra, and a small end-to-end run. */
class OutlierStudyTest {

    @Test
    void theRuleCountsTheEigenvaluesAboveTheWidestTopGap() {
        int[] count = {0};
        OutlierStudy.outliers(new double[] {10, 9, 8, 0.5, 0.4, 0.3, -0.1}, 5, count);
        assertEquals(3, count[0]);
        OutlierStudy.outliers(new double[] {5, 0.1, 0.09, 0.0}, 5, count);
        assertEquals(1, count[0]);
        double gap = OutlierStudy.outliers(new double[] {4, 3, 2, 1}, 2, count);
        assertEquals(1, count[0], "only the first max pairs are considered");
        assertEquals(4.0 / 3, gap, 1e-15);
    }

    @Test
    void aSmallStudyTrainsAndReturnsFullSpectra() {
        List<OutlierStudy.Spectrum> r = new OutlierStudy(new int[] {2, 3}, 16, 3, new int[] {5}, Activation.TANH, 2.0, 50, 0.2, 10, 1,
                CpuBackend.get()).run();
        assertEquals(2, r.size());
        for (OutlierStudy.Spectrum s : r) {
            assertEquals(s.dimension(), s.eigenvalues().length);
            for (int i = 1; i < s.eigenvalues().length; i++) {
                assertTrue(s.eigenvalues()[i] <= s.eigenvalues()[i - 1], "descending");
            }
            assertTrue(s.outliers() >= 1 && s.outliers() <= 10);
            assertTrue(s.trainLoss() < Math.log(s.classes()), "training lowered the loss below chance");
        }
    }
}
