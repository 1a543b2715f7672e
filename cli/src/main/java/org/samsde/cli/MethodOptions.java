package org.samsde.cli;

import java.util.function.UnaryOperator;

import org.samsde.core.InvalidInputException;
import org.samsde.core.objective.Objective;
import org.samsde.sde.Dynamics;
import org.samsde.sde.LearningRate;
import org.samsde.sde.Registry;
import org.samsde.sde.Sampling;
import org.samsde.sde.model.DriftEstimator;
import org.samsde.sde.model.NoiseSampler;
import org.samsde.sde.model.SdeModel;
import org.samsde.sde.model.SdeSolver;
import org.samsde.sde.optim.BaseStep;
import org.samsde.sde.optim.EigenSam;
import org.samsde.sde.optim.EigenSamOptions;
import org.samsde.sde.optim.Optimizer;
import org.samsde.sde.optim.Svag;
import org.samsde.sde.optim.UpdateRule;
import org.samsde.sde.run.StepSizes;

import picocli.CommandLine.Option;

/**
 * The settings of the discrete optimisers and of the SDE solvers, and the methods they build. The
 * flags that set them are two mixins, so that each command lists only its own: {@link Discrete}
 * ({@code train}) and {@link Sde} ({@code sde}); {@code compare} and the studies set the fields
 * from their configuration. The defaults are the constants below, shared by the flags.
 */
final class MethodOptions {
    static final String DEFAULT_ALPHA = "0.2";
    static final String DEFAULT_EIG_EVERY = "100";
    static final String DEFAULT_POWER_ITERS = "5";
    static final String DEFAULT_SCHEDULE = "constant";
    static final String DEFAULT_SUBSTEPS = "auto";
    static final String DEFAULT_DRIFT = "mc:" + SdeSolver.DEFAULT_BATCHES;
    static final String DEFAULT_NOISE = "compensated";

    double alpha = Double.parseDouble(DEFAULT_ALPHA);
    int eigEvery = Integer.parseInt(DEFAULT_EIG_EVERY);
    int powerIters = Integer.parseInt(DEFAULT_POWER_ITERS);
    boolean eigGlobal;
    boolean eigRenormalise;
    boolean eigSamFirst;
    double momentum;
    double weightDecay;
    String schedule = DEFAULT_SCHEDULE;
    String substeps = DEFAULT_SUBSTEPS;
    String drift = DEFAULT_DRIFT;
    String noise = DEFAULT_NOISE;

    /** The flags of the discrete optimisers ({@code train}). */
    static final class Discrete {
        @Option(names = "--alpha", paramLabel = "A", defaultValue = DEFAULT_ALPHA, description = "Eigen-SAM's α (default ${DEFAULT-VALUE}).")
        double alpha;

        @Option(names = "--eig-every", paramLabel = "K", defaultValue = DEFAULT_EIG_EVERY,
                description = "Eigen-SAM refreshes v every K steps (default ${DEFAULT-VALUE}).")
        int eigEvery;

        @Option(names = "--power-iters", paramLabel = "P", defaultValue = DEFAULT_POWER_ITERS,
                description = "Eigen-SAM's power iterations per refresh (default ${DEFAULT-VALUE}).")
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

        @Option(names = "--schedule", paramLabel = "S", defaultValue = DEFAULT_SCHEDULE,
                description = "Learning-rate schedule: constant, cosine (stepped once per epoch of ⌊n/B⌋ steps, as the official Eigen-SAM code) "
                        + "or cosine-step (every step) (default ${DEFAULT-VALUE}).")
        String schedule;

        /** @return the settings with these flags */
        MethodOptions options() {
            MethodOptions m = new MethodOptions();
            m.alpha = alpha;
            m.eigEvery = eigEvery;
            m.powerIters = powerIters;
            m.eigGlobal = eigGlobal;
            m.eigRenormalise = eigRenormalise;
            m.eigSamFirst = eigSamFirst;
            m.momentum = momentum;
            m.weightDecay = weightDecay;
            m.schedule = schedule;
            return m;
        }
    }

    /** The flags of the SDE solvers ({@code sde}). */
    static final class Sde {
        @Option(names = "--substeps", paramLabel = "auto|M", defaultValue = DEFAULT_SUBSTEPS,
                description = "Euler–Maruyama substeps per step, Δt = η/M: auto (the default) doubles M from 1 until doubling moves no final "
                        + "ensemble mean of the six panels by more than a quarter of its 95%% half-width, on coupled solves; a number forces M, "
                        + "and the result is labelled as not shown converged.")
        String substeps;

        @Option(names = "--drift", paramLabel = "E", defaultValue = DEFAULT_DRIFT,
                description = "SDE drift estimator: mc:M (unbiased, M batches per step shared by the substeps; the default ${DEFAULT-VALUE}), exact (every batch enumerated; small n only) "
                        + "or plugin (the full-batch direction: the DNSAM-type drift, labelled so). Exact for full batches.")
        String drift;

        @Option(names = "--noise", paramLabel = "N", defaultValue = DEFAULT_NOISE,
                description = "SDE noise: compensated (default: with mc:M each step has the model's mean and covariance), batch-mc:M, resample, "
                        + "per-sample (linearised: an approximation for sam2/sam3, labelled so), isotropic:SIGMA or none.")
        String noise;

        /** @return the settings with these flags */
        MethodOptions options() {
            MethodOptions m = new MethodOptions();
            m.substeps = substeps;
            m.drift = drift;
            m.noise = noise;
            return m;
        }
    }

    /** How messages name an option (see {@link RunOptions#label}). */
    UnaryOperator<String> label = UnaryOperator.identity();

    /**
     * @param name a discrete method's name, an SDE model's name, or sde:MODEL (any registered rule or
     *     model, built-in or on the class path); a discrete method may carry options after {@code @}:
     *     {@code sam@svag=4} is SAM with SVAG at L = 4
     * @param objective the training loss
     * @param run the run options
     * @return the method
     */
    Dynamics<?> build(String name, Objective objective, RunOptions run) {
        Sampling sampling = run.sampling();
        int at = name.indexOf('@');
        if (at >= 0) {
            String base = name.substring(0, at);
            Svag svag = svagOption(name, name.substring(at + 1));
            if (base.startsWith("sde:") || !Registry.has(UpdateRule.Provider.class, base)) {
                throw new InvalidInputException("method '" + name + "': svag=L applies to the discrete methods ("
                        + String.join(", ", Registry.usages(UpdateRule.Provider.class)) + "), not to '" + base + "'");
            }
            UpdateRule rule = Checks.input("method '" + name + "'", () -> UpdateRule.byName(base));
            return labelled(base + svag.suffix(), Checks.input("method '" + name + "'", () -> optimizer(rule, objective, run, sampling, svag)));
        }
        if (name.startsWith("sde:")) {
            SdeModel model = Checks.input("method '" + name + "'", () -> SdeModel.byName(name.substring(4)));
            SdeSolver sde = sde(model, objective, run, sampling);
            return new Labelled<>(sde.name().equals(model.name()) ? name : "sde:" + sde.name(), sde);
        }
        if (Registry.has(UpdateRule.Provider.class, name)) {
            return labelled(name, optimizer(Checks.input("method '" + name + "'", () -> UpdateRule.byName(name)), objective, run, sampling));
        }
        if (Registry.has(SdeModel.Provider.class, name)) {
            return labelled(name, sde(Checks.input("method '" + name + "'", () -> SdeModel.byName(name)), objective, run, sampling));
        }
        throw new InvalidInputException("unknown method '" + name + "': expected one of "
                + String.join(", ", Registry.usages(UpdateRule.Provider.class)) + ", "
                + String.join(", ", Registry.usages(SdeModel.Provider.class)) + " or sde:MODEL");
    }

    /**
     * @param spec the whole method specification, for messages
     * @param options the text after its {@code @}: {@code svag=L}
     * @return SVAG at L
     * @throws InvalidInputException naming an unknown option or a bad L
     */
    private static Svag svagOption(String spec, String options) {
        int eq = options.indexOf('=');
        String key = eq < 0 ? options : options.substring(0, eq);
        if (!key.trim().equals("svag")) {
            throw new InvalidInputException("method '" + spec + "': unknown option '" + key + "' (expected svag=L, e.g. sam@svag=4)");
        }
        String value = eq < 0 ? "" : options.substring(eq + 1).trim();
        try {
            int l = Integer.parseInt(value);
            if (l >= 1) {
                return new Svag(l);
            }
        } catch (NumberFormatException e) {
            // the message below
        }
        throw new InvalidInputException("method '" + spec + "': svag must be a positive whole number, got '" + value + "'");
    }

    /**
     * A method given with arguments ({@code gnp:0.2}) keeps them in its label, so that two settings of
     * one method are two ensembles, never pooled under one name.
     *
     * @param spec the method as given
     * @param d the method built from it
     * @return d, under the label spec when its own label drops the arguments
     */
    private static Dynamics<?> labelled(String spec, Dynamics<?> d) {
        return spec.contains(":") && !d.name().equals(spec) ? new Labelled<>(spec, d) : d;
    }

    /**
     * @param rule the update rule (Eigen-SAM's options are taken from the flags)
     * @param objective the training loss
     * @param run the run options
     * @param sampling the batches
     * @return the optimiser
     */
    Optimizer optimizer(UpdateRule rule, Objective objective, RunOptions run, Sampling sampling) {
        return optimizer(rule, objective, run, sampling, null);
    }

    /**
     * @param rule the update rule (Eigen-SAM's options are taken from the flags)
     * @param objective the training loss
     * @param run the run options
     * @param sampling the batches
     * @param svag SVAG's amplification, or null for the plain method
     * @return the optimiser
     */
    Optimizer optimizer(UpdateRule rule, Objective objective, RunOptions run, Sampling sampling, Svag svag) {
        LearningRate lr = Checks.input(label.apply("--schedule"), () -> switch (schedule) {
            case "constant" -> new LearningRate.Constant(run.lr);
            case "cosine" -> new LearningRate.Cosine(run.lr, 0.0, false);
            case "cosine-step" -> new LearningRate.Cosine(run.lr, 0.0, true);
            default -> throw new IllegalArgumentException("expected constant, cosine or cosine-step, got '" + schedule + "'");
        });
        BaseStep base = momentum == 0 && weightDecay == 0 ? new BaseStep.Plain()
                : Checks.input(label.apply("--momentum/--weight-decay"), () -> new BaseStep.Momentum(momentum, weightDecay));
        UpdateRule r = rule instanceof EigenSam ? new EigenSam(Checks.input("Eigen-SAM options", this::eigenSamOptions)) : rule;
        return Checks.input(rule.name(), () -> Optimizer.builder(objective, r).rho(run.rho).lr(lr).base(base).sampling(sampling).svag(svag).build());
    }

    /** @return Eigen-SAM's options from the flags */
    EigenSamOptions eigenSamOptions() {
        return EigenSamOptions.DEFAULTS.withEvery(eigEvery).withPowerIterations(powerIters).withAlpha(alpha).withGlobalCounter(eigGlobal)
                .withRenormalise(eigRenormalise).withSamBeforeFirst(eigSamFirst);
    }

    /**
     * @return how the SDE methods' substeps are chosen
     * @throws InvalidInputException when --substeps is neither auto nor a positive whole number
     */
    StepSizes.Policy policy() {
        return substeps.equals("auto") ? StepSizes.Policy.auto() : StepSizes.Policy.fixed();
    }

    /** @return m as built: 1 under auto (its first level), else the forced number */
    int substepCount() {
        if (substeps.equals("auto")) {
            return 1;
        }
        try {
            int m = Integer.parseInt(substeps.trim());
            if (m >= 1) {
                return m;
            }
        } catch (NumberFormatException e) {
            // the message below
        }
        throw new InvalidInputException(label.apply("--substeps") + " must be auto or a positive whole number, got '" + substeps + "'");
    }

    /**
     * @param model the model
     * @param objective the training loss
     * @param run the run options
     * @param sampling the batches
     * @return the solver
     */
    SdeSolver sde(SdeModel model, Objective objective, RunOptions run, Sampling sampling) {
        DriftEstimator d = Checks.input(label.apply("--drift"), () -> DriftEstimator.parse(drift));
        NoiseSampler n = Checks.input(label.apply("--noise"), () -> NoiseSampler.parse(noise));
        return Checks.input(model.name(), () -> SdeSolver.builder(objective, model).rho(run.rho).eta(run.lr).sampling(sampling)
                .substeps(substepCount()).drift(d).noise(n).build());
    }
}
