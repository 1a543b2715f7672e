package org.samsde.cli;

import java.util.LinkedHashMap;
import java.util.Map;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/** The effective values of a command's options, for run.json. */
final class Options {
    private Options() {
    }

    /** A value as JSON sees it: numbers and booleans as they are, arrays and lists as lists, the rest as text. */
    private static Object json(Object v) {
        if (v == null || v instanceof Number || v instanceof Boolean) {
            return v;
        }
        if (v.getClass().isArray()) {
            java.util.List<Object> list = new java.util.ArrayList<>();
            for (int i = 0; i < java.lang.reflect.Array.getLength(v); i++) {
                list.add(json(java.lang.reflect.Array.get(v, i)));
            }
            return list;
        }
        if (v instanceof java.util.Collection<?> c) {
            return c.stream().map(Options::json).toList();
        }
        return v.toString();
    }

    /**
     * @param spec the command
     * @return option name (without dashes) → value, defaults included
     */
    static Map<String, Object> of(CommandSpec spec) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (OptionSpec o : spec.options()) {
            if (o.usageHelp() || o.versionHelp()) {
                continue;
            }
            out.put(o.longestName().replaceFirst("^-+", ""), json(o.getValue()));
        }
        return out;
    }
}
