package org.samsde.bench;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code samsde bench}: benchmarks that print ratios measured in one run (never timed tests):
 * {@code gemm}, {@code derive}, {@code lanczos}, {@code steps} and {@code cuda}. The command line
 * does not compile against this module: it finds {@link Registration} through
 * {@link java.util.ServiceLoader} (this module's {@code META-INF/services}) when the module is on
 * its class path, and lets it add this command.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Benchmarks that print ratios measured in one run.",
        subcommands = {GemmBench.class, DeriveBench.class, LanczosBench.class, StepsBench.class, SdeCostBench.class, RecordsBench.class, CudaBench.class, JetBench.class})
public final class BenchCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /**
     * Adds {@code bench} to the root command it is given; registered as a service of picocli's
     * {@link CommandLine.IModelTransformer}, which the command line applies to its root command.
     */
    public static final class Registration implements CommandLine.IModelTransformer {
        /** For the service loader. */
        public Registration() {
        }

        @Override
        public CommandSpec transform(CommandSpec root) {
            if (!root.subcommands().containsKey("bench")) {
                root.addSubcommand("bench", new CommandLine(new BenchCommand()));
            }
            return root;
        }
    }
}
