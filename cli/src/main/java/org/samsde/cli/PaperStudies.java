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
import java.util.function.LongFunction;

import org.samsde.core.InvalidInputException;
import org.samsde.plots.Figures;
import org.samsde.plots.LandscapeFigures;
import org.samsde.sde.Sampling;
import org.samsde.sde.optim.EigenSamOptions;
import org.samsde.sde.optim.UpdateRule;
import org.samsde.sde.run.Problem;
import org.samsde.sde.run.RunDirectory;
import org.samsde.sde.artifact.LandscapeFiles;
import org.samsde.sde.artifact.RunInfo;
import org.samsde.sde.artifact.SagunFile;
import org.samsde.sde.artifact.TableFile;
import org.samsde.sde.study.Landscape;
import org.samsde.sde.study.SagunStudy;
import org.samsde.sde.study.TableStudy;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** The paper replications among the {@code samsde study} subcommands: {@code sagun} and {@code table}. */
final class PaperStudies {
    private PaperStudies() {
    }

    /** Builds the problem of a study from its model, data, initial-parameter, Hessian-subset and backend options. */
    private static Problem problem(String model, String data, Path params, long initSeed, Integer hessianSubset, BackendOption backend) {
        ProblemOptions po = new ProblemOptions();
        po.model = model;
        po.data = data;
        po.params = params;
        po.initSeed = initSeed;
        po.hessianSubset = hessianSubset == null ? Integer.MAX_VALUE : hessianSubset;
        return po.build(backend.get());
    }

    /** {@code samsde study sagun}. */
    @Command(name = "sagun", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Small batch against large batch from one start (Sagun et al. 2017).",
                "SGD from one start with a small and a large batch, as many steps each; the",
                "Hessian spectrum of each solution (all eigenvalues up to --full-limit",
                "parameters, SLQ beyond) with its outlier count; the loss along",
                "(1 - t)·x_small + t·x_large; the barrier: max over t in [0, 1] minus the",
                "larger endpoint loss. Writes sagun.csv, line.csv, line.npz,",
                "eigenvalues_small.npy, eigenvalues_large.npy, params_small.npy,",
                "params_large.npy, run.json, figure.png and figure.svg into --out."})
    static final class Sagun implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--model", paramLabel = "SPEC", defaultValue = ProblemOptions.DEFAULT_MODEL,
                description = "Model (default ${DEFAULT-VALUE}).")
        String model;

        @Option(names = "--data", paramLabel = "D", defaultValue = "blobs", description = "Data (default ${DEFAULT-VALUE}).")
        String data;

        @Option(names = {"--params", "--x0"}, paramLabel = "FILE.npy", description = "The common start x0 (default: the initialisation from --seed).")
        Path params;

        @Option(names = "--seed", paramLabel = "S", defaultValue = "0", description = "Seed of x0, of the batches and of SLQ (default ${DEFAULT-VALUE}).")
        long seed;

        @Option(names = "--small-batch", paramLabel = "B", defaultValue = "8", description = "The small batch (default ${DEFAULT-VALUE}).")
        int smallBatch;

        @Option(names = "--large-batch", paramLabel = "B|full", defaultValue = "full", description = "The large batch (default ${DEFAULT-VALUE}).")
        String largeBatch;

        @Option(names = "--lr", paramLabel = "ETA", defaultValue = "0.1", description = "SGD learning rate, constant (default ${DEFAULT-VALUE}).")
        double lr;

        @Option(names = "--steps", paramLabel = "N", defaultValue = "4000", description = "SGD steps with each batch (default ${DEFAULT-VALUE}).")
        int steps;

        @Option(names = "--line-steps", paramLabel = "N", defaultValue = "51", description = "Points of the line on [0, 1] (default ${DEFAULT-VALUE}).")
        int lineSteps;

        @Option(names = "--extend", paramLabel = "E", defaultValue = "0.5", description = "The line runs over [-E, 1 + E] (default ${DEFAULT-VALUE}).")
        double extend;

        @Option(names = "--hessian-subset", paramLabel = "N", description = "Spectra of the loss on the first N training samples (default: all).")
        Integer hessianSubset;

        @Option(names = "--full-limit", paramLabel = "D", defaultValue = "3000",
                description = "All eigenvalues up to this many parameters, SLQ beyond (default ${DEFAULT-VALUE}).")
        int fullLimit;

        @Option(names = "--slq-probes", paramLabel = "P", defaultValue = "4", description = "SLQ probes beyond --full-limit (default ${DEFAULT-VALUE}).")
        int slqProbes;

        @Option(names = "--barrier-tolerance", paramLabel = "TAU", defaultValue = "0.01",
                description = "A barrier counts when it exceeds TAU times the larger endpoint loss (default ${DEFAULT-VALUE}).")
        double barrierTolerance;

        @Mixin
        BackendOption backend = new BackendOption();

        @Option(names = "--out", paramLabel = "DIR", defaultValue = "runs/study-sagun", description = "Output directory (default ${DEFAULT-VALUE}).")
        Path out;

        @Mixin
        ForceOption force = new ForceOption();

        @Override
        public Integer call() throws IOException {
            Checks.positive("--lr", lr);
            Checks.positive("--steps", steps);
            Checks.positive("--small-batch", smallBatch);
            Checks.inRange("--line-steps", lineSteps, 2, 100_000);
            Checks.inRange("--extend", extend, 0, 100);
            Checks.positive("--full-limit", fullLimit);
            Checks.positive("--slq-probes", slqProbes);
            Checks.nonNegative("--barrier-tolerance", barrierTolerance);
            if (hessianSubset != null) {
                Checks.positive("--hessian-subset", hessianSubset);
            }
            int largeSize = batchOption("--large-batch", largeBatch);
            Inputs.outputDirectory(out, "--out");
            force.checkVacant(out);
            Problem p = problem(model, data, params, seed, hessianSubset, backend);
            SagunStudy study = Checks.input("study sagun", () -> SagunStudy.builder(p).smallBatch(smallBatch).largeBatch(largeSize)
                    .steps(steps).eta(lr).lineSteps(lineSteps).extend(extend).fullLimit(fullLimit).slqProbes(slqProbes)
                    .barrierTolerance(barrierTolerance).seed(seed).build());
            long start = System.nanoTime();
            SagunStudy.Result r;
            try (Progress progress = Progress.start(spec, "study sagun", study.totalSteps(), "steps")) {
                r = study.run(progress);
            } catch (IllegalStateException e) {
                throw new InvalidInputException(e.getMessage(), e);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            RunInfo info = RunInfo.of("study sagun", p.train().backend().description(), Options.of(spec));
            RunDirectory dir = force.claim(out, info);
            SagunFile.writeSolutions(out, r.solutions());
            LandscapeFiles.writeLine(out, LandscapeFiles.LINE, r.line());
            info.put("problem", p.description());
            info.put("dimension", p.dimension());
            info.put("barrier", LandscapeCommand.barrierJson(r.barrier()));
            info.put("barrier_exists", r.barrierExists());
            Map<String, Object> solutions = new LinkedHashMap<>();
            for (SagunStudy.Solution s : r.solutions()) {
                Map<String, Object> m = new LinkedHashMap<>(LandscapeCommand.pointJson(s.point()));
                m.put("batch", s.batch());
                m.put("spectrum", s.spectrum().method());
                m.put("lambda_max", s.spectrum().lambdaMax());
                m.put("outliers", s.spectrum().outliers().count());
                m.put("bulk_edge", Double.isFinite(s.spectrum().outliers().edge()) ? s.spectrum().outliers().edge() : null);
                m.put("hvps", s.spectrum().hvps());
                solutions.put(s.name(), m);
            }
            info.put("solutions", solutions);
            info.put("distance", Landscape.distance(r.small().parameters(), r.large().parameters()));
            info.put("seconds", seconds);
            LandscapeCommand.writeFigure(out, LandscapeFigures.sagun(r, String.format(Locale.ROOT,
                    "%s; SGD η = %s, %d steps each from one x0 (seed %d); Hessian on %d samples", p.description(), lr, steps, seed,
                    p.hessianBatch().size(p.train().sampleCount()))));
            dir.finish();

            PrintWriter o = spec.commandLine().getOut();
            o.printf("%-6s %6s %10s %9s %10s %9s %10s %8s%n", "run", "batch", "train loss", "train acc", "test loss", "test acc", "lambda_max",
                    "outliers");
            for (SagunStudy.Solution s : r.solutions()) {
                o.printf(Locale.ROOT, "%-6s %6d %10.4g %9.3f %10.4g %9.3f %10.4g %8d%n", s.name(), s.batch(), s.point().trainLoss(),
                        s.point().trainAccuracy(), s.point().testLoss(), s.point().testAccuracy(), s.spectrum().lambdaMax(),
                        s.spectrum().outliers().count());
            }
            o.printf(Locale.ROOT, "barrier    %.4g at t = %.3f (max over [0, 1] %.6g, larger endpoint %.6g): %s%n", r.barrier().height(),
                    r.barrier().at(), r.barrier().peak(), r.barrier().endpoint(),
                    r.barrierExists() ? "a barrier" : "no barrier (tolerance " + barrierTolerance + " relative)");
            o.printf("wrote %s (sagun.csv, line.csv, line.npz, eigenvalues_*.npy, params_*.npy, run.json, figure.png, figure.svg) in %.1f s%n",
                    out, seconds);
            o.flush();
            return 0;
        }
    }

    /** Parses a batch option: a positive whole number or {@code full}. */
    private static int batchOption(String option, String value) {
        if (value.equals("full")) {
            return Sampling.FULL;
        }
        try {
            int b = Integer.parseInt(value);
            if (b >= 1) {
                return b;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new InvalidInputException(option + " must be a positive whole number or 'full', got '" + value + "'");
    }

    /** {@code samsde study table}. */
    @Command(name = "table", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"SGD, SAM and Eigen-SAM over seeds: the Eigen-SAM table (Luo et al. 2024).",
                "A small-scale replication: the three methods with momentum, weight decay",
                "and a cosine schedule over several seeds (seed j: its own initialisation",
                "and batch order, shared by the methods); the final test accuracy, its gain",
                "over the first method (paired by seed) and lambda_max as mean ± std.",
                "Writes table.csv, table.md, trajectories.csv, summary.csv,",
                "params_METHOD.npy (seed 0), run.json, figure.png and figure.svg (training",
                "curves) into --out."})
    static final class Table implements Callable<Integer> {
        /** The default problem: 10-class blobs in 20 dimensions, overlapping, with a large test set. */
        static final String DEFAULT_DATA = "blobs:k=10,n=1000,d=20,sep=0.6,sigma=1,test=2000,seed=0";
        /** The default model for {@link #DEFAULT_DATA}. */
        static final String DEFAULT_MODEL = "mlp:20-64-64-10:tanh";

        @Spec
        CommandSpec spec;

        @Option(names = "--model", paramLabel = "SPEC", defaultValue = DEFAULT_MODEL,
                description = "Model, e.g. cnn6 with --data mnist:n=2000 (default ${DEFAULT-VALUE}).")
        String model;

        @Option(names = "--data", paramLabel = "D", defaultValue = DEFAULT_DATA, description = "Data (default ${DEFAULT-VALUE}).")
        String data;

        @Option(names = {"--params", "--x0"}, paramLabel = "FILE.npy",
                description = "Start every seed from these parameters (default: seed j draws its own initialisation).")
        Path params;

        @Option(names = "--methods", paramLabel = "LIST", split = ",", defaultValue = "sgd,sam,eigen-sam",
                description = "Methods, in table order (default ${DEFAULT-VALUE}).")
        List<String> methods;

        @Option(names = "--epochs", paramLabel = "E", defaultValue = "30", description = "Epochs (default ${DEFAULT-VALUE}).")
        int epochs;

        @Option(names = "--batch", paramLabel = "B", defaultValue = "64", description = "Batch size (default ${DEFAULT-VALUE}).")
        int batch;

        @Option(names = "--lr", paramLabel = "ETA", defaultValue = "0.05", description = "Peak learning rate of the cosine schedule (default ${DEFAULT-VALUE}).")
        double lr;

        @Option(names = "--rho", paramLabel = "RHO", defaultValue = "0.05", description = "ρ of SAM and Eigen-SAM (default ${DEFAULT-VALUE}).")
        double rho;

        @Option(names = "--momentum", paramLabel = "MU", defaultValue = "0.9", description = "Momentum (default ${DEFAULT-VALUE}).")
        double momentum;

        @Option(names = "--weight-decay", paramLabel = "L", defaultValue = "5e-4", description = "Weight decay (default ${DEFAULT-VALUE}).")
        double weightDecay;

        @Option(names = "--alpha", paramLabel = "A", defaultValue = "0.2", description = "Eigen-SAM's α (default ${DEFAULT-VALUE}).")
        double alpha;

        @Option(names = "--eig-every", paramLabel = "K", defaultValue = "5",
                description = "Eigen-SAM refreshes v every K steps of an epoch (default ${DEFAULT-VALUE}; the paper's 100 exceeds a short epoch).")
        int eigEvery;

        @Option(names = "--power-iters", paramLabel = "P", defaultValue = "5", description = "Eigen-SAM's power iterations (default ${DEFAULT-VALUE}).")
        int powerIters;

        @Option(names = "--eig-global-counter", description = "Count Eigen-SAM's K steps globally (default: within each epoch, as the official code).")
        boolean eigGlobal;

        @Option(names = "--seeds", paramLabel = "K", defaultValue = "8", description = "Seeds, at least 2 (default ${DEFAULT-VALUE}).")
        int seeds;

        @Option(names = "--master-seed", paramLabel = "S", defaultValue = "0", description = "Master seed (default ${DEFAULT-VALUE}).")
        long masterSeed;

        @Option(names = "--hessian-subset", paramLabel = "N", defaultValue = "512",
                description = "λ_max on the loss of the first N training samples (default ${DEFAULT-VALUE}, capped at n).")
        int hessianSubset;

        @Option(names = "--records", paramLabel = "R", defaultValue = "20", description = "Records per trajectory for the curves (default ${DEFAULT-VALUE}).")
        int records;

        @Option(names = "--threads", paramLabel = "T", description = "Worker threads (default: the number of cores).")
        Integer threads;

        @Mixin
        BackendOption backend = new BackendOption();

        @Option(names = "--out", paramLabel = "DIR", defaultValue = "runs/study-table", description = "Output directory (default ${DEFAULT-VALUE}).")
        Path out;

        @Mixin
        ForceOption force = new ForceOption();

        @Override
        public Integer call() throws IOException {
            Checks.positive("--epochs", epochs);
            Checks.positive("--batch", batch);
            Checks.positive("--lr", lr);
            Checks.nonNegative("--rho", rho);
            Checks.positive("--records", records);
            Checks.positive("--hessian-subset", hessianSubset);
            if (seeds < 2) {
                throw new InvalidInputException("--seeds must be at least 2 for a standard deviation, got " + seeds);
            }
            int workers = threads != null ? threads : Runtime.getRuntime().availableProcessors();
            Checks.positive("--threads", workers);
            List<UpdateRule> ms = new ArrayList<>();
            for (String m : methods) {
                ms.add(Checks.input("--methods", () -> UpdateRule.byName(m.trim())));
            }
            EigenSamOptions eig = Checks.input("Eigen-SAM options", () -> EigenSamOptions.DEFAULTS.withEvery(eigEvery).withPowerIterations(powerIters)
                    .withAlpha(alpha).withGlobalCounter(eigGlobal));
            TableStudy.Training training = Checks.input("training", () -> new TableStudy.Training(lr, rho, momentum, weightDecay, batch, epochs,
                    eig));
            Inputs.outputDirectory(out, "--out");
            force.checkVacant(out);
            Problem p = problem(model, data, params, 0, hessianSubset, backend);
            double[] fixed = params == null ? null : p.x0();
            LongFunction<double[]> init = fixed != null ? s -> fixed.clone()
                    : Checks.input("--model", () -> TableStudy.initializer(p.train()));
            int n = p.train().sampleCount();
            TableStudy study = Checks.input("study table", () -> TableStudy.builder(p, init).methods(ms).training(training).seeds(seeds)
                    .masterSeed(masterSeed).every(Math.max(1, training.steps(n) / records)).threads(workers).build());
            long start = System.nanoTime();
            TableStudy.Result r;
            try (Progress progress = Progress.start(spec, "study table", (long) seeds * ms.size() * training.steps(n), "steps")) {
                r = study.run(progress);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            RunInfo info = RunInfo.of("study table", p.train().backend().description(), Options.of(spec));
            RunDirectory dir = force.claim(out, info);
            TableFile.write(out.resolve(TableFile.NAME), r.rows());
            String settings = settingsLine(p, r.steps(), n);
            String md = r.markdown() + "\n" + settings + "\n";
            TableFile.writeMarkdown(out.resolve(TableFile.MARKDOWN), md);
            info.put("problem", p.description());
            info.put("dimension", p.dimension());
            info.put("steps", r.steps());
            info.put("steps_per_epoch", r.steps() / epochs);
            info.put("seeds_rule", "seed j: x0 = init(key(master, j, 0)), batches from ensemble master key(master, j, 1)");
            info.put("table", TableFile.lines(r.rows()));
            info.put("seconds", seconds);
            dir.records(r.trajectories());
            dir.figure("compare", "figure");
            dir.finish();
            PrintWriter o = spec.commandLine().getOut();
            o.print(md);
            o.printf("wrote %s (table.csv, table.md, trajectories.csv, summary.csv, params, run.json, figure.png, figure.svg) in %.1f s%n",
                    out, seconds);
            o.flush();
            return 0;
        }

        private String settingsLine(Problem p, int steps, int n) {
            return String.format(Locale.ROOT, "%s, d = %d; %d epochs of %d steps (batch %d), momentum %s, weight decay %s, cosine from η = %s "
                    + "to 0, ρ = %s; Eigen-SAM α = %s, v refreshed every %d steps (%s counter) by %d power iterations; %d seeds "
                    + "(master seed %d); λ_max by Lanczos on the first %d training samples.", p.description(), p.dimension(), epochs,
                    steps / epochs, batch, momentum, weightDecay, lr, rho, alpha, eigEvery, eigGlobal ? "global" : "epoch", powerIters, seeds,
                    masterSeed, Math.min(hessianSubset, n));
        }
    }
}
