package org.samsde.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.UnaryOperator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.samsde.core.InvalidInputException;
import org.samsde.sde.Dynamics;
import org.samsde.sde.artifact.RunInfo;
import org.samsde.sde.run.Problem;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code samsde compare}: discrete SAM against its SDE models (and SGD as reference) on one
 * problem, as ensembles, in one run directory. With no arguments it runs the embedded default: a
 * tanh MLP 2-16-16-3 on synthetic 3-class Gaussian blobs with a test split.
 */
@Command(name = "compare", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Compare discrete methods and SDE models on one problem as seeded ensembles (default: sgd, sam, sam2, sam3).",
            "Writes trajectories.csv, summary.csv (mean and 95%% t-interval per method and step), params_METHOD.npy and run.json.",
            "A JSON --config sets any of its keys (listed below, from the table of keys); each key is also a flag (--lr,",
            "--master-seed, --no-hessian, ...), and a flag overrides the config's value. A key may be spelled as in the file",
            "(master_seed) or as its flag (master-seed)."})
final class CompareCommand implements Callable<Integer> {
    /**
     * One configuration key: its name in the file (its flag is {@code --} and the name with '-' for
     * '_'), how a JSON value sets it, and how its effective value is read back for run.json and
     * config.json. Every spelling of compare's keys comes from {@link #TABLE}.
     */
    private record Key(String name, java.util.function.BiConsumer<Settings, JsonNode> set, java.util.function.Function<Settings, Object> get) {
        String flag() {
            return "--" + name.replace('_', '-');
        }
    }

    /** The keys, in the order of run.json's config. */
    private static final List<Key> TABLE = List.of(
            new Key("model", (s, v) -> s.problem.model = text("model", v), s -> s.problem.model),
            new Key("data", (s, v) -> s.problem.data = text("data", v), s -> s.problem.data),
            new Key("params", (s, v) -> s.problem.params = Path.of(text("params", v)), s -> s.problem.params == null ? null : s.problem.params.toString()),
            new Key("init_seed", (s, v) -> s.problem.initSeed = integer("init_seed", v), s -> s.problem.initSeed),
            new Key("hessian_subset", (s, v) -> s.problem.hessianSubset = (int) integer("hessian_subset", v), s -> s.problem.hessianSubset),
            new Key("methods", (s, v) -> s.names = list("methods", v), s -> s.names),
            new Key("lr", (s, v) -> s.run.lr = number("lr", v), s -> s.run.lr),
            new Key("rho", (s, v) -> s.run.rho = number("rho", v), s -> s.run.rho),
            new Key("batch", (s, v) -> s.run.batch = v.isNumber() ? Long.toString(integer("batch", v)) : text("batch", v), s -> s.run.batch),
            new Key("replacement", (s, v) -> s.run.replacement = bool("replacement", v), s -> s.run.replacement),
            new Key("steps", (s, v) -> s.run.steps = (int) integer("steps", v), s -> s.run.steps),
            new Key("seeds", (s, v) -> s.run.seeds = (int) integer("seeds", v), s -> s.run.seeds),
            new Key("every", (s, v) -> s.run.every = (int) integer("every", v), s -> s.run.every),
            new Key("master_seed", (s, v) -> s.run.masterSeed = integer("master_seed", v), s -> s.run.masterSeed),
            new Key("substeps", (s, v) -> s.methods.substeps = v.isNumber() ? Long.toString(integer("substeps", v)) : text("substeps", v),
                    s -> s.methods.substeps),
            new Key("drift", (s, v) -> s.methods.drift = text("drift", v), s -> s.methods.drift),
            new Key("noise", (s, v) -> s.methods.noise = text("noise", v), s -> s.methods.noise),
            new Key("threads", (s, v) -> s.run.threads = (int) integer("threads", v), s -> s.run.threadCount()),
            new Key("hessian", (s, v) -> s.run.noHessian = !bool("hessian", v), s -> !s.run.noHessian),
            new Key("divergence_bound", (s, v) -> s.run.divergenceBound = number("divergence_bound", v), s -> s.run.divergenceBound));

    /** The keys' names, in order. */
    static final Set<String> KEYS = java.util.Collections.unmodifiableSet(new java.util.LinkedHashSet<>(TABLE.stream().map(Key::name).toList()));
    /**
     * Adds the keys of the table to compare's description.
     *
     * @param spec compare's command spec; modified
     */
    static void describeKeys(CommandSpec spec) {
        List<String> lines = new ArrayList<>(List.of(spec.usageMessage().description()));
        lines.add("Keys: " + KEYS_TEXT);
        spec.usageMessage().description(lines.toArray(String[]::new));
    }

    /** The keys' names as a sentence, for messages and the help. */
    static final String KEYS_TEXT = String.join(", ", KEYS) + ".";

    @Spec
    CommandSpec spec;

    @Option(names = "--config", paramLabel = "FILE.json", description = "Configuration file (JSON object); every key optional.")
    Path config;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "runs/compare", description = "Run directory (default ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--threads", paramLabel = "T", description = "Worker threads (default: the config's, else the number of cores).")
    Integer threads;

    @Option(names = "--model", paramLabel = "SPEC", description = "Model (config: model; default " + ProblemOptions.DEFAULT_MODEL + ").")
    String model;

    @Option(names = "--data", paramLabel = "D", description = "Data set (config: data; default blobs:k=3,n=512,d=2,sep=3,test=256,seed=0).")
    String data;

    @Option(names = "--params", paramLabel = "FILE", description = "Initial parameters, a 1-d .npy (config: params).")
    Path params;

    @Option(names = "--init-seed", paramLabel = "S", description = "Seed of the initial parameters (config: init_seed; default 0).")
    Long initSeed;

    @Option(names = "--hessian-subset", paramLabel = "N", description = "Samples for λ_max (config: hessian_subset; default 256).")
    Integer hessianSubset;

    @Option(names = "--methods", paramLabel = "LIST", split = ",", description = "Methods (config: methods; default sgd,sam,sam2,sam3).")
    List<String> methodNames;

    @Option(names = "--lr", paramLabel = "ETA", description = "Learning rate η (config: lr; default 0.05).")
    Double lr;

    @Option(names = "--rho", paramLabel = "RHO", description = "Perturbation radius ρ (config: rho; default 0.05).")
    Double rho;

    @Option(names = "--batch", paramLabel = "B|full", description = "Batch size or full (config: batch; default 32).")
    String batch;

    @Option(names = "--replacement", negatable = true, description = "Draw batches with replacement (config: replacement; default: without).")
    Boolean replacement;

    @Option(names = "--steps", paramLabel = "N", description = "Steps (config: steps; default 400).")
    Integer steps;

    @Option(names = "--seeds", paramLabel = "K", description = "Ensemble size (config: seeds; default 8).")
    Integer seeds;

    @Option(names = "--every", paramLabel = "E", description = "Record every E steps (config: every; default 10).")
    Integer every;

    @Option(names = "--master-seed", paramLabel = "S", description = "Master seed of the ensemble (config: master_seed; default 0).")
    Long masterSeed;

    @Option(names = "--substeps", paramLabel = "auto|M", description = "Euler–Maruyama substeps per step of the SDE models (config: substeps; "
            + "default auto: doubled from 1 until doubling moves no final ensemble mean by more than a quarter of its 95%% half-width; "
            + "a number forces it, and the result is labelled as not shown converged).")
    String substeps;

    @Option(names = "--drift", paramLabel = "E", description = "Drift estimator of the SDE models (config: drift; default " + MethodOptions.DEFAULT_DRIFT + ").")
    String drift;

    @Option(names = "--noise", paramLabel = "N", description = "Noise sampler of the SDE models (config: noise; default compensated).")
    String noise;

    @Option(names = "--hessian", negatable = true, description = "Measure λ_max and the alignments (config: hessian; default true).")
    Boolean hessian;

    @Option(names = "--divergence-bound", paramLabel = "X", description = "A trajectory whose ‖x‖ exceeds X, or that holds NaN or Inf, stops, marked diverged (config: divergence_bound; default 1e6).")
    Double divergenceBound;

    @picocli.CommandLine.Mixin
    BackendOption backend = new BackendOption();

    @Option(names = "--resume", paramLabel = "DIR", description = "Continue the interrupted run in DIR from its checkpoints.")
    Path resume;

    @Option(names = "--checkpoint-every", paramLabel = "K", defaultValue = "100",
            description = "Checkpoint every trajectory every K steps, for --resume (0: never; default ${DEFAULT-VALUE}).")
    int checkpointEvery;

    @Option(names = "--force", description = "Replace a run already in --out (only the files runs write are removed).")
    boolean force;

    @Option(names = Replay.CONTINUE, hidden = true)
    boolean continueRun;

    /** The effective configuration: the defaults below, overridden by the file. */
    static final class Settings {
        final ProblemOptions problem = new ProblemOptions();
        final RunOptions run = new RunOptions();
        final MethodOptions methods = new MethodOptions();
        List<String> names = List.of("sgd", "sam", "sam2", "sam3");

        Settings() {
            problem.model = ProblemOptions.DEFAULT_MODEL;
            problem.data = "blobs:k=3,n=512,d=2,sep=3,test=256,seed=0";
            problem.initSeed = 0;
            problem.hessianSubset = 256;
            run.lr = 0.05;
            run.rho = 0.05;
            run.batch = "32";
            run.steps = 400;
            run.seeds = 8;
            run.every = 10;
            run.masterSeed = 0;
            run.divergenceBound = 1e6;
            methods.substeps = "auto";
            methods.drift = MethodOptions.DEFAULT_DRIFT;
            methods.noise = "compensated";
            methods.schedule = "constant";
            methods.alpha = 0.2;
            methods.eigEvery = 100;
            methods.powerIters = 5;
        }

        Map<String, Object> asMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            for (Key k : TABLE) {
                m.put(k.name(), k.get().apply(this));
            }
            return m;
        }
    }

    @Override
    public Integer call() throws Exception {
        if (resume != null) {
            return Replay.resume(spec, resume);
        }
        Settings s = settle(config == null ? null : read(config), config == null ? null : config.toAbsolutePath().getParent());
        Problem p = s.problem.build(backend.get());
        List<Dynamics<?>> list = new ArrayList<>();
        for (String name : s.names) {
            list.add(s.methods.build(name, p.train(), s.run));
        }
        Map<String, Object> effective = s.asMap();
        Map<String, Object> frozen = new LinkedHashMap<>(effective);
        frozen.values().removeIf(java.util.Objects::isNull);
        frozen.remove("threads");
        List<String> args = List.of("compare", "--config", Replay.absolute(out.resolve(RunInfo.CONFIG)), "--checkpoint-every",
                Integer.toString(checkpointEvery), "--backend", p.train().backend().name(), "--out", Replay.absolute(out));
        EnsembleRun.execute("compare", p, list, s.run.settings(), out, effective, args, frozen, continueRun, force, s.methods.policy(),
                spec);
        return 0;
    }

    /**
     * The effective settings: the defaults overridden by the configuration and by --threads, with
     * every option checked and the input files made absolute.
     *
     * @param root the configuration (null: none)
     * @param base where relative files in it are looked for first (its folder), or null
     * @return the settings
     */
    private Settings settle(JsonNode root, Path base) {
        Settings s = new Settings();
        if (root != null) {
            apply(s, root);
        }
        override(s);
        picocli.CommandLine.ParseResult given = spec.commandLine().getParseResult();
        UnaryOperator<String> label = option -> {
            String key = option.replaceFirst("^--", "").replace('-', '_');
            return KEYS.contains(key) && !given.hasMatchedOption(option) ? "config: '" + key + "'" : option;
        };
        s.run.label = label;
        s.methods.label = label;
        s.problem.label = label;
        s.run.out = out;
        s.run.checkpointEvery = checkpointEvery;
        s.run.validate("compare");
        // input files as absolute paths, so config.json replays the run from any working directory; a
        // relative path in the config names the file next to the config when there is one there
        // (a path given as a flag names a file relative to the working directory)
        if (s.problem.params != null) {
            s.problem.params = Path.of(Replay.absolute("--params", s.problem.params.toString(), params != null ? null : base));
        }
        s.problem.data = Replay.absolute("--data", s.problem.data, data != null ? null : base);
        s.problem.model = Replay.absolute("--model", s.problem.model, model != null ? null : base);
        if (s.names.isEmpty() || s.names.stream().anyMatch(String::isBlank)) {
            throw new InvalidInputException((methodNames != null ? "--methods" : "config: methods") + " must name at least one method"
                    + (s.names.isEmpty() ? "" : ", without empty names"));
        }
        return s;
    }

    /**
     * Checks a configuration as {@link #call()} would, without running: keys, types, ranges, the
     * problem (built once per distinct problem, the cache shared across a sweep's cells) and every
     * method. For {@code samsde sweep plan}.
     *
     * @param root the configuration
     * @param problems problems already built, by model, data, parameters and seeds; modified
     * @throws InvalidInputException naming the key that is wrong
     */
    void check(JsonNode root, Map<String, Problem> problems) {
        Settings s = settle(root, null);
        String key = String.join("\t", s.problem.model, s.problem.data, String.valueOf(s.problem.params),
                Long.toString(s.problem.initSeed), Integer.toString(s.problem.hessianSubset), backend.name);
        Problem p = problems.get(key);
        if (p == null) {
            p = s.problem.build(backend.get());
            problems.put(key, p);
        }
        for (String name : s.names) {
            s.methods.build(name, p.train(), s.run);
        }
    }

    /**
     * Overrides the settings with the flags given on the command line: each flag's value, as JSON,
     * goes through its key's entry of the table, so a flag and a config key cannot disagree.
     */
    private void override(Settings s) {
        picocli.CommandLine.ParseResult given = spec.commandLine().getParseResult();
        ObjectMapper json = new ObjectMapper();
        for (Key k : TABLE) {
            picocli.CommandLine.Model.OptionSpec o = spec.findOption(k.flag());
            if (o != null && given.hasMatchedOption(o)) {
                Object v = o.getValue();
                k.set().accept(s, json.valueToTree(v instanceof Path p ? p.toString() : v));
            }
        }
    }

    private static JsonNode read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new InvalidInputException("--config: file not found: " + file);
        }
        try {
            JsonNode root = new ObjectMapper().readTree(file.toFile());
            if (root == null || !root.isObject()) {
                throw new InvalidInputException("--config " + file + ": expected a JSON object");
            }
            return root;
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null || e.getLocation().getLineNr() < 1 ? "" : " at line " + e.getLocation().getLineNr();
            throw new InvalidInputException("--config " + file + ": not valid JSON (" + firstLine(e.getOriginalMessage()) + where + ")");
        } catch (IOException e) {
            throw new InvalidInputException("--config " + file + ": cannot read (" + firstLine(e.getMessage()) + ")");
        }
    }

    private static String firstLine(String message) {
        return message == null ? "" : message.lines().findFirst().orElse("");
    }

    /** Overrides the settings with the file's keys, checking types. */
    static void apply(Settings s, JsonNode root) {
        Set<String> seen = new java.util.HashSet<>();
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String given = it.next();
            // a key may be spelled as in the file (master_seed) or as its flag (master-seed), as a sweep spec may
            String key = given.replace('-', '_');
            if (!KEYS.contains(key)) {
                throw new InvalidInputException("config: unknown key '" + given + "' (expected " + KEYS_TEXT + ")");
            }
            if (!seen.add(key)) {
                throw new InvalidInputException("config: '" + key + "' is given twice (as " + key + " and " + key.replace('_', '-') + ")");
            }
            TABLE.stream().filter(k -> k.name().equals(key)).findFirst().orElseThrow().set().accept(s, root.get(given));
        }
    }

    private static String text(String key, JsonNode v) {
        if (!v.isTextual()) {
            throw new InvalidInputException("config: '" + key + "' must be a string, got " + v);
        }
        return v.asText();
    }

    private static double number(String key, JsonNode v) {
        if (!v.isNumber()) {
            throw new InvalidInputException("config: '" + key + "' must be a number, got " + v);
        }
        return v.asDouble();
    }

    private static long integer(String key, JsonNode v) {
        if (!v.isIntegralNumber() || !v.canConvertToLong()) {
            throw new InvalidInputException("config: '" + key + "' must be a whole number, got " + v);
        }
        long x = v.asLong();
        if (!key.endsWith("seed") && (x < Integer.MIN_VALUE || x > Integer.MAX_VALUE)) {
            throw new InvalidInputException("config: '" + key + "' is out of range: " + v);
        }
        return x;
    }

    private static boolean bool(String key, JsonNode v) {
        if (!v.isBoolean()) {
            throw new InvalidInputException("config: '" + key + "' must be true or false, got " + v);
        }
        return v.asBoolean();
    }

    private static List<String> list(String key, JsonNode v) {
        if (!v.isArray()) {
            throw new InvalidInputException("config: '" + key + "' must be a list of names, got " + v);
        }
        List<String> out = new ArrayList<>();
        for (JsonNode e : v) {
            out.add(text(key, e));
        }
        return List.copyOf(out);
    }
}
