/**
 * Every benchmark of the project and its {@code main}s: the {@code samsde bench} command
 * ({@link org.samsde.bench.BenchCommand}, which adds itself to the command line through
 * {@link java.util.ServiceLoader}) and its subcommands {@code gemm}, {@code derive},
 * {@code lanczos}, {@code steps} ({@link org.samsde.bench.StepsBench} on compare's default problem,
 * measured by {@link org.samsde.bench.StepsBenchmark}) and {@code cuda},
 * {@link org.samsde.bench.CnnBenchmark} (a CNN's Taylor passes against its gradient),
 * {@link org.samsde.bench.GpuBenchmark} (the CUDA backend beside the CPU's, the CUDA backend found
 * by name through {@link org.samsde.core.tensor.Backends}) and the interleaved timing helpers of
 * {@link org.samsde.bench.PassTimings}. Every figure is a ratio of timings taken in one run;
 * {@code bench/run} collects them.
 *
 * <p>Not here: timed tests (tests check what a benchmark reports, never how fast), and anything
 * the library or the command line needs to run.
 */
package org.samsde.bench;
