package org.samsde.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.commons.rng.UniformRandomProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.samsde.core.random.RandomStreams;

/**
 * {@code compare --config} with seeded random, mutated and malformed JSON: every case ends in a run
 * (exit 0, records written) or in one line naming the problem with exit code 2, nothing written;
 * never another exception, a stack trace or a hang. Values that would make a valid run long (huge
 * step counts or Monte Carlo sizes) are left out of the pools, so every accepted case is quick.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class ConfigFuzzTest {
    @TempDir
    Path dir;

    private int cases;
    private int accepted;

    /** A tiny valid configuration that every structured case starts from. */
    private static Map<String, String> base() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("steps", "2");
        m.put("seeds", "1");
        m.put("every", "1");
        m.put("methods", "[\"sgd\"]");
        m.put("hessian", "false");
        m.put("data", "\"blobs:k=3,n=16,d=2,seed=1\"");
        m.put("hessian_subset", "8");
        m.put("batch", "4");
        return m;
    }

    private static final List<String> ANY = List.of("0", "-1", "1", "2", "0.5", "-0.0", "1e308", "1e400", "-1e-300", "2147483648",
            "9223372036854775807", "99999999999999999999", "true", "false", "null", "\"\"", "\"x\"", "\"1\"", "[]", "[1]", "[null]",
            "{}", "{\"a\": 1}", "\"\\u0000\"", "\"sgd\"");

    /** Values per key, beside {@link #ANY}; none makes an accepted run slow. */
    private static final Map<String, List<String>> POOLS = Map.ofEntries(
            Map.entry("model", List.of("\"mlp:2-16-16-3:tanh\"", "\"mlp:2-4-2:relu\"", "\"mlp:2-4:swish\"", "\"mlp:3-4-2:tanh\"",
                    "\"linreg\"", "\"logreg\"", "\"cnn6\"", "\"quadratic:missing.npz\"", "\"poly:\"", "\"mlp\"", "\"mlp:2--2:tanh\"")),
            Map.entry("data", List.of("\"blobs:k=3,n=16,d=2,seed=1\"", "\"blobs:k=3,n=12,d=2,test=6,seed=2\"", "\"blobs:n=-1\"",
                    "\"blobs:k=0\"", "\"blobs:d=0\"", "\"blobs:sep=NaN\"", "\"teacher:n=16,d=2,seed=1\"", "\"teacher:n=0\"",
                    "\"nope.npz\"", "\"dir/\"", "\"unknown\"", "\"blobs:k=2,n=16,d=2,seed=1,test=-3\"")),
            Map.entry("params", List.of("\"missing.npy\"", "\"\"", "\"/\"")),
            Map.entry("init_seed", List.of("0", "-5", "9223372036854775807")),
            Map.entry("hessian_subset", List.of("1", "8", "1000", "0", "-1", "2147483647")),
            Map.entry("methods", List.of("[\"sgd\"]", "[\"sam\", \"sam2\"]", "[\"sam3\", \"sde:sgd1\"]", "[\"eigen-sam\"]", "[\"usam\", \"egr\"]",
                    "[\"adam\"]", "[\"sde:x\"]", "[\"\"]", "[]", "[\"sgd\", 3]", "\"sgd\"", "[\"sgd2\", \"dnsam\", \"reverse-sam\"]")),
            Map.entry("lr", List.of("0.1", "1e-300", "1e308", "0", "-0.1", "\"0.1\"")),
            Map.entry("rho", List.of("0", "0.05", "1e308", "-0.05")),
            Map.entry("batch", List.of("\"full\"", "1", "4", "16", "17", "0", "-2", "\"zero\"", "\"8\"", "2147483647", "1.5")),
            Map.entry("replacement", List.of("true", "false", "1")),
            Map.entry("steps", List.of("1", "3", "0", "-1", "2147483648", "1.5", "\"3\"")),
            Map.entry("seeds", List.of("1", "2", "0", "-3", "2147483647", "100000000")),
            Map.entry("every", List.of("1", "2", "5", "0", "-1", "2147483647")),
            Map.entry("master_seed", List.of("0", "-1", "9223372036854775807")),
            Map.entry("substeps", List.of("1", "2", "0", "-1")),
            Map.entry("drift", List.of("\"plugin\"", "\"exact\"", "\"mc:2\"", "\"mc:0\"", "\"mc:-1\"", "\"mc:\"", "\"mc:x\"", "\"x\"")),
            Map.entry("noise", List.of("\"per-sample\"", "\"batch-mc:2\"", "\"resample\"", "\"isotropic:0.1\"", "\"isotropic:-1\"",
                    "\"isotropic:1e400\"", "\"isotropic:x\"", "\"none\"", "\"batch-mc:0\"", "\"x\"")),
            Map.entry("threads", List.of("1", "2", "0", "-1")),
            Map.entry("hessian", List.of("true", "false")),
            Map.entry("divergence_bound", List.of("1", "1e-300", "1e308", "0", "-1")));

    private static String json(Map<String, String> m) {
        StringBuilder s = new StringBuilder("{");
        m.forEach((k, v) -> s.append(s.length() > 1 ? ", " : "").append('"').append(k).append("\": ").append(v));
        return s.append('}').toString();
    }

    /** Runs compare on the text; anything but a run or a one-line rejection with exit code 2 fails. */
    private void check(String what, byte[] text) throws IOException {
        int t = cases++;
        Path config = dir.resolve("config" + t + ".json");
        Files.write(config, text);
        Path out = dir.resolve("out" + t);
        Cli.Run r = Cli.run("compare", "--config", config.toString(), "--threads", "1", "--checkpoint-every", "0", "--out", out.toString());
        String label = what + " (case " + t + "): " + new String(text, StandardCharsets.UTF_8) + " -> ";
        if (r.code() == 0 || r.code() == Main.DIVERGED) {
            // a run; one whose every trajectory diverged says so in one line, with its records written
            accepted++;
            assertTrue(Files.isRegularFile(out.resolve("trajectories.csv")), label + "no records");
            assertTrue(r.code() == 0 || r.err().strip().lines().count() == 1 && r.err().contains("every trajectory diverged"), label + r.err());
            return;
        }
        assertEquals(2, r.code(), label + r.err());
        assertEquals(1, r.err().strip().lines().count(), label + r.err());
        assertTrue(r.err().startsWith("samsde compare: "), label + r.err());
        assertFalse(r.err().contains("Exception") || r.err().contains("internal error"), label + r.err());
        assertFalse(Files.exists(out), label + "wrote its output");
    }

    @Test
    void randomConfigurationsRunOrAreRejectedWithOneLine() throws IOException {
        UniformRandomProvider rng = RandomStreams.stream(31);
        List<String> keys = List.copyOf(POOLS.keySet().stream().sorted().toList());
        for (int i = 0; i < 100; i++) {
            Map<String, String> m = base();
            for (int edits = 1 + rng.nextInt(2); edits > 0; edits--) {
                String key = rng.nextInt(12) == 0 ? "unknown_" + rng.nextInt(3) : keys.get(rng.nextInt(keys.size()));
                List<String> pool = rng.nextInt(8) == 0 || !POOLS.containsKey(key) ? ANY : POOLS.get(key);
                String value = pool.get(rng.nextInt(pool.size()));
                if (key.equals("steps") || key.equals("substeps")) {
                    value = POOLS.get(key).get(rng.nextInt(POOLS.get(key).size())); // never a huge count from ANY
                }
                m.put(key, value);
            }
            check("random", json(m).getBytes(StandardCharsets.UTF_8));
        }
        assertTrue(accepted > 5 && accepted < cases, "both outcomes occur: " + accepted + " of " + cases + " ran");
    }

    private static final String ALPHABET = "{}[]\",:. -+eE0123456789abcdefnrstul\\\n\u00e9";

    @Test
    void mutatedConfigurationTextRunsOrIsRejectedWithOneLine() throws IOException {
        UniformRandomProvider rng = RandomStreams.stream(32);
        String valid = json(base());
        for (int i = 0; i < 120; i++) {
            StringBuilder s = new StringBuilder(valid);
            for (int edits = 1 + rng.nextInt(2); edits > 0 && s.length() > 0; edits--) {
                int at = rng.nextInt(s.length());
                char c = ALPHABET.charAt(rng.nextInt(ALPHABET.length()));
                switch (rng.nextInt(4)) {
                    case 0 -> s.deleteCharAt(at);
                    case 1 -> s.setCharAt(at, c);
                    case 2 -> s.setLength(at);
                    default -> {
                        if (!Character.isDigit(c)) {
                            s.insert(at, c); // a digit inserted into a count could make a long run
                        }
                    }
                }
            }
            check("mutated", s.toString().getBytes(StandardCharsets.UTF_8));
        }
        assertTrue(accepted < cases, "most mutations are rejected");
    }

    @Test
    void malformedFilesAreRejectedWithOneLine() throws IOException {
        UniformRandomProvider rng = RandomStreams.stream(33);
        check("empty", new byte[0]);
        check("deep arrays", ("[".repeat(100_000) + "]".repeat(100_000)).getBytes(StandardCharsets.UTF_8));
        check("deep objects", ("{\"a\":".repeat(20_000) + "1" + "}".repeat(20_000)).getBytes(StandardCharsets.UTF_8));
        check("deep value", ("{\"steps\": " + "[".repeat(5000) + "]".repeat(5000) + "}").getBytes(StandardCharsets.UTF_8));
        check("long string", ("{\"model\": \"" + "m".repeat(1 << 20) + "\"}").getBytes(StandardCharsets.UTF_8));
        check("long number", ("{\"steps\": " + "9".repeat(5000) + "}").getBytes(StandardCharsets.UTF_8));
        check("duplicate key", "{\"steps\": 2, \"steps\": 0}".getBytes(StandardCharsets.UTF_8));
        check("not an object", "[1, 2]".getBytes(StandardCharsets.UTF_8));
        check("a number", "3".getBytes(StandardCharsets.UTF_8));
        check("trailing garbage", (json(base()) + "}}").getBytes(StandardCharsets.UTF_8));
        check("a BOM", ("\ufeff" + json(base())).getBytes(StandardCharsets.UTF_8));
        for (int i = 0; i < 40; i++) {
            byte[] b = new byte[rng.nextInt(200)];
            rng.nextBytes(b);
            if (b.length > 0 && i % 2 == 0) {
                b[0] = '{';
            }
            check("random bytes", b);
        }
    }
}
