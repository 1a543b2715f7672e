package org.samsde.sweep;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.samsde.core.InvalidInputException;

/**
 * A sweep specification: a base command, its fixed options, and the factors whose product makes
 * the cells. As JSON:
 *
 * <pre>{@code
 * {"command": "train",
 *  "options": {"model": "mlp:2-8-3:tanh", "steps": 50, "seeds": 2},
 *  "grid": {"lr": [0.05, 0.1], "rho": [0.01, 0.05]},
 *  "zip":  {"batch": [8, 16], "master-seed": [1, 2]},
 *  "list": [{"optimizer": "sam"}, {"optimizer": "sgd", "rho": 0}]}
 * }</pre>
 *
 * <ul>
 *   <li>{@code grid}: every key is one factor (an axis of the product);</li>
 *   <li>{@code zip}: an object of equally long lists, advanced together as one factor (or a list of
 *       such objects, one factor each);</li>
 *   <li>{@code list}: explicit points, one factor whose levels are the given option sets.</li>
 * </ul>
 *
 * The cells are the Cartesian product of the factors in the order grid keys, zip groups, list,
 * the first factor varying slowest. Option names are spelled as the base command spells them,
 * without dashes; values are JSON scalars (or lists, for options that take them). Which names and
 * values the base command accepts is not known here: the command line checks every cell against
 * the base command itself.
 *
 * @param command the base command (train, sde, compare)
 * @param options the options every cell shares, in file order
 * @param factors the factors, in product order (first slowest)
 */
public record SweepSpec(String command, Map<String, Object> options, List<Factor> factors) {

    /** The file name of the specification inside a sweep directory. */
    public static final String FILE = "spec.json";

    /** The top-level keys a specification may hold. */
    public static final List<String> KEYS = List.of("command", "options", "grid", "zip", "list");

    /** More cells than this is a mistake, not a sweep (a million JVM starts, a million directories). */
    public static final long MAX_CELLS = 1_000_000;

    /**
     * One factor of the product: its levels, each a set of option values.
     *
     * @param kind where it came from, for messages ("grid 'lr'", "zip 1", "list")
     * @param levels the levels, at least one, each a non-empty map option → value
     */
    public record Factor(String kind, List<Map<String, Object>> levels) {
        /**
         * Copies the levels and rejects an empty factor.
         *
         * @param kind where it came from, for messages ("grid 'lr'", "zip 1", "list")
         * @param levels the levels, at least one, each a non-empty map option → value
         */
        public Factor {
            Objects.requireNonNull(kind, "kind");
            if (levels.isEmpty()) {
                throw new InvalidInputException("sweep spec: " + kind + " is empty (a factor needs at least one value)");
            }
            List<Map<String, Object>> copy = new ArrayList<>();
            for (Map<String, Object> l : levels) {
                copy.add(java.util.Collections.unmodifiableMap(new LinkedHashMap<>(l)));
            }
            levels = List.copyOf(copy);
        }

        /** @return the option names this factor sets, in first-seen order */
        public List<String> names() {
            Set<String> names = new LinkedHashSet<>();
            for (Map<String, Object> l : levels) {
                names.addAll(l.keySet());
            }
            return List.copyOf(names);
        }
    }

    /**
     * Copies the fields and rejects an option set in two places.
     *
     * @param command the base command (train, sde, compare)
     * @param options the options every cell shares, in file order
     * @param factors the factors, in product order (first slowest)
     */
    public SweepSpec {
        Objects.requireNonNull(command, "command");
        options = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(options));
        factors = List.copyOf(factors);
        Set<String> seen = new LinkedHashSet<>(options.keySet());
        for (Factor f : factors) {
            for (String name : f.names()) {
                if (!seen.add(name)) {
                    throw new InvalidInputException("sweep spec: option '" + name + "' is set twice (in " + f.kind()
                            + " and before it); set each option in one place");
                }
            }
        }
        long cells = 1;
        for (Factor f : factors) {
            cells *= f.levels().size();
            if (cells > MAX_CELLS) {
                throw new InvalidInputException("sweep spec: more than " + MAX_CELLS + " cells; split the sweep");
            }
        }
    }

    /** @return the names the factors vary, in product order: the columns of the cell table */
    public List<String> axes() {
        List<String> out = new ArrayList<>();
        for (Factor f : factors) {
            out.addAll(f.names());
        }
        return List.copyOf(out);
    }

    /** @return the number of cells: the product of the factors' sizes */
    public int size() {
        long n = 1;
        for (Factor f : factors) {
            n *= f.levels().size();
        }
        return (int) n;
    }

    /**
     * The cells, the first factor varying slowest.
     *
     * @return cell i's options: the fixed ones, then the factors' values (in factor order)
     */
    public List<Cell> cells() {
        int n = size();
        int width = Math.max(4, Integer.toString(n - 1).length());
        List<Cell> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Map<String, Object> values = new LinkedHashMap<>();
            int rest = i;
            int[] level = new int[factors.size()];
            for (int f = factors.size() - 1; f >= 0; f--) {
                int size = factors.get(f).levels().size();
                level[f] = rest % size;
                rest /= size;
            }
            for (int f = 0; f < factors.size(); f++) {
                values.putAll(factors.get(f).levels().get(level[f]));
            }
            Map<String, Object> all = new LinkedHashMap<>(options);
            all.putAll(values);
            out.add(new Cell(i, Cell.directoryName(i, width, values), values, all));
        }
        return out;
    }

    /**
     * Reads a specification file.
     *
     * @param file the JSON file
     * @return the specification
     * @throws InvalidInputException naming the file when it is missing, not JSON or malformed
     */
    public static SweepSpec read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new InvalidInputException("sweep spec " + file + ": file not found");
        }
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(file.toFile());
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null || e.getLocation().getLineNr() < 1 ? "" : " at line " + e.getLocation().getLineNr();
            String msg = e.getOriginalMessage() == null ? "" : e.getOriginalMessage().lines().findFirst().orElse("");
            throw new InvalidInputException("sweep spec " + file + ": not valid JSON (" + msg + where + ")");
        } catch (IOException e) {
            throw new InvalidInputException("sweep spec " + file + ": cannot read (" + e.getMessage() + ")");
        }
        return parse(root);
    }

    /**
     * @param root the JSON document
     * @return the specification
     * @throws InvalidInputException naming the key that is wrong
     */
    public static SweepSpec parse(JsonNode root) {
        if (root == null || !root.isObject()) {
            throw new InvalidInputException("sweep spec: expected a JSON object with keys " + String.join(", ", KEYS));
        }
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!KEYS.contains(key)) {
                throw new InvalidInputException("sweep spec: unknown key '" + key + "' (expected " + String.join(", ", KEYS) + ")");
            }
        }
        JsonNode command = root.get("command");
        if (command == null || !command.isTextual() || command.asText().isBlank()) {
            throw new InvalidInputException("sweep spec: 'command' must name the base command (train, sde or compare)");
        }
        Map<String, Object> options = new LinkedHashMap<>();
        JsonNode opts = root.get("options");
        if (opts != null) {
            object(opts, "'options'");
            for (Iterator<Map.Entry<String, JsonNode>> it = opts.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                options.put(name(e.getKey()), value("option '" + e.getKey() + "'", e.getValue()));
            }
        }
        List<Factor> factors = new ArrayList<>();
        JsonNode grid = root.get("grid");
        if (grid != null) {
            object(grid, "'grid'");
            for (Iterator<Map.Entry<String, JsonNode>> it = grid.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                String name = name(e.getKey());
                List<Object> values = list("grid '" + name + "'", e.getValue());
                List<Map<String, Object>> levels = new ArrayList<>();
                for (Object v : values) {
                    levels.add(Map.of(name, v));
                }
                factors.add(new Factor("grid '" + name + "'", levels));
            }
        }
        JsonNode zip = root.get("zip");
        if (zip != null) {
            List<JsonNode> groups = new ArrayList<>();
            if (zip.isArray()) {
                zip.forEach(groups::add);
            } else {
                groups.add(zip);
            }
            if (groups.isEmpty()) {
                throw new InvalidInputException("sweep spec: 'zip' is empty");
            }
            for (int g = 0; g < groups.size(); g++) {
                String kind = groups.size() == 1 ? "zip" : "zip " + (g + 1);
                object(groups.get(g), "'" + kind + "'");
                Map<String, List<Object>> axes = new LinkedHashMap<>();
                for (Iterator<Map.Entry<String, JsonNode>> it = groups.get(g).fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    axes.put(name(e.getKey()), list(kind + " '" + e.getKey() + "'", e.getValue()));
                }
                if (axes.isEmpty()) {
                    throw new InvalidInputException("sweep spec: " + kind + " is empty");
                }
                int length = -1;
                for (Map.Entry<String, List<Object>> e : axes.entrySet()) {
                    if (length >= 0 && e.getValue().size() != length) {
                        throw new InvalidInputException("sweep spec: " + kind + " zips lists of different lengths (" + length + " and "
                                + e.getValue().size() + " for '" + e.getKey() + "')");
                    }
                    length = e.getValue().size();
                }
                List<Map<String, Object>> levels = new ArrayList<>();
                for (int i = 0; i < length; i++) {
                    Map<String, Object> level = new LinkedHashMap<>();
                    for (Map.Entry<String, List<Object>> e : axes.entrySet()) {
                        level.put(e.getKey(), e.getValue().get(i));
                    }
                    levels.add(level);
                }
                factors.add(new Factor(kind, levels));
            }
        }
        JsonNode list = root.get("list");
        if (list != null) {
            if (!list.isArray() || list.isEmpty()) {
                throw new InvalidInputException("sweep spec: 'list' must be a non-empty list of option objects, got " + abbreviate(list));
            }
            List<Map<String, Object>> levels = new ArrayList<>();
            for (JsonNode point : list) {
                object(point, "an entry of 'list'");
                Map<String, Object> level = new LinkedHashMap<>();
                for (Iterator<Map.Entry<String, JsonNode>> it = point.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    level.put(name(e.getKey()), value("list option '" + e.getKey() + "'", e.getValue()));
                }
                if (level.isEmpty()) {
                    throw new InvalidInputException("sweep spec: an entry of 'list' is empty");
                }
                levels.add(level);
            }
            factors.add(new Factor("list", levels));
        }
        return new SweepSpec(command.asText(), options, factors);
    }

    private static void object(JsonNode node, String what) {
        if (!node.isObject()) {
            throw new InvalidInputException("sweep spec: " + what + " must be a JSON object, got " + abbreviate(node));
        }
    }

    /** @return the option name without leading dashes, checked to be a plain name */
    private static String name(String key) {
        String n = key.replaceFirst("^-+", "");
        if (n.isEmpty() || !n.matches("[A-Za-z0-9][A-Za-z0-9_.-]*")) {
            throw new InvalidInputException("sweep spec: '" + key + "' is not an option name");
        }
        return n;
    }

    private static List<Object> list(String what, JsonNode node) {
        if (!node.isArray()) {
            throw new InvalidInputException("sweep spec: " + what + " must be a list of values, got " + abbreviate(node));
        }
        if (node.isEmpty()) {
            throw new InvalidInputException("sweep spec: " + what + " is an empty list (an axis needs at least one value)");
        }
        List<Object> out = new ArrayList<>();
        for (JsonNode v : node) {
            out.add(value(what, v));
        }
        return out;
    }

    /** @return a JSON scalar as a String, Long, Double or Boolean; a list of scalars as a List */
    static Object value(String what, JsonNode v) {
        if (v.isTextual()) {
            return v.asText();
        }
        if (v.isBoolean()) {
            return v.asBoolean();
        }
        if (v.isIntegralNumber() && v.canConvertToLong()) {
            return v.asLong();
        }
        if (v.isNumber()) {
            return v.asDouble();
        }
        if (v.isArray()) {
            List<Object> out = new ArrayList<>();
            for (JsonNode e : v) {
                if (e.isArray() || e.isObject() || e.isNull()) {
                    throw new InvalidInputException("sweep spec: " + what + ": expected a list of scalars, got " + abbreviate(v));
                }
                out.add(value(what, e));
            }
            return List.copyOf(out);
        }
        throw new InvalidInputException("sweep spec: " + what + ": expected a string, number, boolean or list, got " + abbreviate(v));
    }

    private static String abbreviate(JsonNode node) {
        String s = node.toString();
        return s.length() > 60 ? s.substring(0, 57) + "..." : s;
    }

    /**
     * @param value a value as {@link #parse} returns it
     * @return it as a command-line argument: numbers in their shortest exact form, lists comma-separated
     */
    public static String text(Object value) {
        if (value instanceof List<?> l) {
            return String.join(",", l.stream().map(SweepSpec::text).toList());
        }
        return String.valueOf(value);
    }

    /**
     * @param values option values as {@link #parse} returns them
     * @return each as {@link #text} writes it, in the same order
     */
    public static Map<String, String> texts(Map<String, Object> values) {
        Map<String, String> out = new LinkedHashMap<>();
        values.forEach((k, v) -> out.put(k, text(v)));
        return out;
    }
}
