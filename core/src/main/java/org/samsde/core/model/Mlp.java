package org.samsde.core.model;

import java.util.Arrays;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.samsde.core.jet.Activation;

/**
 * A fully connected network: layer l maps widths[l] inputs to widths[l+1] outputs by z = W h + b,
 * hidden layers apply the activation, the last layer is linear and feeds the loss.
 *
 * <p>Parameter layout (a public contract): layers in order; per layer W (out × in, row-major),
 * then b (out). Linear regression is an MLP with no hidden layer and MSE; logistic regression one
 * with no hidden layer and cross-entropy.
 *
 * @param widths layer widths, input first, at least two entries, all positive
 * @param activation the hidden-layer activation
 * @param loss the loss on the last layer's outputs
 */
public record Mlp(int[] widths, Activation activation, Loss loss) {

    /**
     * Validates widths, copies them, and checks the output width against the loss.
     *
     * @param widths layer widths, input first, at least two entries, all positive
     * @param activation the hidden-layer activation
     * @param loss the loss on the last layer's outputs
     */
    public Mlp {
        if (widths.length < 2) {
            throw new IllegalArgumentException("an MLP needs at least an input and an output width");
        }
        for (int w : widths) {
            if (w < 1) {
                throw new IllegalArgumentException("layer widths must be positive, got " + Arrays.toString(widths));
            }
        }
        widths = widths.clone();
        if (loss == Loss.BINARY_CROSS_ENTROPY && widths[widths.length - 1] != 1) {
            throw new IllegalArgumentException("binary cross-entropy needs one output, got " + widths[widths.length - 1]);
        }
        if (loss == Loss.CROSS_ENTROPY && widths[widths.length - 1] < 2) {
            throw new IllegalArgumentException("softmax cross-entropy needs at least two outputs");
        }
        long d = 0;
        for (int l = 0; l + 1 < widths.length; l++) {
            d += (long) widths[l + 1] * (widths[l] + 1);
        }
        if (d > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("network has " + d + " parameters, more than 2^31 - 1");
        }
    }

    /** @return a copy of {@code widths} */
    @Override
    public int[] widths() {
        return widths.clone();
    }

    /** @return the number of weight layers */
    public int layers() {
        return widths.length - 1;
    }

    /** @return the input width */
    public int inputs() {
        return widths[0];
    }

    /** @return the output width */
    public int outputs() {
        return widths[widths.length - 1];
    }

    /**
     * @param l layer index
     * @return the fan-in of layer l
     */
    public int in(int l) {
        return widths[l];
    }

    /**
     * @param l layer index
     * @return the fan-out of layer l
     */
    public int out(int l) {
        return widths[l + 1];
    }

    /** @return d, the number of parameters */
    public int dimension() {
        return weightOffset(layers());
    }

    /**
     * @param l layer index (layers() gives the total)
     * @return the offset of W_l in the parameter vector
     */
    public int weightOffset(int l) {
        int off = 0;
        for (int i = 0; i < l; i++) {
            off += widths[i + 1] * (widths[i] + 1);
        }
        return off;
    }

    /**
     * @param l layer index
     * @return the offset of b_l in the parameter vector
     */
    public int biasOffset(int l) {
        return weightOffset(l) + widths[l + 1] * widths[l];
    }

    /**
     * Initial parameters, PyTorch's default for linear layers: every W and b entry of layer l
     * uniform on [−1/√in_l, 1/√in_l], drawn layer by layer, W before b, from a seeded
     * XO_RO_SHI_RO_128_PP stream.
     *
     * @param seed the seed
     * @return a new parameter vector
     */
    public double[] initialParameters(long seed) {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
        double[] x = new double[dimension()];
        int off = 0;
        for (int l = 0; l < layers(); l++) {
            double bound = 1.0 / Math.sqrt(in(l));
            int count = out(l) * (in(l) + 1);
            for (int i = 0; i < count; i++) {
                x[off + i] = bound * (2.0 * rng.nextDouble() - 1.0);
            }
            off += count;
        }
        return x;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Mlp m && Arrays.equals(widths, m.widths) && activation == m.activation && loss == m.loss;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(widths) * 31 + activation.hashCode() * 7 + loss.hashCode();
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("mlp:");
        for (int i = 0; i < widths.length; i++) {
            s.append(i == 0 ? "" : "-").append(widths[i]);
        }
        return s.append(':').append(activation.specName()).append(" (").append(loss).append(')').toString();
    }
}
