package org.samsde.bench;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.samsde.core.InvalidInputException;
import org.samsde.core.objective.Batch;
import org.samsde.core.objective.Objective;
import org.samsde.core.objective.TaylorResult;
import org.samsde.core.tensor.Backend;
import org.samsde.core.tensor.CpuBackend;
import org.samsde.core.tensor.Tensor;
import org.samsde.sde.Dynamics;
import org.samsde.sde.Sampling;
import org.samsde.sde.model.DriftEstimator;
import org.samsde.sde.model.NoiseSampler;
import org.samsde.sde.model.SdeModel;
import org.samsde.sde.model.SdeSolver;
import org.samsde.sde.optim.Optimizer;
import org.samsde.sde.optim.Sam;
import org.samsde.sde.run.Ensemble;
import org.samsde.sde.run.Problem;
import org.samsde.sde.run.StepSizes;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code samsde bench sde-cost}: what a converged SDE trajectory costs against the discrete
 * trajectory it models, on the paper-sde problem (MLP 784-64-10 tanh on 5000 MNIST images, B = 64).
 *
 * <p>First the step size: discrete SAM and the SDE model run as {@link StepSizes#run} runs them
 * under {@link StepSizes.Policy#auto()} (seeded ensembles with the records of {@code study paper-sde}: every 50 steps,
 * λ_max on the first 256 images), which reports the m and the
 * budget T of the level whose change from the coarser level passed the criterion. Then the cost:
 * one thread, rounds that each time the same steps of SAM, of the model at that level, and of the
 * same level with the increments computed by separate passes (the objective wrapped so that its
 * stacked pass is not used); within each round the three are timed back to back, in an order that
 * alternates, and the figure is the median over rounds of the per-round ratio of the thread's CPU
 * times (on a shared machine, wall time also counts the waits for a core). Records are not
 * timed (the steps are called directly), nor is the JVM's start. The search itself runs every
 * level it tried; its cost is printed too, as the sum of the tried levels' per-step costs.
 */
@Command(name = "sde-cost", mixinStandardHelpOptions = true, sortOptions = false,
        header = "Cost of a converged SDE trajectory against the discrete SAM trajectory it models.",
        description = {"Cost per step of a sam3 trajectory at the step size that the auto step-size check accepts, against discrete",
            "SAM's, on the paper-sde MLP (784-64-10 tanh, 5000 MNIST images, B = 64): the check first (ensembles), then",
            "interleaved timing rounds on one thread; prints the ratio and the same ratio with the increments computed by",
            "separate passes."})
public final class SdeCostBench implements Callable<Integer> {
    /** The constructor picocli calls. */
    public SdeCostBench() {
    }

    @Spec
    CommandSpec spec;

    @Option(names = "--model", paramLabel = "SPEC", defaultValue = "mlp:784-64-10:tanh", description = "Model (default ${DEFAULT-VALUE}).")
    String model;

    @Option(names = "--data", paramLabel = "D", defaultValue = "mnist:n=5000,test=1000", description = "Data (default ${DEFAULT-VALUE}).")
    String data;

    @Option(names = "--sde", paramLabel = "MODEL", defaultValue = "sam3", description = "SDE model (default ${DEFAULT-VALUE}).")
    String sde;

    @Option(names = "--drift", paramLabel = "E", defaultValue = "mc:" + SdeSolver.DEFAULT_BATCHES,
            description = "Drift estimator (default ${DEFAULT-VALUE}, the library's).")
    String drift;

    @Option(names = "--noise", paramLabel = "N", defaultValue = "compensated", description = "Noise sampler (default ${DEFAULT-VALUE}).")
    String noise;

    @Option(names = "--lr", paramLabel = "ETA", defaultValue = "0.05", description = "η (default ${DEFAULT-VALUE}).")
    double lr;

    @Option(names = "--rho", paramLabel = "RHO", defaultValue = "0.05", description = "ρ (default ${DEFAULT-VALUE}).")
    double rho;

    @Option(names = "--batch", paramLabel = "B", defaultValue = "64", description = "Batch size (default ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--steps", paramLabel = "N", defaultValue = "1000", description = "Steps of the step-size check (default ${DEFAULT-VALUE}).")
    int steps;

    @Option(names = "--seeds", paramLabel = "K", defaultValue = "8", description = "Seeds of the step-size check, at least 2 (default ${DEFAULT-VALUE}).")
    int seeds;

    @Option(names = "--every", paramLabel = "E", defaultValue = "50", description = "Records of the step-size check every E steps (default ${DEFAULT-VALUE}).")
    int every;

    @Option(names = "--hessian", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Record λ_max in the step-size check, as study paper-sde does (default ${DEFAULT-VALUE}).")
    boolean hessian;

    @Option(names = "--hessian-subset", paramLabel = "N", defaultValue = "256", description = "λ_max on the first N training samples (default ${DEFAULT-VALUE}).")
    int hessianSubset;

    @Option(names = "--threads", paramLabel = "T", defaultValue = "0", description = "Threads of the step-size check (default: all cores).")
    int threads;

    @Option(names = "--substeps", paramLabel = "M",
            description = "Skip the check and time the level at M substeps with the budget the check would give its pair (M/2, M).")
    Integer substeps;

    @Option(names = "--timing-steps", paramLabel = "N", defaultValue = "40", description = "Steps per method per timing round (default ${DEFAULT-VALUE}).")
    int timingSteps;

    @Option(names = "--rounds", paramLabel = "R", defaultValue = "7", description = "Timing rounds (default ${DEFAULT-VALUE}).")
    int rounds;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        if (seeds < 2 || steps < 1 || timingSteps < 1 || rounds < 1 || batch < 1 || every < 1 || hessianSubset < 1) {
            throw new InvalidInputException("--seeds must be at least 2 and --steps, --every, --timing-steps, --rounds, --batch, --hessian-subset positive");
        }
        if (substeps != null && (substeps < 2 || Integer.bitCount(substeps) != 1)) {
            throw new InvalidInputException("--substeps must be a power of two, at least 2, got " + substeps);
        }
        Backend be = CpuBackend.get();
        Problem problem = BenchProblems.of(model, data, hessianSubset, be);
        Objective train = problem.train();
        Sampling sampling = new Sampling(batch, false);
        Optimizer sam = Optimizer.builder(train, Sam.INSTANCE).rho(rho).eta(lr).sampling(sampling).build();
        SdeSolver base = solver(train, sampling);
        out.printf("sde-cost: %s, B = %d, eta = %g, rho = %g, %s with %s drift and %s noise; load average %s%n", problem.description(), batch, lr, rho,
                base.name(), drift, noise, LoadAverage.read());
        int m;
        int budget;
        String how;
        List<Integer> tried;
        if (substeps == null) {
            Ensemble.Settings settings = Ensemble.Settings.builder().steps(steps).every(Math.min(every, steps)).seeds(seeds).masterSeed(0)
                    .threads(threads > 0 ? threads : Runtime.getRuntime().availableProcessors()).hessian(hessian).build();
            long t0 = System.nanoTime();
            StepSizes.Result r = StepSizes.run(problem, List.<Dynamics<?>>of(sam, base), settings, StepSizes.Policy.auto(), k -> { }, () -> { });
            StepSizes.Choice c = r.choices().get(0);
            m = c.substeps();
            budget = c.budget();
            tried = c.tried();
            how = String.format("step-size check (%d seeds x %d steps, %.0f s): %s at m = %d, T = %d (levels %s), worst change %.2f of the 95%% half-width",
                    seeds, steps, (System.nanoTime() - t0) / 1e9, c.converged() ? "converged" : "NOT converged", m, budget, c.tried(),
                    c.worstRatio());
        } else {
            m = substeps;
            budget = StepSizes.pairBudget(base, m / 2);
            tried = List.of(m / 2, m);
            how = String.format("level given (--substeps): m = %d, T = %d, not checked", m, budget);
        }
        out.println(how);
        out.flush();
        Map<String, Dynamics<?>> timed = new LinkedHashMap<>();
        timed.put("sam", sam);
        timed.put("level", StepSizes.levelSolver(base, m, budget));
        timed.put("separate", StepSizes.levelSolver(solver(new Separate(train), sampling), m, budget));
        for (int level : tried) {
            if (level != m) {
                timed.put("m" + level, StepSizes.levelSolver(base, level, budget));
            }
        }
        Map<String, double[]> perStep = time(problem, timed);
        double[] ratio = new double[rounds];
        double[] separate = new double[rounds];
        double[] search = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            double s = perStep.get("sam")[r];
            ratio[r] = perStep.get("level")[r] / s;
            separate[r] = perStep.get("separate")[r] / s;
            double all = 0;
            for (Map.Entry<String, double[]> e : perStep.entrySet()) {
                if (e.getKey().equals("level") || e.getKey().startsWith("m")) {
                    all += e.getValue()[r];
                }
            }
            search[r] = all / s;
        }
        out.printf("discrete SAM: %.3f ms/step (CPU time); %s at m = %d, T = %d: %.3f ms/step (separate passes: %.3f ms/step)%n",
                1e3 * PassTimings.median(perStep.get("sam")), base.name(), m, budget, 1e3 * PassTimings.median(perStep.get("level")),
                1e3 * PassTimings.median(perStep.get("separate")));
        out.printf("converged %s / SAM cost: %.2f (target <= 10; rounds %.2f-%.2f); with separate passes %.2f; the search over levels %s: %.2f%n",
                base.name(), PassTimings.median(ratio), PassTimings.min(ratio), PassTimings.max(ratio), PassTimings.median(separate), tried, PassTimings.median(search));
        out.printf("load average %s%n", LoadAverage.read());
        out.flush();
        return 0;
    }

    private SdeSolver solver(Objective f, Sampling sampling) {
        return SdeSolver.builder(f, SdeModel.byName(sde)).rho(rho).eta(lr).sampling(sampling).drift(DriftEstimator.parse(drift))
                .noise(NoiseSampler.parse(noise)).build();
    }

    /** Seconds per step of each method, per round, after one untimed warm-up round. */
    private Map<String, double[]> time(Problem p, Map<String, Dynamics<?>> methods) {
        Map<String, double[]> out = new LinkedHashMap<>();
        for (String name : methods.keySet()) {
            out.put(name, new double[rounds]);
        }
        List<String> names = new ArrayList<>(methods.keySet());
        CpuBackend.get().singleThreaded(() -> {
            for (String name : names) {
                steps(p, methods.get(name), Math.max(5, timingSteps / 4), 99);
            }
            for (int r = 0; r < rounds; r++) {
                for (int i = 0; i < names.size(); i++) {
                    String name = names.get(r % 2 == 0 ? i : names.size() - 1 - i);
                    out.get(name)[r] = steps(p, methods.get(name), timingSteps, r) / timingSteps;
                }
            }
            return null;
        });
        return out;
    }

    /**
     * CPU seconds of n steps of one trajectory from the problem's x₀, on this thread (OpenBLAS runs
     * single-threaded in it): on a machine shared with other work, CPU time is what the steps cost,
     * where wall time also counts the waits for a core.
     */
    private static <S extends Dynamics.State> double steps(Problem p, Dynamics<S> d, int n, long seed) {
        Tensor x0 = p.train().backend().upload(p.x0(), p.dimension());
        S s = d.init(x0, seed);
        x0.close();
        java.lang.management.ThreadMXBean cpu = java.lang.management.ManagementFactory.getThreadMXBean();
        long start = cpu.getCurrentThreadCpuTime();
        for (int k = 0; k < n; k++) {
            d.step(s, k, n);
        }
        double seconds = (cpu.getCurrentThreadCpuTime() - start) / 1e9;
        s.x().close();
        return seconds;
    }



    /** An objective that hides its stacked pass: {@link Objective#taylorAlongGradients} runs the separate passes. */
    private record Separate(Objective f) implements Objective {
        @Override
        public Backend backend() {
            return f.backend();
        }

        @Override
        public int dimension() {
            return f.dimension();
        }

        @Override
        public int sampleCount() {
            return f.sampleCount();
        }

        @Override
        public TaylorResult taylor(Tensor x, Tensor directions, int order, Batch batch) {
            return f.taylor(x, directions, order, batch);
        }

        @Override
        public Evaluation evaluate(Tensor x, Batch batch) {
            return f.evaluate(x, batch);
        }
    }
}
