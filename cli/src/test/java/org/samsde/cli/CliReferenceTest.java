package org.samsde.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import picocli.CommandLine;

/**
 * docs/cli.md is the command reference generated from the command line itself: the usage help of
 * {@code samsde} and of every subcommand, recursively, as {@code --help} prints it (ANSI off, a fixed
 * width). A command, option or description changed without regenerating the page fails here. To
 * regenerate it after a change:
 *
 * <pre>
 * mvn -B -q test -pl cli -am -Dtest=CliReferenceTest -Dsurefire.failIfNoSpecifiedTests=false -Dsamsde.updateCliReference=true
 * </pre>
 */
class CliReferenceTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Path PAGE = ROOT.resolve("docs/cli.md");
    /** The width the reference is rendered at, whatever the terminal or the picocli.usage.width property says. */
    static final int WIDTH = 100;
    static final String REGENERATE = "mvn -B -q test -pl cli -am -Dtest=CliReferenceTest "
            + "-Dsurefire.failIfNoSpecifiedTests=false -Dsamsde.updateCliReference=true";

    /** Every visible command under {@code cl}, depth first in the order the command line lists them. */
    private static void collect(CommandLine cl, List<String> path, List<Map.Entry<List<String>, CommandLine>> out) {
        out.add(Map.entry(path, cl));
        for (Map.Entry<String, CommandLine> e : cl.getSubcommands().entrySet()) {
            CommandLine sub = e.getValue();
            // aliases map to the same CommandLine: list each command once, under its own name
            if (e.getKey().equals("help") || sub.getCommandSpec().usageMessage().hidden()
                    || !e.getKey().equals(sub.getCommandName())) {
                continue;
            }
            List<String> p = new ArrayList<>(path);
            p.add(e.getKey());
            collect(sub, p, out);
        }
    }

    /** @return the Markdown page: a contents list, then each command's usage help in a text block */
    static String render() {
        // picocli lets the picocli.usage.width property override a width set in code: render without it
        String widthProperty = System.clearProperty("picocli.usage.width");
        try {
            return renderAtFixedWidth();
        } finally {
            if (widthProperty != null) {
                System.setProperty("picocli.usage.width", widthProperty);
            }
        }
    }

    private static String renderAtFixedWidth() {
        CommandLine root = Main.commandLine();
        root.setUsageHelpAutoWidth(false);
        root.setUsageHelpWidth(WIDTH);
        List<Map.Entry<List<String>, CommandLine>> commands = new ArrayList<>();
        collect(root, List.of("samsde"), commands);
        StringBuilder page = new StringBuilder();
        page.append("# Command reference\n\n")
                .append("Generated from the command line's own help (`--help` of every command, as picocli prints it) by\n")
                .append("cli's `CliReferenceTest`, which fails when this page is stale. Do not edit it by hand; regenerate it with\n\n")
                .append("    ").append(REGENERATE).append("\n\n")
                .append("The [guide](README.md) explains what the commands are for; this page lists every option.\n\n");
        for (Map.Entry<List<String>, CommandLine> c : commands) {
            String name = String.join(" ", c.getKey());
            int depth = c.getKey().size() - 1;
            page.append("  ".repeat(Math.max(0, depth - 1))).append("- [").append(name).append("](#")
                    .append(anchor(name)).append(")\n");
        }
        for (Map.Entry<List<String>, CommandLine> c : commands) {
            String name = String.join(" ", c.getKey());
            String usage = c.getValue().getUsageMessage(CommandLine.Help.Ansi.OFF);
            page.append("\n## ").append(name).append("\n\n```text\n");
            usage.lines().map(String::stripTrailing).forEach(l -> page.append(l).append('\n'));
            page.append("```\n");
        }
        return page.toString();
    }

    /** GitHub's heading anchor: lower case, spaces to hyphens, other punctuation but hyphens dropped. */
    static String anchor(String heading) {
        return heading.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9 \\-_]", "").replace(' ', '-');
    }

    @Test
    void theCommandReferenceIsTheCommandLinesOwnHelp() throws IOException {
        String expected = render();
        assertTrue(expected.contains("\n## samsde compare\n") && expected.contains("\n## samsde study gaps\n"),
                "the reference covers the subcommands, recursively");
        if (Boolean.getBoolean("samsde.updateCliReference")) {
            Files.writeString(PAGE, expected, StandardCharsets.UTF_8);
            return;
        }
        assertTrue(Files.isRegularFile(PAGE), "docs/cli.md is missing; generate it with " + REGENERATE);
        String actual = Files.readString(PAGE, StandardCharsets.UTF_8);
        assertEquals(expected, actual, "docs/cli.md is stale (a command's help changed; " + firstDifference(expected, actual)
                + "); regenerate it with " + REGENERATE);
    }

    /** @return where two texts first differ, by line, for a readable failure */
    static String firstDifference(String expected, String actual) {
        List<String> e = expected.lines().toList();
        List<String> a = actual.lines().toList();
        for (int i = 0; i < Math.max(e.size(), a.size()); i++) {
            String x = i < e.size() ? e.get(i) : "(end of page)";
            String y = i < a.size() ? a.get(i) : "(end of page)";
            if (!x.equals(y)) {
                return "first at line " + (i + 1) + ": the help says '" + x.strip() + "', the page '" + y.strip() + "'";
            }
        }
        return "they differ in line endings";
    }
}
