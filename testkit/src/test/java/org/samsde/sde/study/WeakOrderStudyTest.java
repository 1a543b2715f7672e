package org.samsde.sde.study;

import org.junit.jupiter.api.Test;
import org.samsde.core.tensor.CpuBackend;
import org.samsde.testkit.SlopeAssertions;

/** Euler–Maruyama's weak order within 1 ± 0.2 and Richardson's within 2 ± 0.3 on Ornstein–Uhlenbeck. */
class WeakOrderStudyTest {

    @Test
    void eulerIsWeakOrderOneAndRichardsonOrderTwo() {
        WeakOrderStudy study = new WeakOrderStudy(400_000, 1.0, 1.0, 0.4, 0.0, 5, new int[] {1, 2, 4, 8, 16}, 3, CpuBackend.get());
        WeakOrderStudy.Result r = study.run();
        SlopeAssertions.assertSlope(r.euler(), 1, 0.2, "Euler weak order");
        SlopeAssertions.assertSlope(r.richardson(), 2, 0.3, "Richardson weak order");
    }
}
