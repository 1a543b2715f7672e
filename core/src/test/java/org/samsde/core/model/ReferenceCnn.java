package org.samsde.core.model;

import org.samsde.core.data.Dataset;
import org.samsde.core.data.ImageShape;

/**
 * A slow, obviously correct CNN forward pass written from the public parameter layout alone:
 * images as [c][y][x] arrays in (C, H, W) order, convolution as the sum over the kernel with
 * zero padding, kernels (out, in, kh, kw) row-major then bias, flatten in (C, H, W) order, dense W
 * (out × in) row-major then bias. It also reports how far every max-pooling window is from a tie
 * (ignoring ties between ReLU zeros, whose jets are all zero).
 */
final class ReferenceCnn {
    private final Cnn cnn;
    private final double[] p;
    /** The smallest gap between the largest and the second-largest entry of any max-pooling window seen. */
    private double minGap = Double.POSITIVE_INFINITY;

    ReferenceCnn(Cnn cnn, double[] params) {
        this.cnn = cnn;
        this.p = params.clone();
    }

    /** @return the smallest max-pooling gap over all forward passes so far (infinite without max pooling) */
    double minMaxPoolGap() {
        return minGap;
    }

    /**
     * @param data the samples
     * @return (1/n) Σᵢ ℓ(outputs(xᵢ), yᵢ) for the network's loss
     */
    double loss(Dataset data) {
        double[] x = data.x();
        int f = data.features();
        double sum = 0;
        for (int i = 0; i < data.size(); i++) {
            double[] image = java.util.Arrays.copyOfRange(x, i * f, (i + 1) * f);
            double[] z = outputs(image);
            sum += switch (cnn.loss()) {
                case CROSS_ENTROPY -> {
                    double max = Double.NEGATIVE_INFINITY;
                    for (double v : z) {
                        max = Math.max(max, v);
                    }
                    double s = 0;
                    for (double v : z) {
                        s += Math.exp(v - max);
                    }
                    yield max + Math.log(s) - z[data.labels()[i]];
                }
                case BINARY_CROSS_ENTROPY -> Math.max(z[0], 0) + Math.log1p(Math.exp(-Math.abs(z[0]))) - data.labels()[i] * z[0];
                case MSE -> {
                    double s = 0;
                    for (int o = 0; o < z.length; o++) {
                        double r = z[o] - data.targets()[i * z.length + o];
                        s += 0.5 * r * r;
                    }
                    yield s;
                }
            };
        }
        return sum / data.size();
    }

    /**
     * @param image one sample in (C, H, W) order
     * @return the last layer's outputs
     */
    double[] outputs(double[] image) {
        ImageShape in = cnn.input();
        double[][][] h = new double[in.channels()][in.height()][in.width()];
        for (int c = 0; c < in.channels(); c++) {
            for (int y = 0; y < in.height(); y++) {
                for (int x = 0; x < in.width(); x++) {
                    h[c][y][x] = image[(c * in.height() + y) * in.width() + x];
                }
            }
        }
        int off = 0;
        for (int l = 0; l < cnn.depth(); l++) {
            CnnLayer layer = cnn.layer(l);
            boolean last = l == cnn.depth() - 1;
            if (layer instanceof CnnLayer.Conv c) {
                int inC = h.length;
                int outH = (h[0].length + 2 * c.padding() - c.kernelH()) / c.stride() + 1;
                int outW = (h[0][0].length + 2 * c.padding() - c.kernelW()) / c.stride() + 1;
                double[][][] z = new double[c.channels()][outH][outW];
                int bias = off + c.channels() * inC * c.kernelH() * c.kernelW();
                for (int o = 0; o < c.channels(); o++) {
                    for (int y = 0; y < outH; y++) {
                        for (int x = 0; x < outW; x++) {
                            double s = p[bias + o];
                            for (int ci = 0; ci < inC; ci++) {
                                for (int i = 0; i < c.kernelH(); i++) {
                                    for (int j = 0; j < c.kernelW(); j++) {
                                        int yy = y * c.stride() - c.padding() + i;
                                        int xx = x * c.stride() - c.padding() + j;
                                        if (yy >= 0 && yy < h[0].length && xx >= 0 && xx < h[0][0].length) {
                                            s += p[off + ((o * inC + ci) * c.kernelH() + i) * c.kernelW() + j] * h[ci][yy][xx];
                                        }
                                    }
                                }
                            }
                            z[o][y][x] = last ? s : cnn.activation().derivative(s, 0);
                        }
                    }
                }
                off = bias + c.channels();
                h = z;
            } else if (layer instanceof CnnLayer.Pool pool) {
                int outH = (h[0].length - pool.size()) / pool.stride() + 1;
                int outW = (h[0][0].length - pool.size()) / pool.stride() + 1;
                double[][][] z = new double[h.length][outH][outW];
                for (int c = 0; c < h.length; c++) {
                    for (int y = 0; y < outH; y++) {
                        for (int x = 0; x < outW; x++) {
                            double sum = 0;
                            double best = Double.NEGATIVE_INFINITY;
                            double second = Double.NEGATIVE_INFINITY;
                            for (int i = 0; i < pool.size(); i++) {
                                for (int j = 0; j < pool.size(); j++) {
                                    double v = h[c][y * pool.stride() + i][x * pool.stride() + j];
                                    sum += v;
                                    if (v > best) {
                                        second = best;
                                        best = v;
                                    } else if (v > second) {
                                        second = v;
                                    }
                                }
                            }
                            if (pool.kind() == CnnLayer.PoolKind.MAX) {
                                z[c][y][x] = best;
                                // a tie between ReLU zeros is harmless: every tied entry has the zero jet
                                boolean deadRelu = best == 0.0 && cnn.activation() == org.samsde.core.jet.Activation.RELU;
                                if (pool.size() > 1 && !deadRelu) {
                                    minGap = Math.min(minGap, best - second);
                                }
                            } else {
                                z[c][y][x] = sum / (pool.size() * pool.size());
                            }
                        }
                    }
                }
                h = z;
            } else {
                CnnLayer.Dense dense = (CnnLayer.Dense) layer;
                int inputs = h.length * h[0].length * h[0][0].length;
                double[] flat = new double[inputs];
                int k = 0;
                for (double[][] plane : h) {
                    for (double[] row : plane) {
                        for (double v : row) {
                            flat[k++] = v;
                        }
                    }
                }
                int bias = off + dense.width() * inputs;
                double[][][] z = new double[dense.width()][1][1];
                for (int o = 0; o < dense.width(); o++) {
                    double s = p[bias + o];
                    for (int i = 0; i < inputs; i++) {
                        s += p[off + o * inputs + i] * flat[i];
                    }
                    z[o][0][0] = last ? s : cnn.activation().derivative(s, 0);
                }
                off = bias + dense.width();
                h = z;
            }
        }
        double[] out = new double[h.length];
        for (int o = 0; o < h.length; o++) {
            out[o] = h[o][0][0];
        }
        return out;
    }
}
