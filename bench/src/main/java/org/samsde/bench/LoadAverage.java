package org.samsde.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The machine's load averages, which every timing figure is printed with (timings on a loaded machine are not comparable). */
final class LoadAverage {
    private LoadAverage() {
    }

    /** @return the 1-, 5- and 15-minute load averages from /proc/loadavg, or "unknown" where there is none */
    static String read() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0] + " " + f[1] + " " + f[2] + " (" + Runtime.getRuntime().availableProcessors() + " cores)";
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }
}
