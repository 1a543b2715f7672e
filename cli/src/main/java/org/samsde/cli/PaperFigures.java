package org.samsde.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import org.samsde.core.InvalidInputException;
import org.samsde.core.data.ImageDatasets;
import org.samsde.plots.FigureKind;
import org.samsde.plots.Figures;
import org.samsde.sde.Dynamics;
import org.samsde.sde.artifact.EndpointsFile;
import org.samsde.sde.artifact.RunInfo;
import org.samsde.sde.artifact.SeedGapsFile;
import org.samsde.sde.artifact.TrajectoriesFile;
import org.samsde.sde.run.Ensemble;
import org.samsde.sde.run.Problem;
import org.samsde.sde.run.RunDirectory;
import org.samsde.sde.study.PaperGaps;
import org.samsde.sde.study.SeedGaps;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The two trajectory figures of Luo et al. (2024) at the paper's own kind of settings:
 * {@code study paper-sde} (discrete SAM against its order-2 and order-3 SDEs on a fully connected
 * tanh network on MNIST, six panels, with the gaps per panel) and {@code study paper-alignment}
 * (the alignment of SAM's and Eigen-SAM's perturbation with v₁, and λ_max of SGD, SAM and
 * Eigen-SAM, for {@code cnn6} on image data sets). Both are ensembles run through {@link EnsembleRun}:
 * progress lines, checkpoints and {@code --resume}. Both write their gaps as {@code gaps.csv}
 * ({@link SeedGaps}: time averages per seed, paired by seed, intervals for the whole family).
 */
final class PaperFigures {
    private PaperFigures() {
    }

    /** The discrete method the SDE models are compared with, and the reference of the alignment gaps. */
    static final String REFERENCE = "sam";
    /** The candidate of the alignment gaps. */
    static final String ALIGNMENT_CANDIDATE = "eigen-sam";

    /** The options both studies share. */
    static final class Common {
        @Option(names = "--threads", paramLabel = "T", description = "Worker threads (default: the number of cores).")
        Integer threads;

        @Option(names = "--master-seed", paramLabel = "S", defaultValue = "0", description = "Master seed (default ${DEFAULT-VALUE}).")
        long masterSeed;

        @Option(names = "--checkpoint-every", paramLabel = "K", defaultValue = "50",
                description = "Checkpoint every trajectory every K steps, for --resume (0: never; default ${DEFAULT-VALUE}).")
        int checkpointEvery;

        @Option(names = "--resume", paramLabel = "DIR", description = "Continue the interrupted study in DIR from its checkpoints.")
        Path resume;

        @Option(names = Replay.CONTINUE, hidden = true)
        boolean continueRun;

        @Option(names = "--force", description = "Replace a study already in --out (only the files runs write are removed).")
        boolean force;

        @Mixin
        BackendOption backend = new BackendOption();
    }

    /**
     * The run and method options of one ensemble, as {@code train} and {@code compare} build them.
     *
     * @return the options, for the caller to fill in
     */
    private static RunOptions run(Common c, Path out, double lr, double rho, int batch, int steps, int seeds, int every) {
        RunOptions r = new RunOptions();
        r.lr = lr;
        r.rho = rho;
        r.batch = Integer.toString(batch);
        r.steps = steps;
        r.seeds = seeds;
        r.every = every;
        r.masterSeed = c.masterSeed;
        r.threads = c.threads;
        r.divergenceBound = 1e6;
        r.out = out;
        r.checkpointEvery = c.checkpointEvery;
        return r;
    }

    private static ProblemOptions problem(String model, String data, int hessianSubset) {
        ProblemOptions p = new ProblemOptions();
        p.model = model;
        p.data = data;
        p.initSeed = 0;
        p.hessianSubset = hessianSubset;
        return p;
    }

    /** @return the argument vector that reproduces the study: "study", its name, then its own arguments */
    private static List<String> args(CommandSpec spec, Path out, String backend) {
        return Replay.argsFor(spec, out, backend);
    }

    // ------------------------------------------------------------------------------ paper-sde

    /** {@code samsde study paper-sde}. */
    @Command(name = "paper-sde", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"The paper's SDE figure at its kind of settings: SGD, discrete SAM and the order-2 (sam2, Compagnoni et al.)",
                "and order-3 (sam3, Luo et al.) SDEs, simulated as defined (mc:8 drift, compensated noise), on a fully connected",
                "tanh network on MNIST, as seeded ensembles with 95%% bands: six panels (train and test loss, test accuracy, ‖x‖,",
                "‖∇f‖, λ_max) and the noise ratio. Writes trajectories.csv, summary.csv, gaps.csv (each SDE minus discrete SAM",
                "per panel: the time average over the records after step 0, paired by seed, with 95%% intervals that hold for all",
                "panels and models at once, as study gaps computes them), params, run.json, figure.png/.svg and noise.png/.svg",
                "into --out. About 10 minutes on 2 cores with the defaults."})
    static final class Sde implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        Common common = new Common();

        @Option(names = "--model", paramLabel = "SPEC", defaultValue = "mlp:784-64-10:tanh", description = "Model (default ${DEFAULT-VALUE}).")
        String model;

        @Option(names = "--data", paramLabel = "D", defaultValue = "mnist:n=5000,test=1000", description = "Data (default ${DEFAULT-VALUE}).")
        String data;

        @Option(names = "--methods", paramLabel = "LIST", split = ",", defaultValue = "sgd,sam,sam2,sam3",
                description = "Methods; the gaps compare the discrete 'sam' with each SDE model listed (default ${DEFAULT-VALUE}).")
        List<String> methods;

        @Option(names = "--lr", paramLabel = "ETA", defaultValue = "0.05", description = "η (default ${DEFAULT-VALUE}).")
        double lr;

        @Option(names = "--rho", paramLabel = "RHO", defaultValue = "0.05", description = "ρ, SAM's usual default (default ${DEFAULT-VALUE}).")
        double rho;

        @Option(names = "--batch", paramLabel = "B", defaultValue = "64", description = "Batch size (default ${DEFAULT-VALUE}).")
        int batch;

        @Option(names = "--steps", paramLabel = "N", defaultValue = "1000", description = "Steps (default ${DEFAULT-VALUE}).")
        int steps;

        @Option(names = "--seeds", paramLabel = "K", defaultValue = "8", description = "Seeds per method, at least 2 (default ${DEFAULT-VALUE}).")
        int seeds;

        @Option(names = "--every", paramLabel = "E", defaultValue = "50", description = "Record every E steps (default ${DEFAULT-VALUE}).")
        int every;

        @Option(names = "--hessian-subset", paramLabel = "N", defaultValue = "256",
                description = "λ_max on the loss of the first N training samples (default ${DEFAULT-VALUE}).")
        int hessianSubset;

        @Option(names = "--drift", paramLabel = "E", defaultValue = "mc:8", description = "SDE drift estimator (default ${DEFAULT-VALUE}).")
        String drift;

        @Option(names = "--noise", paramLabel = "N", defaultValue = "compensated", description = "SDE noise sampler (default ${DEFAULT-VALUE}).")
        String noise;

        @Option(names = "--out", paramLabel = "DIR", defaultValue = "runs/paper-sde", description = "Run directory (default ${DEFAULT-VALUE}).")
        Path out;

        @Option(names = "--gaps-from", paramLabel = "DIR",
                description = "Run nothing: recompute DIR/gaps.csv from the records of a finished run in DIR.")
        Path gapsFrom;

        @Override
        public Integer call() throws IOException {
            if (common.resume != null) {
                return Replay.resume(spec, common.resume);
            }
            if (gapsFrom != null) {
                List<Ensemble.Trajectory> t = TrajectoriesFile.read(gapsFrom.resolve(TrajectoriesFile.NAME));
                // the SDE models as the run recorded them (their kind), not by name
                com.fasterxml.jackson.databind.JsonNode described = RunInfo.read(gapsFrom).path(RunInfo.METHODS);
                List<String> models = t.stream().map(Ensemble.Trajectory::method).distinct()
                        .filter(n -> described.path(n).path("kind").asText().equals(org.samsde.sde.MethodKind.SDE.label())).toList();
                if (models.isEmpty() || t.stream().noneMatch(x -> x.method().equals(REFERENCE))) {
                    throw new InvalidInputException("--gaps-from " + gapsFrom + ": " + (models.isEmpty()
                            ? "run.json records no SDE model to compare with " + REFERENCE : "no " + REFERENCE + " trajectories to compare with"));
                }
                List<SeedGaps.Gap> g = Checks.input("--gaps-from", () -> PaperGaps.sde(t, REFERENCE, models));
                SeedGapsFile.write(gapsFrom.resolve(SeedGapsFile.NAME), g);
                PrintWriter o = spec.commandLine().getOut();
                GapsCommand.print(o, g);
                o.printf("wrote %s%n", gapsFrom.resolve(SeedGapsFile.NAME));
                o.flush();
                return 0;
            }
            if (seeds < 2) {
                throw new InvalidInputException("--seeds must be at least 2 for intervals, got " + seeds);
            }
            Checks.positive("--batch", batch);
            RunOptions r = run(common, out, lr, rho, batch, steps, seeds, every);
            r.validate("paper-sde");
            ProblemOptions po = problem(model, data, hessianSubset);
            MethodOptions mo = new MethodOptions();
            mo.substeps = "auto";
            mo.drift = drift;
            mo.noise = noise;
            mo.schedule = "constant";
            mo.alpha = 0.2;
            mo.eigEvery = 100;
            mo.powerIters = 5;
            Problem p = po.build(common.backend.get());
            List<Dynamics<?>> list = new ArrayList<>();
            for (String name : methods) {
                list.add(mo.build(name.trim(), p.train(), r));
            }
            List<String> models = list.stream().filter(d -> d.kind() == org.samsde.sde.MethodKind.SDE).map(Dynamics::name).toList();
            boolean gaps = list.stream().anyMatch(d -> d.name().equals(REFERENCE)) && !models.isEmpty();
            Map<String, Object> config = Options.of(spec);
            List<Ensemble.Trajectory> result = EnsembleRun.execute("study paper-sde", p, list, r.settings(), out, config,
                    args(spec, out, p.train().backend().name()), null, common.continueRun, common.force, mo.policy(), spec);
            PrintWriter o = spec.commandLine().getOut();
            if (gaps) {
                List<SeedGaps.Gap> g = Checks.input("gaps", () -> PaperGaps.sde(result, REFERENCE, models));
                SeedGapsFile.write(out.resolve(SeedGapsFile.NAME), g);
                GapsCommand.print(o, g);
                o.printf("wrote %s%n", out.resolve(SeedGapsFile.NAME));
            }
            o.flush();
            return 0;
        }
    }

    // ------------------------------------------------------------------------ paper-alignment

    /** {@code samsde study paper-alignment}. */
    @Command(name = "paper-alignment", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"The paper's alignment figure at its kind of settings: SGD, SAM and Eigen-SAM (α = 0.2, 5 power iterations)",
                "training cnn6 on each data set (default Fashion-MNIST and MNIST, and CIFAR-10 where it is installed), as seeded",
                "ensembles with 95%% bands: |cos(ε, v₁)| of SAM's and Eigen-SAM's perturbation, λ_max of all three, and the test",
                "accuracy. Each data set gets its run directory DIR/NAME (trajectories.csv, summary.csv, endpoints.csv, params,",
                "run.json, alignment.png/.svg, figure.png/.svg); DIR holds endpoints.csv of all of them, gaps.csv (Eigen-SAM minus",
                "SAM in |cos(ε, v₁)| per data set: the time average over the records after step 0, paired by seed, with 95%% intervals",
                "that hold for all data sets at once, as study gaps computes them) and run.json.",
                "Settings: momentum 0.9, weight decay 5e-4, ρ = 0.05 and α = 0.2 as the official Eigen-SAM code (train.py); η = 0.05",
                "held constant is this project's default (the official code uses lr 0.1 annealed by a cosine stepped once per epoch).",
                "With the defaults a data set takes about 22 minutes of CPU time: 11 to 12 minutes on 2 otherwise idle cores."})
    static final class Alignment implements Callable<Integer> {
        /** The default data sets: both MNIST-style sets, 1000 training and 1000 test images each. */
        static final String DEFAULT_DATA = "fashion-mnist:n=1000,test=1000;mnist:n=1000,test=1000";
        /** The subset of CIFAR-10 added where it is installed. */
        static final String CIFAR = "cifar10:n=1000,test=1000";

        @Spec
        CommandSpec spec;

        @Mixin
        Common common = new Common();

        @Option(names = "--model", paramLabel = "SPEC", defaultValue = "cnn6", description = "Model (default ${DEFAULT-VALUE}).")
        String model;

        @Option(names = "--data", paramLabel = "LIST", split = ";",
                description = "Data sets separated by ';' (default " + DEFAULT_DATA + ", and " + CIFAR + " where it is installed).")
        List<String> data;

        @Option(names = "--methods", paramLabel = "LIST", split = ",", defaultValue = "sgd,sam,eigen-sam",
                description = "Methods (default ${DEFAULT-VALUE}).")
        List<String> methods;

        @Option(names = "--lr", paramLabel = "ETA", defaultValue = "0.05",
                description = "η, held constant (default ${DEFAULT-VALUE}: this project's default; the official code uses lr 0.1, "
                        + "annealed by a cosine stepped once per epoch).")
        double lr;

        @Option(names = "--momentum", paramLabel = "MU", defaultValue = "0.9",
                description = "Momentum (default ${DEFAULT-VALUE}, as the official code).")
        double momentum;

        @Option(names = "--weight-decay", paramLabel = "L", defaultValue = "5e-4",
                description = "Weight decay (default ${DEFAULT-VALUE}, as the official code).")
        double weightDecay;

        @Option(names = "--rho", paramLabel = "RHO", defaultValue = "0.05", description = "ρ (default ${DEFAULT-VALUE}, as the official code).")
        double rho;

        @Option(names = "--batch", paramLabel = "B", defaultValue = "64", description = "Batch size (default ${DEFAULT-VALUE}).")
        int batch;

        @Option(names = "--alpha", paramLabel = "A", defaultValue = "0.2",
                description = "Eigen-SAM's α (default ${DEFAULT-VALUE}, as the official code).")
        double alpha;

        @Option(names = "--power-iters", paramLabel = "P", defaultValue = "5", description = "Eigen-SAM's power iterations (default ${DEFAULT-VALUE}).")
        int powerIters;

        @Option(names = "--eig-every", paramLabel = "K", defaultValue = "10",
                description = "Eigen-SAM refreshes v every K steps, counted globally (default ${DEFAULT-VALUE}: the paper's 100 steps are "
                        + "a quarter of its CIFAR-10 epoch; a quarter of this run's 15-step epoch rounds to 4; 10 keeps the cost down).")
        int eigEvery;

        @Option(names = "--eig-epoch-counter", description = "Count K within each epoch, as the official code (default: globally).")
        boolean eigEpochCounter;

        @Option(names = "--steps", paramLabel = "N", defaultValue = "100", description = "Steps (default ${DEFAULT-VALUE}).")
        int steps;

        @Option(names = "--seeds", paramLabel = "K", defaultValue = "5", description = "Seeds per method, at least 2 (default ${DEFAULT-VALUE}).")
        int seeds;

        @Option(names = "--every", paramLabel = "E", defaultValue = "20", description = "Record every E steps (default ${DEFAULT-VALUE}).")
        int every;

        @Option(names = "--hessian-subset", paramLabel = "N", defaultValue = "64",
                description = "λ_max and v₁ on the loss of the first N training samples (default ${DEFAULT-VALUE}).")
        int hessianSubset;

        @Option(names = "--hessian-tolerance", paramLabel = "TOL", defaultValue = "1e-3",
                description = "Lanczos's relative residual tolerance for λ_max and v₁ (default ${DEFAULT-VALUE}).")
        double hessianTolerance;

        @Option(names = "--out", paramLabel = "DIR", defaultValue = "runs/paper-alignment", description = "Study directory (default ${DEFAULT-VALUE}).")
        Path out;

        @Override
        public Integer call() throws IOException {
            if (common.resume != null) {
                return Replay.resume(spec, common.resume);
            }
            if (seeds < 2) {
                throw new InvalidInputException("--seeds must be at least 2 for intervals, got " + seeds);
            }
            Checks.positive("--batch", batch);
            Checks.positive("--hessian-tolerance", hessianTolerance);
            List<String> sets = data != null ? data.stream().map(String::trim).filter(s -> !s.isEmpty()).toList() : defaultData();
            if (sets.isEmpty()) {
                throw new InvalidInputException("--data must name at least one data set");
            }
            List<String> names = new ArrayList<>();
            for (String s : sets) {
                String name = label(s);
                if (names.contains(name)) {
                    throw new InvalidInputException("--data names '" + name + "' twice; each data set gets its own directory");
                }
                names.add(name);
            }
            RunOptions probe = run(common, out, lr, rho, batch, steps, seeds, every);
            probe.validate("paper-alignment");
            Map<String, Object> config = Options.of(spec);
            List<String> replay = args(spec, out, common.backend.get().name());
            RunInfo info = RunInfo.of("study paper-alignment", common.backend.get().description(), config);
            info.put("args", replay);
            info.put("data_sets", sets);
            RunDirectory study = EnsembleRun.claim(out, common.continueRun ? RunDirectory.Claim.RESUME
                    : common.force ? RunDirectory.Claim.REPLACE : RunDirectory.Claim.NEW, info);
            long start = System.nanoTime();
            List<EndpointsFile.Endpoint> endpoints = new ArrayList<>();
            List<SeedGaps.Comparison> alignment = new ArrayList<>();
            Map<String, Object> seconds = new LinkedHashMap<>();
            PrintWriter o = spec.commandLine().getOut();
            for (int i = 0; i < sets.size(); i++) {
                Path dir = out.resolve(names.get(i));
                if (common.continueRun && RunDirectory.finished(dir) && Files.isRegularFile(dir.resolve(EndpointsFile.NAME))) {
                    endpoints.addAll(EndpointsFile.read(dir.resolve(EndpointsFile.NAME)));
                    PaperGaps.addAlignment(alignment, names.get(i), TrajectoriesFile.read(dir.resolve(TrajectoriesFile.NAME)),
                            ALIGNMENT_CANDIDATE, REFERENCE);
                    o.printf("%s: finished already, kept%n", dir);
                    continue;
                }
                long t0 = System.nanoTime();
                RunOptions r = run(common, dir, lr, rho, batch, steps, seeds, every);
                r.validate("paper-alignment");
                MethodOptions mo = new MethodOptions();
                mo.momentum = momentum;
                mo.weightDecay = weightDecay;
                mo.schedule = "constant";
                mo.alpha = alpha;
                mo.powerIters = powerIters;
                mo.eigEvery = eigEvery;
                mo.eigGlobal = !eigEpochCounter;
                mo.substeps = "1"; // no SDE method: nothing to refine
                mo.drift = "mc:8";
                mo.noise = "compensated";
                Problem p = problem(model, sets.get(i), hessianSubset).build(common.backend.get());
                List<Dynamics<?>> list = new ArrayList<>();
                for (String m : methods) {
                    list.add(mo.build(m.trim(), p.train(), r));
                }
                Ensemble.Settings settings = r.settings().toBuilder().hessianTolerance(hessianTolerance).build();
                Map<String, Object> sub = new LinkedHashMap<>(config);
                sub.put("data", sets.get(i));
                boolean resumeThis = common.continueRun && Files.isRegularFile(dir.resolve("run.json"));
                o.printf("%s: %s%n", names.get(i), p.description());
                List<Ensemble.Trajectory> result = EnsembleRun.execute("study paper-alignment", p, list, settings, dir, sub, replay, null,
                        resumeThis, common.force, mo.policy(), spec);
                Figures.write(dir, FigureKind.ALIGNMENT, "alignment"); // after the run's own files: a figure of its records
                List<EndpointsFile.Endpoint> e = EndpointsFile.of(names.get(i), result);
                EndpointsFile.write(dir.resolve(EndpointsFile.NAME), e);
                endpoints.addAll(e);
                PaperGaps.addAlignment(alignment, names.get(i), result, ALIGNMENT_CANDIDATE, REFERENCE);
                seconds.put(names.get(i), (System.nanoTime() - t0) / 1e9);
            }
            EndpointsFile.write(out.resolve(EndpointsFile.NAME), endpoints);
            List<SeedGaps.Gap> gaps = Checks.input("gaps", () -> PaperGaps.alignment(alignment));
            if (!gaps.isEmpty()) {
                SeedGapsFile.write(out.resolve(SeedGapsFile.NAME), gaps);
            }
            info.put("resumed", common.continueRun);
            info.put("seconds", (System.nanoTime() - start) / 1e9);
            info.put("seconds_per_data_set", seconds);
            study.finish();
            printEndpoints(o, endpoints);
            GapsCommand.print(o, gaps);
            o.printf("wrote %s (endpoints.csv, %srun.json; per data set: alignment.png, figure.png, records)%n", out,
                    gaps.isEmpty() ? "" : "gaps.csv, ");
            o.flush();
            return 0;
        }

        /** @return the default data sets, CIFAR-10 included where it is installed */
        static List<String> defaultData() {
            List<String> sets = new ArrayList<>(List.of(DEFAULT_DATA.split(";")));
            Path cifar = ImageDatasets.dataDirectory().resolve("cifar10");
            if (Files.isRegularFile(cifar.resolve("data_batch_1.bin")) || Files.isRegularFile(cifar.resolve("cifar-10-batches-bin/data_batch_1.bin"))) {
                sets.add(CIFAR);
            }
            return sets;
        }

        /** @return a data set's directory name: its name before the options, with file-name-safe characters */
        static String label(String spec) {
            int colon = spec.indexOf(':');
            String name = colon < 0 ? spec : spec.substring(0, colon);
            name = Path.of(name).getFileName().toString().replaceAll("\\.npz$", "").replaceAll("[^A-Za-z0-9._-]", "_");
            return name.isEmpty() ? "data" : name;
        }

        static void printEndpoints(PrintWriter o, List<EndpointsFile.Endpoint> rows) {
            Map<String, Map<String, EndpointsFile.Endpoint>> by = new LinkedHashMap<>();
            for (EndpointsFile.Endpoint e : rows) {
                by.computeIfAbsent(e.data() + "\t" + e.method(), k -> new LinkedHashMap<>()).put(e.metric(), e);
            }
            o.printf("%-14s %-10s %5s %5s  %-20s %-20s %-20s%n", "data", "method", "step", "seeds", "test acc", "lambda_max", "|cos(eps, v1)|");
            by.forEach((key, m) -> {
                String[] k = key.split("\t");
                EndpointsFile.Endpoint acc = m.get("test_acc");
                o.printf(Locale.ROOT, "%-14s %-10s %5d %5d  %-20s %-20s %-20s%n", k[0], k[1], acc.step(), acc.seeds(), pm(acc),
                        pm(m.get("lambda_max")), pm(m.get("alignment")));
            });
        }

        private static String pm(EndpointsFile.Endpoint e) {
            if (e == null || Double.isNaN(e.mean())) {
                return "-";
            }
            return Double.isNaN(e.halfWidth()) ? String.format(Locale.ROOT, "%.4g", e.mean())
                    : String.format(Locale.ROOT, "%.4g ± %.2g", e.mean(), e.halfWidth());
        }
    }
}
