package org.samsde.sde.artifact;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The provenance of a run or study, {@code run.json}, built in one place: every document starts
 * with the command, the toolkit's and Java's versions, the operating system, the backend and the
 * configuration ({@link #of}); a command adds its own fields after them ({@link #put}).
 * {@link org.samsde.sde.run.RunDirectory} writes it, the only writer of {@code run.json}; the frozen
 * configuration file of {@code compare} ({@code config.json}) is written beside it.
 */
public final class RunInfo {
    /** The file name in a run directory. */
    public static final String NAME = "run.json";
    /** The configuration file a run records beside it ({@code compare}). */
    public static final String CONFIG = "config.json";
    /** Field: the command that wrote the directory. */
    public static final String COMMAND = "command";
    /** Field: the toolkit's version ("development" when not packaged). */
    public static final String VERSION = "samsde_version";
    /** Field: the Java version. */
    public static final String JAVA = "java_version";
    /** Field: operating system and architecture. */
    public static final String OS = "os";
    /** Field: the backend's description. */
    public static final String BACKEND = "backend";
    /** Field: the configuration (the options as given). */
    public static final String CONFIG_FIELD = "config";
    /** Field: the argument vector that reproduces the run. */
    public static final String ARGS = "args";
    /** Field: "running" or "finished". */
    public static final String STATUS = "status";
    /** Field: the per-trajectory list written by {@link RunFiles#write}. */
    public static final String TRAJECTORIES = "trajectories";
    /** Field: each method's label and what it stands for. */
    public static final String METHODS = "methods";
    /** Field of a method under {@value #METHODS}: its linear-stability threshold ({@link org.samsde.sde.Stability}). */
    public static final String STABILITY = "stability";
    /** Field: the step size of each SDE method's result and the evidence that it is converged. */
    public static final String STEP_SIZES = "step_sizes";

    private final Map<String, Object> fields = new LinkedHashMap<>();

    private RunInfo() {
    }

    /**
     * @param command the command, e.g. {@code "study approx"}
     * @param backend the backend's description
     * @param config the configuration to record (not copied; may be null)
     * @return the provenance, ready for the command's own fields
     */
    public static RunInfo of(String command, String backend, Map<String, Object> config) {
        RunInfo info = new RunInfo();
        info.fields.put(COMMAND, command);
        info.fields.put(VERSION, version());
        info.fields.put(JAVA, System.getProperty("java.version"));
        info.fields.put(OS, System.getProperty("os.name") + " " + System.getProperty("os.arch"));
        info.fields.put(BACKEND, backend);
        info.fields.put(CONFIG_FIELD, config);
        return info;
    }

    /** @return the toolkit's version from its jar's manifest, or "development" */
    public static String version() {
        String v = RunInfo.class.getPackage().getImplementationVersion();
        return v == null ? "development" : v;
    }

    /**
     * Adds or replaces a field (an existing field keeps its position).
     *
     * @param key the field
     * @param value maps, lists, strings, numbers, booleans, null
     * @return this
     */
    public RunInfo put(String key, Object value) {
        fields.put(key, value);
        return this;
    }

    /**
     * @param more fields to add in their order; not modified
     * @return this
     */
    public RunInfo putAll(Map<String, ?> more) {
        fields.putAll(more);
        return this;
    }

    /**
     * Records under {@value #METHODS}, per method label, what the method is, so that figures and
     * readers need no list of names: {@code description} (what the label stands for, the method and
     * any approximation it makes: {@link org.samsde.sde.Dynamics#description()}), {@code kind}
     * ({@code discrete} or {@code sde}), {@code perturbs}, {@code display_name} (for legends) and
     * {@code style} ({@code {"colour": i, "dash": "dashed"}}, or null when the method declares none),
     * and where the method has one at its settings ({@link org.samsde.sde.Dynamics#stability()}), its
     * linear-stability threshold under {@value #STABILITY}: {@code eta}, {@code a}, {@code b}
     * ({@link org.samsde.sde.Stability}) and {@code equation}.
     * Directories written before these fields hold the description string alone.
     *
     * @param methods the run's methods; not modified
     * @return this
     */
    public RunInfo methods(java.util.List<? extends org.samsde.sde.Dynamics<?>> methods) {
        Map<String, Object> described = new java.util.LinkedHashMap<>();
        for (org.samsde.sde.Dynamics<?> m : methods) {
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("description", m.description());
            one.put("kind", m.kind().label());
            one.put("perturbs", m.perturbs());
            one.put("display_name", m.displayName());
            org.samsde.sde.Appearance a = m.appearance();
            Map<String, Object> style = null;
            if (a != null) {
                style = new LinkedHashMap<>();
                style.put("colour", a.colour());
                style.put("dash", a.dash());
            }
            one.put("style", style);
            org.samsde.sde.Stability st = m.stability();
            if (st != null) {
                Map<String, Object> threshold = new LinkedHashMap<>();
                threshold.put("eta", st.eta());
                threshold.put("a", st.a());
                threshold.put("b", st.b());
                threshold.put("equation", st.equation());
                one.put(STABILITY, threshold);
            }
            described.put(m.name(), one);
        }
        fields.put(METHODS, described);
        return this;
    }

    /**
     * Records under {@value #STEP_SIZES}, per SDE method: m (Δt = η/m), the drift's batch budget per
     * step, whether m was checked and converged, the levels solved, and per observable the final
     * means at m/2 and m with the half-width the change is measured against.
     *
     * @param choices the choices of {@link org.samsde.sde.run.StepSizes#run}; not modified
     * @return this
     */
    public RunInfo stepSizes(java.util.List<org.samsde.sde.run.StepSizes.Choice> choices) {
        Map<String, Object> all = new LinkedHashMap<>();
        for (org.samsde.sde.run.StepSizes.Choice c : choices) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("substeps", c.substeps());
            m.put("dt_over_eta", 1.0 / c.substeps());
            m.put("batches_per_step", c.budget());
            m.put("checked", c.checked());
            m.put("converged", c.converged());
            m.put("levels", c.tried());
            java.util.List<Map<String, Object>> changes = new java.util.ArrayList<>();
            for (org.samsde.sde.run.StepSizes.Change ch : c.changes()) {
                Map<String, Object> e = new LinkedHashMap<>();
                e.put("observable", ch.observable());
                e.put("at_half_substeps", finite(ch.coarse()));
                e.put("at_substeps", finite(ch.fine()));
                e.put("change", finite(ch.size()));
                e.put("half_width", finite(ch.halfWidth()));
                changes.add(e);
            }
            m.put("dt_error", changes);
            all.put(c.method(), m);
        }
        fields.put(STEP_SIZES, all);
        return this;
    }

    /** @return v, or null (JSON null) when it is not finite */
    private static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }

    /** @return the fields in order, unmodifiable */
    public Map<String, Object> fields() {
        return Collections.unmodifiableMap(fields);
    }

    /**
     * @param dir a run directory
     * @return its run.json, or an empty object when it has none
     * @throws org.samsde.core.InvalidInputException when it is present but not valid JSON
     */
    public static JsonNode read(Path dir) {
        return JsonFile.readIfPresent(dir.resolve(NAME));
    }

    /**
     * Writes {@code dir/config.json} atomically.
     *
     * @param dir the run directory (must exist)
     * @param config the configuration; not modified
     * @throws IOException when it cannot be written
     */
    public static void writeConfig(Path dir, Map<String, Object> config) throws IOException {
        JsonFile.write(dir.resolve(CONFIG), config);
    }
}
