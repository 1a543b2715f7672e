package org.samsde.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import org.samsde.core.tensor.CpuBackend;
import org.samsde.sde.Dynamics;
import org.samsde.sde.model.SdeKind;
import org.samsde.sde.run.Problem;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code samsde sde}: an SDE model solved by Euler–Maruyama as an ensemble of seeds, with records. */
@Command(name = "sde", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Solve an SDE model of SGD or SAM (sgd1, sgd2, usam, sam2, sam3) by Euler–Maruyama as an ensemble of "
                + "seeds, sampled at the optimiser's steps (time k·η); writes the same records as train.")
final class SdeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ProblemOptions problem;

    @Option(names = "--sde", paramLabel = "MODEL", defaultValue = "sam3",
            description = "sgd1, sgd2, usam, sam2 or sam3 (default ${DEFAULT-VALUE}).")
    String model;

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
        run.validate("sde");
        SdeKind kind = Checks.input("--sde", () -> SdeKind.byLabel(model));
        Problem p = problem.build(CpuBackend.get());
        Dynamics<?> d = methods.sde(kind, p.train(), run, run.sampling());
        EnsembleRun.execute("sde", p, List.of(d), run.settings(), run.out,
                Options.of(spec), Replay.argsFor(spec, run.out), null, continueRun, spec.commandLine().getOut());
        return 0;
    }
}
