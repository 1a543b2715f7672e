package org.samsde.core.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.samsde.core.model.ModelSpec;
import org.samsde.core.objective.Batch;
import org.samsde.core.objective.Objective;
import org.samsde.core.objective.TaylorResult;
import org.samsde.core.tensor.Backend;
import org.samsde.core.tensor.CpuBackend;
import org.samsde.core.tensor.Tensor;
import org.samsde.core.testing.Check;
import org.samsde.core.testing.FiniteDifferences;
import org.samsde.core.testing.Problems;

/**
 * The real MNIST and Fashion-MNIST files as {@code scripts/install-data} installs them: their
 * sizes, first labels and pixel means (the published normalisation constants), exact derivatives
 * of {@code cnn6} on real images, and a short SGD run (40 steps of 32 images) that lowers the
 * loss and reaches a test accuracy above 50%.
 *
 * <p>Runs only with {@code -Dsamsde.realdata=true} (CI sets it after installing the data); the
 * data directory is found as {@link ImageDatasets#dataDirectory()} says.
 */
@Tag("realdata")
@EnabledIfSystemProperty(named = "samsde.realdata", matches = "true")
class RealDataTest {
    private static final Backend CPU = CpuBackend.get();

    @ParameterizedTest(name = "{0}")
    @CsvSource({"mnist, 5, 7, 0.1307", "fashion-mnist, 9, 9, 0.2860"})
    void theInstalledFilesAreTheWholeDataSet(String name, int firstTrainLabel, int firstTestLabel, double pixelMean) {
        Split s = ImageDatasets.load(name + ":n=1000,test=100");
        assertEquals(new ImageShape(1, 28, 28), s.train().imageShape().orElseThrow());
        assertEquals(firstTrainLabel, s.train().labels()[0]);
        assertEquals(firstTestLabel, s.test().labels()[0]);
        assertEquals(10, s.train().classes());
        double[] x = s.train().x();
        assertTrue(Arrays.stream(x).allMatch(v -> v >= 0 && v <= 1));
        Path dir = ImageDatasets.dataDirectory().resolve(name);
        Idx.Array train = Idx.read(firstExisting(dir, "train-images-idx3-ubyte"));
        Idx.Array test = Idx.read(firstExisting(dir, "t10k-images-idx3-ubyte"));
        assertArrayEquals(new int[] {60000, 28, 28}, train.shape());
        assertArrayEquals(new int[] {10000, 28, 28}, test.shape());
        double sum = 0;
        for (byte b : train.payload()) {
            sum += b & 0xff;
        }
        assertEquals(pixelMean, sum / train.payload().length / 255.0, 1e-4, name + " mean pixel");
    }

    private static Path firstExisting(Path dir, String base) {
        Path plain = dir.resolve(base);
        return java.nio.file.Files.exists(plain) ? plain : dir.resolve(base + ".gz");
    }

    @Test
    void cnn6DerivativesOnRealImagesMatchFiniteDifferences() {
        Dataset data = ImageDatasets.load("mnist:n=16,test=0").train();
        ModelSpec.Model m = ModelSpec.parse("cnn6").build(data, CPU);
        Objective obj = m.objective();
        double[] x = m.initialParameters(0);
        double[] v = Problems.gaussian(1, x.length, 1.0 / Math.sqrt(x.length));
        TaylorResult r = obj.taylor(CPU.upload(x, x.length), CPU.upload(v, v.length), 2, Batch.all());
        java.util.function.Function<double[], double[]> grad = p -> {
            Tensor t = CPU.upload(p, p.length);
            return obj.gradient(t, Batch.all()).gradient();
        };
        Check.close(FiniteDifferences.directional(grad, x, v, 1e-2), r.hvp(0), 1e-7, "cnn6 Hv on MNIST");
        Check.close(FiniteDifferences.secondDirectional(grad, x, v, 1e-1), r.thirdOrder(0), 1e-5, "cnn6 T[v,v] on MNIST");
    }

    @Test
    void aShortSgdRunOnMnistLowersTheLossOfCnn6() {
        Split s = ImageDatasets.load("mnist:n=512,test=256");
        ModelSpec.Model m = ModelSpec.parse("cnn6").build(s.train(), CPU);
        Objective train = m.objective();
        Objective test = m.on(s.test());
        double[] x = m.initialParameters(0);
        Tensor xt = CPU.upload(x, x.length);
        double before = train.value(xt, Batch.all());
        double testBefore = test.value(xt, Batch.all());
        org.apache.commons.rng.UniformRandomProvider rng = org.apache.commons.rng.simple.RandomSource.XO_RO_SHI_RO_128_PP.create(3);
        for (int step = 0; step < 40; step++) {
            int[] idx = new int[32];
            for (int i = 0; i < idx.length; i++) {
                idx[i] = rng.nextInt(512);
            }
            TaylorResult g = train.gradient(xt, Batch.of(idx));
            CPU.axpy(x.length, -0.3, g.gradientCoefficients(), 0, xt, 0);
            g.gradientCoefficients().close();
        }
        double after = train.value(xt, Batch.all());
        Objective.Evaluation e = test.evaluate(xt, Batch.all());
        assertTrue(after < 0.6 * before, "training loss " + before + " -> " + after);
        assertTrue(e.loss() < 0.6 * testBefore, "test loss " + testBefore + " -> " + e.loss());
        assertTrue(e.accuracy() > 0.5, "test accuracy " + e.accuracy());
    }
}
