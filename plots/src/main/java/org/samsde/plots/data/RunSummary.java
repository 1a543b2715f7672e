package org.samsde.plots.data;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.samsde.core.InvalidInputException;

/**
 * The ensemble summary of one run directory: for every method (in file order) and every metric
 * of {@code org.samsde.sde.run.Record#METRICS}, a {@link Curve}.
 *
 * @param source where it was read from, for messages
 * @param curves method → metric → curve, both in file order
 */
public record RunSummary(String source, Map<String, Map<String, Curve>> curves) {

    /**
     * Copies the maps, keeping their order.
     *
     * @param source where it was read from, for messages
     * @param curves method → metric → curve, both in file order
     */
    public RunSummary {
        Map<String, Map<String, Curve>> copy = new LinkedHashMap<>();
        curves.forEach((m, byMetric) -> copy.put(m, java.util.Collections.unmodifiableMap(new LinkedHashMap<>(byMetric))));
        curves = java.util.Collections.unmodifiableMap(copy);
    }

    /** @return the methods, in file order */
    public List<String> methods() {
        return new ArrayList<>(curves.keySet());
    }

    /**
     * @param method a method label
     * @param metric a metric column name
     * @return whether the run holds that curve (files written before a metric existed lack it)
     */
    public boolean has(String method, String metric) {
        Map<String, Curve> byMetric = curves.get(method);
        return byMetric != null && byMetric.containsKey(metric);
    }

    /**
     * @param method a method label present in the file
     * @param metric a metric column name
     * @return its curve
     * @throws InvalidInputException when the method or metric is absent
     */
    public Curve curve(String method, String metric) {
        Map<String, Curve> byMetric = curves.get(method);
        if (byMetric == null) {
            throw new InvalidInputException(source + ": no method '" + method + "' (has " + String.join(", ", curves.keySet()) + ")");
        }
        Curve c = byMetric.get(metric);
        if (c == null) {
            throw new InvalidInputException(source + ": no metric '" + metric + "' for method '" + method + "'");
        }
        return c;
    }

    /** @return the largest number of seeds of any method at any step */
    public int maxSeeds() {
        int m = 0;
        for (Map<String, Curve> byMetric : curves.values()) {
            for (Curve c : byMetric.values()) {
                m = Math.max(m, c.maxSeeds());
            }
        }
        return m;
    }
}
