package org.samsde.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
import org.samsde.sde.artifact.RunInfo;
import org.samsde.sde.model.Sam3;
import org.samsde.sde.model.SdeSolver;
import org.samsde.sde.optim.Optimizer;
import org.samsde.sde.optim.Sam;
import org.samsde.sde.run.Ensemble;
import org.samsde.sde.run.Problem;
import org.samsde.sde.run.RunDirectory;

/**
 * The guide's library example (docs/library.md, "A complete example") is this test's {@link #snippet}, line for line
 * (checked), and gives the same records as {@code compare} with the same settings: the same
 * trajectories, summary and parameters, and the same methods and step sizes in run.json.
 */
class LibrarySnippetTest {
    @TempDir
    Path tmp;

    /** The README's code, with its steps, seeds and directory as parameters (STEPS, SEEDS, OUT in the comparison). */
    static List<Ensemble.Trajectory> snippet(Path out, int steps, int seeds) {
        // snippet begins
        Backend cpu = Backends.select("cpu");
        Split data = Blobs.parse("blobs:k=3,n=512,d=2,sep=3,test=256,seed=0").generate();
        Mlp mlp = new Mlp(new int[] {2, 16, 16, 3}, Activation.TANH, Loss.CROSS_ENTROPY);
        MlpObjective train = new MlpObjective(mlp, data.train(), cpu);
        Problem problem = Problem.of("my blobs", train, new MlpObjective(mlp, data.test(), cpu), mlp.initialParameters(0))
                .withHessianSubset(256);
        Sampling batches = new Sampling(32, false);
        Optimizer sam = Optimizer.builder(train, Sam.INSTANCE).rho(0.05).eta(0.05).sampling(batches).build();
        SdeSolver sam3 = SdeSolver.builder(train, Sam3.INSTANCE).rho(0.05).eta(0.05).sampling(batches).build();
        Ensemble.Settings settings = Ensemble.Settings.builder().steps(steps).every(10).seeds(seeds).threads(2).build();
        RunInfo info = RunInfo.of("my study", cpu.description(), Map.of("steps", steps));
        RunDirectory run = RunDirectory.open(out, RunDirectory.Claim.NEW, info);
        List<Ensemble.Trajectory> runs = run.run(problem, List.of(sam, sam3), settings).trajectories();
        // snippet ends
        return runs;
    }

    @Test
    void theReadmeBlockIsThisTestsSnippet() throws IOException {
        List<String> readme = readmeBlock();
        List<String> source = Files.readAllLines(Path.of("src/test/java/org/samsde/cli/LibrarySnippetTest.java"));
        List<String> imports = readme.stream().filter(l -> l.startsWith("import ")).toList();
        assertTrue(imports.size() > 10, "the library page's block lists its imports");
        for (String i : imports) {
            assertTrue(source.contains(i), "the library page imports what the snippet uses: " + i);
        }
        List<String> code = readme.stream().filter(l -> !l.startsWith("import ") && !l.isBlank()).toList();
        int from = source.indexOf("        // snippet begins");
        int to = source.indexOf("        // snippet ends");
        List<String> mine = new ArrayList<>();
        for (String l : source.subList(from + 1, to)) {
            mine.add(l.substring(8).replace("steps(steps)", "steps(400)").replace("seeds(seeds)", "seeds(8)")
                    .replace("Map.of(\"steps\", steps)", "Map.of(\"steps\", 400)").replace("open(out,", "open(Path.of(\"runs/mine\"),"));
        }
        assertEquals(mine, code, "docs/library.md's library example, line for line");
    }

    @Test
    void theSnippetGivesTheRecordsOfCompare() throws IOException {
        Path lib = tmp.resolve("library");
        Path cmd = tmp.resolve("compare");
        snippet(lib, 30, 2);
        Cli.Run r = Cli.run("compare", "--methods", "sam,sam3", "--steps", "30", "--seeds", "2", "--threads", "2", "--out", cmd.toString());
        assertEquals(0, r.code(), r.err());
        assertEquals(Cli.withoutSeconds(cmd.resolve("trajectories.csv")), Cli.withoutSeconds(lib.resolve("trajectories.csv")));
        assertEquals(Files.readAllLines(cmd.resolve("summary.csv")), Files.readAllLines(lib.resolve("summary.csv")));
        for (String f : List.of("params_sam.npy", "params_sam3.npy", "params_all_sam.npy", "params_all_sam3.npy")) {
            assertArrayEquals(Files.readAllBytes(cmd.resolve(f)), Files.readAllBytes(lib.resolve(f)), f);
        }
        var a = RunInfo.read(lib);
        var b = RunInfo.read(cmd);
        assertEquals(b.path(RunInfo.METHODS), a.path(RunInfo.METHODS));
        assertEquals(b.path(RunInfo.STEP_SIZES), a.path(RunInfo.STEP_SIZES));
        assertEquals("finished", a.path(RunInfo.STATUS).asText());
        assertTrue(Files.isRegularFile(lib.resolve("figure.png")), "the library run draws its figure as compare does");
        assertTrue(a.path(RunDirectory.FIGURES).toString().contains("figure.png"), a.toString());
    }

    @Test
    void theWholeTrainingSetGivesOtherLambdaMax() throws IOException {
        // what the snippet measured before it took compare's Hessian subset: λ_max on all 512 samples
        Backend cpu = Backends.select("cpu");
        Split data = Blobs.parse("blobs:k=3,n=512,d=2,sep=3,test=256,seed=0").generate();
        Mlp mlp = new Mlp(new int[] {2, 16, 16, 3}, Activation.TANH, Loss.CROSS_ENTROPY);
        MlpObjective train = new MlpObjective(mlp, data.train(), cpu);
        Problem all = Problem.of("all", train, null, mlp.initialParameters(0));
        Problem subset = all.withHessianSubset(256);
        Optimizer sam = Optimizer.builder(train, Sam.INSTANCE).rho(0.05).eta(0.05).sampling(new Sampling(32, false)).build();
        Ensemble.Settings settings = Ensemble.Settings.builder().steps(10).every(10).seeds(1).build();
        double a = Ensemble.run(all, List.of(sam), settings, n -> { }).get(0).records().get(1).lambdaMax();
        double b = Ensemble.run(subset, List.of(sam), settings, n -> { }).get(0).records().get(1).lambdaMax();
        assertNotEquals(a, b, "the subset matters, so the snippet must use compare's");
    }

    /** @return the lines of docs/library.md's java block under "A complete example", checked equal to README.md's under "Use as a library" */
    private static List<String> readmeBlock() throws IOException {
        List<String> guide = block(Path.of("..", "docs", "library.md"), "## A complete example");
        assertEquals(guide, block(Path.of("..", "README.md"), "## Use as a library"), "README.md's library example is the guide's");
        return guide;
    }

    /** @return the lines of the first java block under a heading of a page */
    private static List<String> block(Path page, String heading) throws IOException {
        List<String> lines = Files.readAllLines(page);
        int section = lines.indexOf(heading);
        assertTrue(section >= 0, page + " has the section " + heading);
        int open = -1;
        for (int i = section; i < lines.size(); i++) {
            if (lines.get(i).equals("```java")) {
                open = i;
                break;
            }
        }
        int close = lines.subList(open + 1, lines.size()).indexOf("```") + open + 1;
        return lines.subList(open + 1, close);
    }
}
