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

    /** @return the method settings from this command's own flags */
    abstract MethodOptions methods();

    @Option(names = "--resume", paramLabel = "DIR", description = "Continue the interrupted run in DIR from its checkpoints.")
    Path resume;

    @Option(names = Replay.CONTINUE, hidden = true)
    boolean continueRun;

    /**
     * @param p the problem
     * @return the method, built from this command's options
     */
    abstract Dynamics<?> method(Problem p);

    /**
     * Checks the parsed options as {@link #call()} would, without running: the numeric options, the
     * problem (built once per distinct problem, the cache shared across a sweep's cells) and the
     * method. For {@code samsde sweep plan}, which checks every cell before writing anything.
     *
     * @param problems problems already built, by {@link #problemKey()}; modified
     * @throws org.samsde.core.InvalidInputException naming the option that is wrong
     */
    void check(java.util.Map<String, Problem> problems) {
        run.validate(spec.name());
        Problem p = problems.get(problemKey());
        if (p == null) {
            p = problem.build();
            problems.put(problemKey(), p);
        }
        method(p);
    }

    /** @return what decides the problem: model, data, initial parameters, subset, backend */
    private String problemKey() {
        return String.join("\t", problem.model, problem.data, String.valueOf(problem.params), Long.toString(problem.initSeed),
                String.valueOf(problem.subset), Integer.toString(problem.hessianSubset), problem.backend.name);
    }

    @Override
    public Integer call() throws Exception {
        if (resume != null) {
            return Replay.resume(spec, resume);
        }
        run.validate(spec.name());
        Problem p = problem.build();
        Dynamics<?> d = method(p);
        EnsembleRun.execute(spec.name(), p, List.of(d), run.settings(), run.out, Options.of(spec), Replay.argsFor(spec, run.out, p.train().backend().name()),
                null, continueRun, run.force, methods().policy(), spec);
        return 0;
    }
}
