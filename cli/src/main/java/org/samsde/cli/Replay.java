package org.samsde.cli;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import org.samsde.core.InvalidInputException;
import org.samsde.core.data.DataFiles;
import org.samsde.sde.artifact.JsonFile;
import org.samsde.sde.artifact.RunInfo;

import picocli.CommandLine.Model.CommandSpec;

/**
 * The argument vector that reproduces a run, as recorded in its run.json, and the two ways of using
 * it: {@code --resume DIR} (continue from the checkpoints) and {@code samsde rerun DIR} (run again
 * from scratch into another directory).
 */
final class Replay {
    /** Hidden flag that makes a replayed command continue from its checkpoints. */
    static final String CONTINUE = "--continue-run";

    /** The commands whose runs are recorded and can be resumed or rerun. */
    static final List<String> COMMANDS = List.of("train", "sde", "compare", "study");

    /** The subcommands of {@code study} whose runs are recorded and can be resumed or rerun. */
    static final List<String> STUDIES = List.of("paper-sde", "paper-alignment");

    /** Options left out of the recorded arguments: set again on replay, or without effect on the results. */
    private static final List<String> DROPPED = List.of("--out", "--resume", "--threads", "--backend");

    /** Options whose values are (or may hold) file paths, recorded as absolute paths. */
    private static final List<String> PATHS = List.of("--params", "--x0", "--config", "--data", "--model");

    private Replay() {
    }

    /**
     * The command's own arguments as given, with the options that do not change results ({@code
     * --threads}, {@code --resume}, {@code --debug}, {@code --quiet}) removed, the input files ({@code --params}/{@code --x0}, a file
     * {@code --data}, the file of a {@code quadratic:}/{@code poly:} model) as absolute paths, and
     * {@code --backend} and {@code --out} set to the backend used and the absolute run directory.
     * So the vector reproduces the run from any working directory, on the same backend.
     *
     * @param spec the running command
     * @param out its run directory
     * @param backend the name of the backend it runs on
     * @return the argument vector, starting with the command's name
     */
    static List<String> argsFor(CommandSpec spec, Path out, String backend) {
        List<String> original = spec.commandLine().getParseResult().originalArgs();
        List<String> path = commandPath(spec);
        int first = original.indexOf(spec.name());
        List<String> args = new ArrayList<>(path);
        for (int i = first + 1; i < original.size(); i++) {
            String a = original.get(i);
            int eq = a.startsWith("--") ? a.indexOf('=') : -1;
            String name = eq > 0 ? a.substring(0, eq) : a;
            if (DROPPED.contains(name)) {
                if (eq < 0) {
                    i++;
                }
                continue;
            }
            if (a.equals(CONTINUE) || a.equals("--debug") || a.equals("--quiet") || a.equals("-q") || a.equals("--force")) {
                continue; // --force too: a replay never replaces a run unless asked again
            }
            if (PATHS.contains(name)) {
                String value = eq > 0 ? a.substring(eq + 1) : i + 1 < original.size() ? original.get(++i) : null;
                args.add(name);
                if (value != null) {
                    args.add(absolute(name, value));
                }
                continue;
            }
            args.add(a);
        }
        args.add("--backend");
        args.add(backend);
        args.add("--out");
        args.add(absolute(out));
        return args;
    }

    /**
     * @param spec a command
     * @return its names from the top-level subcommand down to it: [compare], or [study, paper-sde]
     */
    static List<String> commandPath(CommandSpec spec) {
        List<String> path = new ArrayList<>();
        for (CommandSpec s = spec; s != null && s.parent() != null; s = s.parent()) {
            path.add(0, s.name());
        }
        return path.isEmpty() ? List.of(spec.name()) : path;
    }

    /** @return the path made absolute and normalised */
    static String absolute(Path path) {
        return path.toAbsolutePath().normalize().toString();
    }

    /**
     * @param option an option of {@link #PATHS}
     * @param value its value as given
     * @return the value with the file it names made absolute; specifications that name no file as they are
     */
    static String absolute(String option, String value) {
        return absolute(option, value, null);
    }

    /**
     * @param option an option of {@link #PATHS}
     * @param value its value as given
     * @param base where a relative file is looked for first (a config file's folder), or null for the
     *     working directory only
     * @return the value with the file it names made absolute (the one in base when it exists there,
     *     else the one in the working directory); specifications that name no file as they are
     */
    static String absolute(String option, String value, Path base) {
        try {
            switch (option) {
                case "--data" -> {
                    Path near = base == null ? null : DataFiles.file(base.resolve(value).toString());
                    Path file = near != null ? near : DataFiles.file(value);
                    return file == null ? value : absolute(file);
                }
                case "--model" -> {
                    String s = value.trim();
                    for (String kind : List.of("quadratic:", "poly:")) {
                        if (s.startsWith(kind) && s.length() > kind.length()) {
                            Path file = existing(Path.of(s.substring(kind.length())), base);
                            if (file != null) {
                                return kind + absolute(file);
                            }
                        }
                    }
                    return value;
                }
                default -> {
                    if (value.isEmpty()) {
                        return value;
                    }
                    Path file = existing(Path.of(value), base);
                    return absolute(file != null ? file : Path.of(value));
                }
            }
        } catch (InvalidPathException e) {
            return value;
        }
    }

    /** @return path under base when that exists, else path when it exists, else null */
    private static Path existing(Path path, Path base) {
        if (base != null && Files.exists(base.resolve(path))) {
            return base.resolve(path);
        }
        return Files.exists(path) ? path : null;
    }

    /**
     * @param dir a run directory
     * @return the arguments recorded in its run.json
     * @throws InvalidInputException when there is no readable run.json with arguments
     */
    static List<String> recorded(Path dir) {
        Path file = dir.resolve(RunInfo.NAME);
        if (!Files.isRegularFile(file)) {
            throw new InvalidInputException(dir + ": no " + RunInfo.NAME + " (not a samsde run directory)");
        }
        JsonNode args = JsonFile.read(file).get(RunInfo.ARGS);
        if (args == null || !args.isArray() || args.isEmpty()) {
            throw new InvalidInputException(file + ": records no arguments to replay");
        }
        List<String> out = new ArrayList<>();
        for (JsonNode a : args) {
            out.add(a.asText());
        }
        if (!COMMANDS.contains(out.get(0)) || out.get(0).equals("study") && (out.size() < 2 || !STUDIES.contains(out.get(1)))) {
            throw new InvalidInputException(file + ": records the command '" + String.join(" ", out.subList(0, Math.min(2, out.size())))
                    + "', expected one of train, sde, compare, study " + String.join(", study ", STUDIES));
        }
        for (String a : out) {
            if (a.equals("--resume") || a.startsWith("--resume=") || a.equals(CONTINUE)) {
                throw new InvalidInputException(file + ": recorded arguments hold " + a + ", which cannot be replayed");
            }
        }
        int i = out.indexOf("--out");
        if (i < 0 || i + 1 >= out.size()) {
            throw new InvalidInputException(file + ": recorded arguments lack --out");
        }
        return out;
    }

    /**
     * Points recorded arguments at a run directory: {@code --out} becomes {@code out}, and a
     * {@code --config} that named the recorded run directory's config.json (as compare records it)
     * names the one in {@code from}, so a run directory that was moved can still be resumed or rerun.
     *
     * @param args arguments from {@link #recorded}, changed in place
     * @param from the run directory the arguments were read from
     * @param out the run directory of the replay
     * @return args
     */
    static List<String> retarget(List<String> args, Path from, Path out) {
        int o = args.indexOf("--out");
        String recordedOut = args.get(o + 1);
        int c = args.indexOf("--config");
        if (c >= 0 && c + 1 < args.size()) {
            try {
                Path recordedConfig = Path.of(recordedOut).resolve(RunInfo.CONFIG).normalize();
                if (Path.of(args.get(c + 1)).normalize().equals(recordedConfig)) {
                    args.set(c + 1, absolute(from.resolve(RunInfo.CONFIG)));
                }
            } catch (InvalidPathException e) {
                // not a path of ours: left as it is
            }
        }
        args.set(o + 1, absolute(out));
        return args;
    }


    /**
     * Continues the run in dir from its checkpoints.
     *
     * @param spec the command asked to resume (its name must match the run's)
     * @param dir the run directory
     * @return the exit code
     */
    static int resume(CommandSpec spec, Path dir) {
        List<String> args = new ArrayList<>(recorded(dir));
        List<String> path = commandPath(spec);
        if (args.size() < path.size() || !args.subList(0, path.size()).equals(path)) {
            String made = String.join(" ", args.subList(0, args.get(0).equals("study") ? 2 : 1));
            throw new InvalidInputException("--resume " + dir + ": the run was made by '" + made + "', not '" + String.join(" ", path) + "'");
        }
        if (org.samsde.sde.run.RunDirectory.finished(dir)) {
            spec.commandLine().getOut().println(dir + " has finished already; nothing to resume (samsde rerun repeats it)");
            spec.commandLine().getOut().flush();
            return 0;
        }
        retarget(args, dir, dir);
        args.add(CONTINUE);
        if (Main.debug(spec.root().commandLine().getParseResult())) {
            args.add("--debug");
        }
        if (Main.quiet(spec.root().commandLine().getParseResult())) {
            args.add("--quiet");
        }
        return Main.execute(spec.commandLine().getOut(), spec.commandLine().getErr(), args.toArray(String[]::new));
    }
}
