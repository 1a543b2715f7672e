package org.samsde.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code compare} takes every config key as a flag: the same records either way, a flag over the file, the same rejections. */
class CompareFlagsTest {
    @TempDir
    Path dir;

    private static final String DATA = "blobs:k=3,n=48,d=2,test=16,seed=1";

    @Test
    void flagsAndTheEquivalentConfigGiveIdenticalRecords() throws IOException {
        Path cfg = dir.resolve("c.json");
        Files.writeString(cfg, "{\"model\": \"mlp:2-8-3:tanh\", \"data\": \"" + DATA + "\", \"init_seed\": 3, \"hessian_subset\": 32,"
                + " \"methods\": [\"sgd\", \"sam\", \"sam2\"], \"lr\": 0.07, \"rho\": 0.03, \"batch\": 8, \"replacement\": true,"
                + " \"steps\": 6, \"seeds\": 2, \"every\": 3, \"master_seed\": 11, \"substeps\": 2, \"drift\": \"plugin\","
                + " \"noise\": \"per-sample\", \"hessian\": false, \"divergence_bound\": 1e5}");
        Path a = dir.resolve("config");
        Cli.Run byConfig = Cli.run("compare", "--config", cfg.toString(), "--threads", "1", "--checkpoint-every", "0", "--out", a.toString());
        assertEquals(0, byConfig.code(), byConfig.err());
        Path b = dir.resolve("flags");
        Cli.Run byFlags = Cli.run("compare", "--model", "mlp:2-8-3:tanh", "--data", DATA, "--init-seed", "3", "--hessian-subset", "32",
                "--methods", "sgd,sam,sam2", "--lr", "0.07", "--rho", "0.03", "--batch", "8", "--replacement", "--steps", "6", "--seeds", "2",
                "--every", "3", "--master-seed", "11", "--substeps", "2", "--drift", "plugin", "--noise", "per-sample", "--no-hessian",
                "--divergence-bound", "1e5", "--threads", "1", "--checkpoint-every", "0", "--out", b.toString());
        assertEquals(0, byFlags.code(), byFlags.err());
        assertEquals(Cli.withoutSeconds(a.resolve("trajectories.csv")), Cli.withoutSeconds(b.resolve("trajectories.csv")));
        assertEquals(Files.readAllLines(a.resolve("summary.csv")), Files.readAllLines(b.resolve("summary.csv")));
        assertEquals(Files.readString(a.resolve("config.json")), Files.readString(b.resolve("config.json")), "the same frozen config");
        ObjectMapper json = new ObjectMapper();
        JsonNode ca = json.readTree(a.resolve("run.json").toFile()).get("config");
        JsonNode cb = json.readTree(b.resolve("run.json").toFile()).get("config");
        assertEquals(ca, cb, "run.json records the same effective configuration");
        assertEquals(0.07, cb.get("lr").asDouble());
        assertEquals(List.of("sgd", "sam", "sam2"), List.of(cb.get("methods").get(0).asText(), cb.get("methods").get(1).asText(),
                cb.get("methods").get(2).asText()));
    }

    @Test
    void aFlagOverridesTheConfigsValue() throws IOException {
        Path cfg = dir.resolve("c.json");
        Files.writeString(cfg, "{\"data\": \"" + DATA + "\", \"methods\": [\"sgd\"], \"steps\": 4, \"seeds\": 1, \"every\": 2,"
                + " \"lr\": 0.5, \"hessian\": true}");
        Path out = dir.resolve("run");
        Cli.Run r = Cli.run("compare", "--config", cfg.toString(), "--lr", "0.02", "--no-hessian", "--checkpoint-every", "0",
                "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        JsonNode frozen = new ObjectMapper().readTree(out.resolve("config.json").toFile());
        assertEquals(0.02, frozen.get("lr").asDouble(), "the flag wins");
        assertFalse(frozen.get("hessian").asBoolean(), "the negated flag wins");
        assertEquals(4, frozen.get("steps").asInt(), "keys without a flag keep the file's value");
        // the recorded arguments replay the run with the flags' values (they are in config.json)
        Cli.Run again = Cli.run("rerun", out.toString(), "--out", dir.resolve("again").toString());
        assertEquals(0, again.code(), again.err());
        assertEquals(Files.readAllLines(out.resolve("summary.csv")), Files.readAllLines(dir.resolve("again/summary.csv")));
    }

    @Test
    void aBadFlagValueGivesOneLineAndExitCodeTwo() {
        Path o = dir.resolve("never");
        String[][] cases = {
            {"compare", "--lr", "-1", "--out", o.toString()},
            {"compare", "--lr", "fast", "--out", o.toString()},
            {"compare", "--steps", "0", "--out", o.toString()},
            {"compare", "--seeds", "1.5", "--out", o.toString()},
            {"compare", "--batch", "zero", "--out", o.toString()},
            {"compare", "--methods", "sgd,adam", "--out", o.toString()},
            {"compare", "--methods", "", "--out", o.toString()},
            {"compare", "--noise", "isotropic:x", "--out", o.toString()},
            {"compare", "--hessian-subset", "0", "--out", o.toString()},
            {"compare", "--model", "mlp:2-4:swish", "--out", o.toString()},
        };
        for (String[] args : cases) {
            Cli.Run r = Cli.run(args);
            String what = String.join(" ", args);
            assertEquals(2, r.code(), what + " -> " + r.err());
            assertEquals(1, r.err().strip().lines().count(), what + " should give one line, got: " + r.err());
            assertTrue(r.err().startsWith("samsde compare: "), r.err());
            assertFalse(r.err().contains("config:"), what + " should name the flag, not the config: " + r.err());
            assertFalse(Files.exists(o), what + " created its output");
        }
    }
}
