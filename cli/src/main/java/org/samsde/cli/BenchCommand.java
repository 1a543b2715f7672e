package org.samsde.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code samsde bench}: benchmarks that print ratios measured in one run (never timed tests). */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Benchmarks that print ratios measured in one run.",
        subcommands = {GemmBench.class, DeriveBench.class, LanczosBench.class, StepsBench.class, CudaBench.class})
final class BenchCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
