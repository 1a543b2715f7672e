package org.samsde.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import org.samsde.core.InvalidInputException;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code samsde rerun DIR}: runs a recorded run again from scratch, reproducing its records bitwise on the same backend. */
@Command(name = "rerun", mixinStandardHelpOptions = true,
        description = "Run the run recorded in DIR/run.json again from scratch into another directory; on the same backend "
                + "its records are bitwise identical (wall times aside).")
final class RerunCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "DIR", description = "A run directory written by train, sde or compare.")
    Path dir;

    @Option(names = "--out", paramLabel = "NEW", description = "Directory for the new run (default DIR-rerun).")
    Path out;

    @Option(names = "--force", description = "Replace a run already in the new directory (only the files runs write are removed).")
    boolean force;

    @Override
    public Integer call() {
        if (out != null) {
            Inputs.nonEmpty(out, "--out");
        }
        List<String> args = new ArrayList<>(Replay.recorded(dir));
        Path from = dir.toAbsolutePath().normalize();
        if (out == null && from.getFileName() == null) {
            throw new InvalidInputException("--out is needed to repeat the run in " + from);
        }
        Path target = out != null ? out : from.resolveSibling(from.getFileName() + "-rerun");
        if (target.toAbsolutePath().normalize().equals(from)) {
            throw new InvalidInputException("--out must differ from the run being repeated");
        }
        Replay.retarget(args, from, target);
        if (Main.debug(spec.root().commandLine().getParseResult())) {
            args.add("--debug");
        }
        if (Main.quiet(spec.root().commandLine().getParseResult())) {
            args.add("--quiet");
        }
        if (force) {
            args.add("--force");
        }
        return Main.execute(spec.commandLine().getOut(), spec.commandLine().getErr(), args.toArray(String[]::new));
    }
}
