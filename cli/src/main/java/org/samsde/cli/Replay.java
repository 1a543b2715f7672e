package org.samsde.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.samsde.core.InvalidInputException;

import picocli.CommandLine.Model.CommandSpec;

/**
 * The argument vector that reproduces a run, as recorded in its run.json, and the two ways of using
 * it: {@code --resume DIR} (continue from the checkpoints) and {@code samsde rerun DIR} (run again
 * from scratch into another directory).
 */
final class Replay {
    /** Hidden flag that makes a replayed command continue from its checkpoints. */
    static final String CONTINUE = "--continue-run";

    private static final List<String> DROPPED = List.of("--out", "--resume", "--threads");

    private Replay() {
    }

    /**
     * The command's own arguments as given, with {@code --out} set to the run directory and the
     * options that do not change results ({@code --threads}, {@code --resume}) removed.
     *
     * @param spec the running command
     * @param out its run directory
     * @return the argument vector, starting with the command's name
     */
    static List<String> argsFor(CommandSpec spec, Path out) {
        List<String> original = spec.commandLine().getParseResult().originalArgs();
        int first = original.indexOf(spec.name());
        List<String> args = new ArrayList<>();
        args.add(spec.name());
        for (int i = first + 1; i < original.size(); i++) {
            String a = original.get(i);
            String name = a.contains("=") ? a.substring(0, a.indexOf('=')) : a;
            if (DROPPED.contains(name)) {
                if (!a.contains("=")) {
                    i++;
                }
                continue;
            }
            if (a.equals(CONTINUE) || a.equals("--debug")) {
                continue;
            }
            args.add(a);
        }
        args.add("--out");
        args.add(out.toString());
        return args;
    }

    /**
     * @param dir a run directory
     * @return the arguments recorded in its run.json
     * @throws InvalidInputException when there is no readable run.json with arguments
     */
    static List<String> recorded(Path dir) {
        Path file = dir.resolve("run.json");
        if (!Files.isRegularFile(file)) {
            throw new InvalidInputException(dir + ": no run.json (not a samsde run directory)");
        }
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(file.toFile());
        } catch (IOException e) {
            throw new InvalidInputException(file + ": unreadable (" + e.getMessage().lines().findFirst().orElse("") + ")");
        }
        JsonNode args = root == null ? null : root.get("args");
        if (args == null || !args.isArray() || args.isEmpty()) {
            throw new InvalidInputException(file + ": records no arguments to replay");
        }
        List<String> out = new ArrayList<>();
        for (JsonNode a : args) {
            out.add(a.asText());
        }
        return out;
    }

    /** @return whether the run in dir finished (its run.json says so) */
    static boolean finished(Path dir) {
        try {
            JsonNode root = new ObjectMapper().readTree(dir.resolve("run.json").toFile());
            return root != null && "finished".equals(root.path("status").asText());
        } catch (IOException e) {
            return false;
        }
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
        if (!args.get(0).equals(spec.name())) {
            throw new InvalidInputException("--resume " + dir + ": the run was made by '" + args.get(0) + "', not '" + spec.name() + "'");
        }
        if (finished(dir)) {
            spec.commandLine().getOut().println(dir + " has finished already; nothing to resume (samsde rerun repeats it)");
            spec.commandLine().getOut().flush();
            return 0;
        }
        args.add(CONTINUE);
        return Main.execute(spec.commandLine().getOut(), spec.commandLine().getErr(), args.toArray(String[]::new));
    }
}
