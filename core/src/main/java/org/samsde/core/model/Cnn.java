package org.samsde.core.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.samsde.core.data.ImageShape;
import org.samsde.core.jet.Activation;
import org.samsde.core.tensor.Window2d;

/**
 * A convolutional network: convolutions, pooling and dense layers in sequence on images of one
 * {@link ImageShape}. Every convolution and every dense layer but the last applies the activation
 * (convolution → activation → pooling is written {@code c…-avg2}); the last layer is dense and
 * linear and feeds the loss. The first dense layer flattens its input in (C, H, W) order, as
 * PyTorch's {@code flatten} does on (N, C, H, W) tensors.
 *
 * <p>Parameter layout (a public contract): parameter layers in order; per layer W, then b:
 * convolution kernels (out, in, kh, kw) row-major then b (out); dense W (out × in) row-major then
 * b (out). An all-dense network on flat data (an image shape p × 1 × 1) has the layout and the
 * values of the {@link Mlp} with the same widths.
 *
 * <p>Method properties: one Taylor pass of order K along m directions costs about (1 + K·m) times
 * the matrix products of a gradient for the forward sweep and a little more backward, as for
 * {@link MlpObjective}; max pooling and ReLU make second and higher derivatives hold away from
 * ties and kinks only (almost everywhere).
 *
 * @param input the shape of an input image
 * @param layers the layers, at least one; the last is {@link CnnLayer.Dense}, and no convolution
 *     or pooling follows a dense layer
 * @param activation the activation after every hidden convolution and dense layer
 * @param loss the loss on the last layer's outputs
 */
public record Cnn(ImageShape input, List<CnnLayer> layers, Activation activation, Loss loss) {

    private static final Pattern CONV = Pattern.compile("c(\\d+)k(\\d+)(?:x(\\d+))?(?:s(\\d+))?(?:p(\\d+))?");
    private static final Pattern POOL = Pattern.compile("(avg|max)(\\d+)(?:s(\\d+))?");
    private static final Pattern DENSE = Pattern.compile("d(\\d+)");

    /**
     * Validates the architecture against the input shape and the loss. * @throws IllegalArgumentException naming the layer (1-based) whose window does not fit its input, a layer order that is not conv/pool… then dense…, an output width the loss cannot take, or more than 2^31 − 1 parameters.
     *
     * @param input the shape of an input image
     * @param layers the layers, at least one; the last is {@link CnnLayer.Dense}, and no convolution
     *     or pooling follows a dense layer
     * @param activation the activation after every hidden convolution and dense layer
     * @param loss the loss on the last layer's outputs
     */
    public Cnn {
        if (input == null || activation == null || loss == null) {
            throw new IllegalArgumentException("a CNN needs an input shape, an activation and a loss");
        }
        layers = List.copyOf(layers);
        if (layers.isEmpty() || !(layers.get(layers.size() - 1) instanceof CnnLayer.Dense)) {
            throw new IllegalArgumentException("the last layer of a CNN must be dense (d<OUT>), got " + tokens(layers));
        }
        boolean dense = false;
        long d = 0;
        ImageShape shape = input;
        for (int l = 0; l < layers.size(); l++) {
            CnnLayer layer = layers.get(l);
            if (dense && !(layer instanceof CnnLayer.Dense)) {
                throw new IllegalArgumentException("layer " + (l + 1) + " (" + layer.token() + ") follows a dense layer; "
                        + "convolutions and pooling must come before the first dense layer");
            }
            dense = layer instanceof CnnLayer.Dense;
            try {
                ImageShape next = next(shape, layer);
                if (layer.hasParameters()) {
                    d += (long) next.channels() * (fanIn(shape, layer) + 1L);
                }
                shape = next;
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("layer " + (l + 1) + " (" + layer.token() + ") on a " + shape + " input: "
                        + e.getMessage(), e);
            }
        }
        int outputs = shape.channels();
        if (loss == Loss.BINARY_CROSS_ENTROPY && outputs != 1) {
            throw new IllegalArgumentException("binary cross-entropy needs one output, got " + outputs);
        }
        if (loss == Loss.CROSS_ENTROPY && outputs < 2) {
            throw new IllegalArgumentException("softmax cross-entropy needs at least two outputs");
        }
        if (d > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("network has " + d + " parameters, more than 2^31 - 1");
        }
    }

    /** The shape after a layer: dense outputs are width × 1 × 1. */
    private static ImageShape next(ImageShape in, CnnLayer layer) {
        if (layer instanceof CnnLayer.Dense dl) {
            return new ImageShape(dl.width(), 1, 1);
        }
        Window2d w = window(in, layer);
        int channels = layer instanceof CnnLayer.Conv c ? c.channels() : in.channels();
        return new ImageShape(channels, w.outHeight(), w.outWidth());
    }

    private static Window2d window(ImageShape in, CnnLayer layer) {
        if (layer instanceof CnnLayer.Conv c) {
            return new Window2d(in.height(), in.width(), in.channels(), c.kernelH(), c.kernelW(), c.stride(), c.padding());
        }
        if (layer instanceof CnnLayer.Pool p) {
            return new Window2d(in.height(), in.width(), in.channels(), p.size(), p.size(), p.stride(), 0);
        }
        throw new IllegalArgumentException("a dense layer has no window");
    }

    private static int fanIn(ImageShape in, CnnLayer layer) {
        if (layer instanceof CnnLayer.Conv c) {
            return in.channels() * c.kernelH() * c.kernelW();
        }
        if (layer instanceof CnnLayer.Dense) {
            return in.size();
        }
        throw new IllegalArgumentException("a pooling layer has no parameters");
    }

    /** @return the number of layers */
    public int depth() {
        return layers.size();
    }

    /**
     * @param l layer index, 0…depth()−1
     * @return layer l
     */
    public CnnLayer layer(int l) {
        return layers.get(l);
    }

    /**
     * @param l layer index, 0…depth() (depth() gives the output shape)
     * @return the shape of layer l's input (a dense layer's output is width × 1 × 1)
     */
    public ImageShape inputShape(int l) {
        ImageShape shape = input;
        for (int i = 0; i < l; i++) {
            shape = next(shape, layers.get(i));
        }
        return shape;
    }

    /**
     * @param l layer index
     * @return the shape of layer l's output
     */
    public ImageShape outputShape(int l) {
        return inputShape(l + 1);
    }

    /**
     * @param l index of a convolution or pooling layer
     * @return its window over its input, channels-last
     * @throws IllegalArgumentException for a dense layer
     */
    public Window2d window(int l) {
        return window(inputShape(l), layers.get(l));
    }

    /**
     * @param l index of a layer with parameters
     * @return the inputs of one output unit: in·kh·kw for a convolution, the flattened input size
     *     for a dense layer
     * @throws IllegalArgumentException for a pooling layer
     */
    public int fanIn(int l) {
        return fanIn(inputShape(l), layers.get(l));
    }

    /** @return the output width of the last layer */
    public int outputs() {
        return ((CnnLayer.Dense) layers.get(layers.size() - 1)).width();
    }

    /** @return d, the number of parameters */
    public int dimension() {
        return weightOffset(layers.size());
    }

    /**
     * @param l layer index (depth() gives the total)
     * @return the offset of layer l's W (kernel) in the parameter vector; for a pooling layer, the
     *     offset of the next parameter layer's W
     */
    public int weightOffset(int l) {
        int off = 0;
        ImageShape shape = input;
        for (int i = 0; i < l; i++) {
            CnnLayer layer = layers.get(i);
            ImageShape next = next(shape, layer);
            if (layer.hasParameters()) {
                off += next.channels() * (fanIn(shape, layer) + 1);
            }
            shape = next;
        }
        return off;
    }

    /**
     * @param l index of a layer with parameters
     * @return the offset of layer l's b in the parameter vector
     */
    public int biasOffset(int l) {
        return weightOffset(l) + outputShape(l).channels() * fanIn(l);
    }

    /**
     * Initial parameters, PyTorch's default for {@code Conv2d} and {@code Linear}: every W and b
     * entry of layer l uniform on [−1/√fanIn_l, 1/√fanIn_l] (fanIn = in·kh·kw for a convolution),
     * drawn layer by layer, W before b, from a seeded XO_RO_SHI_RO_128_PP stream. For an all-dense
     * network this is {@link Mlp#initialParameters} draw for draw.
     *
     * @param seed the seed
     * @return a new parameter vector
     */
    public double[] initialParameters(long seed) {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
        double[] x = new double[dimension()];
        int off = 0;
        for (int l = 0; l < layers.size(); l++) {
            if (!layers.get(l).hasParameters()) {
                continue;
            }
            int fan = fanIn(l);
            double bound = 1.0 / Math.sqrt(fan);
            int count = outputShape(l).channels() * (fan + 1);
            for (int i = 0; i < count; i++) {
                x[off + i] = bound * (2.0 * rng.nextDouble() - 1.0);
            }
            off += count;
        }
        return x;
    }

    /**
     * Parses the layers of a {@code cnn:} specification: tokens of the grammar documented on
     * {@link CnnLayer}, separated by {@code -}.
     *
     * @param text the layers, e.g. {@code c16k3p1-avg2-d10}
     * @return the layers
     * @throws IllegalArgumentException naming the first token that does not match the grammar
     */
    public static List<CnnLayer> parseLayers(String text) {
        List<CnnLayer> out = new ArrayList<>();
        for (String token : text.split("-", -1)) {
            out.add(parseLayer(token));
        }
        return out;
    }

    private static CnnLayer parseLayer(String token) {
        String t = token.trim().toLowerCase(Locale.ROOT);
        try {
            Matcher m = CONV.matcher(t);
            if (m.matches()) {
                int k = Integer.parseInt(m.group(2));
                return new CnnLayer.Conv(Integer.parseInt(m.group(1)), k, m.group(3) == null ? k : Integer.parseInt(m.group(3)),
                        m.group(4) == null ? 1 : Integer.parseInt(m.group(4)), m.group(5) == null ? 0 : Integer.parseInt(m.group(5)));
            }
            m = POOL.matcher(t);
            if (m.matches()) {
                int size = Integer.parseInt(m.group(2));
                return new CnnLayer.Pool(m.group(1).equals("avg") ? CnnLayer.PoolKind.AVERAGE : CnnLayer.PoolKind.MAX, size,
                        m.group(3) == null ? size : Integer.parseInt(m.group(3)));
            }
            m = DENSE.matcher(t);
            if (m.matches()) {
                return new CnnLayer.Dense(Integer.parseInt(m.group(1)));
            }
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("layer '" + token + "' has a number too large for an int", e);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("layer '" + token + "': " + e.getMessage(), e);
        }
        throw new IllegalArgumentException("layer '" + token + "' is not c<OUT>k<K>[x<K2>][s<S>][p<P>], avg<K>[s<S>], "
                + "max<K>[s<S>] or d<OUT>");
    }

    private static String tokens(List<CnnLayer> layers) {
        StringBuilder s = new StringBuilder();
        for (CnnLayer layer : layers) {
            s.append(s.length() == 0 ? "" : "-").append(layer.token());
        }
        return s.length() == 0 ? "(no layers)" : s.toString();
    }

    /** @return {@code cnn:LAYERS:ACT on CxHxW (LOSS)}, e.g. {@code cnn:c8k3-avg2-d10:tanh on 1x8x8 (CROSS_ENTROPY)} */
    @Override
    public String toString() {
        return "cnn:" + tokens(layers) + ":" + activation.specName() + " on " + input + " (" + loss + ")";
    }
}
