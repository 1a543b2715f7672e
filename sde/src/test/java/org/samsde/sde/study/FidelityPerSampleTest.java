package org.samsde.sde.study;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.samsde.core.objective.Objective;
import org.samsde.core.objective.ToyObjective;
import org.samsde.core.tensor.CpuBackend;
import org.samsde.core.testing.Problems;
import org.samsde.core.testing.Toys;
import org.samsde.sde.Sampling;
import org.samsde.sde.model.Usam;

/**
 * The default per-sample column measures the per-sample noise alone. For usam, whose direction is
 * linear in the batch gradient, the per-sample noise is exact (Cov ξ′ = Σ̃) where the Hessian does
 * not depend on the sample, as on a quadratic, so the column's covariance error must be within its
 * Monte Carlo floor; paired with an {@code mc:8} drift instead, the step's covariance would carry
 * the drift estimate's own Σ̃/8 as well, a resolved error that is not the sampler's. Enumerated
 * reference: n = 8 shifted copies of a quadratic toy, B = 2.
 */
class FidelityPerSampleTest {
    private final Objective obj = ToyObjective.shifted(Toys.quadratic(81, 3), Problems.gaussian(82, 8 * 3, 0.8), CpuBackend.get());

    @Test
    void theDefaultPerSampleColumnIsTheSamplersOwnError() {
        FidelityStudy study = FidelityStudy.builder(obj, Usam.INSTANCE).rho(0.4).eta(0.1).sampling(new Sampling(2, false)).draws(6000)
                .seed(5).threads(2).build();
        assertTrue(study.exactReference());
        List<FidelityStudy.Row> rows = study.run(List.of(Problems.gaussian(83, 3, 0.5), Problems.gaussian(84, 3, 0.5)), new int[] {0, 1});
        List<FidelityStudy.Row> perSample = rows.stream()
                .filter(r -> r.estimator().endsWith("+per-sample") && !r.estimator().startsWith("plugin+")).toList();
        assertTrue(perSample.size() == 2, rows.toString());
        for (FidelityStudy.Row r : perSample) {
            assertTrue(r.covError() <= 2 * r.covFloor(), "usam's per-sample noise is exact, so its column is within its floor: " + r);
            assertTrue(r.meanError() <= 2 * r.meanFloor(), "with the exact drift the mean is the model's: " + r);
        }
    }
}
