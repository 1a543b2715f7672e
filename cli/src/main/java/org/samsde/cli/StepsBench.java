package org.samsde.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

import org.samsde.core.tensor.CpuBackend;
import org.samsde.sde.Dynamics;
import org.samsde.sde.run.Ensemble;
import org.samsde.sde.run.Problem;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code samsde bench steps}: steps per second of discrete SAM and of the sam3 SDE (per-sample
 * noise) on the default compare problem, as ensembles on 1 and on T threads.
 */
@Command(name = "steps", mixinStandardHelpOptions = true,
        description = "Steps/s of SAM and sam3 (per-sample noise) on the default compare problem, ensembles on 1 thread and on --threads.")
final class StepsBench implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--threads", paramLabel = "T", description = "Threads of the parallel figure (default: the number of cores).")
    Integer threads;

    @Option(names = "--steps", paramLabel = "N", defaultValue = "200", description = "Steps per trajectory (default ${DEFAULT-VALUE}).")
    int steps;

    @Option(names = "--seeds", paramLabel = "K", defaultValue = "8", description = "Trajectories per method (default ${DEFAULT-VALUE}).")
    int seeds;

    @Override
    public Integer call() {
        int t = threads != null ? threads : Runtime.getRuntime().availableProcessors();
        Checks.positive("--threads", t);
        CompareCommand.Settings s = new CompareCommand.Settings();
        Problem p = s.problem.build(CpuBackend.get());
        PrintWriter o = spec.commandLine().getOut();
        for (String name : List.of("sam", "sam3")) {
            Dynamics<?> d = s.methods.build(name, p.train(), s.run);
            double one = stepsPerSecond(p, d, 1);
            double many = stepsPerSecond(p, d, t);
            o.printf("%-5s %8.0f steps/s on 1 thread, %8.0f on %d threads: %.2fx%n", name, one, many, t, many / one);
        }
        o.flush();
        return 0;
    }

    private double stepsPerSecond(Problem p, Dynamics<?> d, int threads) {
        Ensemble.Settings warm = Ensemble.Settings.of(20, 20, 0.05, threads, 0, threads, false);
        Ensemble.run(p, List.of(d), warm, n -> { });
        Ensemble.Settings settings = Ensemble.Settings.of(steps, steps, 0.05, seeds, 0, threads, false);
        long start = System.nanoTime();
        Ensemble.run(p, List.of(d), settings, n -> { });
        return (double) steps * seeds / ((System.nanoTime() - start) / 1e9);
    }
}
