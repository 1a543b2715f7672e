package org.samsde.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import picocli.CommandLine;

/**
 * What a user meets before any run: every command's one-line summary (its header, or else the
 * first line of its description: what the command lists show) is a whole sentence, and a mistyped command or option
 * gets a suggestion in its one-line error.
 */
class HelpSummariesTest {
    private static void collect(CommandLine cl, List<CommandLine> out) {
        out.add(cl);
        for (CommandLine sub : cl.getSubcommands().values()) {
            if (!out.contains(sub)) {
                collect(sub, out);
            }
        }
    }

    @Test
    void everySummaryIsAWholeSentence() {
        List<CommandLine> all = new ArrayList<>();
        collect(Main.commandLine(), all);
        List<String> cut = new ArrayList<>();
        for (CommandLine cl : all) {
            // the command lists show the header when there is one, else the description's first line
            String[] d = cl.getCommandSpec().usageMessage().header();
            if (d.length == 0) {
                d = cl.getCommandSpec().usageMessage().description();
            }
            if (d.length > 0 && !d[0].strip().matches(".*[.)]$")) {
                cut.add(cl.getCommandSpec().qualifiedName() + ": " + d[0]);
            }
        }
        assertTrue(all.size() > 20, "found the commands");
        assertEquals(List.of(), cut, "summaries that stop mid-sentence");
    }

    @Test
    void aTypoGetsASuggestion() {
        Cli.Run command = Cli.run("compre");
        assertEquals(2, command.code());
        assertTrue(command.err().contains("did you mean compare"), command.err());
        Cli.Run option = Cli.run("compare", "--lrr", "0.1");
        assertEquals(2, option.code());
        assertTrue(option.err().contains("did you mean --lr"), option.err());
        assertEquals(1, option.err().strip().lines().count(), option.err());
    }

    @Test
    void anExactDriftOverTooManyBatchesSaysHowManyInWords() {
        Cli.Run r = Cli.run("sde", "--drift", "exact", "--noise", "batch-mc:4", "--steps", "2", "--seeds", "1", "--no-hessian", "--quiet");
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("C(512, 32) = 7.03e+50 batches") && !r.err().contains("9223372036854775807"), r.err());
    }
}
