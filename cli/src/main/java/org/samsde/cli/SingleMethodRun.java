package org.samsde.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import org.samsde.sde.Dynamics;
import org.samsde.sde.run.Problem;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * What {@code train} and {@code sde} share: a problem, one method run as an ensemble with
 * records, checkpoints and {@code --resume}. A subclass says which method.
 */
abstract class SingleMethodRun implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ProblemOptions problem;

    @Mixin
    RunOptions run;

    @Mixin
    MethodOptions methods;

    @Option(names = "--resume", paramLabel = "DIR", description = "Continue the interrupted run in DIR from its checkpoints.")
    Path resume;

    @Option(names = Replay.CONTINUE, hidden = true)
    boolean continueRun;

    /**
     * @param p the problem
     * @return the method, built from this command's options
     */
    abstract Dynamics<?> method(Problem p);

    @Override
    public Integer call() throws Exception {
        if (resume != null) {
            return Replay.resume(spec, resume);
        }
        run.validate(spec.name());
        Problem p = problem.build();
        Dynamics<?> d = method(p);
        EnsembleRun.execute(spec.name(), p, List.of(d), run.settings(), run.out, Options.of(spec), Replay.argsFor(spec, run.out, p.train().backend().name()),
                null, continueRun, spec);
        return 0;
    }
}
