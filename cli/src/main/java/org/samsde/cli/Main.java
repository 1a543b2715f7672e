package org.samsde.cli;

import java.io.PrintWriter;
import java.nio.file.FileSystemException;
import java.util.ServiceLoader;

import org.samsde.core.InvalidInputException;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The {@code samsde} command. Exit codes: 0 success, 2 bad input (one line on standard error,
 * naming the input and the problem; a stack trace only with {@code --debug}), 1 any other failure.
 */
@Command(name = "samsde", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Sharpness-Aware Minimization and its SDEs: exact derivatives, optimisers, SDE models, Hessian tools.",
        subcommands = {DeriveCommand.class, TrainCommand.class, SdeCommand.class, CompareCommand.class, RerunCommand.class, StudyCommand.class, SpectrumCommand.class, LandscapeCommand.class, PlotCommand.class, SweepCommand.class})
public final class Main implements Runnable {

    /** Exit code for bad input. */
    public static final int BAD_INPUT = 2;

    /** Exit code of a run stopped by SIGINT or SIGTERM (128 + SIGINT's number, as shells report it). */
    public static final int STOPPED = 130;

    /** Exit code of a run that finished with every trajectory diverged (its records and figure are written). */
    public static final int DIVERGED = 3;

    @Option(names = "--debug", scope = CommandLine.ScopeType.INHERIT,
            description = "Print stack traces of errors.")
    boolean debug;

    @Option(names = {"-q", "--quiet"}, scope = CommandLine.ScopeType.INHERIT,
            description = "Print no progress on standard error (errors and results still appear).")
    boolean quiet;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /**
     * Runs the command line and returns the exit code instead of exiting, for tests.
     *
     * @param out standard output
     * @param err standard error
     * @param args the arguments
     * @return the exit code
     */
    public static int execute(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cl = commandLine();
        cl.setOut(out);
        cl.setErr(err);
        return cl.execute(args);
    }

    /** The one line for an input or problem that does not fit in the heap. */
    static final String OUT_OF_MEMORY = "input too large for the heap (out of memory); raise it with SAMSDE_JAVA_OPTS=-Xmx...";

    static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Main());
        CompareCommand.describeKeys(cl.getSubcommands().get("compare").getCommandSpec());
        // commands of other modules on the class path (samsde bench) add themselves
        for (CommandLine.IModelTransformer t : ServiceLoader.load(CommandLine.IModelTransformer.class, Main.class.getClassLoader())) {
            t.transform(cl.getCommandSpec());
        }
        cl.addSubcommand(new CommandLine.HelpCommand());
        // an OutOfMemoryError (an input that decompresses to more than the heap holds) is bad input:
        // picocli lets Errors escape, so turn it into an InvalidInputException for the handler below
        cl.setExecutionStrategy(parseResult -> {
            try {
                return new CommandLine.RunLast().execute(parseResult);
            } catch (OutOfMemoryError e) {
                CommandLine.ParseResult last = parseResult;
                while (last.hasSubcommand()) {
                    last = last.subcommand();
                }
                throw new CommandLine.ExecutionException(last.commandSpec().commandLine(), OUT_OF_MEMORY,
                        new InvalidInputException(OUT_OF_MEMORY, e));
            }
        });
        cl.setExecutionExceptionHandler((ex, line, parseResult) -> {
            boolean debug = debug(parseResult);
            PrintWriter err = line.getErr();
            if (debug) {
                ex.printStackTrace(err);
            }
            for (Throwable c = ex; c != null; c = c.getCause()) {
                if (c instanceof org.samsde.sde.run.Ensemble.Stopped) {
                    return STOPPED; // EnsembleRun has said how to resume
                }
                if (c instanceof EnsembleRun.Diverged d) {
                    err.println(line.getCommandSpec().qualifiedName() + ": " + d.getMessage());
                    err.flush();
                    return DIVERGED;
                }
            }
            Throwable cause = ex;
            while (cause != null && !(cause instanceof InvalidInputException) && !(cause instanceof OutOfMemoryError)) {
                cause = cause.getCause();
            }
            if (cause != null) {
                err.println(line.getCommandSpec().qualifiedName() + ": "
                        + (cause instanceof OutOfMemoryError ? OUT_OF_MEMORY : cause.getMessage()));
                err.flush();
                return BAD_INPUT;
            }
            FileSystemException fs = fileSystemCause(ex);
            if (fs != null) {
                // a path the user named (most often an output the early checks could not foresee,
                // such as a directory under /proc) that the file system refused
                err.println(line.getCommandSpec().qualifiedName() + ": " + fileSystemMessage(fs));
                err.flush();
                return BAD_INPUT;
            }
            err.println(line.getCommandSpec().qualifiedName() + ": internal error: " + ex
                    + (debug ? "" : " (run with --debug for the stack trace)"));
            err.flush();
            return 1;
        });
        cl.setParameterExceptionHandler((ex, args) -> {
            PrintWriter err = ex.getCommandLine().getErr();
            String hint = "";
            if (ex instanceof CommandLine.UnmatchedArgumentException u && !u.getSuggestions().isEmpty()) {
                hint = "; did you mean " + String.join(" or ", u.getSuggestions().subList(0, Math.min(3, u.getSuggestions().size()))) + "?";
            }
            err.println(ex.getCommandLine().getCommandSpec().qualifiedName() + ": " + ex.getMessage() + hint
                    + " (see --help)");
            err.flush();
            return BAD_INPUT;
        });
        return cl;
    }

    /** @return the first {@link FileSystemException} in the cause chain of t, or null */
    static FileSystemException fileSystemCause(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof FileSystemException fs) {
                return fs;
            }
        }
        return null;
    }

    /** @return what the file system said, in words */
    static String fileSystemReason(FileSystemException fs) {
        return org.samsde.core.io.IoErrors.reason(fs);
    }

    /** @return one line naming the file and what the file system said of it */
    static String fileSystemMessage(FileSystemException fs) {
        String what = fileSystemReason(fs);
        String file = fs.getFile() == null ? "a file" : fs.getFile();
        String other = fs.getOtherFile() == null ? "" : " (and " + fs.getOtherFile() + ")";
        return new InvalidInputException("cannot use " + file + other + ": " + what).getMessage(); // control characters escaped
    }

    /**
     * @param parseResult a parse result, of the whole command line or of a subcommand
     * @return whether --debug was given to it or to one of its subcommands (pass the root command's result to see
     *     the flag wherever it stands)
     */
    static boolean debug(CommandLine.ParseResult parseResult) {
        if (parseResult == null) {
            return false;
        }
        return parseResult.hasMatchedOption("--debug") || parseResult.subcommands().stream().anyMatch(Main::debug);
    }

    /**
     * @param parseResult a parse result, of the whole command line or of a subcommand
     * @return whether --quiet was given to it or to one of its subcommands
     */
    static boolean quiet(CommandLine.ParseResult parseResult) {
        if (parseResult == null) {
            return false;
        }
        return parseResult.hasMatchedOption("--quiet") || parseResult.subcommands().stream().anyMatch(Main::quiet);
    }

    /**
     * Entry point.
     *
     * @param args the arguments
     */
    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** Reports the version from the jar manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"samsde " + (v == null ? "(development build)" : v)};
        }
    }
}
