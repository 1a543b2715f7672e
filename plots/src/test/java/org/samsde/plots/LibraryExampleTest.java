package org.samsde.plots;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.samsde.core.data.Blobs;
import org.samsde.core.data.Split;
import org.samsde.core.jet.Activation;
import org.samsde.core.model.Loss;
import org.samsde.core.model.Mlp;
import org.samsde.core.model.MlpObjective;
import org.samsde.core.tensor.Backend;
import org.samsde.core.tensor.Backends;
import org.samsde.sde.Sampling;
import org.samsde.sde.artifact.RunFiles;
import org.samsde.sde.artifact.RunInfo;
import org.samsde.sde.model.Sam3;
import org.samsde.sde.model.SdeSolver;
import org.samsde.sde.optim.Optimizer;
import org.samsde.sde.optim.Sam;
import org.samsde.sde.run.Ensemble;
import org.samsde.sde.run.Problem;
import org.samsde.sde.artifact.JsonFile;

/** The README's "Use as a library" example, line for line, at a small size. */
class LibraryExampleTest {
    @TempDir
    Path dir;

    /** The README's code with the steps and seeds as parameters. */
    static List<Ensemble.Trajectory> example(Path out, int steps, int seeds) throws IOException {
        Backend cpu = Backends.select("cpu");
        Split data = Blobs.parse("blobs:k=3,n=512,d=2,sep=3,test=256,seed=0").generate();
        Mlp mlp = new Mlp(new int[] {2, 16, 16, 3}, Activation.TANH, Loss.CROSS_ENTROPY);
        MlpObjective train = new MlpObjective(mlp, data.train(), cpu);
        Problem problem = Problem.of("my blobs", train, new MlpObjective(mlp, data.test(), cpu), mlp.initialParameters(0));
        Sampling batches = new Sampling(32, false);
        Optimizer sam = Optimizer.builder(train, Sam.INSTANCE).rho(0.05).eta(0.05).sampling(batches).build();
        SdeSolver sam3 = SdeSolver.builder(train, Sam3.INSTANCE).rho(0.05).eta(0.05).sampling(batches).build();
        Ensemble.Settings settings = Ensemble.Settings.builder().steps(steps).every(10).seeds(seeds).threads(2).build();
        List<Ensemble.Trajectory> runs = Ensemble.run(problem, List.of(sam, sam3), settings, stepsDone -> { });
        RunFiles.write(out, runs, RunInfo.of("my study", cpu.description(), Map.of("steps", steps)).methods(List.of(sam, sam3)));
        Figures.writeDefault(out, FigureKind.COMPARE);
        return runs;
    }

    @Test
    void theReadmeExampleRunsAndDrawsItsFigure() throws IOException {
        List<Ensemble.Trajectory> runs = example(dir, 20, 2);
        assertEquals(4, runs.size(), "two methods, two seeds");
        for (String f : List.of("trajectories.csv", "summary.csv", "params_all_sam.npy", "params_all_sam3.npy", "figure.png")) {
            assertTrue(Files.exists(dir.resolve(f)), f);
        }
        com.fasterxml.jackson.databind.JsonNode sam = RunInfo.read(dir).path(RunInfo.METHODS).path("sam");
        assertEquals("discrete", sam.path("kind").asText());
        assertTrue(sam.path("perturbs").asBoolean());
        assertEquals("SAM", sam.path("display_name").asText());
        assertEquals(0, sam.path("style").path("colour").asInt());
        assertEquals("solid", sam.path("style").path("dash").asText());
        assertEquals("sam", sam.path("description").asText());
        Map<String, org.samsde.plots.data.MethodInfo> read = org.samsde.plots.data.RunDirectory.open(dir).methods();
        assertEquals(new org.samsde.plots.data.MethodInfo("sam3", "SAM SDE, order 3 (Luo et al.)", false, true,
                new org.samsde.sde.Appearance(2, "dash-dot")), read.get("sam3"), "what the solver is, as the run recorded it");
        org.samsde.plots.spec.Figure f = Figures.of(FigureKind.COMPARE, List.of(dir));
        assertEquals("Discrete SAM and its SDE models", f.title());
        assertEquals(List.of("SAM", "SAM SDE, order 3 (Luo et al.)"), f.panels().get(0).seriesNames());
    }
}
