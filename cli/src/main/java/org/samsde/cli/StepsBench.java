package org.samsde.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.samsde.bench.StepsBenchmark;
import org.samsde.core.tensor.CpuBackend;
import org.samsde.sde.Dynamics;
import org.samsde.sde.run.Problem;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code samsde bench steps}: steps per second of discrete SAM and of the sam3 SDE (the faithful
 * default, mc:8 drift with compensated noise, and the plug-in drift with per-sample noise) on the
 * default compare problem, as ensembles on 1 and on T threads. The options and the
 * compare problem are the command line's; the measurement is the bench module's
 * {@link StepsBenchmark}, which says how it warms up and alternates.
 */
@Command(name = "steps", mixinStandardHelpOptions = true, sortOptions = false,
        header = "Steps/s of SAM and sam3 on the default compare problem.",
        description = {"Steps/s of SAM and sam3 (faithful default, and plug-in drift with per-sample noise) on the default compare",
            "problem, ensembles on 1 thread",
            "and on --threads: medians of alternating runs after a warm-up."})
final class StepsBench implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--threads", paramLabel = "T", description = "Threads of the parallel figure (default: the number of cores).")
    Integer threads;

    @Option(names = "--seeds", paramLabel = "K", defaultValue = "8", description = "Trajectories per ensemble (default ${DEFAULT-VALUE}).")
    int seeds;

    @Option(names = "--steps", paramLabel = "N",
            description = "Steps per trajectory (default: as many as take about --seconds on one thread).")
    Integer steps;

    @Option(names = "--seconds", paramLabel = "S", defaultValue = "1.5",
            description = "Length of one 1-thread measurement when --steps is not given (default ${DEFAULT-VALUE}).")
    double seconds;

    @Option(names = "--repeats", paramLabel = "R", defaultValue = "5", description = "Measurements per thread count (default ${DEFAULT-VALUE}).")
    int repeats;

    @Option(names = "--warmup", paramLabel = "S", defaultValue = "4", description = "Seconds of warm-up per method (default ${DEFAULT-VALUE}).")
    double warmup;

    @Override
    public Integer call() {
        int t = threads != null ? threads : Runtime.getRuntime().availableProcessors();
        Checks.positive("--threads", t);
        Checks.positive("--seeds", seeds);
        Checks.positive("--repeats", repeats);
        if (steps != null) {
            Checks.positive("--steps", steps);
        }
        Checks.positive("--seconds", seconds);
        Checks.nonNegative("--warmup", warmup);
        CompareCommand.Settings s = new CompareCommand.Settings();
        Problem p = s.problem.build(CpuBackend.get());
        Map<String, Dynamics<?>> methods = new LinkedHashMap<>();
        for (String name : List.of("sam", "sam3")) {
            methods.put(name, s.methods.build(name, p.train(), s.run));
        }
        // sam3 as simulated before the faithful defaults: plug-in drift, per-sample noise
        s.methods.drift = "plugin";
        s.methods.noise = "per-sample";
        Dynamics<?> plugin = s.methods.build("sam3", p.train(), s.run);
        methods.put(plugin.name(), plugin);
        StepsBenchmark.run(spec.commandLine().getOut(), p, methods, new StepsBenchmark.Settings(t, seeds, steps, seconds, repeats, warmup));
        return 0;
    }
}
