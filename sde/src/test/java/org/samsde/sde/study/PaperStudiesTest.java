package org.samsde.sde.study;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.samsde.core.data.DataFiles;
import org.samsde.core.data.Split;
import org.samsde.core.hessian.Outliers;
import org.samsde.core.model.ModelSpec;
import org.samsde.core.objective.Batch;
import org.samsde.core.tensor.CpuBackend;
import org.samsde.sde.Sampling;
import org.samsde.sde.optim.EigenSamOptions;
import org.samsde.sde.optim.EigenSam;
import org.samsde.sde.optim.Sam;
import org.samsde.sde.optim.Sgd;
import org.samsde.sde.run.Ensemble;
import org.samsde.sde.run.Problem;

/** Small end-to-end runs of the Sagun experiment and of the SGD / SAM / Eigen-SAM table. */
class PaperStudiesTest {
    private static final Split DATA = DataFiles.resolve("blobs:k=3,n=96,d=2,test=48,seed=2");
    private static final ModelSpec.Model MODEL = ModelSpec.parse("mlp:2-6-3:tanh").build(DATA.train(), CpuBackend.get());
    private static final Problem PROBLEM = new Problem("test", MODEL.objective(), MODEL.on(DATA.test()), Batch.all(),
            MODEL.initialParameters(0));

    @Test
    void theSagunStudyTrainsBothBatchesFromOneStartAndMeasuresTheLineBetweenThem() {
        SagunStudy study = SagunStudy.builder(PROBLEM).smallBatch(8).largeBatch(Sampling.FULL).steps(150).eta(0.2).lineSteps(11).extend(0.5)
                .fullLimit(1000).slqProbes(2).barrierTolerance(0.01).seed(3).build();
        SagunStudy.Result r = study.run();
        int d = PROBLEM.dimension();
        for (SagunStudy.Solution s : r.solutions()) {
            assertEquals("full", s.spectrum().method());
            assertEquals(d, s.spectrum().eigenvalues().length);
            assertEquals(s.spectrum().eigenvalues()[0], s.spectrum().lambdaMax());
            assertEquals(Outliers.split(s.spectrum().eigenvalues()), s.spectrum().outliers());
            assertTrue(s.point().trainLoss() < Math.log(3), s.name() + " trained below chance");
        }
        assertEquals(96, r.large().batch());
        assertEquals(8, r.small().batch());
        assertEquals(r.small().point(), r.line().start(), "t = 0 is the small-batch solution, exactly");
        assertEquals(r.large().point(), r.line().end(), "t = 1 is the large-batch solution, exactly");
        Landscape.Barrier b = r.barrier();
        // the barrier from the measured line itself: the largest train loss on t in [0, 1] above the larger endpoint
        double peak = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < r.line().t().length; i++) {
            if (r.line().t()[i] >= 0 && r.line().t()[i] <= 1) {
                peak = Math.max(peak, r.line().points().get(i).trainLoss());
            }
        }
        assertEquals(peak, b.peak());
        assertEquals(peak - b.endpoint(), b.height(), 1e-15);
        assertEquals(Math.max(r.small().point().trainLoss(), r.large().point().trainLoss()), b.endpoint());
        assertEquals(b.exists(0.01), r.barrierExists());
        assertArrayEquals(r.small().parameters(), study.run().small().parameters(), "seeded: the same run twice");
        assertThrows(IllegalArgumentException.class, () -> SagunStudy.builder(PROBLEM).smallBatch(96).largeBatch(Sampling.FULL)
                .steps(10).eta(0.1).lineSteps(11).extend(0.5).fullLimit(1000).slqProbes(2).barrierTolerance(0.01).seed(3).build());
    }

    @Test
    void beyondTheFullSpectrumLimitTheSpectrumComesFromQuadrature() {
        SagunStudy study = SagunStudy.builder(PROBLEM).smallBatch(8).largeBatch(32).steps(20).eta(0.2).lineSteps(5).extend(0)
                .fullLimit(10).slqProbes(2).barrierTolerance(0.01).seed(3).build();
        SagunStudy.Spectrum s = study.spectrum(PROBLEM.x0(), 0);
        assertEquals("slq", s.method());
        assertEquals(2, s.probes());
        assertEquals(s.top(1)[0], s.lambdaMax());
        // the outliers of the quadrature's nodes, pooled over its probes
        assertEquals(Outliers.fromQuadrature(s.eigenvalues(), s.probes()), s.outliers());
    }

    @Test
    void theTableRunsEveryMethodForEverySeedAndSummarisesTheFinalRecords() {
        TableStudy.Training training = new TableStudy.Training(0.1, 0.05, 0.9, 5e-4, 16, 2,
                new EigenSamOptions(3, 2, 0.2, false, false, false));
        TableStudy study = TableStudy.builder(PROBLEM, MODEL::initialParameters)
                .methods(List.of(Sgd.INSTANCE, Sam.INSTANCE, new EigenSam(EigenSamOptions.DEFAULTS))).training(training).seeds(3).masterSeed(7)
                .every(4).threads(2).build();
        long[] progress = new long[1];
        TableStudy.Result r = study.run(n -> {
            synchronized (progress) {
                progress[0] += n;
            }
        });
        assertEquals(12, r.steps(), "2 epochs of 96/16 steps");
        assertEquals(3L * 3 * 12, progress[0]);
        assertEquals(9, r.trajectories().size());
        assertEquals(List.of("sgd", "sam", "eigen-sam"), r.rows().stream().map(TableStudy.Row::method).toList());
        for (TableStudy.Row row : r.rows()) {
            assertEquals(3, row.seeds());
            assertEquals(3, row.testAccuracy().count());
            double[] acc = r.trajectories().stream().filter(t -> t.method().equals(row.method()))
                    .mapToDouble(t -> t.records().get(t.records().size() - 1).testAccuracy()).toArray();
            assertEquals(TableStudy.Stat.of(acc), row.testAccuracy());
            assertTrue(row.lambdaMax().mean() > 0);
        }
        // within a seed every method starts from the same x0; seeds differ
        for (int j = 0; j < 3; j++) {
            int seed = j;
            List<Ensemble.Trajectory> mine = r.trajectories().stream().filter(t -> t.seedIndex() == seed).toList();
            assertEquals(3, mine.size());
            assertEquals(mine.get(0).records().get(0).trainLoss(), mine.get(2).records().get(0).trainLoss());
        }
        assertTrue(r.trajectories().get(0).records().get(0).trainLoss() != r.trajectories().get(3).records().get(0).trainLoss());
        String md = r.markdown();
        assertTrue(md.startsWith("| method | test accuracy (%) | gain over sgd (points, paired) | λ_max |"), md);
        assertEquals(new TableStudy.Stat(0, 0, 3), r.rows().get(0).accuracyGain(), "the first method against itself");
        TableStudy.Row sam = r.rows().get(1);
        double[] gains = new double[3];
        for (int j = 0; j < 3; j++) {
            int seed = j;
            gains[j] = finalAccuracy(r, "sam", seed) - finalAccuracy(r, "sgd", seed);
        }
        assertEquals(TableStudy.Stat.of(gains), sam.accuracyGain(), "paired by seed");
        assertEquals(2 + 3, md.split("\n").length);
        List<String> lines = org.samsde.sde.artifact.TableFile.lines(r.rows());
        assertEquals(3, lines.size());
        assertEquals(org.samsde.sde.artifact.TableFile.columns().size(), lines.get(0).split(",").length);
    }

    private static double finalAccuracy(TableStudy.Result r, String method, int seed) {
        Ensemble.Trajectory t = r.trajectories().stream().filter(x -> x.method().equals(method) && x.seedIndex() == seed).findFirst()
                .orElseThrow();
        return t.records().get(t.records().size() - 1).testAccuracy();
    }

    @Test
    void statisticsAreTheSampleMeanAndStandardDeviationOfTheFiniteValues() {
        TableStudy.Stat s = TableStudy.Stat.of(new double[] {1, 2, 3, Double.NaN});
        assertEquals(2.0, s.mean());
        assertEquals(1.0, s.std(), 1e-15);
        assertEquals(3, s.count());
        assertEquals("2.00 ± 1.00", s.format(2));
        assertTrue(Double.isNaN(TableStudy.Stat.of(new double[] {4}).std()));
    }
}
