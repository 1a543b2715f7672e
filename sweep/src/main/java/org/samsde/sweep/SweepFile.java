package org.samsde.sweep;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.samsde.core.InvalidInputException;
import org.samsde.sde.artifact.JsonFile;

/**
 * {@code sweep.json}, the table of a sweep directory: the base command, the varied options (axes),
 * provenance (versions, host, time, the specification's path) and one row per cell with its
 * directory, values and the argument vector that runs it. Written once by {@code sweep plan};
 * read by every other sweep command. The layout of a sweep directory:
 *
 * <pre>
 * SWEEP/spec.json            the specification as given
 * SWEEP/sweep.json           this table
 * SWEEP/cells/0000-lr=.../   one run directory per cell ({@link CellFiles})
 * SWEEP/slurm/               batch scripts, logs and {@link Submissions}
 * SWEEP/sweep.csv            {@link SweepCsv}, written by collect
 * </pre>
 */
public final class SweepFile {
    /** The file name in a sweep directory. */
    public static final String NAME = "sweep.json";
    /** The folder of the cell directories. */
    public static final String CELLS = "cells";
    /** The format tag, so that a later layout can be told apart. */
    public static final String FORMAT = "samsde-sweep/1";
    /** Key: the format tag. */
    public static final String KEY_FORMAT = "format";
    /** Key: the base command. */
    public static final String KEY_COMMAND = "command";
    /** Key: the varied option names. */
    public static final String KEY_AXES = "axes";
    /** Key: the provenance object. */
    public static final String KEY_PROVENANCE = "provenance";
    /** Key: the cell table. */
    public static final String KEY_CELLS = "cells";
    /** Cell key: the index. */
    public static final String KEY_INDEX = "index";
    /** Cell key: the directory name under cells/. */
    public static final String KEY_DIR = "dir";
    /** Cell key: the varied values. */
    public static final String KEY_VALUES = "values";
    /** Cell key: the argument vector, without {@code --out}. */
    public static final String KEY_ARGS = "args";

    private SweepFile() {
    }

    /**
     * One row of the cell table.
     *
     * @param index the cell index
     * @param dir its directory name under {@code cells/}
     * @param values the varied values, as the specification gives them
     * @param args the argument vector that runs it, starting with the base command, without
     *     {@code --out} (the cell directory is added when it runs, so a sweep directory can move)
     */
    public record Row(int index, String dir, Map<String, Object> values, List<String> args) {
        /**
         * Copies the collections.
         *
         * @param index the cell index
         * @param dir its directory name under {@code cells/}
         * @param values the varied values, as the specification gives them
         * @param args the argument vector that runs it, starting with the base command, without
         *     {@code --out} (the cell directory is added when it runs, so a sweep directory can move)
         */
        public Row {
            values = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(values));
            args = List.copyOf(args);
        }
    }

    /**
     * A whole sweep table.
     *
     * @param command the base command
     * @param axes the varied option names
     * @param provenance versions, host, time, the specification's path
     * @param cells the rows, by index
     */
    public record Sweep(String command, List<String> axes, Map<String, Object> provenance, List<Row> cells) {
        /**
         * Copies the collections and checks that row i has index i.
         *
         * @param command the base command
         * @param axes the varied option names
         * @param provenance versions, host, time, the specification's path
         * @param cells the rows, by index
         */
        public Sweep {
            axes = List.copyOf(axes);
            provenance = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(provenance));
            cells = List.copyOf(cells);
            for (int i = 0; i < cells.size(); i++) {
                if (cells.get(i).index() != i) {
                    throw new IllegalArgumentException("cell " + i + " has index " + cells.get(i).index());
                }
            }
        }

        /**
         * @param sweepDir the sweep directory
         * @param index a cell index
         * @return that cell's directory
         */
        public Path cellDir(Path sweepDir, int index) {
            return sweepDir.resolve(CELLS).resolve(cells.get(index).dir());
        }
    }

    /**
     * @param sweepDir the sweep directory
     * @param sweep the table, written atomically to sweepDir/sweep.json
     * @throws IOException when it cannot be written
     */
    public static void write(Path sweepDir, Sweep sweep) throws IOException {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put(KEY_FORMAT, FORMAT);
        root.put(KEY_COMMAND, sweep.command());
        root.put(KEY_AXES, sweep.axes());
        root.put(KEY_PROVENANCE, sweep.provenance());
        List<Map<String, Object>> cells = new ArrayList<>();
        for (Row r : sweep.cells()) {
            Map<String, Object> c = new LinkedHashMap<>();
            c.put(KEY_INDEX, r.index());
            c.put(KEY_DIR, r.dir());
            c.put(KEY_VALUES, r.values());
            c.put(KEY_ARGS, r.args());
            cells.add(c);
        }
        root.put(KEY_CELLS, cells);
        JsonFile.write(sweepDir.resolve(NAME), root);
    }

    /**
     * @param sweepDir a sweep directory
     * @return its table
     * @throws InvalidInputException when the directory holds no readable sweep.json
     */
    public static Sweep read(Path sweepDir) {
        Path file = sweepDir.resolve(NAME);
        if (!Files.isRegularFile(file)) {
            throw new InvalidInputException(sweepDir + ": no " + NAME + " (not a sweep directory; make one with samsde sweep plan)");
        }
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(file.toFile());
        } catch (IOException e) {
            throw new InvalidInputException(file + ": unreadable (" + e.getMessage().lines().findFirst().orElse("") + ")");
        }
        if (root == null || !FORMAT.equals(root.path(KEY_FORMAT).asText())) {
            throw new InvalidInputException(file + ": not a " + FORMAT + " table");
        }
        List<String> axes = new ArrayList<>();
        root.path(KEY_AXES).forEach(a -> axes.add(a.asText()));
        Map<String, Object> provenance = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.path(KEY_PROVENANCE).fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            provenance.put(e.getKey(), e.getValue().isTextual() ? e.getValue().asText() : e.getValue().toString());
        }
        List<Row> rows = new ArrayList<>();
        for (JsonNode c : root.path(KEY_CELLS)) {
            Map<String, Object> values = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = c.path(KEY_VALUES).fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                values.put(e.getKey(), SweepSpec.value(e.getKey(), e.getValue()));
            }
            List<String> args = new ArrayList<>();
            c.path(KEY_ARGS).forEach(a -> args.add(a.asText()));
            rows.add(new Row(c.path(KEY_INDEX).asInt(), c.path(KEY_DIR).asText(), values, args));
        }
        try {
            return new Sweep(root.path(KEY_COMMAND).asText(), axes, provenance, rows);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(file + ": malformed cell table (" + e.getMessage() + ")");
        }
    }
}
