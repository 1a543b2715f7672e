package org.samsde.cli;

import org.samsde.bench.CudaBench;
import org.samsde.bench.DeriveBench;
import org.samsde.bench.GemmBench;
import org.samsde.bench.LanczosBench;
import org.samsde.bench.SdeCostBench;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code samsde bench}: benchmarks that print ratios measured in one run (never timed tests). The
 * subcommands {@code gemm}, {@code derive}, {@code lanczos}, {@code sde-cost} and {@code cuda} are the bench module's;
 * {@code steps} ({@link StepsBench}) is built here because it runs the compare problem of this
 * command line, and measures through the bench module.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Benchmarks that print ratios measured in one run.",
        subcommands = {GemmBench.class, DeriveBench.class, LanczosBench.class, StepsBench.class, SdeCostBench.class, CudaBench.class})
final class BenchCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
