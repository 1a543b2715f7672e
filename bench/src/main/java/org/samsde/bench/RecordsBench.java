package org.samsde.bench;

import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.concurrent.Callable;

import org.samsde.core.InvalidInputException;
import org.samsde.core.objective.Objective;
import org.samsde.core.tensor.CpuBackend;
import org.samsde.core.tensor.Tensor;
import org.samsde.sde.Dynamics;
import org.samsde.sde.Sampling;
import org.samsde.sde.optim.Optimizer;
import org.samsde.sde.optim.Sam;
import org.samsde.sde.run.Ensemble;
import org.samsde.sde.run.Problem;
import org.samsde.sde.run.Record;
import org.samsde.sde.run.Recorder;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code samsde bench records}: the CPU time of one record of {@code study paper-alignment} (train
 * and test evaluation, the full-batch gradient, λ_max and v₁ by Lanczos on the Hessian subset, the
 * alignment, the noise ratio), on one thread as an ensemble worker runs it, against a discrete SAM
 * step of the same problem. The records are taken along one SAM trajectory, every E steps, so that
 * later records see a trained network and Lanczos's warm start, as in the study.
 */
@Command(name = "records", mixinStandardHelpOptions = true, sortOptions = false,
        description = "CPU time of a paper-alignment record (cnn6, λ_max and v₁ on the Hessian subset) against a SAM step.")
public final class RecordsBench implements Callable<Integer> {
    /** The constructor picocli calls. */
    public RecordsBench() {
    }

    @Spec
    CommandSpec spec;

    @Option(names = "--model", paramLabel = "SPEC", defaultValue = "cnn6", description = "Model (default ${DEFAULT-VALUE}).")
    String model;

    @Option(names = "--data", paramLabel = "D", defaultValue = "fashion-mnist:n=1000,test=1000", description = "Data (default ${DEFAULT-VALUE}).")
    String data;

    @Option(names = "--hessian-subset", paramLabel = "N", defaultValue = "64", description = "λ_max and v₁ on the first N training samples (default ${DEFAULT-VALUE}).")
    int hessianSubset;

    @Option(names = "--hessian-tolerance", paramLabel = "TOL", defaultValue = "1e-3",
            description = "Lanczos's relative residual tolerance (default ${DEFAULT-VALUE}).")
    double hessianTolerance;

    @Option(names = "--lr", paramLabel = "ETA", defaultValue = "0.05", description = "η (default ${DEFAULT-VALUE}).")
    double lr;

    @Option(names = "--rho", paramLabel = "RHO", defaultValue = "0.05", description = "ρ (default ${DEFAULT-VALUE}).")
    double rho;

    @Option(names = "--batch", paramLabel = "B", defaultValue = "64", description = "Batch size (default ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--records", paramLabel = "R", defaultValue = "6", description = "Records timed (default ${DEFAULT-VALUE}).")
    int records;

    @Option(names = "--every", paramLabel = "E", defaultValue = "20", description = "SAM steps between records (default ${DEFAULT-VALUE}).")
    int every;

    @Override
    public Integer call() {
        if (records < 1 || every < 1 || batch < 1 || hessianSubset < 1 || !(hessianTolerance > 0)) {
            throw new InvalidInputException("--records, --every, --batch, --hessian-subset and --hessian-tolerance must be positive");
        }
        CpuBackend be = CpuBackend.get();
        Problem problem = BenchProblems.of(model, data, hessianSubset, be);
        Objective train = problem.train();
        Optimizer sam = Optimizer.builder(train, Sam.INSTANCE).rho(rho).eta(lr).sampling(new Sampling(batch, false)).build();
        Ensemble.Settings settings = Ensemble.Settings.builder().steps(records * every).every(every).seeds(2).hessian(true)
                .hessianTolerance(hessianTolerance).build();
        PrintWriter out = spec.commandLine().getOut();
        out.printf("records: %s, d = %d, lambda_max and v1 on %d images to %g; load average %s%n", problem.description(), problem.dimension(),
                hessianSubset, hessianTolerance, LoadAverage.read());
        out.flush();
        double[][] t = be.singleThreaded(() -> time(problem, sam, settings));
        double[] rec = t[0];
        double[] step = t[1];
        double r = PassTimings.median(rec);
        double s = PassTimings.median(step);
        out.printf("record: %.2f s (CPU time, median of %d records along a SAM trajectory, %.2f-%.2f); SAM step: %.3f s; a record costs %.0f SAM steps%n",
                r, records, PassTimings.min(rec), PassTimings.max(rec), s, r / s);
        out.printf("load average %s%n", LoadAverage.read());
        out.flush();
        return 0;
    }

    /** @return the CPU seconds of each record, and of each stretch's SAM steps per step */
    private <S extends Dynamics.State> double[][] time(Problem p, Dynamics<S> d, Ensemble.Settings settings) {
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        Tensor x0 = p.train().backend().upload(p.x0(), p.dimension());
        S s = d.init(x0, 0);
        x0.close();
        Recorder recorder = Recorder.of(p, d, settings, 0);
        double[] rec = new double[records];
        double[] step = new double[records];
        int k = 0;
        for (int r = 0; r < records; r++) {
            long start = cpu.getCurrentThreadCpuTime();
            for (int i = 0; i < every; i++, k++) {
                d.step(s, k, records * every);
            }
            step[r] = (cpu.getCurrentThreadCpuTime() - start) / 1e9 / every;
            start = cpu.getCurrentThreadCpuTime();
            Record record = recorder.record(s, k, k * lr, 0);
            rec[r] = (cpu.getCurrentThreadCpuTime() - start) / 1e9;
            if (!Double.isFinite(record.lambdaMax())) {
                throw new IllegalStateException("the record at step " + k + " has no lambda_max");
            }
        }
        s.x().close();
        return new double[][] {rec, step};
    }


}
