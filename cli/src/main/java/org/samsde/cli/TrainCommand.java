package org.samsde.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import org.samsde.core.tensor.CpuBackend;
import org.samsde.sde.Dynamics;
import org.samsde.sde.optim.Method;
import org.samsde.sde.run.Problem;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code samsde train}: a discrete optimiser as an ensemble of seeds, with records. */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Train with a discrete optimiser (SGD, SAM, USAM, DNSAM, Reverse-SAM, EGR, Eigen-SAM) as an ensemble "
                + "of seeds; writes trajectories.csv, summary.csv, params.npy and run.json into --out.")
final class TrainCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ProblemOptions problem;

    @Option(names = "--optimizer", paramLabel = "NAME", defaultValue = "sam",
            description = "sgd, sam, usam, dnsam, reverse-sam, egr or eigen-sam (default ${DEFAULT-VALUE}).")
    String optimizer;

    @Mixin
    RunOptions run;

    @Mixin
    MethodOptions methods;

    @Option(names = "--resume", paramLabel = "DIR", description = "Continue the interrupted run in DIR from its checkpoints.")
    Path resume;

    @Option(names = Replay.CONTINUE, hidden = true)
    boolean continueRun;

    @Override
    public Integer call() throws Exception {
        if (resume != null) {
            return Replay.resume(spec, resume);
        }
        run.validate("train");
        Method m = Checks.input("--optimizer", () -> Method.byLabel(optimizer));
        Problem p = problem.build(CpuBackend.get());
        Dynamics<?> d = methods.optimizer(m, p.train(), run, run.sampling());
        EnsembleRun.execute("train", p, List.of(d), run.settings(), run.out,
                Options.of(spec), Replay.argsFor(spec, run.out), null, continueRun, spec.commandLine().getOut());
        return 0;
    }
}
