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

    /**
     * What a run signals as progress: a checkpoint file in its checkpoint folder written at or after
     * a time. Tests that interrupt a run wait on this, never on a guessed delay.
     *
     * @param dir a run's checkpoint folder (may not exist yet)
     * @param millis the earliest modification time that counts (0: any checkpoint)
     * @return whether such a checkpoint exists
     * @throws IOException when the folder cannot be listed
     */
    static boolean checkpointSince(Path dir, long millis) throws IOException {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (java.util.stream.Stream<Path> files = Files.list(dir)) {
            return files.anyMatch(f -> f.toString().endsWith(".ckpt") && f.toFile().lastModified() >= millis);
        }
    }
}
