package org.samsde.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.samsde.core.InvalidInputException;
import org.samsde.core.tensor.Tensor;
import org.samsde.sde.Sampling;
import org.samsde.sde.artifact.FidelityFile;
import org.samsde.sde.model.DriftEstimator;
import org.samsde.sde.model.NoiseSampler;
import org.samsde.sde.model.SdeModel;
import org.samsde.sde.optim.Optimizer;
import org.samsde.sde.optim.Sam;
import org.samsde.sde.run.Problem;
import org.samsde.sde.run.RunDirectory;
import org.samsde.sde.artifact.RunInfo;
import org.samsde.sde.study.FidelityStudy;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code samsde study fidelity}: each drift estimator and noise sampler against the model's exact one-step moments. */
@Command(name = "fidelity", mixinStandardHelpOptions = true, sortOptions = false,
        header = "How far each SDE drift estimator and noise sampler is from the model as defined.",
        description = {"How far each SDE drift estimator and noise sampler is from the model as defined: at points along a",
            "discrete SAM trajectory, the mean and covariance of one step (Δt = η, or η/m with --substeps) of each estimator pair",
            "against the model's exact one-step moments (every batch enumerated where C(n, B) is small, else a large-sample",
            "reference), as relative errors of the ρ terms, with the noise ratio r of each point. The drift 'exact' is the",
            "reference's drift itself, with no noise of its own, so that exact+NOISE measures the noise sampler alone.",
            "Writes fidelity.csv, run.json and the figure."})
final class FidelityCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ProblemOptions problem;

    @Option(names = "--sde", paramLabel = "MODEL", defaultValue = "sam3", description = "The SDE model (default ${DEFAULT-VALUE}).")
    String model;

    @Option(names = "--lr", paramLabel = "ETA", defaultValue = "0.05", description = "η (default ${DEFAULT-VALUE}).")
    double lr;

    @Option(names = "--rho", paramLabel = "RHO", defaultValue = "0.05", description = "ρ (default ${DEFAULT-VALUE}).")
    double rho;

    @Option(names = "--batch", paramLabel = "B", defaultValue = "32", description = "Batch size (default ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--steps", paramLabel = "N", defaultValue = "400",
            description = "Steps of the discrete SAM run the points are taken from (default ${DEFAULT-VALUE}).")
    int steps;

    @Option(names = "--points", paramLabel = "P", defaultValue = "5",
            description = "Points, evenly spaced over the run, step 0 and N included (default ${DEFAULT-VALUE}).")
    int points;

    @Option(names = "--estimators", paramLabel = "LIST", split = ";",
            description = "Estimator pairs DRIFT+NOISE separated by ';' (default: mc:8+compensated;mc:8+batch-mc:8;mc:8+resample;"
                    + "exact+per-sample;plugin+batch-mc:8;plugin+per-sample). The drift 'exact' is the reference's drift at the point.")
    List<String> estimators;

    @Option(names = "--substeps", paramLabel = "M,...", split = ",", defaultValue = "1",
            description = "Numbers of substeps m: a row set per m for one substep, Δt = η/m, of the solver at m substeps "
                    + "(default ${DEFAULT-VALUE}; e.g. 1,4).")
    List<Integer> substeps;

    @Option(names = "--draws", paramLabel = "K", defaultValue = "2000", description = "One-step draws per pair and point (default ${DEFAULT-VALUE}).")
    int draws;

    @Option(names = "--reference-batches", paramLabel = "M", defaultValue = "4000",
            description = "Batches of the reference where batches cannot be enumerated (default ${DEFAULT-VALUE}).")
    int referenceBatches;

    @Option(names = "--master-seed", paramLabel = "S", defaultValue = "0", description = "Master seed (default ${DEFAULT-VALUE}).")
    long masterSeed;

    @Option(names = "--threads", paramLabel = "T", description = "Worker threads (default: the number of cores).")
    Integer threads;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "runs/study-fidelity", description = "Output directory (default ${DEFAULT-VALUE}).")
    Path out;

    @Mixin
    ForceOption force = new ForceOption();

    @Override
    public Integer call() throws Exception {
        Checks.positive("--lr", lr);
        Checks.positive("--rho", rho);
        Checks.positive("--batch", batch);
        Checks.positive("--steps", steps);
        if (points < 1) {
            throw new InvalidInputException("--points must be at least 1, got " + points);
        }
        for (int m : substeps) {
            if (m < 1) {
                throw new InvalidInputException("--substeps must be at least 1, got " + m);
            }
        }
        Inputs.outputDirectory(out, "--out");
        force.checkVacant(out);
        int workers = threads != null ? threads : Runtime.getRuntime().availableProcessors();
        Checks.positive("--threads", workers);
        SdeModel m = Checks.input("--sde", () -> SdeModel.byName(model));
        List<FidelityStudy.Candidate> candidates = new ArrayList<>();
        if (estimators == null) {
            candidates.addAll(FidelityStudy.DEFAULT_CANDIDATES);
        } else {
            for (String e : estimators) {
                int plus = e.indexOf('+');
                if (plus < 0) {
                    throw new InvalidInputException("--estimators: '" + e + "' is not DRIFT+NOISE");
                }
                DriftEstimator d = Checks.input("--estimators", () -> DriftEstimator.parse(e.substring(0, plus)));
                NoiseSampler n = Checks.input("--estimators", () -> NoiseSampler.parse(e.substring(plus + 1)));
                candidates.add(new FidelityStudy.Candidate(d, n));
            }
        }
        Problem p = problem.build();
        Sampling sampling = Checks.input("--batch", () -> {
            Sampling s = new Sampling(batch, false);
            s.size(p.train().sampleCount());
            return s;
        });
        FidelityStudy study = Checks.input("study fidelity", () -> FidelityStudy.builder(p.train(), m).rho(rho).eta(lr).sampling(sampling)
                .candidates(candidates).substeps(substeps.stream().mapToInt(Integer::intValue).toArray()).draws(draws).referenceBatches(referenceBatches).seed(masterSeed).threads(workers).build());
        long start = System.nanoTime();
        List<double[]> xs = new ArrayList<>();
        int[] at = new int[points];
        for (int i = 0; i < points; i++) {
            at[i] = points == 1 ? 0 : (int) Math.round((double) steps * i / (points - 1));
        }
        Optimizer sam = Optimizer.builder(p.train(), Sam.INSTANCE).rho(rho).eta(lr).sampling(sampling).build();
        try (Tensor x0 = p.train().backend().upload(p.x0(), p.dimension())) {
            Optimizer.State s = sam.init(x0, masterSeed);
            int next = 0;
            for (int k = 0; k <= steps && next < points; k++) {
                while (next < points && at[next] == k) {
                    xs.add(s.x().toArray());
                    next++;
                }
                if (k < steps) {
                    sam.step(s, k, steps);
                }
            }
        }
        List<FidelityStudy.Row> rows;
        try (Progress progress = Progress.start(spec, "study fidelity", study.totalDraws(points), "draws")) {
            rows = study.run(xs, at, progress);
        }
        RunInfo info = RunInfo.of("study fidelity", p.train().backend().description(), Options.of(spec));
        RunDirectory dir = force.claim(out, info);
        FidelityFile.write(out.resolve(FidelityFile.NAME), rows);
        info.put("problem", p.description());
        info.put("model", m.name());
        info.put("reference", study.exactReference() ? "every batch enumerated" : referenceBatches + " fresh batches");
        info.put("seconds", (System.nanoTime() - start) / 1e9);
        dir.figure("fidelity", "figure");
        dir.finish();
        PrintWriter o = spec.commandLine().getOut();
        o.printf("%-26s %4s %6s %6s %21s %21s%n", "estimator", "m", "step", "r", "mean error (floor)", "cov error (floor)");
        rows.forEach(r -> o.printf(Locale.ROOT,
                "%-26s %4d %6d %6.3f %10.3g (%8.2g) %10.3g (%8.2g)%n", r.estimator(), r.substeps(), r.step(), r.noiseRatio(), r.meanError(),
                r.meanFloor(), r.covError(), r.covFloor()));
        o.printf("wrote %s (fidelity.csv, run.json, figure.png, figure.svg)%n", out);
        o.flush();
        return 0;
    }
}
