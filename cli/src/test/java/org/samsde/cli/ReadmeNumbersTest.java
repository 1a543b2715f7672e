package org.samsde.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.samsde.sde.artifact.SummaryFile;

/**
 * The README's result tables are the tables of committed result files: each block introduced by
 * {@code <!-- table of PATH -->} must equal, line for line, the summary table that a run prints
 * ({@link EnsembleRun#table}) of the summary file at PATH (relative to the repository root). A
 * number edited by hand, or a result file regenerated without the README, fails here.
 */
class ReadmeNumbersTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Pattern BLOCK = Pattern.compile("<!-- table of (\\S+) -->\\s*\\n```[a-z]*\\n(.*?)\\n```", Pattern.DOTALL);

    /** @return the (path, lines) of every table block in the file */
    static List<String[]> blocks(Path file) throws IOException {
        Matcher m = BLOCK.matcher(Files.readString(file));
        List<String[]> out = new ArrayList<>();
        while (m.find()) {
            out.add(new String[] {m.group(1), m.group(2)});
        }
        return out;
    }

    @Test
    void everyTableInTheReadmeEqualsItsResultFile() throws IOException {
        List<String[]> blocks = blocks(ROOT.resolve("README.md"));
        assertTrue(blocks.size() >= 2, "the README's headline tables (converged and m = 1) are marked with <!-- table of PATH -->");
        for (String[] b : blocks) {
            Path file = ROOT.resolve(b[0]);
            assertTrue(Files.isRegularFile(file), "README cites " + b[0] + ", which is not committed");
            String expected = String.join("\n", EnsembleRun.table(SummaryFile.read(file)));
            List<String> got = b[1].lines().map(String::stripTrailing).toList();
            assertEquals(expected, String.join("\n", got), "the README's table of " + b[0]);
        }
    }
}
