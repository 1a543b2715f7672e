package org.samsde.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.samsde.core.InvalidInputException;
import org.samsde.sde.run.Problem;
import org.samsde.sde.artifact.JsonFile;
import org.samsde.sde.artifact.RunInfo;
import org.samsde.sweep.Cell;
import org.samsde.sweep.CellFiles;
import org.samsde.sweep.SweepFile;
import org.samsde.sweep.SweepSpec;
import org.samsde.sweep.SweepStatus;

import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * A sweep's cells as commands of this command line: turning a cell's options into the base
 * command's arguments, checking them with the base command's own parser and checks (without
 * running), and running one cell idempotently ({@link #run}).
 */
final class SweepCells {
    /**
     * The base commands a sweep can run: those that record their runs, resume from checkpoints and
     * take their settings as options (the study subcommands that resume are not sweepable yet).
     */
    static final List<String> COMMANDS = List.of("train", "sde", "compare");

    /** Options the sweep sets itself, so a specification may not. */
    private static final Set<String> RESERVED = Set.of("out", "resume", "help", "version", "config", "debug", "quiet",
            Replay.CONTINUE.substring(2));

    /** Options of compare given on its command line rather than in its configuration. */
    private static final List<String> COMPARE_FLAGS = List.of("checkpoint-every", "backend");

    /** Options whose values may name files, made absolute when the sweep is planned. */
    private static final Map<String, String> PATH_OPTIONS = Map.of("params", "--params", "x0", "--x0", "data", "--data", "model",
            "--model");

    private SweepCells() {
    }

    /**
     * The argument vector of a cell, without {@code --out}: for train and sde the options as flags
     * (a boolean option present when true), for compare its command-line options and
     * {@code --config cell-config.json} (the configuration keys, written into the cell directory).
     *
     * @param command the base command
     * @param options the cell's options (paths already absolute)
     * @return the arguments, starting with the command
     * @throws InvalidInputException for an option the command does not have, or a value of the wrong kind
     */
    static List<String> args(String command, Map<String, Object> options) {
        if (!COMMANDS.contains(command)) {
            throw new InvalidInputException("sweep spec: command '" + command + "' cannot be swept (expected one of "
                    + String.join(", ", COMMANDS) + ")");
        }
        CommandSpec spec = Main.commandLine().getSubcommands().get(command).getCommandSpec();
        List<String> args = new ArrayList<>(List.of(command));
        if (command.equals("compare")) {
            args.add("--config");
            args.add(CellFiles.COMPARE_CONFIG);
        }
        for (Map.Entry<String, Object> e : options.entrySet()) {
            String name = e.getKey();
            if (RESERVED.contains(name)) {
                throw new InvalidInputException("sweep spec: option '" + name + "' is set by the sweep itself");
            }
            if (command.equals("compare") && compareKey(name) != null) {
                continue;
            }
            // an option may be spelled with underscores (master_seed), as compare's configuration keys are
            OptionSpec o = spec.findOption("--" + name.replace('_', '-'));
            if (o == null || o.hidden() || (command.equals("compare") && !COMPARE_FLAGS.contains(name))) {
                throw new InvalidInputException("sweep spec: unknown option '" + name + "' for " + command + " (expected "
                        + (command.equals("compare") ? "a configuration key (" + CompareCommand.KEYS_TEXT.replace(".", "")
                        + ") or " + String.join(", ", COMPARE_FLAGS) : "an option of samsde " + command + " --help, without dashes") + ")");
            }
            Object v = e.getValue();
            if (o.arity().max() == 0) {
                if (!(v instanceof Boolean b)) {
                    throw new InvalidInputException("sweep spec: option '" + name + "' is a flag: give true or false, got " + v);
                }
                if (b) {
                    args.add("--" + name);
                }
                continue;
            }
            args.add(o.longestName());
            args.add(SweepSpec.text(v));
        }
        return args;
    }

    /** @return the compare configuration key an option name means (dashes as underscores), or null */
    private static String compareKey(String name) {
        String key = name.replace('-', '_');
        return CompareCommand.KEYS.contains(key) ? key : null;
    }

    /**
     * @param options a cell's options
     * @return the configuration file of a compare cell: the options that are configuration keys
     */
    static Map<String, Object> compareConfig(Map<String, Object> options) {
        Map<String, Object> out = new LinkedHashMap<>();
        options.forEach((k, v) -> {
            String key = compareKey(k);
            if (key != null) {
                out.put(key, v);
            }
        });
        return out;
    }

    /**
     * @param options a cell's options
     * @param base the folder relative paths are taken from (the specification's)
     * @return the options with the files that path-valued options name made absolute
     */
    static Map<String, Object> absolutePaths(Map<String, Object> options, Path base) {
        Map<String, Object> out = new LinkedHashMap<>(options);
        out.replaceAll((k, v) -> PATH_OPTIONS.containsKey(k) && v instanceof String s ? Replay.absolute(PATH_OPTIONS.get(k), s, base) : v);
        return out;
    }

    /**
     * Checks a cell as its base command would, without running it: parses its arguments with the
     * command's own picocli specification, then runs the command's checks (options, problem,
     * method).
     *
     * @param command the base command
     * @param args the cell's arguments ({@link #args})
     * @param options the cell's options (for compare's configuration)
     * @param out the cell directory
     * @param problems problems built so far; modified
     * @throws InvalidInputException with the base command's one-line message
     */
    static void check(String command, List<String> args, Map<String, Object> options, Path out, Map<String, Problem> problems) {
        List<String> argv = new ArrayList<>(args);
        if (command.equals("compare")) {
            int c = argv.indexOf("--config");
            argv.remove(c + 1);
            argv.remove(c);
        }
        argv.add("--out");
        argv.add(out.toString());
        CommandLine cl = Main.commandLine();
        CommandLine.ParseResult parsed;
        try {
            parsed = cl.parseArgs(argv.toArray(String[]::new));
        } catch (CommandLine.ParameterException e) {
            throw new InvalidInputException(command + ": " + e.getMessage());
        }
        Object user = parsed.subcommand().commandSpec().userObject();
        try {
            if (user instanceof SingleMethodRun r) {
                r.check(problems);
            } else if (user instanceof CompareCommand c) {
                c.check(new ObjectMapper().valueToTree(compareConfig(options)), problems);
            } else {
                throw new AssertionError(command);
            }
        } catch (InvalidInputException e) {
            throw new InvalidInputException(command + ": " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(command + ": " + e.getMessage(), e);
        }
    }

    /**
     * Writes a cell's directory: {@value CellFiles#CONFIG} (and compare's configuration).
     *
     * @param dir the cell directory
     * @param command the base command
     * @param cell the cell
     * @param options its options, paths absolute
     * @param args its arguments
     * @throws IOException when a file cannot be written
     */
    static void writeCell(Path dir, String command, Cell cell, Map<String, Object> options, List<String> args) throws IOException {
        Files.createDirectories(dir);
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("index", cell.index());
        config.put("command", command);
        config.put("values", cell.values());
        config.put("options", options);
        config.put("args", args);
        JsonFile.write(dir.resolve(CellFiles.CONFIG), config);
        if (command.equals("compare")) {
            JsonFile.write(dir.resolve(CellFiles.COMPARE_CONFIG), compareConfig(options));
        }
    }

    /** The result of running a cell. */
    enum Outcome {
        /** It had finished before: nothing ran. */
        ALREADY_DONE,
        /** It ran (or resumed) to the end now. */
        DONE,
        /** It failed. */
        FAILED,
        /** Another process holds it. */
        BUSY
    }

    /**
     * Runs one cell, idempotently: a cell with its done marker is not run; a cell whose run
     * directory records an unfinished run resumes from its checkpoints ({@code --resume}), so its
     * records are bitwise those of an uninterrupted run; a cell whose records are complete but whose
     * marker is missing (killed in between) only gets its marker. A lock on {@code cell.lock} keeps
     * two processes off one cell. What the base command prints goes to {@value CellFiles#LOG}.
     *
     * @param sweepDir the sweep directory
     * @param sweep its table
     * @param index the cell
     * @param threads worker threads for a fresh run (null: the command's default)
     * @param report where one line about the outcome goes
     * @return the outcome
     * @throws IOException when the markers cannot be written
     */
    static Outcome run(Path sweepDir, SweepFile.Sweep sweep, int index, Integer threads, PrintWriter report) throws IOException {
        SweepFile.Row row = sweep.cells().get(index);
        Path dir = sweep.cellDir(sweepDir, index).toAbsolutePath().normalize();
        String name = "cell " + index + " (" + row.dir() + ")";
        if (CellFiles.done(dir)) {
            report.println(name + ": done already; nothing to run");
            report.flush();
            return Outcome.ALREADY_DONE;
        }
        Files.createDirectories(dir);
        try (FileChannel channel = FileChannel.open(dir.resolve("cell.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock lock = channel.tryLock()) {
            if (lock == null) {
                report.println(name + ": another process is running it; left alone");
                report.flush();
                return Outcome.BUSY;
            }
            if (CellFiles.done(dir)) {
                report.println(name + ": done already; nothing to run");
                report.flush();
                return Outcome.ALREADY_DONE;
            }
            int attempt = CellFiles.read(dir, CellFiles.STARTED).map(j -> j.path(CellFiles.KEY_ATTEMPT).asInt(0)).orElse(0) + 1;
            Map<String, Object> started = new LinkedHashMap<>();
            started.put(CellFiles.KEY_HOST, SweepStatus.host());
            started.put(CellFiles.KEY_PID, ProcessHandle.current().pid());
            started.put(CellFiles.KEY_ATTEMPT, attempt);
            started.put("started", Instant.now().toString());
            for (String v : List.of("SLURM_JOB_ID", "SLURM_ARRAY_JOB_ID", "SLURM_ARRAY_TASK_ID", "SLURM_RESTART_COUNT")) {
                if (System.getenv(v) != null) {
                    started.put(v.toLowerCase(java.util.Locale.ROOT), System.getenv(v));
                }
            }
            Files.deleteIfExists(dir.resolve(CellFiles.FAILED));
            CellFiles.write(dir, CellFiles.STARTED, started);
            boolean recorded = Files.isRegularFile(dir.resolve(RunInfo.NAME));
            boolean resumed = recorded && !org.samsde.sde.run.RunDirectory.finished(dir);
            List<String> argv = new ArrayList<>();
            if (recorded && org.samsde.sde.run.RunDirectory.finished(dir)) {
                argv = null; // the records are complete: only the marker is missing
            } else if (resumed) {
                argv.addAll(List.of(sweep.command(), "--resume", dir.toString(), "--quiet"));
            } else {
                for (String a : row.args()) {
                    argv.add(a.equals(CellFiles.COMPARE_CONFIG) ? dir.resolve(CellFiles.COMPARE_CONFIG).toString() : a);
                }
                if (threads != null && !argv.contains("--threads")) {
                    argv.add("--threads");
                    argv.add(threads.toString());
                }
                argv.addAll(List.of("--out", dir.toString(), "--quiet"));
            }
            long t0 = System.nanoTime();
            int code = 0;
            String message = "";
            if (argv != null) {
                StringWriter err = new StringWriter();
                try (Writer log = Files.newBufferedWriter(dir.resolve(CellFiles.LOG), StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                        StandardOpenOption.APPEND)) {
                    PrintWriter out = new PrintWriter(log);
                    out.println("# attempt " + attempt + " on " + SweepStatus.host() + " at " + Instant.now() + ": " + String.join(" ", argv));
                    out.flush();
                    try {
                        code = Main.execute(out, new PrintWriter(err), argv.toArray(String[]::new));
                    } catch (RuntimeException | Error e) {
                        code = 1;
                        err.write(e.toString());
                    }
                    out.print(err);
                    out.flush();
                }
                message = err.toString().strip().lines().reduce((a, b) -> b).orElse("");
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            if (code == 0 && org.samsde.sde.run.RunDirectory.finished(dir)) {
                Map<String, Object> done = new LinkedHashMap<>();
                done.put("finished", Instant.now().toString());
                done.put("seconds", seconds);
                done.put(CellFiles.KEY_ATTEMPT, attempt);
                done.put("resumed", resumed);
                CellFiles.write(dir, CellFiles.DONE, done);
                report.printf("%s: done in %.1f s%s%n", name, seconds, resumed ? " (resumed from its checkpoints)" : "");
                report.flush();
                return Outcome.DONE;
            }
            Map<String, Object> failed = new LinkedHashMap<>();
            failed.put("exit_code", code == 0 ? 1 : code);
            failed.put(CellFiles.KEY_MESSAGE, message.isEmpty() ? "exit code " + code + " (see " + CellFiles.LOG + ")" : message);
            failed.put("time", Instant.now().toString());
            failed.put(CellFiles.KEY_ATTEMPT, attempt);
            CellFiles.write(dir, CellFiles.FAILED, failed);
            report.println(name + ": failed: " + failed.get(CellFiles.KEY_MESSAGE));
            report.flush();
            return Outcome.FAILED;
        }
    }

    /** @return a fresh cache of problems for {@link #check} */
    static Map<String, Problem> problemCache() {
        return new HashMap<>();
    }
}
