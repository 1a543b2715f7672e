package org.samsde.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * {@code study paper-alignment}'s help calls a setting the official code's only where its default
 * is the official Eigen-SAM train.py's (lr 0.1 with a cosine stepped once per epoch, momentum 0.9,
 * weight decay 5e-4, ρ 0.05, α 0.2); a default that differs is labelled this project's, with the
 * official value named.
 */
class PaperAlignmentDefaultsTest {
    private static final Map<String, Double> OFFICIAL = new LinkedHashMap<>();

    static {
        OFFICIAL.put("--lr", 0.1);
        OFFICIAL.put("--momentum", 0.9);
        OFFICIAL.put("--weight-decay", 5e-4);
        OFFICIAL.put("--rho", 0.05);
        OFFICIAL.put("--alpha", 0.2);
    }

    private static CommandLine alignment() {
        return Main.commandLine().getSubcommands().get("study").getSubcommands().get("paper-alignment");
    }

    @Test
    void theHelpCallsOnlyTheOfficialValuesOfficial() {
        CommandLine cl = alignment();
        for (Map.Entry<String, Double> e : OFFICIAL.entrySet()) {
            OptionSpec o = cl.getCommandSpec().findOption(e.getKey());
            String text = String.join(" ", o.description()).replace("${DEFAULT-VALUE}", o.defaultValue());
            boolean official = Double.parseDouble(o.defaultValue()) == e.getValue();
            if (official) {
                assertTrue(text.contains("as the official code"), e.getKey() + ": " + text);
            } else {
                assertTrue(text.contains("this project's default") && text.contains("the official code uses"),
                        e.getKey() + " defaults to " + o.defaultValue() + ", not the official " + e.getValue() + ": " + text);
                assertTrue(!text.matches(".*the official code's \\(default.*"), e.getKey() + ": " + text);
            }
        }
        assertEquals("0.05", cl.getCommandSpec().findOption("--lr").defaultValue(), "the study's run time depends on this default");
        String lr = String.join(" ", cl.getCommandSpec().findOption("--lr").description());
        assertTrue(lr.contains("lr 0.1") && lr.contains("cosine stepped once per epoch"), lr);
        String help = cl.getUsageMessage(CommandLine.Help.Ansi.OFF);
        assertTrue(help.contains("held constant is this project's default"), help);
        assertTrue(!help.contains("η, the official code's"), help);
    }

    /** The defaults are the study's paper size: 1000 images per data set, 100 steps, 5 seeds, λ_max and v₁ on 64 images. */
    @Test
    void theDefaultsAreThePaperSize() {
        CommandLine cl = alignment();
        assertEquals("100", cl.getCommandSpec().findOption("--steps").defaultValue());
        assertEquals("5", cl.getCommandSpec().findOption("--seeds").defaultValue());
        assertEquals("20", cl.getCommandSpec().findOption("--every").defaultValue());
        assertEquals("64", cl.getCommandSpec().findOption("--hessian-subset").defaultValue());
        for (String set : (PaperFigures.Alignment.DEFAULT_DATA + ";" + PaperFigures.Alignment.CIFAR).split(";")) {
            assertTrue(set.endsWith(":n=1000,test=1000"), set);
        }
    }
}
