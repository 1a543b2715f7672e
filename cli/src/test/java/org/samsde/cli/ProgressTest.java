package org.samsde.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The progress lines of long commands when standard error is not a terminal, and {@code --quiet}. */
class ProgressTest {
    /** One plain line: units done / total, percent, pieces done, elapsed, and the time left (or done). */
    private static final Pattern LINE = Pattern.compile(
            "train: \\d+/\\d+ steps \\(\\d+%\\), \\d+/2 seeds done, \\d+ s elapsed, (about \\d+ s left|done)");

    @TempDir
    Path dir;

    private static Progress plain(StringWriter sink, long total, int items, long minIntervalNanos, AtomicLong clock) {
        return new Progress(null, new PrintWriter(sink), "train", total, "steps", items, "seeds", minIntervalNanos, clock::get);
    }

    @Test
    void aLineAtEveryTenthWithTheLinearEstimateOfTheTimeLeft() {
        StringWriter sink = new StringWriter();
        AtomicLong clock = new AtomicLong();
        Progress p = plain(sink, 200, 2, 0, clock);
        for (int i = 0; i < 200; i++) {
            clock.addAndGet(500_000_000L); // half a second per step
            p.step(1);
            if (i == 89 || i == 199) {
                p.itemDone();
            }
        }
        List<String> lines = sink.toString().lines().toList();
        assertEquals(10, lines.size(), sink.toString());
        assertEquals("train: 20/200 steps (10%), 0/2 seeds done, 10 s elapsed, about 1 min 30 s left", lines.get(0));
        assertEquals("train: 100/200 steps (50%), 1/2 seeds done, 50 s elapsed, about 50 s left", lines.get(4));
        assertEquals("train: 200/200 steps (100%), 2/2 seeds done, 1 min 40 s elapsed, done", lines.get(9));
    }

    @Test
    void neverTwoLinesWithinTheLeastIntervalAndNoneBeforeIt() {
        StringWriter sink = new StringWriter();
        AtomicLong clock = new AtomicLong();
        Progress p = plain(sink, 100, 0, 5_000_000_000L, clock);
        for (int i = 0; i < 100; i++) {
            clock.addAndGet(200_000_000L); // 0.2 s per step: a tenth every 2 s, a line at most every 5 s
            p.step(1);
        }
        List<String> lines = sink.toString().lines().toList();
        assertEquals(List.of("train: 25/100 steps (25%), 5 s elapsed, about 15 s left",
                "train: 50/100 steps (50%), 10 s elapsed, about 10 s left",
                "train: 75/100 steps (75%), 15 s elapsed, about 5 s left",
                "train: 100/100 steps (100%), 20 s elapsed, done"), lines);

        StringWriter quick = new StringWriter();
        Progress q = plain(quick, 100, 0, 5_000_000_000L, new AtomicLong());
        q.step(100);
        assertEquals("", quick.toString(), "a run shorter than the interval prints nothing");
    }

    @Test
    void durationsInWords() {
        assertEquals("0 s", Progress.duration(0.2));
        assertEquals("59 s", Progress.duration(59.4));
        assertEquals("3 min 20 s", Progress.duration(200));
        assertEquals("1 h 05 min", Progress.duration(3900));
    }

    @Test
    void trainWithRedirectedStandardErrorPrintsProgressLinesAndQuietSilencesThem() {
        String old = System.getProperty(Progress.MIN_INTERVAL_PROPERTY);
        System.setProperty(Progress.MIN_INTERVAL_PROPERTY, "0");
        try {
            String[] args = {"train", "--data", "blobs:k=3,n=64,d=2,test=16,seed=1", "--steps", "40", "--seeds", "2", "--no-hessian",
                "--out", dir.resolve("a").toString()};
            Cli.Run r = Cli.run(args);
            assertEquals(0, r.code(), r.err());
            List<String> lines = r.err().lines().toList();
            assertEquals(10, lines.size(), r.err());
            for (String line : lines) {
                assertTrue(LINE.matcher(line).matches(), line);
            }
            assertTrue(lines.get(0).startsWith("train: 8/80 steps (10%), "), lines.get(0));
            assertTrue(lines.get(9).startsWith("train: 80/80 steps (100%), 2/2 seeds done, "), lines.get(9));

            String[] quiet = args.clone();
            quiet[quiet.length - 1] = dir.resolve("b").toString();
            // --force: the three spellings write into the same directory, each replacing the one before
            for (String[] q : List.of(prepend("--quiet", quiet), append(prepend("-q", quiet), "--force"), append(quiet, "--quiet", "--force"))) {
                Cli.Run s = Cli.run(q);
                assertEquals(0, s.code(), s.err());
                assertEquals("", s.err(), String.join(" ", q));
                assertTrue(s.out().contains("wrote"), s.out());
            }
        } finally {
            if (old == null) {
                System.clearProperty(Progress.MIN_INTERVAL_PROPERTY);
            } else {
                System.setProperty(Progress.MIN_INTERVAL_PROPERTY, old);
            }
        }
    }

    @Test
    void theOtherLongCommandsReportTheirProgressTheSameWay() {
        String old = System.getProperty(Progress.MIN_INTERVAL_PROPERTY);
        System.setProperty(Progress.MIN_INTERVAL_PROPERTY, "0");
        try {
            String[][] cases = {
                {"spectrum", "--model", "mlp:2-16-16-3:tanh", "--method", "full", "--out", dir.resolve("sp").toString()},
                {"study", "approx", "--etas", "0.1,0.05", "--out", dir.resolve("ap").toString()},
                {"study", "outliers", "--ks", "2,3", "--steps", "20", "--out", dir.resolve("ol").toString()},
                {"study", "sagun", "--steps", "20", "--out", dir.resolve("sg").toString()},
            };
            for (String[] args : cases) {
                Cli.Run r = Cli.run(args);
                assertEquals(0, r.code(), r.err());
                String task = args[0].equals("study") ? "study " + args[1] : args[0];
                Pattern line = Pattern.compile(Pattern.quote(task) + ": \\d+/\\d+ (steps|HVPs) \\(\\d+%\\), \\d+ s elapsed, (about \\d+ s left|done)");
                List<String> lines = r.err().lines().toList();
                assertTrue(lines.size() >= 5, task + ": " + r.err());
                for (String l : lines) {
                    assertTrue(line.matcher(l).matches(), l);
                }
                assertTrue(lines.get(lines.size() - 1).contains("(100%)"), r.err());
            }
        } finally {
            if (old == null) {
                System.clearProperty(Progress.MIN_INTERVAL_PROPERTY);
            } else {
                System.setProperty(Progress.MIN_INTERVAL_PROPERTY, old);
            }
        }
    }

    private static String[] prepend(String first, String[] rest) {
        String[] out = new String[rest.length + 1];
        out[0] = first;
        System.arraycopy(rest, 0, out, 1, rest.length);
        return out;
    }

    private static String[] append(String[] head, String... more) {
        String[] out = java.util.Arrays.copyOf(head, head.length + more.length);
        System.arraycopy(more, 0, out, head.length, more.length);
        return out;
    }
}
