package org.example.asam;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.samsde.core.data.DataFiles;
import org.samsde.core.data.Split;
import org.samsde.core.model.ModelSpec;
import org.samsde.core.objective.Batch;
import org.samsde.core.tensor.CpuBackend;
import org.samsde.plots.FigureKind;
import org.samsde.plots.Figures;
import org.samsde.sde.Dynamics;
import org.samsde.sde.Sampling;
import org.samsde.sde.model.SdeModel;
import org.samsde.sde.model.SdeSolver;
import org.samsde.sde.optim.Optimizer;
import org.samsde.sde.optim.UpdateRule;
import org.samsde.sde.run.Ensemble;
import org.samsde.sde.run.Problem;
import org.samsde.sde.run.RunDirectory;
import org.samsde.sde.artifact.RunInfo;

/**
 * ASAM against its SDE in a small ensemble: a tanh MLP 2-16-3 on three Gaussian blobs, mini-batches
 * of 8 without replacement, the same seeds for both; the run is written with {@link RunFiles} and
 * the comparison figure drawn with {@link Figures#writeDefault}. Both methods are found by name
 * ({@code asam}, {@code asam2}), as the command line would find them.
 */
public final class AsamComparison {
    /** The model. */
    public static final String MODEL = "mlp:2-16-3:tanh";
    /** The data. */
    public static final String DATA = "blobs:k=3,n=96,d=2,sep=2,test=96,seed=1";

    private AsamComparison() {
    }

    /**
     * What the run found.
     *
     * @param figures the figure files written
     * @param asamLoss ASAM's mean final training loss over the seeds
     * @param sdeLoss the SDE's mean final training loss over the seeds
     * @param initialLoss the training loss at x₀
     */
    public record Result(List<Path> figures, double asamLoss, double sdeLoss, double initialLoss) {
    }

    /**
     * @param dir the run directory (created)
     * @param steps N optimiser steps
     * @param seeds ensemble size
     * @param eta η
     * @param rho ρ
     * @return the figures and final losses
     * @throws IOException when the run cannot be written
     */
    public static Result run(Path dir, int steps, int seeds, double eta, double rho) throws IOException {
        Split split = DataFiles.resolve(DATA);
        ModelSpec.Model built = ModelSpec.parse(MODEL).build(split.train(), CpuBackend.get());
        Problem problem = new Problem(MODEL + " on " + DATA, built.objective(), built.on(split.test()), Batch.all(),
                built.initialParameters(0));
        Sampling batches = new Sampling(8, false);
        Optimizer asam = Optimizer.builder(problem.train(), UpdateRule.byName("asam")).eta(eta).rho(rho).sampling(batches).build();
        SdeSolver sde = SdeSolver.builder(problem.train(), SdeModel.byName("asam2")).eta(eta).rho(rho).sampling(batches).build();
        List<Dynamics<?>> methods = List.of(asam, sde);
        Ensemble.Settings settings = Ensemble.Settings.builder().steps(steps).every(Math.max(1, steps / 20)).seeds(seeds)
                .threads(Math.max(1, Math.min(2, Runtime.getRuntime().availableProcessors()))).build();
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("model", MODEL);
        config.put("data", DATA);
        config.put("lr", eta);
        config.put("rho", rho);
        config.put("batch", "8");
        config.put("steps", steps);
        config.put("seeds", seeds);
        RunInfo info = RunInfo.of("compare", CpuBackend.get().description(), config);
        // the library's run directory, as samsde compare writes it: the SDE at a converged step size,
        // the records, run.json (what each method is, for the figures) and figure.png / figure.svg
        RunDirectory run = RunDirectory.open(dir, RunDirectory.Claim.REPLACE, info);
        List<Ensemble.Trajectory> runs = run.run(problem, methods, settings).trajectories();
        List<Path> figures = new java.util.ArrayList<>(List.of(dir.resolve("figure.png"), dir.resolve("figure.svg")));
        // ASAM perturbs (Asam.perturbs()), so it has its own curve in the alignment figure, under its display name
        figures.addAll(Figures.write(dir, FigureKind.ALIGNMENT, "alignment"));
        double initial;
        try (var x0 = CpuBackend.get().upload(problem.x0(), problem.dimension())) {
            initial = problem.train().value(x0, Batch.all());
        }
        return new Result(figures, finalLoss(runs, asam.name()), finalLoss(runs, sde.name()), initial);
    }

    private static double finalLoss(List<Ensemble.Trajectory> runs, String method) {
        double sum = 0;
        int count = 0;
        for (Ensemble.Trajectory t : runs) {
            if (t.method().equals(method)) {
                sum += t.records().get(t.records().size() - 1).trainLoss();
                count++;
            }
        }
        return sum / count;
    }

    /**
     * Runs the comparison: {@code java ... org.example.asam.AsamComparison [DIR]} (default
     * {@code runs/asam}), 200 steps, 8 seeds, η = 0.05, ρ = 0.05.
     *
     * @param args the run directory, optionally
     * @throws IOException when the run cannot be written
     */
    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : "runs/asam");
        Result r = run(dir, 200, 8, 0.05, 0.05);
        System.out.printf("train loss: x0 %.4f, asam %.4f, asam2 (SDE) %.4f%nfigures: %s%n", r.initialLoss(), r.asamLoss(), r.sdeLoss(),
                r.figures());
    }
}
