package org.samsde.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Runs the command line in-process for tests and captures what it prints. */
final class Cli {
    private Cli() {
    }

    /**
     * @param code the exit code
     * @param out standard output
     * @param err standard error
     */
    record Run(int code, String out, String err) {
    }

    /**
     * @param args the arguments
     * @return the exit code and the output
     */
    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.execute(new PrintWriter(out), new PrintWriter(err), args);
        return new Run(code, out.toString(), err.toString());
    }

    /**
     * @param csv a records file whose next-to-last column is a wall time
     * @return its lines with that column blanked, for comparing runs bitwise otherwise
     */
    static List<String> withoutSeconds(Path csv) throws IOException {
        List<String> out = new ArrayList<>();
        for (String line : Files.readAllLines(csv)) {
            String[] f = line.split(",", -1);
            if (f.length >= 2) {
                f[f.length - 2] = "";
            }
            out.add(String.join(",", f));
        }
        return out;
    }
}
