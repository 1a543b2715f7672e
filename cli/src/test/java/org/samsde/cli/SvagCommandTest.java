package org.samsde.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SVAG on the command line: {@code train --svag L} and the method option {@code sam@svag=L} of
 * {@code compare}. {@code --svag 1} is the plain optimiser bit for bit; records of any L are at the
 * plain run's SDE times; labels carry L, so that two settings are two ensembles and a repeated one
 * is refused; bad values are one-line errors with exit code 2.
 */
class SvagCommandTest {
    @TempDir
    Path dir;

    private static final String DATA = "blobs:k=3,n=48,d=2,test=16,seed=1";

    private Cli.Run train(String out, String... extra) {
        List<String> args = new java.util.ArrayList<>(List.of("train", "--model", "mlp:2-8-3:tanh", "--data", DATA, "--optimizer", "sam",
                "--batch", "8", "--steps", "6", "--every", "3", "--seeds", "2", "--threads", "1", "--no-hessian", "--checkpoint-every", "0",
                "--out", dir.resolve(out).toString()));
        args.addAll(List.of(extra));
        return Cli.run(args.toArray(String[]::new));
    }

    /** @return the records without the method label and the wall time */
    private static List<String> numbers(Path csv) throws IOException {
        return Cli.withoutSeconds(csv).stream().map(l -> l.substring(l.indexOf(',') + 1)).collect(Collectors.toList());
    }

    @Test
    void trainWithSvagOneIsThePlainOptimizerBitForBitAndLargerLRecordsAtTheSameTimes() throws IOException {
        Cli.Run plain = train("plain");
        assertEquals(0, plain.code(), plain.err());
        Cli.Run one = train("one", "--svag", "1");
        assertEquals(0, one.code(), one.err());
        Cli.Run four = train("four", "--svag", "4");
        assertEquals(0, four.code(), four.err());
        assertEquals(numbers(dir.resolve("plain/trajectories.csv")), numbers(dir.resolve("one/trajectories.csv")));
        assertEquals(-1, Files.mismatch(dir.resolve("plain/params.npy"), dir.resolve("one/params.npy")), "the same final parameters");
        List<String> p = Files.readAllLines(dir.resolve("plain/trajectories.csv"));
        List<String> f = Files.readAllLines(dir.resolve("four/trajectories.csv"));
        assertTrue(Files.readAllLines(dir.resolve("one/trajectories.csv")).get(1).startsWith("sam@svag=1,"), "L = 1 is labelled so");
        assertEquals(p.size(), f.size());
        for (int i = 1; i < p.size(); i++) {
            String[] a = p.get(i).split(",");
            String[] b = f.get(i).split(",");
            assertEquals("sam", a[0]);
            assertEquals("sam@svag=4", b[0]);
            assertEquals(a[1] + "," + a[2] + "," + a[3], b[1] + "," + b[2] + "," + b[3], "seed, step and SDE time line up");
        }
        assertNotEquals(p.get(p.size() - 1).split(",")[4], f.get(f.size() - 1).split(",")[4], "L = 4 is another run");
    }

    @Test
    void compareTakesSvagAsAMethodOptionWithItsLevelInTheLabel() throws IOException {
        Path out = dir.resolve("cmp");
        Cli.Run r = Cli.run("compare", "--model", "mlp:2-8-3:tanh", "--data", DATA, "--methods", "sam,sam@svag=2,sam@svag=4,sgd@svag=2",
                "--batch", "8", "--steps", "4", "--every", "2", "--seeds", "2", "--threads", "1", "--no-hessian", "--substeps", "1",
                "--checkpoint-every", "0", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        List<String> labels = Files.readAllLines(out.resolve("trajectories.csv")).stream().skip(1).map(l -> l.split(",")[0]).distinct()
                .toList();
        assertEquals(List.of("sam", "sam@svag=2", "sam@svag=4", "sgd@svag=2"), labels);
        assertTrue(Files.readString(out.resolve("run.json")).contains("SAM (SVAG, L = 4)"), "the display name says what it is");
    }

    @Test
    void badSvagSettingsAreOneLineErrorsWithExitCodeTwo() {
        String[][] cases = {
            {"sam@svag=4,sam@svag=04", "listed twice"},
            {"sam2@svag=4", "applies to the discrete methods"},
            {"sam@foo=1", "unknown option 'foo'"},
            {"sam@svag=0", "positive whole number"},
            {"sam@svag=x", "positive whole number"},
            {"eigen-sam@svag=2", "keeps state"},
        };
        for (String[] c : cases) {
            Cli.Run r = Cli.run("compare", "--data", DATA, "--methods", c[0], "--steps", "2", "--seeds", "1", "--no-hessian",
                    "--checkpoint-every", "0", "--out", dir.resolve("bad").toString());
            assertEquals(2, r.code(), c[0] + ": " + r.err());
            assertTrue(r.err().contains(c[1]) && r.err().strip().lines().count() == 1, c[0] + ": " + r.err());
        }
        Cli.Run zero = train("z", "--svag", "0");
        assertEquals(2, zero.code(), zero.err());
        assertTrue(zero.err().contains("--svag must be a positive whole number"), zero.err());
        Cli.Run momentum = train("m", "--svag", "2", "--momentum", "0.9");
        assertEquals(2, momentum.code(), momentum.err());
        assertTrue(momentum.err().contains("needs the plain step"), momentum.err());
    }
}
