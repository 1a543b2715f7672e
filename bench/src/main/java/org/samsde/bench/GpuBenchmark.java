package org.samsde.bench;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.apache.commons.rng.simple.RandomSource;
import org.samsde.core.data.Dataset;
import org.samsde.core.jet.Activation;
import org.samsde.core.model.Loss;
import org.samsde.core.model.Mlp;
import org.samsde.core.model.MlpObjective;
import org.samsde.core.objective.Batch;
import org.samsde.core.tensor.Backend;
import org.samsde.core.tensor.Backends;
import org.samsde.core.tensor.CpuBackend;
import org.samsde.core.tensor.Tensor;
import org.samsde.sde.Sampling;
import org.samsde.sde.model.PerSampleNoise;
import org.samsde.sde.model.PluginDrift;
import org.samsde.sde.model.Sam3;
import org.samsde.sde.model.SdeSolver;

/**
 * The CUDA backend against the CPU backend on the same work: the rate of square double-precision
 * matrix products (GFLOP/s, 2n³ per product) and the rate of steps of the {@code sam3} SDE
 * (Euler–Maruyama, one substep, plug-in drift, per-sample noise, mini-batches without replacement)
 * on a wide MLP with synthetic classification data. Both runs start from the same parameters and
 * seed, so the benchmark also prints how far the two trajectories drift apart (rounding only).
 *
 * <p>The CUDA backend is found by name through {@link Backends} (the gpu module's provider, on the
 * class path at run time). Where CUDA is unavailable it prints one {@code skipped} line with the
 * reason and does nothing else. Timings: wall time after one warm-up, with the device synchronised (through a dot product)
 * before the clock stops.
 */
public final class GpuBenchmark {
    private GpuBenchmark() {
    }

    /**
     * What to measure.
     *
     * @param gemmSize n of the n × n × n products, at least 1
     * @param gemmRepeats products per timing, at least 1
     * @param widths the MLP's layer widths, input first (tanh hidden layers, softmax cross-entropy)
     * @param samples n, the synthetic training samples, at least 2
     * @param batch B, the SDE's batch size, 1 ≤ B ≤ n
     * @param steps timed SDE steps per backend, at least 1
     * @param seed the seed of data, parameters and the SDE's random streams
     */
    public record Settings(int gemmSize, int gemmRepeats, int[] widths, int samples, int batch, int steps, long seed) {
        /**
         * Validates the settings and copies the widths.
         *
         * @param gemmSize n of the n × n × n products, at least 1
         * @param gemmRepeats products per timing, at least 1
         * @param widths the MLP's layer widths, input first (tanh hidden layers, softmax cross-entropy)
         * @param samples n, the synthetic training samples, at least 2
         * @param batch B, the SDE's batch size, 1 ≤ B ≤ n
         * @param steps timed SDE steps per backend, at least 1
         * @param seed the seed of data, parameters and the SDE's random streams
         */
        public Settings {
            if (gemmSize < 1 || gemmRepeats < 1 || samples < 2 || batch < 1 || batch > samples || steps < 1) {
                throw new IllegalArgumentException("benchmark settings need gemm size, repeats and steps >= 1, samples >= 2 and"
                        + " 1 <= batch <= samples, got gemm " + gemmSize + " x" + gemmRepeats + ", samples " + samples
                        + ", batch " + batch + ", steps " + steps);
            }
            widths = widths.clone();
            if (widths.length < 2 || widths[widths.length - 1] < 2 || Arrays.stream(widths).anyMatch(w -> w < 1)) {
                throw new IllegalArgumentException("the MLP needs positive widths and at least two outputs, got " + Arrays.toString(widths));
            }
        }

        /** @return 4096-cubed products (3 per timing), a 784-1024-1024-10 MLP on 1024 samples, batch 128, 3 steps, seed 1 */
        public static Settings defaults() {
            return new Settings(4096, 3, new int[] {784, 1024, 1024, 10}, 1024, 128, 3, 1);
        }

        /** @return a copy of {@code widths} */
        @Override
        public int[] widths() {
            return widths.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Settings s && gemmSize == s.gemmSize && gemmRepeats == s.gemmRepeats
                    && Arrays.equals(widths, s.widths) && samples == s.samples && batch == s.batch && steps == s.steps
                    && seed == s.seed;
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(widths) * 31 + Long.hashCode(seed) + 7 * gemmSize + 11 * samples + 13 * batch + 17 * steps;
        }

        @Override
        public String toString() {
            return "Settings[gemm " + gemmSize + " x" + gemmRepeats + ", widths " + Arrays.toString(widths) + ", samples "
                    + samples + ", batch " + batch + ", steps " + steps + ", seed " + seed + "]";
        }
    }

    /**
     * The measured rates.
     *
     * @param gemmGflopsCuda GEMM rate on the device, GFLOP/s
     * @param gemmGflopsCpu GEMM rate of the CPU backend, GFLOP/s
     * @param stepsPerSecondCuda sam3 steps per second on the device
     * @param stepsPerSecondCpu sam3 steps per second on the CPU backend
     * @param gradientDifference ‖g_cuda − g_cpu‖∞ / ‖g_cpu‖∞ of the full-batch gradient at the start
     * @param trajectoryDifference ‖x_cuda − x_cpu‖∞ / ‖x_cpu‖∞ after the timed steps
     */
    public record Result(double gemmGflopsCuda, double gemmGflopsCpu, double stepsPerSecondCuda, double stepsPerSecondCpu,
                         double gradientDifference, double trajectoryDifference) {
    }

    /**
     * Runs the benchmark and prints it.
     *
     * @param out where the report goes
     * @param settings what to measure
     * @return the rates, or null when CUDA is unavailable (after printing one line
     *     {@code bench cuda: skipped: REASON})
     * @throws RuntimeException whatever the CUDA backend throws when a CUDA call fails
     */
    public static Result run(PrintWriter out, Settings settings) {
        String reason = Backends.unavailableReason(Backends.CUDA);
        if (reason != null) {
            out.println("bench cuda: skipped: " + reason);
            out.flush();
            return null;
        }
        return run(out, settings, Backends.select(Backends.CUDA));
    }

    /**
     * Runs the benchmark on a given device backend against the CPU backend (tests use another CPU
     * backend, so that the benchmark's own code runs on every machine).
     *
     * @param out where the report goes
     * @param settings what to measure
     * @param cuda the backend compared with the CPU backend
     * @return the rates
     */
    public static Result run(PrintWriter out, Settings settings, Backend cuda) {
        CpuBackend cpu = CpuBackend.get();
        out.println("bench cuda: " + settings);
        out.println("  device: " + cuda.description());
        out.println("  host:   " + cpu.description());
        out.flush();

        int n = settings.gemmSize();
        double gCuda = gemmRate(cuda, n, settings.gemmRepeats(), settings.seed());
        double gCpu = gemmRate(cpu, n, settings.gemmRepeats(), settings.seed());
        out.printf("  dgemm %d^3        cuda %10.1f GFLOP/s   cpu %10.1f GFLOP/s   ratio %6.1fx%n", n, gCuda, gCpu, gCuda / gCpu);
        out.flush();

        Dataset data = syntheticData(settings);
        Mlp mlp = new Mlp(settings.widths(), Activation.TANH, Loss.CROSS_ENTROPY);
        double[] x0 = mlp.initialParameters(settings.seed());
        double[] gCpuGrad = gradient(cpu, mlp, data, x0);
        double[] gCudaGrad = gradient(cuda, mlp, data, x0);
        double gradDiff = relativeDifference(gCudaGrad, gCpuGrad);

        double[] xCpu = new double[x0.length];
        double[] xCuda = new double[x0.length];
        double sCuda = sam3Rate(cuda, mlp, data, x0, settings, xCuda);
        double sCpu = sam3Rate(cpu, mlp, data, x0, settings, xCpu);
        double trajDiff = relativeDifference(xCuda, xCpu);
        out.printf("  sam3 SDE steps    cuda %10.2f steps/s   cpu %10.2f steps/s   ratio %6.1fx   (%s, d = %d, n = %d, B = %d)%n",
                sCuda, sCpu, sCuda / sCpu, mlp, mlp.dimension(), settings.samples(), settings.batch());
        out.printf("  agreement         gradient at x0 %.1e, parameters after %d steps %.1e (relative, max norm)%n",
                gradDiff, settings.steps(), trajDiff);
        out.flush();
        return new Result(gCuda, gCpu, sCuda, sCpu, gradDiff, trajDiff);
    }

    /** GFLOP/s of n × n × n products C ← A·B, after one warm-up product. */
    private static double gemmRate(Backend backend, int n, int repeats, long seed) {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
        double[] host = new double[n * n];
        for (int i = 0; i < host.length; i++) {
            host[i] = rng.nextDouble() - 0.5;
        }
        try (Tensor a = backend.upload(host, n, n); Tensor b = backend.upload(host, n, n); Tensor c = backend.zeros(n, n)) {
            backend.gemm(false, false, n, n, n, 1.0, a, 0, n, b, 0, n, 0.0, c, 0, n);
            backend.dot(1, c, 0, c, 0);
            long start = System.nanoTime();
            for (int r = 0; r < repeats; r++) {
                backend.gemm(false, false, n, n, n, 1.0, a, 0, n, b, 0, n, 0.0, c, 0, n);
            }
            backend.dot(1, c, 0, c, 0); // waits for the device
            double seconds = (System.nanoTime() - start) / 1e9;
            return 2.0 * n * n * (double) n * repeats / seconds / 1e9;
        }
    }

    /** Gaussian features, labels i mod classes: deterministic for the seed. */
    private static Dataset syntheticData(Settings s) {
        int features = s.widths()[0];
        int classes = s.widths()[s.widths().length - 1];
        ZigguratSampler.NormalizedGaussian gauss = ZigguratSampler.NormalizedGaussian.of(
                RandomSource.XO_RO_SHI_RO_128_PP.create(s.seed() + 1));
        double[] x = new double[s.samples() * features];
        for (int i = 0; i < x.length; i++) {
            x[i] = gauss.sample();
        }
        int[] labels = new int[s.samples()];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = i % classes;
        }
        return Dataset.classification(x, features, labels);
    }

    private static double[] gradient(Backend backend, Mlp mlp, Dataset data, double[] x0) {
        MlpObjective objective = new MlpObjective(mlp, data, backend);
        try (Tensor x = backend.upload(x0, x0.length)) {
            Tensor g = objective.gradient(x, Batch.all()).gradientCoefficients();
            double[] out = g.toArray();
            g.close();
            return out;
        }
    }

    /** Steps per second of sam3 from x0; the parameters reached go to xOut. */
    private static double sam3Rate(Backend backend, Mlp mlp, Dataset data, double[] x0, Settings s, double[] xOut) {
        MlpObjective objective = new MlpObjective(mlp, data, backend);
        SdeSolver solver = SdeSolver.builder(objective, Sam3.INSTANCE).rho(0.05).eta(0.05).sampling(new Sampling(s.batch(), false)).substeps(1).drift(new PluginDrift()).noise(new PerSampleNoise()).build();
        try (Tensor start = backend.upload(x0, x0.length)) {
            SdeSolver.State state = solver.init(start, s.seed());
            int total = s.steps() + 1;
            solver.step(state, 0, total);
            backend.dot(1, state.x(), 0, state.x(), 0);
            long t0 = System.nanoTime();
            for (int k = 1; k < total; k++) {
                solver.step(state, k, total);
            }
            backend.dot(1, state.x(), 0, state.x(), 0); // waits for the device
            double seconds = (System.nanoTime() - t0) / 1e9;
            backend.download(state.x(), 0, xOut, 0, xOut.length);
            state.x().close();
            return s.steps() / seconds;
        }
    }

    private static double relativeDifference(double[] a, double[] reference) {
        double diff = 0;
        double scale = 0;
        for (int i = 0; i < a.length; i++) {
            diff = Math.max(diff, Math.abs(a[i] - reference[i]));
            scale = Math.max(scale, Math.abs(reference[i]));
        }
        return scale == 0 ? diff : diff / scale;
    }

    /**
     * Runs the benchmark from the command line: {@code [--gemm N] [--gemm-repeats R] [--widths W-W-W]
     * [--samples n] [--batch B] [--steps S] [--seed s]}, defaults as in {@link Settings#defaults()}.
     * Prints a skip line when CUDA is unavailable.
     *
     * @param args the options
     * @throws IllegalArgumentException naming an unknown option or a bad value
     */
    public static void main(String[] args) {
        Settings d = Settings.defaults();
        int gemm = d.gemmSize();
        int repeats = d.gemmRepeats();
        int[] widths = d.widths();
        int samples = d.samples();
        int batch = d.batch();
        int steps = d.steps();
        long seed = d.seed();
        for (int i = 0; i < args.length; i += 2) {
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("option " + args[i] + " needs a value");
            }
            String v = args[i + 1];
            switch (args[i]) {
                case "--gemm" -> gemm = Integer.parseInt(v);
                case "--gemm-repeats" -> repeats = Integer.parseInt(v);
                case "--widths" -> widths = Arrays.stream(v.split("-")).mapToInt(Integer::parseInt).toArray();
                case "--samples" -> samples = Integer.parseInt(v);
                case "--batch" -> batch = Integer.parseInt(v);
                case "--steps" -> steps = Integer.parseInt(v);
                case "--seed" -> seed = Long.parseLong(v);
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + " (expected --gemm, --gemm-repeats, --widths, --samples, --batch, --steps, --seed)");
            }
        }
        PrintWriter out = new PrintWriter(new java.io.OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
        run(out, new Settings(gemm, repeats, widths, samples, batch, steps, seed));
    }
}
