/**
 * Every benchmark of the project and its {@code main}s: the {@code samsde bench} subcommands
 * {@code gemm}, {@code derive}, {@code lanczos} and {@code cuda} (picocli commands, registered by
 * the cli module's {@code bench} command), the measurement of {@code samsde bench steps}
 * ({@link org.samsde.bench.StepsBenchmark}; the cli module builds its compare problem),
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
