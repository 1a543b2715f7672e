package org.samsde.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.samsde.core.InvalidInputException;
import org.samsde.sde.Dynamics;
import org.samsde.sde.artifact.RunInfo;
import org.samsde.sde.run.Ensemble;
import org.samsde.sde.run.Problem;
import org.samsde.sde.run.RunDirectory;
import org.samsde.sde.run.StepSizes;
import org.samsde.sde.run.Summary;

import picocli.CommandLine.Model.CommandSpec;

/** Runs an ensemble with its {@link Progress}, writes its run directory and prints a short summary. */
final class EnsembleRun {
    private EnsembleRun() {
    }

    /**
     * Runs, checkpointing every {@code checkpointEvery} steps into {@code out/checkpoints}, and
     * writes the records. Before the run, {@code out/run.json} records the arguments that reproduce
     * it (status "running"), so {@code --resume} and {@code rerun} can find them. A fresh run into a
     * directory that holds another run is refused (one line naming the run there, exit 2) unless
     * force is set, which removes that run's files (and only those) and its checkpoints first: the
     * library's {@link RunDirectory} does all of that, and this adds the progress line, the signals
     * and the printed summary. SIGINT and SIGTERM checkpoint every trajectory where it stands and end the
     * command with a line saying how to resume.
     *
     * @param command the command's name
     * @param problem the problem
     * @param methods the methods, with distinct labels
     * @param settings the ensemble settings
     * @param out the run directory
     * @param config the configuration to record in run.json
     * @param args the argument vector that reproduces this run
     * @param frozen a configuration file to write as out/config.json before the run (null for none)
     * @param resume whether to continue from the checkpoints in out
     * @param force whether a run already in out is replaced
     * @param policy how the SDE methods' substeps are chosen
     * @param spec the running command; not modified
     * @return the trajectories
     */
    static List<Ensemble.Trajectory> execute(String command, Problem problem, List<? extends Dynamics<?>> methods,
                                             Ensemble.Settings settings, Path out, Map<String, Object> config,
                                             List<String> args, Map<String, Object> frozen, boolean resume, boolean force,
                                             StepSizes.Policy policy, CommandSpec spec) {
        String path = String.join(" ", Replay.commandPath(spec));
        RunDirectory.check(problem, methods, settings); // before the claim: a refused run writes nothing
        RunInfo info = RunInfo.of(command, problem.train().backend().description(), config);
        info.put("args", args);
        RunDirectory dir = claim(out, resume ? RunDirectory.Claim.RESUME : force ? RunDirectory.Claim.REPLACE : RunDirectory.Claim.NEW, info);
        if (frozen != null) {
            dir.config(frozen);
        }
        // an auto solve runs about three levels (m = 1, 2, 4); the count is an estimate for the progress line
        long solves = methods.stream().mapToLong(m -> m.solver() != null && policy.refine() ? 3 : 1).sum();
        long total = solves * settings.seeds() * settings.steps();
        Path checkpoints = settings.checkpoints();
        int trajectories = methods.size() * settings.seeds();
        // SIGINT and SIGTERM (Slurm's preemption) ask every trajectory to checkpoint where it stands;
        // the hook waits for that, and for the line that says how to resume
        AtomicBoolean stop = new AtomicBoolean();
        CountDownLatch ended = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            stop.set(true);
            try {
                ended.await(120, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "samsde-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        Ensemble.Settings stoppable = settings.toBuilder().stop(stop).build();
        RunDirectory.Outcome run;
        try (Progress progress = Progress.start(spec, command, total, "steps", trajectories, methods.size() == 1 ? "seeds" : "trajectories")) {
            run = dir.run(problem, methods, stoppable, policy, progress, progress::itemDone);
        } catch (Ensemble.Stopped e) {
            PrintWriter err = spec.commandLine().getErr();
            err.println("samsde " + path + ": stopped by a signal; " + (checkpoints != null
                    ? "every trajectory was checkpointed where it stood: continue with 'samsde " + path + " --resume " + out + "'"
                    : "no checkpoints were kept (--checkpoint-every 0), so the run must start again"));
            err.flush();
            throw e;
        } catch (RunDirectory.Unwritable e) {
            String kept = e.kept() ? "the finished trajectories are kept in " + checkpoints + ": make room and run '" + path
                    + " --resume " + out + "' to write them" : "rerun with --force once there is room";
            throw new InvalidInputException("--out " + out + ": cannot write the run's files (" + reason(e) + "); " + kept, e);
        } finally {
            ended.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // the JVM is shutting down: the hook is running, and returns now that `ended` is counted down
            }
        }
        List<Ensemble.Trajectory> result = run.trajectories();
        printSummary(spec.commandLine().getOut(), result, run.choices(), out, run.seconds());
        if (run.allDiverged()) {
            throw new Diverged("every trajectory diverged (its parameters left --divergence-bound or became NaN; "
                    + "trajectories.csv marks the step): nothing to summarise, try a smaller --lr or --rho");
        }
        return result;
    }

    /**
     * Claims a run directory for a command: an occupied --out is refused with one line that names
     * the run there and the flags that resume or replace it.
     *
     * @param out the run directory
     * @param claim new, replacing, or resuming
     * @param info the provenance
     * @return the directory
     */
    static RunDirectory claim(Path out, RunDirectory.Claim claim, RunInfo info) {
        try {
            return RunDirectory.open(out, claim, info);
        } catch (RunDirectory.Occupied e) {
            throw refusal(out, e);
        }
    }

    /**
     * @param out the refused --out
     * @param e the library's refusal
     * @return the command line's one line: the run there, and the flags that resume or replace it
     */
    static InvalidInputException refusal(Path out, RunDirectory.Occupied e) {
        return new InvalidInputException("--out " + out + " holds " + e.occupant() + ": "
                + (e.finished() ? "" : "continue it with --resume " + out + ", ") + "replace it with --force, or choose another --out", e);
    }

    /** @return the I/O failure's reason, from the cause of a library exception */
    private static String reason(RuntimeException e) {
        return e.getCause() instanceof java.io.IOException io ? org.samsde.core.io.IoErrors.describe(io) : e.getMessage();
    }

    /** A run that finished with every trajectory diverged: its files are written, and the command exits {@value Main#DIVERGED}. */
    static final class Diverged extends RuntimeException {
        private static final long serialVersionUID = 1L;

        /** @param message the one line to print */
        Diverged(String message) {
            super(message);
        }
    }

    private static void printSummary(PrintWriter o, List<Ensemble.Trajectory> trajectories, List<StepSizes.Choice> choices, Path out,
                                     double seconds) {
        long diverged = trajectories.stream().filter(Ensemble.Trajectory::diverged).count();
        table(Summary.of(trajectories)).forEach(o::println);
        if (diverged > 0) {
            o.printf("%d trajectories diverged (marked in trajectories.csv)%n", diverged);
        }
        for (StepSizes.Choice c : choices) {
            o.println(stepSize(c));
        }
        o.printf("wrote %s (trajectories.csv, summary.csv, params, run.json, figure.png, figure.svg%s) in %.1f s%n", out,
                Files.exists(out.resolve("noise.png")) ? ", noise.png, noise.svg" : "", seconds);
        o.flush();
    }

    /**
     * The summary table a run prints: per method, its last recorded step with the train loss, the
     * test accuracy and λ_max as mean ± 95% half-width. The README's tables are this table of
     * committed summary files (checked by a test).
     *
     * @param rows summary rows; not modified
     * @return the lines, header first, without line ends
     */
    static List<String> table(List<Summary.Row> rows) {
        Map<String, Summary.Row> last = new LinkedHashMap<>();
        for (Summary.Row r : rows) {
            last.put(r.method(), r);
        }
        // the method column as wide as the longest label (sam2+plugin+per-sample), at least 12
        int width = Math.max(12, last.keySet().stream().mapToInt(String::length).max().orElse(0));
        String head = "%-" + width + "s %6s %5s  %-24s %-24s %s";
        String line = "%-" + width + "s %6d %5d  %-24s %-24s %s";
        List<String> out = new java.util.ArrayList<>();
        out.add(String.format(head, "method", "step", "seeds", "train loss", "test acc", "lambda_max"));
        for (Summary.Row r : last.values()) {
            out.add(String.format(line, r.method(), r.step(), r.seeds(), interval(r, "train_loss"), interval(r, "test_acc"),
                    interval(r, "lambda_max")));
        }
        return out;
    }

    /** @return one line on the step size of an SDE method's result and the evidence for it */
    static String stepSize(StepSizes.Choice c) {
        String at = String.format("%s: dt = eta/%d", c.method(), c.substeps());
        if (!c.checked()) {
            return at + ", as given (--substeps): NOT shown converged";
        }
        StepSizes.Change worst = null;
        for (StepSizes.Change ch : c.changes()) {
            if (worst == null || !(ch.size() / ch.halfWidth() <= worst.size() / worst.halfWidth())) {
                worst = ch;
            }
        }
        String evidence = worst == null ? "no observable to compare"
                : Double.isFinite(worst.halfWidth())
                ? String.format("from eta/%d the largest change of a final mean was %.2g of its half-width (%s: %.4g -> %.4g, ± %.2g)",
                        c.substeps() / 2, worst.size() / worst.halfWidth(), worst.observable(), worst.coarse(), worst.fine(), worst.halfWidth())
                : String.format("from eta/%d the largest change was %s: %.4g -> %.4g (one seed: relative tolerance)", c.substeps() / 2,
                        worst.observable(), worst.coarse(), worst.fine());
        return at + (c.converged() ? ", converged: " : ", NOT converged up to the finest level tried: ") + evidence;
    }

    private static String interval(Summary.Row r, String name) {
        double m = r.mean(name);
        if (Double.isNaN(m)) {
            return "-";
        }
        double half = (r.upper(name) - r.lower(name)) / 2;
        return Double.isNaN(half) ? String.format("%.4g", m) : String.format("%.4g ± %.2g", m, half);
    }
}
