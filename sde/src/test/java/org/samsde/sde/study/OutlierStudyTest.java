package org.samsde.sde.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.samsde.core.jet.Activation;
import org.samsde.core.tensor.CpuBackend;

/** A small end-to-end run of the outlier study (the rule itself is tested in core). */
class OutlierStudyTest {

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
