package org.samsde.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import picocli.CommandLine;

/**
 * Every {@code ./samsde …} command written in README.md and in the Markdown files under docs/ parses
 * with the real command line: its subcommand exists, every option it names is one of that command's,
 * every value converts. (Running each at full size would take hours; {@link RunCommandsTest} and the
 * command tests run them small.) A command whose options drift from the docs fails here.
 */
class DocCommandsTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    /** @return the Markdown files the docs consist of */
    static List<Path> documents() throws IOException {
        List<Path> out = new ArrayList<>(List.of(ROOT.resolve("README.md")));
        Path docs = ROOT.resolve("docs");
        if (Files.isDirectory(docs)) {
            try (Stream<Path> files = Files.walk(docs)) {
                files.filter(f -> f.toString().endsWith(".md")).sorted().forEach(out::add);
            }
        }
        return out;
    }

    /**
     * The samsde commands of a document: lines (after joining backslash continuations) inside fenced
     * or indented code that start with {@code ./samsde}, optionally after environment assignments,
     * with any trailing {@code # comment} removed. Usage synopses (lines with optional parts written
     * {@code [--option VALUE]}) are not commands and are skipped.
     *
     * @param file a Markdown file
     * @return the argument vectors, without the program name
     */
    static List<List<String>> commands(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file);
        List<List<String>> out = new ArrayList<>();
        boolean fenced = false;
        for (int i = 0; i < lines.size(); i++) {
            String raw = lines.get(i);
            if (raw.strip().startsWith("```")) {
                fenced = !fenced;
                continue;
            }
            boolean indented = raw.startsWith("    ");
            if (!fenced && !indented) {
                continue;
            }
            StringBuilder line = new StringBuilder(raw.strip());
            while (line.toString().endsWith("\\") && i + 1 < lines.size()) {
                line.setLength(line.length() - 1);
                line.append(' ').append(lines.get(++i).strip());
            }
            if (line.toString().matches(".*\\s\\[-.*")) {
                continue; // a usage synopsis ([--option VALUE] for optional parts), not a command to run
            }
            List<String> words = words(line.toString());
            while (!words.isEmpty() && words.get(0).matches("[A-Z_]+=.*")) {
                words.remove(0);
            }
            if (!words.isEmpty() && words.get(0).equals("./samsde")) {
                out.add(words.subList(1, words.size()));
            }
        }
        return out;
    }

    /** Splits a shell line into words: quotes group, a # outside quotes starts a comment. */
    private static List<String> words(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder w = new StringBuilder();
        char quote = 0;
        boolean any = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    w.append(c);
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
                any = true;
            } else if (c == '#' && w.length() == 0 && !any) {
                break;
            } else if (Character.isWhitespace(c)) {
                if (w.length() > 0 || any) {
                    out.add(w.toString());
                    w.setLength(0);
                    any = false;
                }
            } else if (c == '|' || c == '>' || c == ';' || c == '&') {
                break; // a pipe or redirection: the samsde command ends here
            } else {
                w.append(c);
            }
        }
        if (w.length() > 0 || any) {
            out.add(w.toString());
        }
        return out;
    }

    @Test
    void everyDocumentedCommandParses() throws IOException {
        int count = 0;
        List<String> failures = new ArrayList<>();
        for (Path doc : documents()) {
            for (List<String> args : commands(doc)) {
                count++;
                try {
                    Main.commandLine().parseArgs(args.toArray(String[]::new));
                } catch (CommandLine.ParameterException e) {
                    failures.add(ROOT.relativize(doc) + ": ./samsde " + String.join(" ", args) + "\n    -> " + e.getMessage());
                }
            }
        }
        assertTrue(count >= 20, "the README documents its commands (found " + count + ")");
        assertEquals(List.of(), failures, String.join("\n", failures));
    }

    @Test
    void theExtractorSeesContinuationsEnvironmentAndComments() throws IOException {
        Path md = Files.createTempFile("doc", ".md");
        Files.writeString(md, "text ./samsde not code\n```bash\nSAMSDE_JAVA_OPTS=-Xmx2g ./samsde compare --lr 0.1 \\\n    --rho 0.2   # a comment\n"
                + "./samsde plot --kind compare --in \"runs/a b\" > out.txt\n```\n    ./samsde train --steps 3\n");
        List<List<String>> c = commands(md);
        assertEquals(List.of(List.of("compare", "--lr", "0.1", "--rho", "0.2"), List.of("plot", "--kind", "compare", "--in", "runs/a b"),
                List.of("train", "--steps", "3")), c);
        Files.delete(md);
    }
}
