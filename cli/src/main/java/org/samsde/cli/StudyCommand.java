package org.samsde.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.samsde.core.InvalidInputException;
import org.samsde.core.tensor.CpuBackend;
import org.samsde.sde.model.DriftEstimator;
import org.samsde.sde.model.NoiseSampler;
import org.samsde.sde.model.SdeModel;
import org.samsde.sde.optim.UpdateRule;
import org.samsde.sde.run.Problem;
import org.samsde.sde.run.RunDirectory;
import org.samsde.sde.artifact.GapsFile;
import org.samsde.sde.artifact.OutliersFile;
import org.samsde.sde.artifact.RunInfo;
import org.samsde.sde.artifact.SlopesFile;
import org.samsde.sde.artifact.WeakFile;
import org.samsde.sde.study.ApproxStudy;
import org.samsde.sde.study.OutlierStudy;
import org.samsde.sde.study.Slopes;
import org.samsde.sde.study.WeakOrderStudy;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code samsde study}: numerical checks of approximation orders. */
@Command(name = "study", mixinStandardHelpOptions = true,
        description = "Studies: approximation orders (approx, weak), estimator fidelity, Hessian outliers, gaps between finished ensembles (gaps), and paper replications (sagun, table, paper-sde, paper-alignment).",
        subcommands = {StudyCommand.Approx.class, StudyCommand.Weak.class, FidelityCommand.class, StudyCommand.Outliers.class, GapsCommand.class,
            PaperStudies.Sagun.class, PaperStudies.Table.class, PaperFigures.Sde.class, PaperFigures.Alignment.class,
            ValidityCommand.class})
final class StudyCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** {@code samsde study approx}. */
    @Command(name = "approx", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Gap between a discrete method and its SDE models as η shrinks, with ρ = c·η^a.",
                "The gap is gap(η) = max over k <= T/η of |E φ(x_k) − E φ(X_kη)|; writes gaps.csv (model,eta,rho,gap,halfwidth,step),",
                "slopes.csv (model,slope,stderr) and run.json into --out."})
    static final class Approx implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        ProblemOptions problem;

        @Option(names = "--etas", paramLabel = "LIST", split = ",", defaultValue = "0.02,0.01,0.005,0.0025",
                description = "Learning rates (default ${DEFAULT-VALUE}).")
        double[] etas;

        @Option(names = "--rho-scale", paramLabel = "C", defaultValue = "2", description = "c in ρ = c·η^a (default ${DEFAULT-VALUE}).")
        double rhoScale;

        @Option(names = "--rho-exponent", paramLabel = "A", defaultValue = "0.3333333333333333",
                description = "a in ρ = c·η^a (default 1/3).")
        double rhoExponent;

        @Option(names = "--horizon", paramLabel = "T", defaultValue = "1", description = "Horizon in SDE time (default ${DEFAULT-VALUE}).")
        double horizon;

        @Option(names = "--observable", paramLabel = "PHI", defaultValue = "loss", description = "loss or norm2 (default ${DEFAULT-VALUE}).")
        String observable;

        @Option(names = "--optimizer", paramLabel = "NAME", defaultValue = "sam", description = "The discrete method (default ${DEFAULT-VALUE}).")
        String optimizer;

        @Option(names = "--models", paramLabel = "LIST", split = ",", defaultValue = "sam2,sam3", description = "SDE models (default ${DEFAULT-VALUE}).")
        List<String> models;

        @Option(names = "--substeps", paramLabel = "M", defaultValue = "10", description = "Euler–Maruyama substeps per η (default ${DEFAULT-VALUE}).")
        int substeps;

        @Option(names = "--batch", paramLabel = "B|full", defaultValue = "full", description = "Batch size or full (default ${DEFAULT-VALUE}).")
        String batch;

        @Option(names = "--seeds", paramLabel = "K", defaultValue = "1", description = "Ensemble size for mini-batch studies (default ${DEFAULT-VALUE}).")
        int seeds;

        @Option(names = "--drift", paramLabel = "E", defaultValue = "mc:8",
                description = "Drift estimator for mini-batch studies: mc:M, exact or plugin (default ${DEFAULT-VALUE}).")
        String drift;

        @Option(names = "--noise", paramLabel = "N", defaultValue = "compensated",
                description = "Noise sampler for mini-batch studies (default ${DEFAULT-VALUE}; see samsde sde --help).")
        String noise;

        @Option(names = "--master-seed", paramLabel = "S", defaultValue = "0", description = "Master seed (default ${DEFAULT-VALUE}).")
        long masterSeed;

        @Option(names = "--threads", paramLabel = "T", description = "Worker threads (default: the number of cores).")
        Integer threads;

        @Option(names = "--out", paramLabel = "DIR", defaultValue = "runs/study-approx", description = "Output directory (default ${DEFAULT-VALUE}).")
        Path out;

        @Mixin
        ForceOption force = new ForceOption();

        @Override
        public Integer call() throws Exception {
            Checks.positive("--horizon", horizon);
            Checks.nonNegative("--rho-scale", rhoScale);
            Checks.positive("--substeps", substeps);
            Checks.positive("--seeds", seeds);
            Inputs.outputDirectory(out, "--out");
            force.checkVacant(out);
            for (double eta : etas) {
                Checks.positive("--etas", eta);
            }
            ApproxStudy.Observable phi = switch (observable) {
                case "loss" -> ApproxStudy.Observable.LOSS;
                case "norm2" -> ApproxStudy.Observable.NORM2;
                default -> throw new InvalidInputException("--observable must be loss or norm2, got '" + observable + "'");
            };
            UpdateRule method = Checks.input("--optimizer", () -> UpdateRule.byName(optimizer));
            List<SdeModel> kinds = new ArrayList<>();
            for (String m : models) {
                kinds.add(Checks.input("--models", () -> SdeModel.byName(m)));
            }
            RunOptions sampling = new RunOptions();
            sampling.batch = batch;
            boolean full = batch.equals("full");
            DriftEstimator d = Checks.input("--drift", () -> DriftEstimator.parse(drift));
            NoiseSampler n = Checks.input("--noise", () -> NoiseSampler.parse(noise));
            Problem p = problem.build();
            int workers = threads != null ? threads : Runtime.getRuntime().availableProcessors();
            Checks.positive("--threads", workers);
            ApproxStudy study = Checks.input("study", () -> ApproxStudy.builder(p).etas(etas).rho(rhoScale, rhoExponent).horizon(horizon)
                    .discrete(method).models(kinds).substeps(substeps).sampling(sampling.sampling()).drift(d).noise(n)
                    .seeds(full ? 1 : seeds).masterSeed(masterSeed).observable(phi).threads(workers).build());
            long start = System.nanoTime();
            ApproxStudy.Result r;
            try (Progress progress = Progress.start(spec, "study approx", study.totalSteps(), "steps")) {
                r = study.run(progress);
            }
            RunInfo info = RunInfo.of("study approx", p.train().backend().description(), Options.of(spec));
            RunDirectory dir = force.claim(out, info);
            GapsFile.write(out.resolve(GapsFile.NAME), r.gaps());
            SlopesFile.writeOrders(out.resolve(SlopesFile.NAME), r.slopes());
            PrintWriter o = spec.commandLine().getOut();
            for (Map.Entry<String, ApproxStudy.Order> e : r.slopes().entrySet()) {
                Slopes.Fit f = e.getValue().fit();
                o.printf("%-6s slope %.3f ± %.3f over the %d of %d levels resolved%n", e.getKey(), f.slope(), f.stderr(), e.getValue().levels(),
                        e.getValue().of());
            }
            info.put("problem", p.description());
            info.put("seconds", (System.nanoTime() - start) / 1e9);
            dir.figure("approx", "figure");  // its note names the problem from run.json, recorded first
            dir.finish();
            o.printf("wrote %s (gaps.csv, slopes.csv, run.json, figure.png, figure.svg)%n", out);
            o.flush();
            return 0;
        }
    }

    /** {@code samsde study weak}. */
    @Command(name = "weak", mixinStandardHelpOptions = true, sortOptions = false,
            header = "Weak order of every registered integrator and of its Richardson extrapolation, against the declared order.",
            description = {"Weak order of every registered integrator and of its Richardson extrapolation on an Ornstein–Uhlenbeck problem",
                "(sgd1 on ½θ‖x‖² with isotropic noise σ; each coordinate one path) against its exact second moment, each checked",
                "against the integrator's declared order p (p + 1 for Richardson) within ± --band (no verdict where fewer than three",
                "levels are resolved); writes weak.csv (scheme,dt,estimate,exact,error,stderr) and slopes.csv into --out.",
                "Exits 1 with one line when a scheme misses."})
    static final class Weak implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--paths", paramLabel = "P", defaultValue = "400000", description = "Paths (default ${DEFAULT-VALUE}).")
        int paths;

        @Option(names = "--theta", paramLabel = "TH", defaultValue = "1", description = "θ (default ${DEFAULT-VALUE}).")
        double theta;

        @Option(names = "--sigma", paramLabel = "S", defaultValue = "1", description = "σ (default ${DEFAULT-VALUE}).")
        double sigma;

        @Option(names = "--eta", paramLabel = "ETA", defaultValue = "0.4", description = "η, the coarsest step (default ${DEFAULT-VALUE}).")
        double eta;

        @Option(names = "--x0", paramLabel = "X", defaultValue = "0", description = "Initial value (default ${DEFAULT-VALUE}).")
        double x0;

        @Option(names = "--horizon-steps", paramLabel = "N", defaultValue = "5", description = "Horizon in steps of η (default ${DEFAULT-VALUE}).")
        int horizonSteps;

        @Option(names = "--levels", paramLabel = "L", defaultValue = "5", description = "Levels Δt = η, η/2, …, at least 3 (default ${DEFAULT-VALUE}).")
        int levels;

        @Option(names = "--seed", paramLabel = "S", defaultValue = "0", description = "Seed (default ${DEFAULT-VALUE}).")
        long seed;

        @Option(names = "--band", paramLabel = "W", defaultValue = "" + WeakOrderStudy.DEFAULT_BAND,
                description = "A fitted slope passes within its declared order ± W (default ${DEFAULT-VALUE}).")
        double band;

        @Option(names = "--out", paramLabel = "DIR", defaultValue = "runs/study-weak", description = "Output directory (default ${DEFAULT-VALUE}).")
        Path out;

        @Mixin
        ForceOption force = new ForceOption();

        @Override
        public Integer call() throws Exception {
            Checks.positive("--paths", paths);
            Checks.positive("--theta", theta);
            Checks.nonNegative("--sigma", sigma);
            Checks.positive("--eta", eta);
            Checks.positive("--horizon-steps", horizonSteps);
            Checks.inRange("--levels", levels, 3, 12);
            Checks.positive("--band", band);
            if (!Double.isFinite(x0)) {
                throw new InvalidInputException("--x0 must be finite, got " + x0);
            }
            Inputs.outputDirectory(out, "--out");
            force.checkVacant(out);
            int[] m = new int[levels];
            for (int i = 0; i < levels; i++) {
                m[i] = 1 << i;
            }
            long start = System.nanoTime();
            WeakOrderStudy.Result r = Checks.input("study weak", () -> WeakOrderStudy.builder(CpuBackend.get()).paths(paths).theta(theta)
                    .sigma(sigma).eta(eta).x0(x0).horizonSteps(horizonSteps).substeps(m).seed(seed).band(band).build()).run();
            RunDirectory dir = force.claim(out, RunInfo.of("study weak", CpuBackend.get().description(), Options.of(spec)));
            WeakFile.write(out.resolve(WeakFile.NAME), r.levels());
            Map<String, Slopes.Fit> fits = new LinkedHashMap<>();
            for (WeakOrderStudy.Order o : r.orders()) {
                fits.put(o.scheme(), o.fit());
            }
            SlopesFile.writeFits(out.resolve(SlopesFile.NAME), fits);
            dir.info().put("seconds", (System.nanoTime() - start) / 1e9);
            dir.figure("approx", "figure");
            dir.finish();
            PrintWriter o = spec.commandLine().getOut();
            for (WeakOrderStudy.Order order : r.orders()) {
                o.println(order.line());
            }
            o.printf("wrote %s (weak.csv, slopes.csv, run.json, figure.png, figure.svg)%n", out);
            o.flush();
            // a scheme without a verdict (too few resolved levels) is said on its line, and does not fail the command
            List<WeakOrderStudy.Order> misses = r.misses();
            if (!misses.isEmpty()) {
                PrintWriter err = spec.commandLine().getErr();
                List<String> what = new ArrayList<>();
                for (WeakOrderStudy.Order miss : misses) {
                    what.add(String.format(java.util.Locale.ROOT, "%s (slope %.3f, declared %d)", miss.scheme(), miss.fit().slope(), miss.declared()));
                }
                err.println(spec.qualifiedName() + ": " + misses.size() + " of " + r.orders().size() + " schemes miss their declared weak order by more than ± "
                        + band + ": " + String.join(", ", what));
                err.flush();
                return 1;
            }
            return 0;
        }
    }

    /** {@code samsde study outliers}. */
    @Command(name = "outliers", mixinStandardHelpOptions = true, sortOptions = false,
            header = "The bulk-and-outliers picture of Sagun et al. (2017): Hessian outliers against the number of classes.",
            description = {"The bulk-and-outliers picture of Sagun et al. (2017): for each k, an MLP trained by gradient descent on",
                "k-class Gaussian blobs, the full spectrum of its Hessian and the count of eigenvalues apart from the bulk",
                "(the position of the widest ratio gap among the top --max-outliers eigenvalues). Writes",
                "outliers.csv (k,d,train_loss,train_acc,outliers,gap), eigenvalues_K.npy per k and run.json into --out."})
    static final class Outliers implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--ks", paramLabel = "LIST", split = ",", defaultValue = "2,3,4,5,6,8", description = "Class counts (default ${DEFAULT-VALUE}).")
        int[] ks;

        @Option(names = "--per-class", paramLabel = "N", defaultValue = "64", description = "Training samples per class (default ${DEFAULT-VALUE}).")
        int perClass;

        @Option(names = "--features", paramLabel = "P", defaultValue = "10", description = "Input dimension (default ${DEFAULT-VALUE}).")
        int features;

        @Option(names = "--hidden", paramLabel = "W", split = "-", defaultValue = "16-16", description = "Hidden widths (default ${DEFAULT-VALUE}).")
        int[] hidden;

        @Option(names = "--activation", paramLabel = "ACT", defaultValue = "tanh", description = "Activation (default ${DEFAULT-VALUE}).")
        String activation;

        @Option(names = "--sep", paramLabel = "S", defaultValue = "3", description = "Blob centre scale (default ${DEFAULT-VALUE}).")
        double separation;

        @Option(names = "--steps", paramLabel = "N", defaultValue = "3000", description = "Gradient-descent steps (default ${DEFAULT-VALUE}).")
        int steps;

        @Option(names = "--lr", paramLabel = "ETA", defaultValue = "0.2", description = "Learning rate (default ${DEFAULT-VALUE}).")
        double lr;

        @Option(names = "--max-outliers", paramLabel = "M", defaultValue = "20", description = "Largest count considered (default ${DEFAULT-VALUE}).")
        int maxOutliers;

        @Option(names = "--seed", paramLabel = "S", defaultValue = "0", description = "Seed (default ${DEFAULT-VALUE}).")
        long seed;

        @Option(names = "--out", paramLabel = "DIR", defaultValue = "runs/study-outliers", description = "Output directory (default ${DEFAULT-VALUE}).")
        Path out;

        @Mixin
        ForceOption force = new ForceOption();

        @Override
        public Integer call() throws Exception {
            Inputs.outputDirectory(out, "--out");
            force.checkVacant(out);
            org.samsde.core.jet.Activation act = Checks.input("--activation", () -> org.samsde.core.jet.Activation.byName(activation));
            OutlierStudy study = Checks.input("study", () -> OutlierStudy.builder(CpuBackend.get()).ks(ks).perClass(perClass)
                    .features(features).hidden(hidden).activation(act).separation(separation).steps(steps).eta(lr).maxOutliers(maxOutliers)
                    .seed(seed).build());
            long start = System.nanoTime();
            List<OutlierStudy.Spectrum> result;
            try (Progress progress = Progress.start(spec, "study outliers", study.totalSteps(), "steps")) {
                result = study.run(progress);
            }
            RunInfo info = RunInfo.of("study outliers", CpuBackend.get().description(), Options.of(spec));
            RunDirectory dir = force.claim(out, info);
            PrintWriter o = spec.commandLine().getOut();
            o.printf("%3s %6s %10s %9s %8s  %s%n", "k", "d", "loss", "accuracy", "outliers", "top eigenvalues");
            for (OutlierStudy.Spectrum sp : result) {
                StringBuilder top = new StringBuilder();
                for (int i = 0; i < Math.min(sp.outliers() + 3, sp.eigenvalues().length); i++) {
                    top.append(i == sp.outliers() ? " | " : " ").append(String.format("%.3g", sp.eigenvalues()[i]));
                }
                o.printf("%3d %6d %10.4g %9.3f %8d %s%n", sp.classes(), sp.dimension(), sp.trainLoss(), sp.trainAccuracy(), sp.outliers(), top);
            }
            OutliersFile.write(out, result);
            info.put("seconds", (System.nanoTime() - start) / 1e9);
            dir.figure("spectrum", "figure");  // its note names the problem from run.json, recorded first
            dir.finish();
            o.printf("wrote %s (outliers.csv, eigenvalues_K.npy, run.json, figure.png, figure.svg)%n", out);
            o.flush();
            return 0;
        }
    }
}
