package org.samsde.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.samsde.core.InvalidInputException;

/** The Slurm engine's batch scripts and task grouping (no Slurm needed: nothing is submitted). */
class SlurmTest {
    @Test
    void cellsPerTaskGroupsCellsAndRespectsMaxArraySize() {
        List<Integer> cells = IntStream.range(0, 2500).boxed().toList();
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> Slurm.tasks(cells, 1, 1001));
        assertTrue(e.getMessage().contains("raise --cells-per-task to at least 3"), e.getMessage());
        Map<Integer, List<Integer>> tasks = Slurm.tasks(cells, 3, 1001);
        assertEquals(834, tasks.size());
        assertEquals(List.of(2499), tasks.get(833));
        assertEquals(List.of(0, 1, 2), tasks.get(0));
        Map<Integer, List<Integer>> identity = Slurm.tasks(List.of(3, 5, 6), 1, 1001);
        assertEquals(Map.of(3, List.of(3), 5, List.of(5), 6, List.of(6)), identity);
        assertEquals("3,5-6", Cell.ranges(List.of(3, 5, 6)));
        assertEquals(List.of(1, 2, 3, 7), Cell.indices("7,1-3", 8));
    }

    @Test
    void theArrayScriptRunsJavaFromThePathAfterTheSetupLineAndSaysSoWhenThereIsNone() {
        String launcher = Slurm.launcher("org.samsde.cli.Main");
        assertTrue(launcher.startsWith("java ${SAMSDE_JAVA_OPTS:-} "), launcher);
        assertFalse(launcher.contains(System.getProperty("java.home")), "no absolute path to this machine's java: " + launcher);
        Slurm.Request r = new Slurm.Request(launcher, null, null, null, null, null, List.of(), "module load java/17", 1);
        String script = Slurm.arrayScript(Path.of("/shared/sweep"), "s", Map.of(0, List.of(0), 1, List.of(1)), r);
        int setup = script.indexOf("module load java/17");
        int check = script.indexOf("command -v java >/dev/null ||");
        int exec = script.indexOf("exec java ");
        assertTrue(setup >= 0 && setup < check && check < exec, script);
        String collect = Slurm.collectScript(Path.of("/shared/sweep"), "s-collect", r);
        assertTrue(collect.indexOf("module load java/17") < collect.indexOf("exec java "), collect);
    }
}
