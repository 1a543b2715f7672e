package org.samsde.core.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.samsde.core.jet.Activation;
import org.samsde.core.jet.JetLayout;
import org.samsde.core.tensor.Backend;
import org.samsde.core.tensor.CpuBackend;
import org.samsde.core.tensor.Tensor;
import org.samsde.core.tensor.Window2d;

/**
 * Every operation of the {@link Backend} SPI on random inputs, run on a candidate backend and on
 * the CPU backend (the reference), results compared to a relative 1e-12 in the max norm:
 * ‖candidate − cpu‖∞ ≤ 1e-12·‖cpu‖∞. Inputs sit at nonzero offsets inside larger tensors, with
 * padded leading dimensions, so that offset and stride handling is checked too; sizes cross the
 * launch-shape boundaries of the CUDA kernels (more than 32 classes per warp, more than 256 elements
 * per block). Written once and published in core's test-jar: {@link PureJavaParityTest} runs it on
 * the pure-Java CPU backend against the native one, which checks the contract itself on every
 * machine; the gpu module runs it on the CUDA backend (on the GPU, and on its host emulation).
 * A backend's test extends this class and supplies {@link #candidate()}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class BackendParityContract {
    /** The relative tolerance of the parity checks. */
    public static final double TOL = 1e-12;

    private final CpuBackend cpu = CpuBackend.get();
    private Backend gpu;
    private final List<Tensor> open = new ArrayList<>();

    /** @return the backend under test (may skip the test through an assumption) */
    protected abstract Backend candidate();

    /** Per test, so that every skipped test is reported with the reason. */
    @BeforeEach
    void start() {
        gpu = candidate();
    }

    @AfterEach
    void closeTensors() {
        open.forEach(Tensor::close);
        open.clear();
    }

    /** The same data on both backends. */
    final class Pair {
        final Tensor c;
        final Tensor g;

        Pair(double[] data) {
            c = cpu.upload(data, data.length);
            g = gpu.upload(data, data.length);
            open.add(c);
            open.add(g);
        }

        /** Asserts that both hold the same values, elements from..from+count. */
        void assertSame(String what, int from, int count) {
            double[] expected = new double[count];
            double[] actual = new double[count];
            cpu.download(c, from, expected, 0, count);
            gpu.download(g, from, actual, 0, count);
            assertClose(what, expected, actual);
        }

        void assertSame(String what) {
            assertSame(what, 0, c.size());
        }
    }

    /**
     * Asserts ‖actual − expected‖∞ ≤ {@link #TOL}·‖expected‖∞ (NaN where both are NaN counts as equal).
     *
     * @param what names the check in the failure message
     * @param expected the reference values
     * @param actual the candidate's values
     */
    public static void assertClose(String what, double[] expected, double[] actual) {
        assertEquals(expected.length, actual.length, what + ": length");
        double scale = 0;
        double diff = 0;
        int worst = -1;
        for (int i = 0; i < expected.length; i++) {
            scale = Math.max(scale, Math.abs(expected[i]));
            boolean bothNaN = Double.isNaN(expected[i]) && Double.isNaN(actual[i]);
            double d = bothNaN ? 0 : Math.abs(expected[i] - actual[i]);
            if (!(d <= diff)) {
                diff = d;
                worst = i;
            }
        }
        if (!(diff <= TOL * scale)) {
            fail(what + ": element " + worst + " is " + actual[worst] + ", expected " + expected[worst]
                    + " (max difference " + diff + " > " + TOL + " x " + scale + ")");
        }
    }

    /**
     * @param seed the seed
     * @param n how many values
     * @param lo the lower bound
     * @param hi the upper bound
     * @return n values uniform on [lo, hi), deterministic for the seed
     */
    public static double[] random(long seed, int n, double lo, double hi) {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = lo + (hi - lo) * rng.nextDouble();
        }
        return x;
    }

    Pair pair(long seed, int n) {
        return new Pair(random(seed, n, -1, 1));
    }

    Pair pair(double[] data) {
        return new Pair(data);
    }

    static double[] filled(int n, double v) {
        double[] x = new double[n];
        java.util.Arrays.fill(x, v);
        return x;
    }

    // ---------------------------------------------------------------- memory

    @Test
    void zerosUploadAndDownloadWithOffsets() {
        Tensor z = gpu.zeros(3, 5);
        open.add(z);
        assertClose("zeros", new double[15], z.toArray());
        double[] host = random(1, 40, -1, 1);
        Tensor t = gpu.zeros(50);
        open.add(t);
        gpu.upload(host, 5, t, 7, 30);
        double[] back = new double[34];
        gpu.download(t, 7, back, 2, 30);
        assertClose("round trip", java.util.Arrays.copyOfRange(host, 5, 35), java.util.Arrays.copyOfRange(back, 2, 32));
        assertThrows(IndexOutOfBoundsException.class, () -> gpu.upload(host, 0, t, 40, 11));
        assertThrows(IndexOutOfBoundsException.class, () -> gpu.download(t, 45, back, 0, 6));
    }

    // ---------------------------------------------------------------- BLAS

    /** (m, n, k) shapes: general, long inner dimension, one output row, one output column, both, empty inner. */
    private static final int[][] SHAPES = {{7, 5, 3}, {64, 33, 129}, {1, 17, 9}, {13, 1, 9}, {1, 1, 5}, {5, 4, 0}, {300, 40, 70}};

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 3})
    void gemmOnOffsetViewsInEveryTransposition(int trans) {
        boolean ta = (trans & 1) != 0;
        boolean tb = (trans & 2) != 0;
        long seed = 10 + trans;
        for (int[] s : SHAPES) {
            int m = s[0];
            int n = s[1];
            int k = s[2];
            int aRows = ta ? k : m;
            int aCols = ta ? m : k;
            int bRows = tb ? n : k;
            int bCols = tb ? k : n;
            int lda = aCols + 3;
            int ldb = bCols + 1;
            int ldc = n + 2;
            Pair a = pair(seed++, 5 + Math.max(1, aRows) * lda);
            Pair b = pair(seed++, 2 + Math.max(1, bRows) * ldb);
            for (double beta : new double[] {0.0, 0.7}) {
                Pair c = pair(beta == 0 ? filled(4 + m * ldc, Double.NaN) : random(seed++, 4 + m * ldc, -1, 1));
                cpu.gemm(ta, tb, m, n, k, 1.3, a.c, 5, lda, b.c, 2, ldb, beta, c.c, 4, ldc);
                gpu.gemm(ta, tb, m, n, k, 1.3, a.g, 5, lda, b.g, 2, ldb, beta, c.g, 4, ldc);
                for (int r = 0; r < m; r++) {
                    c.assertSame("gemm " + (ta ? "T" : "N") + (tb ? "T" : "N") + " " + m + "x" + n + "x" + k + " beta " + beta
                            + " row " + r, 4 + r * ldc, n);
                }
            }
        }
    }

    @Test
    void axpyScaleCopyFill() {
        for (int n : new int[] {1, 257, 100_003}) {
            Pair x = pair(20, n + 3);
            Pair y = pair(21, n + 5);
            cpu.axpy(n, -0.75, x.c, 3, y.c, 5);
            gpu.axpy(n, -0.75, x.g, 3, y.g, 5);
            y.assertSame("axpy " + n);
            cpu.scale(n, 2.5, y.c, 1);
            gpu.scale(n, 2.5, y.g, 1);
            y.assertSame("scale " + n);
            cpu.copy(n, x.c, 2, y.c, 4);
            gpu.copy(n, x.g, 2, y.g, 4);
            y.assertSame("copy " + n);
            cpu.fill(n - 1, -3.25, y.c, 6);
            gpu.fill(n - 1, -3.25, y.g, 6);
            y.assertSame("fill " + n);
        }
    }

    @Test
    void scaleByZeroKeepsNaN() {
        Pair x = pair(new double[] {1, Double.NaN, Double.POSITIVE_INFINITY, -2});
        cpu.scale(4, 0.0, x.c, 0);
        gpu.scale(4, 0.0, x.g, 0);
        double[] g = x.g.toArray();
        assertTrue(Double.isNaN(g[1]) && Double.isNaN(g[2]) && g[0] == 0 && g[3] == 0, java.util.Arrays.toString(g));
    }

    @Test
    void dot() {
        for (int n : new int[] {0, 1, 31, 1000, 300_001}) {
            Pair x = pair(30, n + 2);
            Pair y = pair(31, n + 1);
            double expected = cpu.dot(n, x.c, 2, y.c, 1);
            double actual = gpu.dot(n, x.g, 2, y.g, 1);
            double scale = 0;
            double[] xs = x.c.toArray();
            double[] ys = y.c.toArray();
            for (int i = 0; i < n; i++) {
                scale += Math.abs(xs[i + 2] * ys[i + 1]);
            }
            assertTrue(Math.abs(expected - actual) <= TOL * Math.max(scale, Double.MIN_NORMAL),
                    "dot " + n + ": " + actual + " vs " + expected);
        }
    }

    // ---------------------------------------------------------------- broadcasting and gathering

    @Test
    void addRowVectorAndSumRows() {
        for (int[] s : new int[][] {{1, 1}, {100, 70}, {3, 300}, {0, 5}, {513, 3}}) {
            int rows = s[0];
            int cols = s[1];
            Pair v = pair(40, cols + 1);
            Pair c = pair(41, rows * cols + 2);
            cpu.addRowVector(rows, cols, 0.5, v.c, 1, c.c, 2);
            gpu.addRowVector(rows, cols, 0.5, v.g, 1, c.g, 2);
            c.assertSame("addRowVector " + rows + "x" + cols);
            for (double beta : new double[] {0.0, 0.5}) {
                Pair out = pair(beta == 0 ? filled(cols + 3, Double.NaN) : random(42, cols + 3, -1, 1));
                cpu.sumRows(rows, cols, c.c, 2, beta, out.c, 3);
                gpu.sumRows(rows, cols, c.g, 2, beta, out.g, 3);
                out.assertSame("sumRows " + rows + "x" + cols + " beta " + beta, 3, cols);
            }
        }
    }

    @Test
    void gatherRowsWithRepeats() {
        int cols = 37;
        Pair src = pair(50, 60 * cols);
        int[] index = {3, 59, 0, 3, 17, 17, 42, 8};
        Pair dst = pair(51, 2 + 6 * cols);
        cpu.gatherRows(cols, src.c, index, 1, 6, dst.c, 2);
        gpu.gatherRows(cols, src.g, index, 1, 6, dst.g, 2);
        dst.assertSame("gatherRows");
        assertThrows(IndexOutOfBoundsException.class, () -> gpu.gatherRows(cols, src.g, new int[] {60}, 0, 1, dst.g, 0));
        assertThrows(IndexOutOfBoundsException.class, () -> gpu.gatherRows(cols, src.g, new int[] {-1}, 0, 1, dst.g, 0));
    }

    // ---------------------------------------------------------------- images

    private static final Window2d[] WINDOWS = {
        new Window2d(7, 6, 3, 3, 2, 1, 1),
        new Window2d(8, 8, 2, 2, 2, 2, 0),
        new Window2d(9, 7, 4, 3, 3, 2, 0),
        new Window2d(5, 5, 1, 5, 5, 1, 2),
        new Window2d(10, 9, 2, 2, 3, 3, 0),
    };

    @Test
    void im2colAndItsAdjoint() {
        int images = 3;
        for (Window2d w : WINDOWS) {
            int col = images * w.positions() * w.patchSize();
            Pair img = pair(60, 1 + images * w.imageSize());
            Pair cols = pair(61, 2 + col);
            cpu.im2col(w, images, img.c, 1, cols.c, 2);
            gpu.im2col(w, images, img.g, 1, cols.g, 2);
            cols.assertSame("im2col " + w);
            Pair back = pair(62, 3 + images * w.imageSize());
            cpu.col2im(w, images, cols.c, 2, back.c, 3);
            gpu.col2im(w, images, cols.g, 2, back.g, 3);
            back.assertSame("col2im " + w);
        }
    }

    @Test
    void pooling() {
        int images = 2;
        int blocks = 3;
        for (Window2d w : WINDOWS) {
            if (w.padding() != 0) {
                assertThrows(IllegalArgumentException.class, () -> gpu.avgPool(w, 1, gpu.zeros(w.imageSize()), 0, gpu.zeros(w.pooledSize()), 0));
                continue;
            }
            Pair img = pair(70, 1 + images * w.imageSize());
            Pair pooled = pair(71, 2 + images * w.pooledSize());
            cpu.avgPool(w, images, img.c, 1, pooled.c, 2);
            gpu.avgPool(w, images, img.g, 1, pooled.g, 2);
            pooled.assertSame("avgPool " + w);
            Pair back = pair(72, images * w.imageSize());
            cpu.avgPoolBackward(w, images, pooled.c, 2, back.c, 0);
            gpu.avgPoolBackward(w, images, pooled.g, 2, back.g, 0);
            back.assertSame("avgPoolBackward " + w);

            // coarse values so that windows hold ties, plus a NaN: the first maximum in window order wins
            double[] coarse = random(73, images * w.imageSize(), 0, 3);
            for (int i = 0; i < coarse.length; i++) {
                coarse[i] = Math.floor(coarse[i]);
            }
            coarse[coarse.length / 2] = Double.NaN;
            Pair values = pair(coarse);
            Pair max = pair(74, images * w.pooledSize());
            Pair arg = pair(75, 1 + images * w.pooledSize());
            cpu.maxPool(w, images, values.c, 0, max.c, 0, arg.c, 1);
            gpu.maxPool(w, images, values.g, 0, max.g, 0, arg.g, 1);
            max.assertSame("maxPool " + w);
            arg.assertSame("maxPool argmax " + w);

            Pair jet = pair(76, blocks * images * w.imageSize());
            Pair gathered = pair(77, 4 + blocks * images * w.pooledSize());
            cpu.maxPoolGather(w, blocks, images, arg.c, 1, jet.c, 0, gathered.c, 4);
            gpu.maxPoolGather(w, blocks, images, arg.g, 1, jet.g, 0, gathered.g, 4);
            gathered.assertSame("maxPoolGather " + w);
            Pair scattered = pair(78, 1 + blocks * images * w.imageSize());
            cpu.maxPoolScatter(w, blocks, images, arg.c, 1, gathered.c, 4, scattered.c, 1);
            gpu.maxPoolScatter(w, blocks, images, arg.g, 1, gathered.g, 4, scattered.g, 1);
            scattered.assertSame("maxPoolScatter " + w);
        }
    }

    @Test
    void badMaxPoolIndicesAreReported() {
        Window2d w = new Window2d(4, 4, 1, 2, 2, 2, 0);
        Tensor arg = gpu.upload(new double[] {0, 1, 2.5, 3}, 4);
        Tensor src = gpu.zeros(16);
        Tensor dst = gpu.zeros(4);
        open.addAll(List.of(arg, src, dst));
        assertThrows(IndexOutOfBoundsException.class, () -> {
            gpu.maxPoolGather(w, 1, 1, arg, 0, src, 0, dst, 0);
            gpu.download(dst, 0, new double[4], 0, 4); // the CUDA backend reports at its next synchronisation
        });
        gpu.download(dst, 0, new double[4], 0, 4); // reported once, then cleared
    }

    @Test
    void transposeBatch() {
        for (int[] s : new int[][] {{3, 37, 45}, {1, 1, 70}, {2, 70, 1}, {5, 32, 32}, {1, 100, 65}}) {
            int n = s[0] * s[1] * s[2];
            Pair src = pair(80, n + 1);
            Pair dst = pair(81, n + 2);
            cpu.transposeBatch(s[0], s[1], s[2], src.c, 1, dst.c, 2);
            gpu.transposeBatch(s[0], s[1], s[2], src.g, 1, dst.g, 2);
            dst.assertSame("transposeBatch " + java.util.Arrays.toString(s));
        }
    }

    // ---------------------------------------------------------------- jets

    static List<JetLayout> layouts() {
        List<JetLayout> l = new ArrayList<>();
        l.add(JetLayout.VALUE);
        for (int order = 1; order <= JetLayout.MAX_ORDER; order++) {
            l.add(new JetLayout(order, 1));
            l.add(new JetLayout(order, 3));
        }
        return l;
    }

    @ParameterizedTest
    @EnumSource(Activation.class)
    void activationJet(Activation act) {
        int blockSize = 1000;
        for (JetLayout layout : layouts()) {
            int n = layout.blocks() * blockSize;
            double[] z = random(90, n + 1, -1, 1);
            for (int i = 1; i <= blockSize; i++) {
                z[i] *= 5; // values spread over the activation's interesting range
            }
            z[1] = 0.0;
            Pair zp = pair(z);
            for (boolean withD : new boolean[] {false, true}) {
                Pair a = pair(91, n + 2);
                Pair d = pair(92, n + 3);
                cpu.activationJet(act, layout, blockSize, zp.c, 1, a.c, 2, withD ? d.c : null, 3);
                gpu.activationJet(act, layout, blockSize, zp.g, 1, a.g, 2, withD ? d.g : null, 3);
                a.assertSame(act + " " + layout + " value jet");
                d.assertSame(act + " " + layout + " derivative jet (" + (withD ? "written" : "untouched") + ")");
            }
        }
    }

    @Test
    void jetMultiply() {
        int blockSize = 700;
        for (JetLayout layout : layouts()) {
            int n = layout.blocks() * blockSize;
            Pair a = pair(100, n + 1);
            Pair b = pair(101, n + 2);
            Pair out = pair(102, n + 3);
            cpu.jetMultiply(layout, blockSize, a.c, 1, b.c, 2, out.c, 3);
            gpu.jetMultiply(layout, blockSize, a.g, 1, b.g, 2, out.g, 3);
            out.assertSame("jetMultiply " + layout);
        }
    }

    /** The loss returned and the delta jet written, both compared. */
    private void lossParity(String what, JetLayout layout, Pair delta, Function<Backend, double[]> call) {
        double[] expected = call.apply(cpu);
        double[] actual = call.apply(gpu);
        assertClose(what + " loss jet", expected, actual);
        delta.assertSame(what + " delta jet");
        assertEquals(layout.blocks(), actual.length);
    }

    @Test
    void softmaxCrossEntropyJet() {
        int rows = 37;
        for (int classes : new int[] {2, 10, 45}) {
            for (JetLayout layout : layouts()) {
                int n = layout.blocks() * rows * classes;
                double[] z = random(110, n, -3, 3);
                Pair logits = pair(z);
                double[] y = random(111, rows, 0, classes);
                for (int i = 0; i < rows; i++) {
                    y[i] = Math.floor(y[i]);
                }
                Pair labels = pair(y);
                Pair weights = pair(random(112, rows, 0, 2));
                Pair delta = pair(113, n);
                lossParity("softmax cross-entropy " + classes + " classes " + layout, layout, delta, be -> be.softmaxCrossEntropyJet(
                        layout, rows, classes, be == cpu ? logits.c : logits.g, be == cpu ? labels.c : labels.g,
                        be == cpu ? weights.c : weights.g, be == cpu ? delta.c : delta.g));
            }
        }
    }

    @Test
    void binaryCrossEntropyJet() {
        int rows = 300;
        for (JetLayout layout : layouts()) {
            int n = layout.blocks() * rows;
            Pair logits = pair(random(120, n, -6, 6));
            double[] y = random(121, rows, 0, 2);
            for (int i = 0; i < rows; i++) {
                y[i] = Math.floor(y[i]);
            }
            Pair labels = pair(y);
            Pair weights = pair(random(122, rows, 0, 2));
            Pair delta = pair(123, n);
            lossParity("binary cross-entropy " + layout, layout, delta, be -> be.binaryCrossEntropyJet(layout, rows,
                    be == cpu ? logits.c : logits.g, be == cpu ? labels.c : labels.g, be == cpu ? weights.c : weights.g,
                    be == cpu ? delta.c : delta.g));
        }
    }

    @Test
    void squaredErrorJet() {
        int rows = 41;
        for (int width : new int[] {1, 40}) {
            for (JetLayout layout : layouts()) {
                int n = layout.blocks() * rows * width;
                Pair pred = pair(130, n);
                Pair targets = pair(131, rows * width);
                Pair weights = pair(random(132, rows, 0, 2));
                Pair delta = pair(133, n);
                lossParity("squared error width " + width + " " + layout, layout, delta, be -> be.squaredErrorJet(layout, rows,
                        width, be == cpu ? pred.c : pred.g, be == cpu ? targets.c : targets.g, be == cpu ? weights.c : weights.g,
                        be == cpu ? delta.c : delta.g));
            }
        }
    }

    @Test
    void invalidLabelsAreRejectedAsOnTheCpu() {
        JetLayout layout = new JetLayout(1, 2);
        int rows = 4;
        Pair logits = pair(140, layout.blocks() * rows * 3);
        Pair weights = pair(filled(rows, 1));
        Pair delta = pair(141, layout.blocks() * rows * 3);
        Pair badClass = pair(new double[] {0, 2, 3, 1});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> gpu.softmaxCrossEntropyJet(layout, rows, 3, logits.g, badClass.g, weights.g, delta.g));
        assertTrue(e.getMessage().contains("label 3.0 of row 2"), e.getMessage());
        Pair fractional = pair(new double[] {0, 0.5, 1, 1});
        assertThrows(IllegalArgumentException.class,
                () -> gpu.binaryCrossEntropyJet(layout, rows, logits.g, fractional.g, weights.g, delta.g));
        // the error is cleared: a valid call afterwards succeeds
        Pair good = pair(new double[] {0, 2, 1, 1});
        gpu.softmaxCrossEntropyJet(layout, rows, 3, logits.g, good.g, weights.g, delta.g);
    }
}
