package org.samsde.bench;

import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code samsde bench cuda}: GEMM throughput and sam3 steps per second on the CUDA backend beside the CPU's. */
@Command(name = "cuda", mixinStandardHelpOptions = true,
        description = "GEMM GFLOP/s and steps/s of the sam3 SDE on a wide MLP, CUDA beside CPU; one skip line without a GPU.")
public final class CudaBench implements Callable<Integer> {
    /** The constructor picocli calls. */
    public CudaBench() {
    }

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        GpuBenchmark.run(spec.commandLine().getOut(), GpuBenchmark.Settings.defaults());
        spec.commandLine().getOut().flush();
        return 0;
    }
}
