package org.samsde.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.samsde.bench.StepsBench;
import org.samsde.core.tensor.CpuBackend;
import org.samsde.sde.Dynamics;
import org.samsde.sde.run.Ensemble;
import org.samsde.sde.run.Problem;

/**
 * {@code samsde bench steps} claims to time compare's default problem: the bench module builds it
 * from the library (the command line does not compile against that module), so here it is checked
 * against what compare builds from its own defaults, down to the parameters after a few steps.
 * And {@code samsde bench} is reachable through the command line, which finds it at run time.
 */
class StepsBenchWorkloadTest {
    @Test
    void benchStepsTimesCompareDefaultProblemAndMethods() {
        StepsBench.Workload bench = StepsBench.workload();
        CompareCommand.Settings s = new CompareCommand.Settings();
        Problem compare = s.problem.build(CpuBackend.get());
        assertEquals(compare.description(), bench.problem().description());
        assertArrayEquals(compare.x0(), bench.problem().x0());
        assertEquals(s.run.lr, StepsBench.LR);
        assertEquals(s.run.rho, StepsBench.RHO);
        assertEquals(s.run.batch, Integer.toString(StepsBench.BATCH));
        List<Dynamics<?>> fromCompare = new ArrayList<>();
        for (String name : List.of("sam", "sam3")) {
            fromCompare.add(s.methods.build(name, compare.train(), s.run));
        }
        s.methods.drift = "plugin";
        s.methods.noise = "per-sample";
        fromCompare.add(s.methods.build("sam3", compare.train(), s.run));
        List<Dynamics<?>> fromBench = new ArrayList<>(bench.methods().values());
        assertEquals(fromCompare.stream().map(Dynamics::name).toList(), fromBench.stream().map(Dynamics::name).toList());
        Ensemble.Settings run = Ensemble.Settings.builder().steps(6).every(3).seeds(2).masterSeed(0).hessian(false).build();
        List<Ensemble.Trajectory> a = Ensemble.run(compare, fromCompare, run, n -> { });
        List<Ensemble.Trajectory> b = Ensemble.run(bench.problem(), fromBench, run, n -> { });
        assertEquals(a.size(), b.size());
        for (int i = 0; i < a.size(); i++) {
            assertArrayEquals(a.get(i).finalParameters(), b.get(i).finalParameters(), a.get(i).method());
        }
    }

    @Test
    void theBenchCommandsAreFoundAtRunTime() {
        Cli.Run help = Cli.run("bench", "--help");
        assertEquals(0, help.code(), help.err());
        for (String sub : List.of("gemm", "derive", "lanczos", "steps", "cuda")) {
            assertTrue(help.out().contains(sub), sub + " in\n" + help.out());
        }
        Map<String, picocli.CommandLine> top = Main.commandLine().getSubcommands();
        assertTrue(top.containsKey("bench") && top.containsKey("help"), top.keySet().toString());
        Cli.Run bad = Cli.run("bench", "gemm", "--size", "0");
        assertEquals(2, bad.code(), bad.err());
    }
}
