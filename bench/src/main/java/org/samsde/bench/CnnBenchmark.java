package org.samsde.bench;

import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.samsde.core.InvalidInputException;
import org.samsde.core.data.Dataset;
import org.samsde.core.data.ImageDatasets;
import org.samsde.core.data.ImageShape;
import org.samsde.core.jet.Activation;
import org.samsde.core.model.Cnn;
import org.samsde.core.model.CnnObjective;
import org.samsde.core.model.ModelSpec;
import org.samsde.core.objective.Batch;
import org.samsde.core.objective.Objective;
import org.samsde.core.objective.TaylorResult;
import org.samsde.core.tensor.Backend;
import org.samsde.core.tensor.CpuBackend;
import org.samsde.core.tensor.Tensor;

/**
 * The cost of the Taylor passes of a CNN relative to a gradient, measured in one run: median
 * wall time of repeated passes after warm-up, for K = 0 (g), K = 1 (g, H·v) and K = 2
 * (g, H·v, ½T[v, v]) along one direction on one batch, measured interleaved.
 *
 * <p>What to expect: per inner layer a gradient costs 3 matrix products (forward, ∂W, ∂input); a
 * K = 2 pass along one direction costs 5 + 6 + 5 = 16 products of the same size (W₀ on three
 * coefficient blocks and W₁ on two forward, Σ_{i≤k} δ_iᵀh_{k−i} for k = 0, 1, 2, and the
 * input adjoint like the forward), about 5.3 gradients, plus the elementwise jets.
 *
 * <p>{@link #main} runs {@code cnn6} on 256 images: MNIST's first 256 training images when the
 * {@code mnist} data set is installed, else 256 synthetic 1 × 28 × 28 images (the cost does not
 * depend on the pixel values).
 */
public final class CnnBenchmark {
    private CnnBenchmark() {
    }

    /**
     * Timings of one benchmark.
     *
     * @param model the architecture, as text
     * @param images the batch size
     * @param dimension d, the number of parameters
     * @param backend the backend's description
     * @param gradientMs median time of a K = 0 pass
     * @param hvpMs median time of a K = 1 pass
     * @param thirdOrderMs median time of a K = 2 pass
     */
    public record Timing(String model, int images, int dimension, String backend, double gradientMs, double hvpMs,
                         double thirdOrderMs) {
        /** @return the K = 1 pass in gradients */
        public double hvpRatio() {
            return hvpMs / gradientMs;
        }

        /** @return the K = 2 pass in gradients */
        public double thirdOrderRatio() {
            return thirdOrderMs / gradientMs;
        }

        @Override
        public String toString() {
            return String.format("%s, batch %d, d = %d, %s%n"
                    + "gradient pass          %9.2f ms%n"
                    + "K=1 pass (g, Hv)       %9.2f ms   %5.2fx gradient%n"
                    + "K=2 pass (g, Hv, T)    %9.2f ms   %5.2fx gradient   (target <= 8x)",
                    model, images, dimension, backend, gradientMs, hvpMs, hvpRatio(), thirdOrderMs, thirdOrderRatio());
        }
    }

    /**
     * Times the passes of a CNN on all samples of a data set.
     *
     * @param cnn the architecture
     * @param data the batch (all its samples are used)
     * @param backend where to run
     * @param repeats timed repeats per figure, at least 1 (after two warm-up passes)
     * @return the median timings
     */
    public static Timing run(Cnn cnn, Dataset data, Backend backend, int repeats) {
        if (repeats < 1) {
            throw new IllegalArgumentException("repeats must be positive, got " + repeats);
        }
        Objective obj = new CnnObjective(cnn, data, backend);
        int d = cnn.dimension();
        Tensor x = backend.upload(cnn.initialParameters(1), d);
        double[] dir = new Cnn(cnn.input(), cnn.layers(), Activation.IDENTITY, cnn.loss()).initialParameters(2);
        double norm = Math.sqrt(Arrays.stream(dir).map(a -> a * a).sum());
        Tensor v = backend.upload(Arrays.stream(dir).map(a -> a / norm).toArray(), d);
        Batch all = Batch.all();
        List<Supplier<TaylorResult>> passes = List.of(
                () -> obj.taylor(x, null, 0, all), () -> obj.taylor(x, v, 1, all), () -> obj.taylor(x, v, 2, all));
        double[] median = time(passes, repeats);
        return new Timing(cnn.toString(), data.size(), d, backend.description(), median[0], median[1], median[2]);
    }

    /** Median wall times in milliseconds of each pass, measured interleaved ({@link PassTimings}). */
    private static double[] time(List<Supplier<TaylorResult>> passes, int repeats) {
        double[][] t = PassTimings.interleaved(passes, repeats);
        double[] median = new double[passes.size()];
        for (int k = 0; k < passes.size(); k++) {
            median[k] = PassTimings.median(t[k]);
        }
        return median;
    }

    /** n images 1 × 28 × 28 with pixels uniform on [0, 1) and labels i mod 10. */
    private static Dataset synthetic(int n) {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(7);
        double[] x = new double[n * 784];
        for (int i = 0; i < x.length; i++) {
            x[i] = rng.nextDouble();
        }
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = i % 10;
        }
        return Dataset.images(x, new ImageShape(1, 28, 28), y);
    }

    /**
     * Prints the timings of {@code cnn6} on 256 MNIST images (synthetic ones when MNIST is not
     * installed).
     *
     * @param args optional: the number of repeats (default 7), then the OpenBLAS thread count
     *     (default: OpenBLAS's own choice)
     */
    public static void main(String[] args) {
        int repeats = args.length > 0 ? Integer.parseInt(args[0]) : 7;
        if (args.length > 1) {
            CpuBackend.get().setBlasThreads(Integer.parseInt(args[1]));
        }
        Dataset data;
        try {
            data = ImageDatasets.load("mnist:n=256,test=0").train();
        } catch (InvalidInputException e) {
            System.out.println("MNIST not installed (" + e.getMessage() + "): timing 256 synthetic 1x28x28 images");
            data = synthetic(256);
        }
        ModelSpec.Model m = ModelSpec.parse("cnn6").build(data, CpuBackend.get());
        Cnn cnn = ((CnnObjective) m.objective()).cnn();
        System.out.println(run(cnn, data, CpuBackend.get(), repeats));
    }
}
