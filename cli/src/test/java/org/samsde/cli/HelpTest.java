package org.samsde.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import picocli.CommandLine;

/** Every command's --help prints its usage cleanly: exit 0, and no picocli warning (e.g. from an unescaped % in a description). */
class HelpTest {
    private static void collect(CommandLine cl, List<String> prefix, List<List<String>> out) {
        for (Map.Entry<String, CommandLine> e : cl.getSubcommands().entrySet()) {
            if (e.getKey().equals("help")) {
                continue;
            }
            List<String> path = new ArrayList<>(prefix);
            path.add(e.getKey());
            out.add(path);
            collect(e.getValue(), path, out);
        }
    }

    @Test
    void everyCommandsHelpIsPrintedWithoutWarnings() {
        List<List<String>> commands = new ArrayList<>();
        collect(Main.commandLine(), List.of(), commands);
        assertTrue(commands.stream().anyMatch(c -> c.equals(List.of("plot"))) && commands.size() > 8, commands.toString());
        PrintStream saved = System.err;
        for (List<String> command : commands) {
            ByteArrayOutputStream captured = new ByteArrayOutputStream();
            Cli.Run r;
            System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
            try {
                List<String> args = new ArrayList<>(command);
                args.add("--help");
                r = Cli.run(args.toArray(String[]::new));
            } finally {
                System.setErr(saved);
            }
            String warnings = captured.toString(StandardCharsets.UTF_8) + r.err();
            assertEquals(0, r.code(), command + ": " + warnings);
            assertFalse(warnings.contains("WARN"), command + " --help: " + warnings);
            assertTrue(r.out().contains("Usage:"), command + ": " + r.out());
        }
    }

    @Test
    void eachRunCommandListsOnlyItsOwnFlags() {
        String train = Cli.run("train", "--help").out();
        String sde = Cli.run("sde", "--help").out();
        for (String sdeOnly : List.of("--substeps", "--drift", "--noise")) {
            org.junit.jupiter.api.Assertions.assertFalse(train.contains(sdeOnly), "train --help lists the SDE flag " + sdeOnly);
            org.junit.jupiter.api.Assertions.assertTrue(sde.contains(sdeOnly), "sde --help lacks " + sdeOnly);
        }
        for (String discreteOnly : List.of("--alpha", "--eig-every", "--momentum", "--schedule", "--svag")) {
            org.junit.jupiter.api.Assertions.assertFalse(sde.contains(discreteOnly), "sde --help lists the optimizer flag " + discreteOnly);
            org.junit.jupiter.api.Assertions.assertTrue(train.contains(discreteOnly), "train --help lacks " + discreteOnly);
        }
        org.junit.jupiter.api.Assertions.assertEquals(2, Cli.run("train", "--drift", "mc:4").code(), "an SDE flag is not train's");
    }
}
