package org.samsde.bench;

import java.io.PrintWriter;
import java.util.Arrays;
import java.util.concurrent.Callable;

import org.samsde.core.tensor.CpuBackend;
import org.samsde.core.tensor.Tensor;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code samsde bench gemm}: double-precision GEMM throughput of the CPU backend. */
@Command(name = "gemm", mixinStandardHelpOptions = true, description = "GFLOP/s of C = A·B (n × n, double) on the CPU backend, median of repeats.")
public final class GemmBench implements Callable<Integer> {
    /** The constructor picocli calls. */
    public GemmBench() {
    }

    @Spec
    CommandSpec spec;

    @Option(names = "--size", paramLabel = "N", defaultValue = "1024", description = "Matrix size (default ${DEFAULT-VALUE}).")
    int size;

    @Option(names = "--repeats", paramLabel = "R", defaultValue = "9", description = "Timed repeats (default ${DEFAULT-VALUE}).")
    int repeats;

    @Override
    public Integer call() {
        SyntheticInputs.positive("--size", size);
        SyntheticInputs.positive("--repeats", repeats);
        CpuBackend be = CpuBackend.get();
        int n = size;
        Tensor a = be.upload(SyntheticInputs.unitVector(n * n, 1), n, n);
        Tensor b = be.upload(SyntheticInputs.unitVector(n * n, 2), n, n);
        Tensor c = be.zeros(n, n);
        for (int i = 0; i < 2; i++) {
            be.gemm(false, false, n, n, n, 1.0, a, 0, n, b, 0, n, 0.0, c, 0, n);
        }
        double[] t = new double[repeats];
        for (int i = 0; i < repeats; i++) {
            long start = System.nanoTime();
            be.gemm(false, false, n, n, n, 1.0, a, 0, n, b, 0, n, 0.0, c, 0, n);
            t[i] = (System.nanoTime() - start) / 1e9;
        }
        Arrays.sort(t);
        double median = t[repeats / 2];
        PrintWriter o = spec.commandLine().getOut();
        o.printf("gemm %d: %.3f ms, %.2f GFLOP/s (%s)%n", n, median * 1e3, 2.0 * n * n * n / median / 1e9, be.description());
        o.flush();
        return 0;
    }
}
