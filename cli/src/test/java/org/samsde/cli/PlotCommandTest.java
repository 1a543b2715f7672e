package org.samsde.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.samsde.sde.run.Record;

import picocli.CommandLine;

/** {@code samsde plot}: redraws from files, the format from the extension, one-line errors with exit code 2. */
class PlotCommandTest {
    @TempDir
    Path dir;

    /** Runs {@code samsde plot ...} through Main's handlers, registering the command if Main does not yet. */
    private static Cli.Run plot(String... args) {
        CommandLine cl = Main.commandLine();
        if (!cl.getSubcommands().containsKey("plot")) {
            cl.addSubcommand("plot", new PlotCommand());
        }
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        String[] all = new String[args.length + 1];
        all[0] = "plot";
        System.arraycopy(args, 0, all, 1, args.length);
        int code = cl.execute(all);
        return new Cli.Run(code, out.toString(), err.toString());
    }

    private Path runDir(String name, String method) throws IOException {
        Path d = Files.createDirectories(dir.resolve(name));
        StringBuilder s = new StringBuilder("method,step,time,seeds");
        for (String m : Record.METRICS) {
            s.append(',').append(m).append("_mean,").append(m).append("_lo,").append(m).append("_hi");
        }
        s.append('\n');
        for (int k = 0; k <= 50; k += 10) {
            s.append(method).append(',').append(k).append(',').append(k * 0.1).append(",3");
            for (int m = 0; m < Record.METRICS.size(); m++) {
                double mean = 0.5 + 0.1 * m + 0.001 * k;
                s.append(',').append(mean).append(',').append(mean - 0.05).append(',').append(mean + 0.05);
            }
            s.append('\n');
        }
        Files.writeString(d.resolve("summary.csv"), s, StandardCharsets.UTF_8);
        return d;
    }

    @Test
    void helpListsEachKindOnItsOwnLineWithin80Columns() {
        Cli.Run r = plot("--help");
        assertEquals(0, r.code(), r.err());
        for (String kind : new String[] {"compare", "alignment", "spectrum", "approx", "losses"}) {
            assertTrue(r.out().lines().anyMatch(l -> l.startsWith("  " + kind + " ")), kind + " has its line:\n" + r.out());
        }
        assertTrue(r.out().contains("six panels with 95% bands"), r.out());
        r.out().lines().forEach(l -> assertTrue(l.length() <= 80, "longer than 80 columns: " + l));
    }

    @Test
    void everyCommandsHelpFormatsWithoutPicocliWarnings() {
        // a bare '%' in a description makes picocli print a warning on System.err and show the raw text
        java.io.PrintStream saved = System.err;
        java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
        java.util.List<String> names = new java.util.ArrayList<>();
        try {
            System.setErr(new java.io.PrintStream(captured, true, StandardCharsets.UTF_8));
            java.util.Deque<CommandLine> todo = new java.util.ArrayDeque<>(java.util.List.of(Main.commandLine()));
            while (!todo.isEmpty()) {
                CommandLine c = todo.pop();
                names.add(c.getCommandName());
                c.getUsageMessage();
                todo.addAll(c.getSubcommands().values());
            }
        } finally {
            System.setErr(saved);
        }
        assertTrue(names.contains("compare") && names.contains("plot"), names.toString());
        String warnings = captured.toString(StandardCharsets.UTF_8);
        assertFalse(warnings.contains("WARN"), warnings);
    }

    @Test
    void drawsEachFormatFromTheExtension() throws IOException {
        Path sgd = runDir("sgd", "sgd");
        Path sam = runDir("sam", "sam");
        for (String ext : new String[] {"png", "svg", "pdf"}) {
            Path out = dir.resolve("fig." + ext);
            Cli.Run r = plot("--kind", "alignment", "--in", sgd.toString(), sam.toString(), "--out", out.toString());
            assertEquals(0, r.code(), r.err());
            assertTrue(r.out().contains("wrote " + out), r.out());
            assertTrue(Files.size(out) > 1000);
        }
        byte[] png = Files.readAllBytes(dir.resolve("fig.png"));
        assertEquals((byte) 0x89, png[0]);
        assertTrue(Files.readString(dir.resolve("fig.pdf"), StandardCharsets.ISO_8859_1).startsWith("%PDF-"));
    }

    @Test
    void sizeScaleAndTitleCanBeChosen() throws IOException {
        Path out = dir.resolve("small.png");
        Cli.Run r = plot("--kind", "compare", "--in", runDir("a", "sam").toString(), "--out", out.toString(),
                "--width", "600", "--height", "400", "--scale", "2", "--title", "");
        assertEquals(0, r.code(), r.err());
        java.awt.image.BufferedImage img = javax.imageio.ImageIO.read(out.toFile());
        assertEquals(1200, img.getWidth());
        assertEquals(800, img.getHeight());
    }

    @Test
    void badInputIsOneLineAndExitCodeTwo() throws IOException {
        Path run = runDir("r", "sam");
        String[][] cases = {
            {"--kind", "bars", "--in", run.toString(), "--out", dir.resolve("f.png").toString()},
            {"--kind", "compare", "--in", run.toString(), "--out", dir.resolve("f.jpg").toString()},
            {"--kind", "compare", "--in", dir.resolve("missing").toString(), "--out", dir.resolve("f.png").toString()},
            {"--kind", "spectrum", "--in", run.toString(), "--out", dir.resolve("f.png").toString()},
            {"--kind", "alignment", "--in", runDir("s", "sgd").toString(), "--out", dir.resolve("f.png").toString()},
            {"--kind", "compare", "--in", run.toString(), "--out", dir.toString() + "/f.png", "--scale", "0"},
            {"--kind", "compare", "--in", run.toString(), "--out", dir.resolve("f.png").toString(), "--width", "5"},
            {"--kind", "compare", "--in", run.toString(), "--out", dir.toString()},
            {"--kind", "compare", "--out", dir.resolve("f.png").toString()},
        };
        for (String[] c : cases) {
            Cli.Run r = plot(c);
            String what = String.join(" ", c);
            assertEquals(Main.BAD_INPUT, r.code(), what + ": " + r.err());
            assertEquals(1, r.err().strip().lines().count(), what + ": " + r.err());
            assertFalse(r.err().contains("Exception"), r.err());
        }
        assertFalse(Files.exists(dir.resolve("f.png")), "nothing written on bad input");
    }
}
