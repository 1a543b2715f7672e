package org.samsde.notebooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.samsde.core.objective.Batch;
import org.samsde.core.objective.Quadratic;
import org.samsde.core.objective.ToyObjective;
import org.samsde.core.tensor.CpuBackend;
import org.samsde.plots.FigureKind;
import org.samsde.sde.optim.Sgd;
import org.samsde.sde.optim.Optimizer;
import org.samsde.sde.run.Ensemble;
import org.samsde.sde.run.Problem;

/** The notebooks' helpers: sizes from the environment, records on disk, a figure as an image. */
class NotebooksTest {
    @TempDir
    Path dir;

    @Test
    void quickSizesOnlyWhenAsked() {
        assertTrue(Notebooks.quick(Map.of(Notebooks.QUICK, "1")));
        assertFalse(Notebooks.quick(Map.of(Notebooks.QUICK, "0")));
        assertFalse(Notebooks.quick(Map.of()));
    }

    @Test
    void recordsAnEnsembleAndDrawsItsFigureFromTheFiles() throws IOException {
        var backend = CpuBackend.get();
        var f = ToyObjective.deterministic(new Quadratic(new double[] {2, 0, 0, 1}, new double[] {0, 0}), backend);
        Problem p = new Problem("quadratic", f, null, Batch.all(), new double[] {1, -1});
        Optimizer sgd = Optimizer.builder(f, Sgd.INSTANCE).eta(0.1).build();
        Path run = dir.resolve("run");
        var t = Notebooks.record(run, p, List.of(sgd), Ensemble.Settings.builder().steps(20).every(5).seeds(2).masterSeed(0).threads(1).hessian(true).build());
        assertEquals(2, t.size());
        assertTrue(Files.isRegularFile(run.resolve("summary.csv")));
        BufferedImage img = Notebooks.figure(FigureKind.COMPARE, run);
        assertEquals(1200, img.getWidth());
    }
}
