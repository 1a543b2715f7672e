package org.samsde.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * compare's configuration file and a sweep spec accept the same key spellings: master_seed as in the
 * file and master-seed as the flag, for compare and for train cells alike.
 */
class KeySpellingsTest {
    @TempDir
    Path tmp;

    private Cli.Run compare(String config, String out) throws Exception {
        Path file = tmp.resolve(out + ".json");
        Files.writeString(file, config);
        return Cli.run("compare", "--config", file.toString(), "--out", tmp.resolve(out).toString(), "--quiet");
    }

    @Test
    void aCompareConfigTakesEitherSpelling() throws Exception {
        String base = "\"methods\": [\"sgd\"], \"steps\": 3, \"every\": 3, \"seeds\": 2, \"hessian\": false, ";
        Cli.Run underscore = compare("{" + base + "\"master_seed\": 5}", "a");
        Cli.Run dash = compare("{" + base + "\"master-seed\": 5}", "b");
        assertEquals(0, underscore.code(), underscore.err());
        assertEquals(0, dash.code(), dash.err());
        assertEquals(Cli.withoutSeconds(tmp.resolve("a/trajectories.csv")), Cli.withoutSeconds(tmp.resolve("b/trajectories.csv")));
        Cli.Run twice = compare("{" + base + "\"master_seed\": 5, \"master-seed\": 6}", "c");
        assertEquals(2, twice.code());
        assertTrue(twice.err().contains("'master_seed' is given twice"), twice.err());
    }

    @Test
    void aTrainCellTakesTheConfigurationSpellingToo() {
        Map<String, Object> options = new LinkedHashMap<>();
        options.put("master_seed", 3);
        options.put("steps", 2);
        List<String> args = SweepCells.args("train", options);
        assertEquals(List.of("train", "--master-seed", "3", "--steps", "2"), args);
    }
}
