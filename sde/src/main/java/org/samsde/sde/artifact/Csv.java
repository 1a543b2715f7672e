package org.samsde.sde.artifact;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import org.samsde.core.io.AtomicFiles;

/** The writing side of every CSV artifact: a header line, then one line per row, written atomically. */
final class Csv {
    private Csv() {
    }

    /**
     * @param file the file, written atomically
     * @param columns the header's names
     * @param rows the lines without their newline, fields joined by commas
     * @throws IOException when it cannot be written
     */
    static void write(Path file, List<String> columns, List<String> rows) throws IOException {
        AtomicFiles.write(file, out -> {
            Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            w.write(String.join(",", columns) + "\n");
            for (String r : rows) {
                w.write(r + "\n");
            }
            w.flush();
        });
    }

    /** @return the values joined by commas, each by {@link Double#toString} (which round-trips exactly) */
    static String join(double... values) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < values.length; i++) {
            s.append(i == 0 ? "" : ",").append(values[i]);
        }
        return s.toString();
    }
}
