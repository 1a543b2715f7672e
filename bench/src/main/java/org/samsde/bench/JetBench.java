package org.samsde.bench;

import java.io.PrintWriter;
import java.util.Arrays;
import java.util.concurrent.Callable;
import java.util.concurrent.ForkJoinPool;

import org.samsde.core.data.Dataset;
import org.samsde.core.data.SparseRegression;
import org.samsde.core.loss.Jet;
import org.samsde.core.loss.JetLoss;
import org.samsde.core.loss.JetObjective;
import org.samsde.core.loss.LiteratureProblems;
import org.samsde.core.model.ModelSpec;
import org.samsde.core.objective.Batch;
import org.samsde.core.objective.Objective;
import org.samsde.core.objective.TaylorResult;
import org.samsde.core.tensor.CpuBackend;
import org.samsde.core.tensor.Tensor;
import org.samsde.core.testing.Problems;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code samsde bench jet}: the cost of jet arithmetic for a user's loss. On {@code diag-linear:D}
 * with n samples, the jet objective's gradient and its K = 2 pass against the same computations
 * written by hand as loops; and a 784-64-10 tanh MLP with softmax cross-entropy written with jets
 * against the built-in MLP. Everything runs on one thread (a one-thread fork-join pool; pass
 * {@code -Djava.util.concurrent.ForkJoinPool.common.parallelism=1} to confine the built-in MLP's
 * kernels too). Times are the process CPU time of one call (all threads, so that the load of other
 * processes on a shared machine does not count), per call over blocks of calls, median of the blocks. Prints them and their ratios, and the largest difference of the results.
 */
@Command(name = "jet", mixinStandardHelpOptions = true,
        description = "Jet objectives (a user's loss) against hand-written loops and the built-in MLP: median times and ratios.")
public final class JetBench implements Callable<Integer> {
    /** The constructor picocli calls. */
    public JetBench() {
    }

    /** Process CPU time (all threads), robust to other processes' load on a shared machine. */
    private static final com.sun.management.OperatingSystemMXBean CPU =
            (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();

    @Spec
    CommandSpec spec;

    @Option(names = "--dim", paramLabel = "D", defaultValue = "100", description = "diag-linear's D (default ${DEFAULT-VALUE}).")
    int dim;

    @Option(names = "--n", paramLabel = "N", defaultValue = "1000", description = "diag-linear's samples (default ${DEFAULT-VALUE}).")
    int n;

    @Option(names = "--mlp-n", paramLabel = "N", defaultValue = "256", description = "MLP samples (default ${DEFAULT-VALUE}).")
    int mlpN;

    @Option(names = "--repeats", paramLabel = "R", defaultValue = "7", description = "Timed blocks of calls (default ${DEFAULT-VALUE}).")
    int repeats;

    @Override
    public Integer call() throws Exception {
        SyntheticInputs.positive("--dim", dim);
        SyntheticInputs.positive("--n", n);
        SyntheticInputs.positive("--mlp-n", mlpN);
        SyntheticInputs.positive("--repeats", repeats);
        PrintWriter o = spec.commandLine().getOut();
        ForkJoinPool one = new ForkJoinPool(1);
        try {
            o.println(one.submit(this::diagLinear).get());
            o.println(one.submit(this::mlp).get());
        } finally {
            one.shutdown();
        }
        o.printf("(process CPU time per call, median; one thread; common pool parallelism %d)%n", ForkJoinPool.getCommonPoolParallelism());
        o.flush();
        return 0;
    }

    private String diagLinear() {
        CpuBackend be = CpuBackend.get();
        Dataset data = new SparseRegression(n, dim, Math.min(5, dim), 0.1, 0, 1).generate().train();
        Objective f = LiteratureProblems.diagonalLinear(dim, 2).objective(data, be);
        double[] p = Problems.gaussian(3, 2 * dim, 0.3);
        double[] v = Problems.gaussian(4, 2 * dim, 1.0);
        Tensor pt = be.upload(p, 2 * dim);
        Tensor vt = be.upload(v, 2 * dim);
        double[] xs = data.x();
        double[] ys = data.targets();
        double[][] jet = new double[3][];
        double[][] hand = new double[3][];
        double tg = median(() -> {
            try (TaylorResult r = f.gradient(pt, Batch.all())) {
                jet[0] = r.gradient();
            }
        });
        double hg = median(() -> hand[0] = handGradient(p, xs, ys));
        double tk = median(() -> {
            try (TaylorResult r = f.taylor(pt, vt, 2, Batch.all())) {
                jet[1] = r.hvp(0);
                jet[2] = r.coefficient(2, 0);
            }
        });
        double[][] hk = new double[1][];
        double hk2 = median(() -> hk[0] = handSecondOrder(p, v, xs, ys));
        hand[1] = Arrays.copyOfRange(hk[0], 2 * dim, 4 * dim);
        hand[2] = Arrays.copyOfRange(hk[0], 4 * dim, 6 * dim);
        double diff = Math.max(maxDiff(jet[0], hand[0]), Math.max(maxDiff(jet[1], hand[1]), maxDiff(jet[2], hand[2])));
        return String.format("diag-linear:%d, n = %d: gradient jet %.3f ms, loop %.3f ms, ratio %.2f; K = 2 pass jet %.3f ms,"
                + " loop %.3f ms, ratio %.2f (largest difference %.1e)", dim, n, tg * 1e3, hg * 1e3, tg / hg, tk * 1e3, hk2 * 1e3,
                tk / hk2, diff);
    }

    /** ∇f of (1/n)Σ ½(⟨u⊙u − v⊙v, xᵢ⟩ − yᵢ)², by hand. */
    private double[] handGradient(double[] p, double[] xs, double[] ys) {
        double[] g = new double[2 * dim];
        double[] beta = new double[dim];
        for (int q = 0; q < dim; q++) {
            beta[q] = p[q] * p[q] - p[dim + q] * p[dim + q];
        }
        for (int i = 0; i < n; i++) {
            int base = i * dim;
            double r = -ys[i];
            for (int q = 0; q < dim; q++) {
                r += beta[q] * xs[base + q];
            }
            double s = 2 * r / n;
            for (int q = 0; q < dim; q++) {
                g[q] += s * p[q] * xs[base + q];
                g[dim + q] -= s * p[dim + q] * xs[base + q];
            }
        }
        return g;
    }

    /** ∇f, H·v and ½T[v,v], by hand, as one array of 3·2D. */
    private double[] handSecondOrder(double[] p, double[] v, double[] xs, double[] ys) {
        int d2 = 2 * dim;
        double[] out = new double[3 * d2];
        double[] beta = new double[dim];
        double[] beta1 = new double[dim];
        double[] beta2 = new double[dim];
        for (int q = 0; q < dim; q++) {
            double u = p[q];
            double w = p[dim + q];
            double a = v[q];
            double b = v[dim + q];
            beta[q] = u * u - w * w;
            beta1[q] = 2 * (u * a - w * b);
            beta2[q] = a * a - b * b;
        }
        for (int i = 0; i < n; i++) {
            int base = i * dim;
            double r = -ys[i];
            double r1 = 0;
            double r2 = 0;
            for (int q = 0; q < dim; q++) {
                double x = xs[base + q];
                r += beta[q] * x;
                r1 += beta1[q] * x;
                r2 += beta2[q] * x;
            }
            double s = 2.0 / n;
            for (int q = 0; q < dim; q++) {
                double x = xs[base + q] * s;
                double u = p[q];
                double w = p[dim + q];
                double a = v[q];
                double b = v[dim + q];
                out[q] += r * u * x;
                out[dim + q] -= r * w * x;
                out[d2 + q] += (r1 * u + r * a) * x;
                out[d2 + dim + q] -= (r1 * w + r * b) * x;
                out[2 * d2 + q] += (r2 * u + r1 * a) * x;
                out[2 * d2 + dim + q] -= (r2 * w + r1 * b) * x;
            }
        }
        return out;
    }

    private String mlp() {
        CpuBackend be = CpuBackend.get();
        int in = 784;
        int hidden = 64;
        int classes = 10;
        Dataset data = Problems.classification(5, mlpN, in, classes);
        ModelSpec.Model builtIn = ModelSpec.parse("mlp:784-64-10:tanh").build(data, be);
        int w1 = hidden * in;
        int w2 = classes * hidden;
        JetLoss loss = (theta, s) -> {
            Jet h = theta.slice("W1", 0, w1).matVec(hidden, in, s.x()).plus(theta.slice("b1", w1, hidden)).tanh();
            Jet z = theta.slice("W2", w1 + hidden, w2).matVec(classes, hidden, h).plus(theta.slice("b2", w1 + hidden + w2, classes));
            return z.logSumExp().minus(z.get(s.label()));
        };
        int d = builtIn.objective().dimension();
        Objective jet = JetObjective.of(d, data, loss, be);
        Objective ref = builtIn.objective();
        double[] p = builtIn.initialParameters(0);
        double[] v = Problems.gaussian(6, d, 0.01);
        Tensor pt = be.upload(p, d);
        Tensor vt = be.upload(v, d);
        double[][] res = new double[4][];
        double jg = median(() -> res[0] = grad(jet, pt));
        double bg = median(() -> res[1] = grad(ref, pt));
        double jk = median(() -> res[2] = second(jet, pt, vt));
        double bk = median(() -> res[3] = second(ref, pt, vt));
        double diff = Math.max(maxDiff(res[0], res[1]), maxDiff(res[2], res[3]));
        return String.format("mlp:784-64-10:tanh, n = %d: gradient jet %.2f ms, built-in %.2f ms, ratio %.2f; K = 2 pass jet %.2f ms,"
                + " built-in %.2f ms, ratio %.2f (largest difference %.1e)", mlpN, jg * 1e3, bg * 1e3, jg / bg, jk * 1e3, bk * 1e3,
                jk / bk, diff);
    }

    private static double[] grad(Objective f, Tensor p) {
        try (TaylorResult r = f.gradient(p, Batch.all())) {
            return r.gradient();
        }
    }

    private static double[] second(Objective f, Tensor p, Tensor v) {
        try (TaylorResult r = f.taylor(p, v, 2, Batch.all())) {
            double[] c1 = r.hvp(0);
            double[] c2 = r.coefficient(2, 0);
            double[] out = Arrays.copyOf(c1, c1.length + c2.length);
            System.arraycopy(c2, 0, out, c1.length, c2.length);
            return out;
        }
    }

    private double median(Runnable body) {
        // warm up for at least six seconds: the JIT needs many calls before the jet code is compiled
        long until = System.nanoTime() + 6_000_000_000L;
        int calls = 0;
        for (; calls < 5 || System.nanoTime() < until; calls++) {
            body.run();
        }
        // blocks of about a quarter of a second: the process CPU clock ticks coarsely
        int block = Math.max(1, calls / 8);
        double[] t = new double[repeats];
        for (int i = 0; i < repeats; i++) {
            long start = CPU.getProcessCpuTime();
            for (int k = 0; k < block; k++) {
                body.run();
            }
            t[i] = (CPU.getProcessCpuTime() - start) / 1e9 / block;
        }
        Arrays.sort(t);
        return t[repeats / 2];
    }

    private static double maxDiff(double[] a, double[] b) {
        double m = 0;
        for (int i = 0; i < a.length; i++) {
            m = Math.max(m, Math.abs(a[i] - b[i]));
        }
        return m;
    }
}
