package org.samsde.cli;

import java.nio.file.Path;
import java.util.function.UnaryOperator;

import org.samsde.core.InvalidInputException;
import org.samsde.sde.Sampling;
import org.samsde.sde.run.Ensemble;

import picocli.CommandLine.Option;

/** The options shared by the commands that run ensembles. */
final class RunOptions {
    @Option(names = "--lr", paramLabel = "ETA", defaultValue = "0.1", description = "Learning rate η (default ${DEFAULT-VALUE}; compare's is 0.05, "
            + "where an SDE model's weak error, of order η, is half as large as here).")
    double lr;

    @Option(names = "--rho", paramLabel = "RHO", defaultValue = "0.05", description = "Perturbation radius ρ (default ${DEFAULT-VALUE}).")
    double rho;

    @Option(names = "--batch", paramLabel = "B|full", defaultValue = "32", description = "Batch size B, or full (default ${DEFAULT-VALUE}).")
    String batch;

    @Option(names = "--replacement", description = "Draw batches with replacement (default: without).")
    boolean replacement;

    @Option(names = "--steps", paramLabel = "N", defaultValue = "300", description = "Steps (default ${DEFAULT-VALUE}: SDE time 30 at the default η; "
            + "compare's 400 steps of 0.05 cover time 20).")
    int steps;

    @Option(names = "--seeds", paramLabel = "K", defaultValue = "8", description = "Ensemble size (default ${DEFAULT-VALUE}).")
    int seeds;

    @Option(names = "--every", paramLabel = "E", defaultValue = "10", description = "Record every E steps (default ${DEFAULT-VALUE}).")
    int every;

    @Option(names = "--master-seed", paramLabel = "S", defaultValue = "0", description = "Master seed of the ensemble (default ${DEFAULT-VALUE}).")
    long masterSeed;

    @Option(names = "--threads", paramLabel = "T", description = "Worker threads (default: the number of cores).")
    Integer threads;

    @Option(names = "--no-hessian", description = "Do not measure λ_max and the alignments (faster).")
    boolean noHessian;

    @Option(names = "--divergence-bound", paramLabel = "X", defaultValue = "1e6",
            description = "Stop a trajectory whose ‖x‖ exceeds X or holds NaN/Inf (default ${DEFAULT-VALUE}).")
    double divergenceBound;

    @Option(names = "--out", paramLabel = "DIR", description = "Run directory for the records (default runs/COMMAND).")
    Path out;

    @Option(names = "--force", description = "Replace a run already in --out (only the files runs write are removed).")
    boolean force;

    @Option(names = "--checkpoint-every", paramLabel = "K", defaultValue = "100",
            description = "Checkpoint every trajectory every K steps into DIR/checkpoints, for --resume (0: never; default ${DEFAULT-VALUE}).")
    int checkpointEvery;

    /**
     * How messages name an option: the option itself by default; compare names the key of its
     * configuration file instead.
     */
    UnaryOperator<String> label = UnaryOperator.identity();

    /** @return the sampling, checked */
    Sampling sampling() {
        if (batch.equals("full")) {
            return new Sampling(Sampling.FULL, replacement);
        }
        try {
            int b = Integer.parseInt(batch);
            if (b < 1) {
                throw new InvalidInputException(label.apply("--batch") + " must be a positive whole number or 'full', got " + batch);
            }
            return new Sampling(b, replacement);
        } catch (NumberFormatException e) {
            throw new InvalidInputException(label.apply("--batch") + " must be a positive whole number or 'full', got '" + batch + "'");
        }
    }

    /**
     * Checks the numeric options and settles the run directory.
     *
     * @param command the command's name, for the default run directory runs/COMMAND
     */
    void validate(String command) {
        if (out == null) {
            out = Path.of("runs", command);
        }
        Checks.positive(label.apply("--lr"), lr);
        Checks.nonNegative(label.apply("--rho"), rho);
        Checks.positive(label.apply("--steps"), steps);
        Checks.positive(label.apply("--seeds"), seeds);
        Checks.positive(label.apply("--every"), every);
        Checks.positive(label.apply("--divergence-bound"), divergenceBound);
        if (threads != null) {
            Checks.positive(label.apply("--threads"), threads);
        }
        if (checkpointEvery < 0) {
            throw new InvalidInputException(label.apply("--checkpoint-every") + " must be 0 or positive, got " + checkpointEvery);
        }
        Inputs.outputDirectory(out, label.apply("--out"));
    }

    /** @return the worker threads */
    int threadCount() {
        return threads != null ? threads : Runtime.getRuntime().availableProcessors();
    }

    /** @return the ensemble settings */
    Ensemble.Settings settings() {
        return Ensemble.Settings.builder().steps(steps).every(every).seeds(seeds).masterSeed(masterSeed).threads(threadCount())
                .hessian(!noHessian).hessianTolerance(1e-4).divergenceBound(divergenceBound)
                .checkpoints(checkpointEvery, checkpointEvery > 0 ? out.resolve("checkpoints") : null).build();
    }
}
