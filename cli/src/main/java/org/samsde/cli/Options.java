package org.samsde.cli;

import java.util.LinkedHashMap;
import java.util.Map;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/** The effective values of a command's options, for run.json. */
final class Options {
    private Options() {
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
            Object v = o.getValue();
            out.put(o.longestName().replaceFirst("^-+", ""), v == null ? null : v instanceof Number || v instanceof Boolean ? v : v.toString());
        }
        return out;
    }
}
