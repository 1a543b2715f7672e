package org.samsde.bench;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

import org.samsde.core.InvalidInputException;
import org.samsde.core.data.DataFiles;
import org.samsde.core.data.Split;
import org.samsde.core.model.ModelSpec;
import org.samsde.core.objective.Objective;
import org.samsde.core.tensor.CpuBackend;
import org.samsde.sde.Dynamics;
import org.samsde.sde.LearningRate;
import org.samsde.sde.Sampling;
import org.samsde.sde.model.DriftEstimator;
import org.samsde.sde.model.NoiseSampler;
import org.samsde.sde.model.SdeModel;
import org.samsde.sde.model.SdeSolver;
import org.samsde.sde.optim.BaseStep;
import org.samsde.sde.optim.Optimizer;
import org.samsde.sde.optim.UpdateRule;
import org.samsde.sde.run.Problem;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code samsde bench steps}: steps per second of discrete SAM and of the sam3 SDE (the faithful
 * default, mc:8 drift with compensated noise, and the plug-in drift with per-sample noise) on the
 * default compare problem, as ensembles on 1 and on T threads. {@link #workload} builds that
 * problem and those methods from the library with compare's defaults (the command line's tests
 * check that they equal what {@code samsde compare} builds); {@link StepsBenchmark} measures, and
 * says how it warms up and alternates.
 */
@Command(name = "steps", mixinStandardHelpOptions = true, sortOptions = false,
        header = "Steps/s of SAM and sam3 on the default compare problem.",
        description = {"Steps/s of SAM and sam3 (faithful default, and plug-in drift with per-sample noise) on the default compare",
            "problem, ensembles on 1 thread",
            "and on --threads: medians of alternating runs after a warm-up."})
public final class StepsBench implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--threads", paramLabel = "T", description = "Threads of the parallel figure (default: the number of cores).")
    Integer threads;

    @Option(names = "--seeds", paramLabel = "K", defaultValue = "8", description = "Trajectories per ensemble (default ${DEFAULT-VALUE}).")
    int seeds;

    @Option(names = "--steps", paramLabel = "N",
            description = "Steps per trajectory (default: as many as take about --seconds on one thread).")
    Integer steps;

    @Option(names = "--seconds", paramLabel = "S", defaultValue = "1.5",
            description = "Length of one 1-thread measurement when --steps is not given (default ${DEFAULT-VALUE}).")
    double seconds;

    @Option(names = "--repeats", paramLabel = "R", defaultValue = "5", description = "Measurements per thread count (default ${DEFAULT-VALUE}).")
    int repeats;

    @Option(names = "--warmup", paramLabel = "S", defaultValue = "4", description = "Seconds of warm-up per method (default ${DEFAULT-VALUE}).")
    double warmup;

    @Override
    public Integer call() {
        int t = threads != null ? threads : Runtime.getRuntime().availableProcessors();
        SyntheticInputs.positive("--threads", t);
        SyntheticInputs.positive("--seeds", seeds);
        SyntheticInputs.positive("--repeats", repeats);
        if (steps != null) {
            SyntheticInputs.positive("--steps", steps);
        }
        if (!(seconds > 0) || !Double.isFinite(seconds)) {
            throw new InvalidInputException("--seconds must be a positive finite number, got " + seconds);
        }
        if (!(warmup >= 0) || !Double.isFinite(warmup)) {
            throw new InvalidInputException("--warmup must be a finite number >= 0, got " + warmup);
        }
        Workload w = workload();
        StepsBenchmark.run(spec.commandLine().getOut(), w.problem(), w.methods(), new StepsBenchmark.Settings(t, seeds, steps, seconds, repeats, warmup));
        return 0;
    }

    /** The model of compare's default problem. */
    public static final String MODEL = "mlp:2-16-16-3:tanh";
    /** The data of compare's default problem. */
    public static final String DATA = "blobs:k=3,n=512,d=2,sep=3,test=256,seed=0";
    /** compare's default η. */
    public static final double LR = 0.05;
    /** compare's default ρ. */
    public static final double RHO = 0.05;
    /** compare's default batch size. */
    public static final int BATCH = 32;
    /** compare's default Hessian subset. */
    public static final int HESSIAN_SUBSET = 256;

    /**
     * What is timed.
     *
     * @param problem compare's default problem
     * @param methods sam, sam3 (mc:8 drift, compensated noise) and sam3 with the plug-in drift and
     *     per-sample noise, by name
     */
    public record Workload(Problem problem, Map<String, Dynamics<?>> methods) {
    }

    /** @return compare's default problem and the three methods, on the CPU backend */
    public static Workload workload() {
        ModelSpec model = ModelSpec.parse(MODEL);
        Split split = DataFiles.resolve(DATA);
        ModelSpec.Model built = model.build(split.train(), CpuBackend.get());
        Objective train = built.objective();
        Objective test = built.on(split.test());
        int n = train.sampleCount();
        String description = model + " on " + DATA + " (n = " + n + ", test " + test.sampleCount() + ")";
        Problem p = Problem.of(description, train, test, built.initialParameters(0)).withHessianSubset(HESSIAN_SUBSET);
        Sampling sampling = new Sampling(BATCH, false);
        Map<String, Dynamics<?>> methods = new LinkedHashMap<>();
        methods.put("sam", Optimizer.builder(train, UpdateRule.byName("sam")).rho(RHO).lr(new LearningRate.Constant(LR))
                .base(new BaseStep.Plain()).sampling(sampling).build());
        methods.put("sam3", sam3(train, sampling, "mc:" + SdeSolver.DEFAULT_BATCHES, "compensated"));
        // sam3 as simulated before the faithful defaults: plug-in drift, per-sample noise
        Dynamics<?> plugin = sam3(train, sampling, "plugin", "per-sample");
        methods.put(plugin.name(), plugin);
        return new Workload(p, methods);
    }

    private static SdeSolver sam3(Objective train, Sampling sampling, String drift, String noise) {
        return SdeSolver.builder(train, SdeModel.byName("sam3")).rho(RHO).eta(LR).sampling(sampling).substeps(1)
                .drift(DriftEstimator.parse(drift)).noise(NoiseSampler.parse(noise)).build();
    }
}
