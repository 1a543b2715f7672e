package org.samsde.sde.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.samsde.core.jet.Activation;
import org.samsde.core.tensor.CpuBackend;

/**
 * A small end-to-end run of the outlier study (the rule itself is tested in core): the count it
 * reports is its rule applied to the spectrum it reports.
 */
class OutlierStudyTest {

    @Test
    void aSmallStudyTrainsAndReturnsFullSpectra() {
        List<OutlierStudy.Spectrum> r = OutlierStudy.builder(CpuBackend.get()).ks(new int[] {2, 3}).perClass(16).features(3)
                .hidden(new int[] {5}).activation(Activation.TANH).separation(2.0).steps(50).eta(0.2).maxOutliers(10).seed(1).build().run();
        assertEquals(2, r.size());
        for (OutlierStudy.Spectrum s : r) {
            assertEquals(s.dimension(), s.eigenvalues().length);
            for (int i = 1; i < s.eigenvalues().length; i++) {
                assertTrue(s.eigenvalues()[i] <= s.eigenvalues()[i - 1], "descending");
            }
            // the reported count is the stated rule applied to the reported spectrum (at this scale the
            // count does not follow k: the README reports that as measured), and the gap is the ratio there
            org.samsde.core.hessian.Outliers.Split rule = org.samsde.core.hessian.Outliers.split(s.eigenvalues(), 10);
            assertEquals(rule.count(), s.outliers(), "k = " + s.classes());
            assertEquals(rule.gap(), s.gap(), 1e-12 * rule.gap());
            assertEquals(s.eigenvalues()[s.outliers() - 1] / s.eigenvalues()[s.outliers()], s.gap(), 1e-9 * s.gap(), "the widest ratio gap");
            assertTrue(s.trainLoss() < Math.log(s.classes()), "training lowered the loss below chance");
        }
    }
}
