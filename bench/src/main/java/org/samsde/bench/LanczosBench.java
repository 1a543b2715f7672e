package org.samsde.bench;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

import org.samsde.core.data.Blobs;
import org.samsde.core.data.Split;
import org.samsde.core.hessian.EigenResult;
import org.samsde.core.hessian.FullHessian;
import org.samsde.core.hessian.HessianOperator;
import org.samsde.core.hessian.Lanczos;
import org.samsde.core.hessian.PowerIteration;
import org.samsde.core.hessian.Which;
import org.samsde.core.jet.Activation;
import org.samsde.core.model.Loss;
import org.samsde.core.model.Mlp;
import org.samsde.core.model.MlpObjective;
import org.samsde.core.objective.Batch;
import org.samsde.core.tensor.CpuBackend;
import org.samsde.core.tensor.Tensor;
import org.samsde.sde.optim.Optimizer;
import org.samsde.sde.optim.Sgd;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code samsde bench lanczos}: Hessian-vector products that Lanczos needs to reach λ_max to a
 * relative accuracy 1e-6, against those power iteration needs to reach 1e-3 (true errors, against
 * the full spectrum), on a trained MLP.
 */
@Command(name = "lanczos", mixinStandardHelpOptions = true, sortOptions = false,
        header = "HVPs for λ_max: Lanczos against power iteration.",
        description = {"HVPs for λ_max: Lanczos to relative error 1e-6 against power iteration to 1e-3 (true errors,",
            "measured against the full Hessian's spectrum), on an MLP trained by gradient descent on blobs."})
public final class LanczosBench implements Callable<Integer> {
    /** The constructor picocli calls. */
    public LanczosBench() {
    }

    @Spec
    CommandSpec spec;

    @Option(names = "--widths", paramLabel = "W", split = "-", defaultValue = "10-32-32-5", description = "MLP widths (default ${DEFAULT-VALUE}).")
    int[] widths;

    @Option(names = "--steps", paramLabel = "N", defaultValue = "500", description = "Gradient-descent steps before measuring (default ${DEFAULT-VALUE}).")
    int steps;

    @Option(names = "--max-power", paramLabel = "M", defaultValue = "2000", description = "Most power iterations tried (default ${DEFAULT-VALUE}).")
    int maxPower;

    @Override
    public Integer call() {
        CpuBackend be = CpuBackend.get();
        int k = widths[widths.length - 1];
        Split split = new Blobs(k, 64 * k, widths[0], 1.0, 1.0, 0, 5).generate();
        Mlp mlp = new Mlp(widths, Activation.TANH, Loss.CROSS_ENTROPY);
        MlpObjective obj = new MlpObjective(mlp, split.train(), be);
        Optimizer gd = Optimizer.builder(obj, Sgd.INSTANCE).eta(0.2).build();
        Tensor x0 = be.upload(mlp.initialParameters(3), mlp.dimension());
        Optimizer.State s = gd.init(x0, 1);
        for (int i = 0; i < steps; i++) {
            gd.step(s, i, steps);
        }
        double[] x = s.x().toArray();
        double[] spectrum = FullHessian.defaults().spectrum(HessianOperator.of(obj, x, Batch.all()), false).eigenvalues();
        double exact = Math.abs(spectrum[0]) >= Math.abs(spectrum[spectrum.length - 1]) ? spectrum[0] : spectrum[spectrum.length - 1];
        // the fewest Lanczos steps whose Ritz value is within 1e-6 (same start vector for every step count)
        EigenResult lanczos = null;
        double lanczosError = Double.NaN;
        for (int m = 1; m <= mlp.dimension(); m++) {
            lanczos = Lanczos.defaults().withTolerance(1e-14).withMaxIterations(m).compute(HessianOperator.of(obj, x, Batch.all()), 1, Which.TOP);
            lanczosError = Math.abs(lanczos.eigenvalue(0) - spectrum[0]) / Math.abs(spectrum[0]);
            if (lanczosError <= 1e-6) {
                break;
            }
        }
        long powerHvps = -1;
        double powerError = Double.NaN;
        for (int m = 1; m <= maxPower; m++) {
            EigenResult p = new PowerIteration(m, 1e-300, 1).compute(HessianOperator.of(obj, x, Batch.all()), 1);
            powerError = Math.abs(p.eigenvalue(0) - exact) / Math.abs(exact);
            if (powerError <= 1e-3) {
                powerHvps = p.hvps();
                break;
            }
        }
        EigenResult pyhessian = PowerIteration.defaults().compute(HessianOperator.of(obj, x, Batch.all()), 1);
        PrintWriter o = spec.commandLine().getOut();
        o.printf("bench lanczos: %s trained %d steps, d = %d, lambda_1 = %.6g, lambda_2 = %.6g%n", mlp, steps, mlp.dimension(),
                spectrum[0], spectrum[1]);
        o.printf("lanczos to 1e-6        %5d HVPs (relative error %.1e; %d steps plus one HVP to verify the residual)%n", lanczos.hvps(),
                lanczosError, lanczos.iterations());
        o.printf("power iteration to 1e-3 %4s HVPs (relative error %.1e)%n", powerHvps < 0 ? ">" + maxPower : Long.toString(powerHvps), powerError);
        o.printf("power, PyHessian stop   %4d HVPs (relative error %.1e: its 1e-3 rule measures change, not error)%n", pyhessian.hvps(),
                Math.abs(pyhessian.eigenvalue(0) - exact) / Math.abs(exact));
        if (powerHvps > 0) {
            o.printf("ratio lanczos / power  %5.2f (target <= 0.33)%n", (double) lanczos.hvps() / powerHvps);
        }
        o.flush();
        return 0;
    }
}
