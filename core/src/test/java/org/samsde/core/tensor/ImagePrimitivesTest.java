package org.samsde.core.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.samsde.core.testing.Check;
import org.samsde.core.testing.Problems;

/**
 * The channels-last image primitives of the CPU backend against direct, scalar-wise definitions
 * (convolution as a sum over the kernel, pooling as a loop over windows), and each backward
 * primitive against its forward one through the adjoint identity ⟨A x, y⟩ = ⟨x, Aᵀ y⟩.
 */
class ImagePrimitivesTest {
    @Test
    void windowDefaultsKeepTheImageExtent() {
        Window2d w = Window2d.of(28, 28, 1);
        assertEquals(new Window2d(28, 28, 1, 3, 3, 1, 1), w);
        assertEquals(28, w.outHeight());
        assertEquals(28, w.outWidth());
        Window2d pool = w.withKernel(2, 2).withStride(2, 0);
        assertEquals(14, pool.outHeight(), "2 x 2 windows with stride 2 halve the extent");
    }

    private static final Backend CPU = CpuBackend.get();

    static Stream<Window2d> convolutions() {
        return Stream.of(
                new Window2d(5, 5, 1, 3, 3, 1, 0),
                new Window2d(6, 5, 3, 3, 3, 1, 1),
                new Window2d(7, 6, 2, 3, 3, 2, 1),
                new Window2d(4, 7, 2, 2, 3, 2, 0),
                new Window2d(5, 4, 3, 5, 5, 1, 2),
                new Window2d(3, 3, 2, 1, 1, 1, 0),
                new Window2d(6, 6, 1, 3, 3, 3, 2));
    }

    static Stream<Window2d> pools() {
        return Stream.of(
                new Window2d(4, 4, 1, 2, 2, 2, 0),
                new Window2d(6, 4, 3, 2, 2, 2, 0),
                new Window2d(5, 7, 2, 3, 3, 2, 0),
                new Window2d(5, 5, 2, 2, 2, 1, 0),
                new Window2d(7, 5, 2, 3, 2, 3, 0));
    }

    /** Pixel (y, x, c) of image n, 0 outside the image. */
    private static double pixel(double[] images, Window2d w, int n, int y, int x, int c) {
        if (y < 0 || y >= w.height() || x < 0 || x >= w.width()) {
            return 0.0;
        }
        return images[n * w.imageSize() + (y * w.width() + x) * w.channels() + c];
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("convolutions")
    void im2colTimesKernelIsTheDirectConvolution(Window2d w) {
        int images = 3;
        int out = 4;
        double[] x = Problems.gaussian(1, images * w.imageSize(), 1);
        double[] k = Problems.gaussian(2, out * w.patchSize(), 1); // (out, in, kh, kw) row-major
        int rows = images * w.positions();
        Tensor col = CPU.zeros(rows * w.patchSize() + 3);
        CPU.fill(col.size(), Double.NaN, col, 0);
        CPU.im2col(w, images, CPU.upload(x, x.length), 0, col, 3);
        Tensor z = CPU.zeros(rows * out);
        CPU.gemm(false, true, rows, out, w.patchSize(), 1.0, col, 3, w.patchSize(), CPU.upload(k, k.length), 0, w.patchSize(),
                0.0, z, 0, out);
        double[] expected = new double[rows * out];
        for (int n = 0; n < images; n++) {
            for (int oy = 0; oy < w.outHeight(); oy++) {
                for (int ox = 0; ox < w.outWidth(); ox++) {
                    for (int o = 0; o < out; o++) {
                        double s = 0;
                        for (int c = 0; c < w.channels(); c++) {
                            for (int i = 0; i < w.kernelH(); i++) {
                                for (int j = 0; j < w.kernelW(); j++) {
                                    s += k[((o * w.channels() + c) * w.kernelH() + i) * w.kernelW() + j]
                                            * pixel(x, w, n, oy * w.stride() - w.padding() + i, ox * w.stride() - w.padding() + j, c);
                                }
                            }
                        }
                        expected[((n * w.outHeight() + oy) * w.outWidth() + ox) * out + o] = s;
                    }
                }
            }
        }
        Check.close(expected, z.toArray(), 1e-13, w + " convolution");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("convolutions")
    void col2imIsTheAdjointOfIm2col(Window2d w) {
        int images = 2;
        double[] x = Problems.gaussian(3, images * w.imageSize(), 1);
        double[] y = Problems.gaussian(4, images * w.positions() * w.patchSize(), 1);
        Tensor ax = CPU.zeros(y.length);
        CPU.im2col(w, images, CPU.upload(x, x.length), 0, ax, 0);
        Tensor aty = CPU.zeros(x.length);
        CPU.fill(x.length, Double.NaN, aty, 0);
        CPU.col2im(w, images, CPU.upload(y, y.length), 0, aty, 0);
        Check.close(dot(ax.toArray(), y), dot(x, aty.toArray()), 1e-12, w + " <im2col x, y> = <x, col2im y>");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pools")
    void averagePoolingIsTheWindowMeanAndItsBackwardTheAdjoint(Window2d w) {
        int images = 3;
        double[] x = Problems.gaussian(5, images * w.imageSize(), 1);
        Tensor pooled = CPU.zeros(images * w.pooledSize());
        CPU.avgPool(w, images, CPU.upload(x, x.length), 0, pooled, 0);
        double[] expected = new double[images * w.pooledSize()];
        for (int n = 0; n < images; n++) {
            for (int oy = 0; oy < w.outHeight(); oy++) {
                for (int ox = 0; ox < w.outWidth(); ox++) {
                    for (int c = 0; c < w.channels(); c++) {
                        double s = 0;
                        for (int i = 0; i < w.kernelH(); i++) {
                            for (int j = 0; j < w.kernelW(); j++) {
                                s += pixel(x, w, n, oy * w.stride() + i, ox * w.stride() + j, c);
                            }
                        }
                        expected[n * w.pooledSize() + (oy * w.outWidth() + ox) * w.channels() + c] = s / (w.kernelH() * w.kernelW());
                    }
                }
            }
        }
        Check.close(expected, pooled.toArray(), 1e-14, w + " average");
        double[] y = Problems.gaussian(6, images * w.pooledSize(), 1);
        Tensor back = CPU.zeros(x.length);
        CPU.avgPoolBackward(w, images, CPU.upload(y, y.length), 0, back, 0);
        Check.close(dot(expected, y), dot(x, back.toArray()), 1e-12, w + " average adjoint");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pools")
    void maxPoolingTakesTheFirstMaximumAndItsJetFollowsTheArgmax(Window2d w) {
        int images = 2;
        double[] x = Problems.gaussian(7, images * w.imageSize(), 1);
        for (int i = 0; i < x.length; i += 5) {
            x[i] = Math.rint(x[i]); // integers make ties, resolved to the first in window order
        }
        Tensor pooled = CPU.zeros(images * w.pooledSize());
        Tensor arg = CPU.zeros(images * w.pooledSize());
        CPU.maxPool(w, images, CPU.upload(x, x.length), 0, pooled, 0, arg, 0);
        double[] expected = new double[images * w.pooledSize()];
        double[] expectedArg = new double[images * w.pooledSize()];
        for (int n = 0; n < images; n++) {
            for (int oy = 0; oy < w.outHeight(); oy++) {
                for (int ox = 0; ox < w.outWidth(); ox++) {
                    for (int c = 0; c < w.channels(); c++) {
                        double best = Double.NEGATIVE_INFINITY;
                        int where = -1;
                        for (int i = 0; i < w.kernelH(); i++) {
                            for (int j = 0; j < w.kernelW(); j++) {
                                int y = oy * w.stride() + i;
                                int xx = ox * w.stride() + j;
                                double v = pixel(x, w, n, y, xx, c);
                                if (v > best) {
                                    best = v;
                                    where = (y * w.width() + xx) * w.channels() + c;
                                }
                            }
                        }
                        int e = n * w.pooledSize() + (oy * w.outWidth() + ox) * w.channels() + c;
                        expected[e] = best;
                        expectedArg[e] = where;
                    }
                }
            }
        }
        assertArrayEquals(expected, pooled.toArray(), 0.0, w + " max");
        assertArrayEquals(expectedArg, arg.toArray(), 0.0, w + " argmax");

        int blocks = 3;
        double[] jet = Problems.gaussian(8, blocks * images * w.imageSize(), 1);
        Tensor gathered = CPU.zeros(blocks * images * w.pooledSize());
        CPU.maxPoolGather(w, blocks, images, arg, 0, CPU.upload(jet, jet.length), 0, gathered, 0);
        double[] g = gathered.toArray();
        for (int b = 0; b < blocks; b++) {
            for (int n = 0; n < images; n++) {
                for (int e = 0; e < w.pooledSize(); e++) {
                    int a = (int) expectedArg[n * w.pooledSize() + e];
                    assertEquals(jet[(b * images + n) * w.imageSize() + a], g[(b * images + n) * w.pooledSize() + e], 0.0);
                }
            }
        }
        double[] y = Problems.gaussian(9, g.length, 1);
        Tensor scattered = CPU.zeros(jet.length);
        CPU.maxPoolScatter(w, blocks, images, arg, 0, CPU.upload(y, y.length), 0, scattered, 0);
        Check.close(dot(g, y), dot(jet, scattered.toArray()), 1e-12, w + " max adjoint");
    }

    /** A backend whose image primitives are the interface's host round-trip defaults, everything else the CPU backend's. */
    private static Backend hostDefaults() {
        java.util.Set<String> images = java.util.Set.of("im2col", "col2im", "avgPool", "avgPoolBackward", "maxPool",
                "maxPoolGather", "maxPoolScatter", "transposeBatch");
        return (Backend) java.lang.reflect.Proxy.newProxyInstance(Backend.class.getClassLoader(), new Class<?>[] {Backend.class},
                (proxy, method, args) -> images.contains(method.getName())
                        ? java.lang.reflect.InvocationHandler.invokeDefault(proxy, method, args)
                        : method.invoke(CPU, args));
    }

    @Test
    void theHostRoundTripDefaultsEqualTheCpuPrimitives() {
        Backend host = hostDefaults();
        Window2d conv = new Window2d(7, 6, 2, 3, 3, 2, 1);
        Window2d pool = new Window2d(6, 4, 3, 2, 2, 2, 0);
        int images = 3;
        double[] x = Problems.gaussian(11, images * 2 * conv.positions() * conv.patchSize() + 50, 1);
        java.util.function.Function<Backend, double[]> run = b -> {
            Tensor in = b.upload(x, x.length);
            Tensor out = b.zeros(4 * x.length);
            Tensor arg = b.zeros(images * pool.pooledSize());
            int at = 0;
            b.im2col(conv, images, in, 1, out, at);
            at += images * conv.positions() * conv.patchSize();
            b.col2im(conv, images, in, 2, out, at);
            at += images * conv.imageSize();
            b.avgPool(pool, images, in, 3, out, at);
            at += images * pool.pooledSize();
            b.avgPoolBackward(pool, images, in, 4, out, at);
            at += images * pool.imageSize();
            b.maxPool(pool, images, in, 5, out, at, arg, 0);
            at += images * pool.pooledSize();
            b.maxPoolGather(pool, 2, images, arg, 0, in, 6, out, at);
            at += 2 * images * pool.pooledSize();
            b.maxPoolScatter(pool, 2, images, arg, 0, in, 7, out, at);
            at += 2 * images * pool.imageSize();
            b.transposeBatch(images, 5, 4, in, 8, out, at);
            double[] result = out.toArray();
            double[] args = arg.toArray();
            double[] all = java.util.Arrays.copyOf(result, result.length + args.length);
            System.arraycopy(args, 0, all, result.length, args.length);
            return all;
        };
        assertArrayEquals(run.apply(CPU), run.apply(host), 0.0);
    }

    @Test
    void transposeBatchTransposesEachMatrixAndUndoesItself() {
        int count = 3;
        int rows = 4;
        int cols = 5;
        double[] x = Problems.gaussian(10, count * rows * cols, 1);
        Tensor t = CPU.zeros(x.length);
        CPU.transposeBatch(count, rows, cols, CPU.upload(x, x.length), 0, t, 0);
        double[] tt = t.toArray();
        for (int m = 0; m < count; m++) {
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < cols; c++) {
                    assertEquals(x[m * rows * cols + r * cols + c], tt[m * rows * cols + c * rows + r], 0.0);
                }
            }
        }
        Tensor back = CPU.zeros(x.length);
        CPU.transposeBatch(count, cols, rows, t, 0, back, 0);
        assertArrayEquals(x, back.toArray(), 0.0);
    }

    @Test
    void poolsRejectPaddingAndWindowsRejectBadGeometry() {
        Window2d padded = new Window2d(4, 4, 1, 2, 2, 2, 1);
        Tensor t = CPU.zeros(64);
        assertThrows(IllegalArgumentException.class, () -> CPU.avgPool(padded, 1, t, 0, t, 16));
        assertThrows(IllegalArgumentException.class, () -> CPU.maxPool(padded, 1, t, 0, t, 16, t, 32));
        assertThrows(IllegalArgumentException.class, () -> new Window2d(2, 2, 1, 3, 3, 1, 0));
        assertThrows(IllegalArgumentException.class, () -> new Window2d(2, 2, 0, 1, 1, 1, 0));
        assertThrows(IllegalArgumentException.class, () -> new Window2d(2, 2, 1, 1, 1, 0, 0));
        Window2d w = new Window2d(28, 28, 1, 3, 3, 2, 1);
        assertEquals(14, w.outHeight());
        assertEquals(14, w.outWidth());
        assertEquals(9, w.patchSize());
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }
}
