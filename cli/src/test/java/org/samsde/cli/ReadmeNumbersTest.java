package org.samsde.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.samsde.sde.artifact.EndpointsFile;
import org.samsde.sde.artifact.SeedGapsFile;
import org.samsde.sde.artifact.SummaryFile;

/**
 * The README's result tables are the tables of committed result files: each block introduced by
 * {@code <!-- table of PATH -->} must equal, line for line, the summary table that a run prints
 * ({@link EnsembleRun#table}) of the summary file at PATH (relative to the repository root), and
 * each block introduced by {@code <!-- gaps of PATH -->} the table {@code study gaps} prints of the
 * gaps file at PATH, each block introduced by {@code <!-- endpoints of PATH -->} the table
 * {@code study paper-alignment} prints of the endpoints file at PATH, and each markdown table introduced by {@code <!-- markdown of PATH -->} the
 * table rows of the markdown file at PATH ({@code study table}'s {@code table.md}), and each
 * markdown table introduced by {@code <!-- bench of PATH -->} the rows of bench/run's results
 * file at PATH. The same holds for every page under docs/ and for bench/README.md. A number edited by hand, or a result file regenerated without the
 * README, fails here.
 */
class ReadmeNumbersTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Pattern BLOCK = Pattern.compile("<!-- (table|gaps|endpoints) of (\\S+) -->\\s*\\n```[a-z]*\\n(.*?)\\n```", Pattern.DOTALL);
    /** A field of bench/run's results file: quoted (may hold commas) or plain. */
    private static final Pattern CSV_FIELD = Pattern.compile("\"([^\"]*)\"|([^,]*)");
    private static final Pattern MARKDOWN = Pattern.compile("<!-- (markdown|bench) of (\\S+) -->\\s*\\n((?:\\|[^\\n]*(?:\\n|$))+)");

    /** @return the (kind, path, lines) of every table block in the file */
    static List<String[]> blocks(Path file) throws IOException {
        String text = Files.readString(file);
        List<String[]> out = new ArrayList<>();
        for (Pattern p : List.of(BLOCK, MARKDOWN)) {
            Matcher m = p.matcher(text);
            while (m.find()) {
                out.add(new String[] {m.group(1), m.group(2), m.group(3).strip()});
            }
        }
        return out;
    }

    /** @return what the command prints for the result file: a run's summary table, or study gaps' table */
    private static String rendered(String kind, Path file) {
        if (kind.equals("table")) {
            return String.join("\n", EnsembleRun.table(SummaryFile.read(file)));
        }
        if (kind.equals("bench")) {
            return benchTable(file);
        }
        if (kind.equals("markdown")) {
            try {
                return Files.readAllLines(file).stream().filter(l -> l.startsWith("|")).map(String::stripTrailing)
                        .collect(java.util.stream.Collectors.joining("\n"));
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        StringWriter w = new StringWriter();
        try (PrintWriter o = new PrintWriter(w)) {
            if (kind.equals("endpoints")) {
                PaperFigures.Alignment.printEndpoints(o, EndpointsFile.read(file));
            } else {
                GapsCommand.print(o, SeedGapsFile.read(file));
            }
        }
        return w.toString().lines().map(String::stripTrailing).collect(java.util.stream.Collectors.joining("\n"));
    }

    /** @return bench/run's results.csv (figure, measured, target, met; quoted fields) as a markdown table */
    private static String benchTable(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        StringBuilder out = new StringBuilder("| figure | measured | target | met |\n|---|---|---|---|");
        for (String line : lines.subList(1, lines.size())) {
            List<String> fields = new ArrayList<>();
            Matcher m = CSV_FIELD.matcher(line);
            int at = 0;
            while (at <= line.length() && m.find(at)) {
                fields.add(m.group(1) != null ? m.group(1) : m.group(2));
                at = m.end() + 1;
            }
            out.append("\n| ").append(String.join(" | ", fields)).append(" |");
        }
        return out.toString();
    }

    @Test
    void everyTableInTheReadmeEqualsItsResultFile() throws IOException {
        List<String[]> blocks = blocks(ROOT.resolve("README.md"));
        assertTrue(blocks.stream().anyMatch(b -> b[0].equals("table")),
                "the README's headline table is marked with <!-- table of PATH -->");
        if (Files.isRegularFile(ROOT.resolve("bench/README.md"))) {
            blocks.addAll(blocks(ROOT.resolve("bench/README.md")));
        }
        if (Files.isDirectory(ROOT.resolve("docs"))) {
            try (var pages = Files.walk(ROOT.resolve("docs"))) {
                for (Path page : pages.filter(f -> f.toString().endsWith(".md")).sorted().toList()) {
                    blocks.addAll(blocks(page));
                }
            }
        }
        assertTrue(blocks.stream().filter(b -> b[0].equals("table")).count() >= 2,
                "the headline tables (converged and m = 1) are marked with <!-- table of PATH -->");
        assertTrue(blocks.stream().anyMatch(b -> b[0].equals("gaps")), "the verdicts are marked with <!-- gaps of PATH -->");
        assertTrue(blocks.stream().anyMatch(b -> b[0].equals("markdown")), "the study tables are marked with <!-- markdown of PATH -->");
        for (String[] b : blocks) {
            Path file = ROOT.resolve(b[1]);
            assertTrue(Files.isRegularFile(file), "README cites " + b[1] + ", which is not committed");
            List<String> got = b[2].lines().map(String::stripTrailing).toList();
            assertEquals(rendered(b[0], file), String.join("\n", got), "the README's " + b[0] + " of " + b[1]);
        }
    }
}
