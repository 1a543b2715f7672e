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
import org.samsde.plots.FigureKind;
import org.samsde.sde.artifact.FidelityFile;
import org.samsde.sde.run.Record;
import org.samsde.sde.study.FidelityStudy;

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
        // every kind the plots module draws, read from the enum itself so that a new kind cannot be left out
        for (FigureKind k : FigureKind.values()) {
            String kind = k.label();
            assertTrue(r.out().lines().anyMatch(l -> l.startsWith("  " + kind + " ")), kind + " has its line:\n" + r.out());
        }
        String choices = java.util.Arrays.stream(FigureKind.values()).map(FigureKind::label).collect(java.util.stream.Collectors.joining(", "));
        assertTrue(r.out().replaceAll("\\s+", " ").contains("One of " + choices + "."), "--kind lists " + choices + ":\n" + r.out());
        assertTrue(r.out().contains("six panels with 95% bands"), r.out());
        r.out().lines().forEach(l -> assertTrue(l.length() <= 80, "longer than 80 columns: " + l));
    }

    /** Every kind has its own text in the help (the switch of PlotCommand.describe), not a placeholder. */
    @Test
    void everyKindHasItsOwnDescription() {
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (FigureKind k : FigureKind.values()) {
            java.util.List<String> text = PlotCommand.describe(k);
            assertFalse(text.isEmpty(), k.label());
            assertTrue(seen.add(text.get(0)), k.label() + " shares its text with another kind");
        }
    }

    /** A run directory as compare writes it, with a noise ratio and a drift bias recorded. */
    private Path noisyRunDir(String name) throws IOException {
        return runDir(name, "sam2");
    }

    /** A directory as study fidelity writes it: fidelity.csv. */
    private Path fidelityDir(String name) throws IOException {
        Path d = Files.createDirectories(dir.resolve(name));
        java.util.List<FidelityStudy.Row> rows = new java.util.ArrayList<>();
        for (int p = 0; p < 3; p++) {
            double r = 0.5 * (p + 1);
            rows.add(new FidelityStudy.Row(p, 10 * p, r, "mc:8+compensated", 1, 0.01 * r, 0.001, 0.02 * r, 0.002, false));
            rows.add(new FidelityStudy.Row(p, 10 * p, r, "plugin+per-sample", 1, 0.1 * r, 0.001, 0.2 * r, 0.002, false));
        }
        FidelityFile.write(d.resolve(FidelityFile.NAME), rows);
        return d;
    }

    /** Without --out the figure goes to DIR/KIND.png, DIR the first --in, for every kind (noise and fidelity among them). */
    @Test
    void withoutOutTheFigureGoesIntoTheFirstDirectoryNamedByItsKind() throws IOException {
        Path noise = noisyRunDir("noise-run");
        Path other = runDir("other", "sam");
        Cli.Run r = plot("--kind", "noise", "--in", noise.toString(), other.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("wrote " + noise.resolve("noise.png")), r.out());
        assertEquals((byte) 0x89, Files.readAllBytes(noise.resolve("noise.png"))[0]);
        assertFalse(Files.exists(other.resolve("noise.png")), "only the first --in receives it");

        Path fidelity = fidelityDir("fidelity-run");
        r = plot("--kind", "fidelity", "--in", fidelity.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(Files.size(fidelity.resolve("fidelity.png")) > 1000);

        r = plot("--kind", "COMPARE", "--in", other.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(Files.exists(other.resolve("compare.png")), "the kind's label, lower case, names the file");

        // a default --out that cannot be written is one line naming --out and the file
        Files.createDirectories(other.resolve("losses.png"));
        r = plot("--kind", "losses", "--in", other.toString());
        assertEquals(Main.BAD_INPUT, r.code(), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains("--out") && r.err().contains("losses.png"), r.err());
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
            {"--kind", "compare", "--in", dir.resolve("missing").toString()},
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
