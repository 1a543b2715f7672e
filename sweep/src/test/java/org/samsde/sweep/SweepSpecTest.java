package org.samsde.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.samsde.core.InvalidInputException;

/** The sweep specification: the product of grid, zip and list factors, cell names, bad specs. */
class SweepSpecTest {
    private static SweepSpec parse(String json) throws IOException {
        return SweepSpec.parse(new ObjectMapper().readTree(json));
    }

    @Test
    void gridZipAndListMakeTheProductFirstFactorSlowest() throws IOException {
        SweepSpec s = parse("{\"command\": \"train\", \"options\": {\"steps\": 50},"
                + " \"grid\": {\"lr\": [0.05, 0.1]}, \"zip\": {\"batch\": [8, 16], \"master-seed\": [1, 2]},"
                + " \"list\": [{\"optimizer\": \"sam\"}, {\"optimizer\": \"sgd\", \"rho\": 0}]}");
        assertEquals(List.of("lr", "batch", "master-seed", "optimizer", "rho"), s.axes());
        List<Cell> cells = s.cells();
        assertEquals(8, cells.size());
        assertEquals(Map.of("lr", 0.05, "batch", 8L, "master-seed", 1L, "optimizer", "sam"), cells.get(0).values());
        assertEquals(Map.of("lr", 0.05, "batch", 8L, "master-seed", 1L, "optimizer", "sgd", "rho", 0L), cells.get(1).values());
        assertEquals(Map.of("lr", 0.05, "batch", 16L, "master-seed", 2L, "optimizer", "sam"), cells.get(2).values());
        assertEquals(0.1, cells.get(4).values().get("lr"));
        assertEquals(50L, cells.get(7).options().get("steps"));
        assertEquals("0000-lr=0.05_batch=8_master-seed=1_optimizer=sam", cells.get(0).dir());
    }

    @Test
    void directoryNamesAreShortReadableAndUnique() {
        String name = Cell.directoryName(12, 4, Map.of("model", "mlp:2-8-3:tanh"));
        assertEquals("0012-model=mlp_2-8-3_tanh", name);
        String longName = Cell.directoryName(3, 5, Map.of("data", "x".repeat(200)));
        assertTrue(longName.startsWith("00003-data=xxx"), longName);
        assertEquals(6 + Cell.MAX_KEY, longName.length());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"command\": \"train\", \"grid\": {\"lr\": []}}                             | empty list",
        "{\"command\": \"train\", \"options\": {\"lr\": 1}, \"grid\": {\"lr\": [2]}}   | set twice",
        "{\"command\": \"train\", \"zip\": {\"lr\": [1, 2], \"rho\": [1]}}            | different lengths",
        "{\"command\": \"train\", \"grids\": {}}                                      | unknown key 'grids'",
        "{\"grid\": {\"lr\": [1]}}                                                    | 'command'",
        "{\"command\": \"train\", \"list\": []}                                       | 'list'",
        "{\"command\": \"train\", \"grid\": {\"lr\": [{\"a\": 1}]}}                    | expected a string",
        "{\"command\": \"train\", \"grid\": {\"lr\": 0.1}}                             | must be a list"})
    void badSpecsAreRejectedWithOneLineNamingTheProblem(String json, String expected) {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> parse(json));
        assertTrue(e.getMessage().contains(expected.trim()), e.getMessage());
        assertEquals(1, e.getMessage().lines().count());
    }
}
