package org.samsde.cli;

import java.util.function.UnaryOperator;

import org.samsde.core.InvalidInputException;
import org.samsde.core.objective.Objective;
import org.samsde.sde.Dynamics;
import org.samsde.sde.LearningRate;
import org.samsde.sde.Sampling;
import org.samsde.sde.model.DriftEstimator;
import org.samsde.sde.model.NoiseSpec;
import org.samsde.sde.model.SdeKind;
import org.samsde.sde.model.SdeSolver;
import org.samsde.sde.optim.BaseStep;
import org.samsde.sde.optim.EigenSamOptions;
import org.samsde.sde.optim.Method;
import org.samsde.sde.optim.Optimizer;

import picocli.CommandLine.Option;

/** Options of the discrete optimisers and of the SDE solvers, and the methods they build. */
final class MethodOptions {
    @Option(names = "--alpha", paramLabel = "A", defaultValue = "0.2", description = "Eigen-SAM's α (default ${DEFAULT-VALUE}).")
    double alpha;

    @Option(names = "--eig-every", paramLabel = "K", defaultValue = "100", description = "Eigen-SAM refreshes v every K steps (default ${DEFAULT-VALUE}).")
    int eigEvery;

    @Option(names = "--power-iters", paramLabel = "P", defaultValue = "5", description = "Eigen-SAM's power iterations per refresh (default ${DEFAULT-VALUE}).")
    int powerIters;

    @Option(names = "--eig-global-counter", description = "Count Eigen-SAM's K steps globally (default: within each epoch, as the official code).")
    boolean eigGlobal;

    @Option(names = "--eig-renormalise", description = "Rescale Eigen-SAM's perturbation to norm ρ.")
    boolean eigRenormalise;

    @Option(names = "--eig-sam-first", description = "Before the first eigenvector, perturb like SAM (default: by ρ·g, as the official code).")
    boolean eigSamFirst;

    @Option(names = "--momentum", paramLabel = "MU", defaultValue = "0", description = "Heavy-ball momentum μ of the base step (default ${DEFAULT-VALUE}).")
    double momentum;

    @Option(names = "--weight-decay", paramLabel = "L", defaultValue = "0", description = "Weight decay λ of the base step (default ${DEFAULT-VALUE}).")
    double weightDecay;

    @Option(names = "--schedule", paramLabel = "S", defaultValue = "constant", description = "Learning-rate schedule: constant or cosine (default ${DEFAULT-VALUE}).")
    String schedule;

    @Option(names = "--substeps", paramLabel = "M", defaultValue = "1", description = "Euler–Maruyama substeps per step, Δt = η/M (default ${DEFAULT-VALUE}).")
    int substeps;

    @Option(names = "--drift", paramLabel = "E", defaultValue = "plugin", description = "SDE drift expectation: exact, mc:M or plugin (default ${DEFAULT-VALUE}; exact when the batch is full).")
    String drift;

    @Option(names = "--noise", paramLabel = "N", defaultValue = "per-sample",
            description = "SDE noise: per-sample, batch-mc:M, resample, isotropic:SIGMA or none (default ${DEFAULT-VALUE}).")
    String noise;

    /** How messages name an option (see {@link RunOptions#label}). */
    UnaryOperator<String> label = UnaryOperator.identity();

    /**
     * @param name a discrete method label, an SDE model label, or sde:MODEL
     * @param objective the training loss
     * @param run the run options
     * @return the method
     */
    Dynamics<?> build(String name, Objective objective, RunOptions run) {
        Sampling sampling = run.sampling();
        if (name.startsWith("sde:")) {
            SdeKind kind = Checks.input("method '" + name + "'", () -> SdeKind.byLabel(name.substring(4)));
            return new Labelled<>(name, sde(kind, objective, run, sampling));
        }
        for (Method m : Method.values()) {
            if (m.label().equals(name)) {
                return optimizer(m, objective, run, sampling);
            }
        }
        for (SdeKind k : SdeKind.values()) {
            if (k.label().equals(name)) {
                return sde(k, objective, run, sampling);
            }
        }
        throw new InvalidInputException("unknown method '" + name + "': expected sgd, sam, usam, dnsam, reverse-sam, egr, eigen-sam, "
                + "sgd1, sgd2, sam2, sam3 or sde:MODEL");
    }

    Optimizer optimizer(Method m, Objective objective, RunOptions run, Sampling sampling) {
        LearningRate lr = Checks.input(label.apply("--schedule"), () -> switch (schedule) {
            case "constant" -> new LearningRate.Constant(run.lr);
            case "cosine" -> new LearningRate.Cosine(run.lr, 0.0);
            default -> throw new IllegalArgumentException("expected constant or cosine, got '" + schedule + "'");
        });
        BaseStep base = momentum == 0 && weightDecay == 0 ? new BaseStep.Plain()
                : Checks.input(label.apply("--momentum/--weight-decay"), () -> new BaseStep.Momentum(momentum, weightDecay));
        EigenSamOptions eig = Checks.input("Eigen-SAM options", () -> new EigenSamOptions(eigEvery, powerIters, alpha, eigGlobal,
                eigRenormalise, eigSamFirst));
        return Checks.input(m.label(), () -> new Optimizer(objective, m, run.rho, lr, base, sampling, eig));
    }

    SdeSolver sde(SdeKind kind, Objective objective, RunOptions run, Sampling sampling) {
        DriftEstimator d = Checks.input(label.apply("--drift"), () -> DriftEstimator.parse(drift));
        NoiseSpec n = Checks.input(label.apply("--noise"), () -> NoiseSpec.parse(noise));
        return Checks.input(kind.label(), () -> new SdeSolver(objective, kind, run.rho, run.lr, sampling, substeps, d, n));
    }
}
