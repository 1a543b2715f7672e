package org.samsde.bench;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

import org.samsde.core.InvalidInputException;
import org.samsde.core.data.Dataset;
import org.samsde.core.jet.Activation;
import org.samsde.core.jet.JetLayout;
import org.samsde.core.model.Loss;
import org.samsde.core.model.Mlp;
import org.samsde.core.model.MlpObjective;
import org.samsde.core.objective.Batch;
import org.samsde.core.objective.Objective;
import org.samsde.core.objective.TaylorResult;
import org.samsde.core.tensor.CpuBackend;
import org.samsde.core.tensor.Tensor;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code samsde bench derive}: the cost of the Taylor passes relative to a plain gradient on one
 * model, measured in one run (median of repeated timings after warm-up), printed as ratios.
 */
@Command(name = "derive", mixinStandardHelpOptions = true, sortOptions = false,
        header = "Time of the K = 1 and K = 2 Taylor passes and of batched HVPs, relative to a gradient.",
        description = {"Time of the K = 1 (H v) and K = 2 (H v, T[v,v]) passes and of batched HVPs, relative to a gradient,",
            "on an MLP with synthetic inputs (default: 784-512-512-10, tanh, cross-entropy, batch 1024)."})
public final class DeriveBench implements Callable<Integer> {
    /** The constructor picocli calls. */
    public DeriveBench() {
    }


    @Spec
    CommandSpec spec;

    @Option(names = "--widths", paramLabel = "W", split = "-", defaultValue = "784-512-512-10",
            description = "Layer widths (default ${DEFAULT-VALUE}).")
    int[] widths;

    @Option(names = "--batch", paramLabel = "B", defaultValue = "1024", description = "Batch size (default ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--repeats", paramLabel = "R", defaultValue = "7", description = "Timed repeats per figure (default ${DEFAULT-VALUE}).")
    int repeats;

    @Option(names = "--directions", paramLabel = "M", defaultValue = "32",
            description = "Directions of the batched HVP figure (default ${DEFAULT-VALUE}).")
    int directions;

    @Option(names = "--threads", paramLabel = "T", defaultValue = "0",
            description = "OpenBLAS threads (default: all cores).")
    int threads;

    @Override
    public Integer call() {
        if (batch < 1 || repeats < 1 || directions < 1 || widths.length < 2 || Arrays.stream(widths).anyMatch(w -> w < 1)) {
            throw new InvalidInputException("--batch, --repeats, --directions and every width must be positive");
        }
        CpuBackend backend = CpuBackend.get();
        if (threads > 0) {
            backend.setBlasThreads(threads);
        }
        int classes = widths[widths.length - 1];
        double[] xs = SyntheticInputs.unitVector(batch * widths[0], 11);
        int[] labels = new int[batch];
        for (int i = 0; i < batch; i++) {
            labels[i] = i % classes;
        }
        Mlp mlp = new Mlp(widths, Activation.TANH, classes > 1 ? Loss.CROSS_ENTROPY : Loss.BINARY_CROSS_ENTROPY);
        Objective obj = new MlpObjective(mlp, Dataset.classification(scale(xs, Math.sqrt(batch * widths[0])), widths[0], labels), backend);
        int d = mlp.dimension();
        Tensor x = backend.upload(mlp.initialParameters(1), d);
        Tensor v = backend.upload(SyntheticInputs.unitVector(d, 2), d);
        double[] vs = new double[directions * d];
        for (int j = 0; j < directions; j++) {
            System.arraycopy(SyntheticInputs.unitVector(d, 3 + j), 0, vs, j * d, d);
        }
        Tensor vm = backend.upload(vs, directions, d);
        Batch all = Batch.all();

        PrintWriter out = spec.commandLine().getOut();
        out.printf("bench derive: %s, batch %d, d = %d, %s%n", mlp, batch, d, backend.description());
        GradientParts parts = new GradientParts(backend, widths, batch);
        List<Supplier<TaylorResult>> passes = List.of(() -> obj.taylor(x, null, 0, all), () -> obj.taylor(x, v, 1, all),
                () -> obj.taylor(x, v, 2, all), () -> obj.taylor(x, vm, 1, all));
        List<Runnable> work = new ArrayList<>(passes.stream().map(PassTimings::work).toList());
        work.add(parts::gemms);
        work.add(parts::activations);
        double[][] t = PassTimings.interleavedWork(work, repeats);
        double grad = PassTimings.median(t[0]);
        double k1 = PassTimings.median(t[1]);
        double k2 = PassTimings.median(t[2]);
        double many = PassTimings.median(t[3]);
        double gemms = PassTimings.median(t[4]);
        double acts = PassTimings.median(t[5]);
        parts.close();
        out.printf("gradient pass          %9.2f ms%n", grad);
        out.printf("  its %d GEMMs alone    %9.2f ms   %5.1f%% of the pass (the pass at %.1f%% of its GEMM bound)%n", parts.count(), gemms,
                100 * PassTimings.medianOfRatios(t[4], t[0]), 100 * PassTimings.medianOfRatios(t[4], t[0]));
        out.printf("  its tanh, tanh' alone %9.2f ms   %5.1f%% of the pass; the rest (bias, loss, sums) %.2f ms%n", acts,
                100 * PassTimings.medianOfRatios(t[5], t[0]), grad - gemms - acts);
        out.printf("K=1 pass (g, Hv)       %9.2f ms   %5.2fx gradient%n", k1, PassTimings.medianOfRatios(t[1], t[0]));
        out.printf("K=2 pass (g, Hv, T)    %9.2f ms   %5.2fx gradient   (target <= 6x, issue 2; <= 5x, issue 8)%n", k2, PassTimings.medianOfRatios(t[2], t[0]));
        out.printf("%d batched HVPs        %9.2f ms   %5.2fx one HVP (K=1 pass)%n", directions, many, PassTimings.medianOfRatios(t[3], t[1]));
        out.printf("(medians of %d rounds, each timing every pass once; ratios are medians of the rounds' ratios)%n", repeats);
        out.flush();
        return 0;
    }

    /**
     * The gradient pass's matrix products and activations, each timed alone on buffers of the same
     * shapes: the forward product of every layer (batch × in times inᵀ × out), the weight gradient of
     * every layer and the input gradient of every layer but the first, as the MLP pass calls them;
     * and φ, φ′ of every hidden layer's pre-activations. Inputs are fixed and outputs separate, so
     * repeated timings see the same numbers.
     */
    private static final class GradientParts implements AutoCloseable {
        private final CpuBackend backend;
        private final int[] widths;
        private final int batch;
        private final Tensor[] h;
        private final Tensor[] w;
        private final Tensor[] delta;
        private final Tensor[] z;
        private final Tensor[] dw;
        private final Tensor[] dh;
        private final Tensor[] act;
        private final Tensor[] dphi;

        GradientParts(CpuBackend backend, int[] widths, int batch) {
            this.backend = backend;
            this.widths = widths;
            this.batch = batch;
            int layers = widths.length - 1;
            h = new Tensor[layers];
            w = new Tensor[layers];
            delta = new Tensor[layers];
            z = new Tensor[layers];
            dw = new Tensor[layers];
            dh = new Tensor[layers];
            act = new Tensor[layers];
            dphi = new Tensor[layers];
            for (int l = 0; l < layers; l++) {
                int in = widths[l];
                int out = widths[l + 1];
                h[l] = backend.upload(SyntheticInputs.unitVector(batch * in, 20 + l), batch, in);
                w[l] = backend.upload(SyntheticInputs.unitVector(out * in, 40 + l), out, in);
                // pre-activations of order one, as in a trained network
                delta[l] = backend.upload(scale(SyntheticInputs.unitVector(batch * out, 60 + l), Math.sqrt(batch * out)), batch, out);
                z[l] = backend.zeros(batch, out);
                dw[l] = backend.zeros(out, in);
                dh[l] = backend.zeros(batch, in);
                act[l] = backend.zeros(batch, out);
                dphi[l] = backend.zeros(batch, out);
            }
        }

        int count() {
            return 3 * (widths.length - 1) - 1;
        }

        void gemms() {
            for (int l = 0; l < widths.length - 1; l++) {
                int in = widths[l];
                int out = widths[l + 1];
                backend.gemm(false, true, batch, out, in, 1.0, h[l], 0, in, w[l], 0, in, 0.0, z[l], 0, out);
                backend.gemm(true, false, out, in, batch, 1.0, delta[l], 0, out, h[l], 0, in, 0.0, dw[l], 0, in);
                if (l > 0) {
                    backend.gemm(false, false, batch, in, out, 1.0, delta[l], 0, out, w[l], 0, in, 0.0, dh[l], 0, in);
                }
            }
        }

        void activations() {
            for (int l = 0; l < widths.length - 2; l++) {
                backend.activationJet(Activation.TANH, JetLayout.VALUE, batch * widths[l + 1], delta[l], 0, act[l], 0, dphi[l], 0);
            }
        }

        @Override
        public void close() {
            for (Tensor[] ts : new Tensor[][] {h, w, delta, z, dw, dh, act, dphi}) {
                for (Tensor t : ts) {
                    t.close();
                }
            }
        }
    }

    private static double[] scale(double[] v, double s) {
        for (int i = 0; i < v.length; i++) {
            v[i] *= s;
        }
        return v;
    }
}
