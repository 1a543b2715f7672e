package org.samsde.core.model;

import java.util.Optional;

import org.samsde.core.data.Dataset;
import org.samsde.core.data.ImageShape;
import org.samsde.core.jet.JetLayout;
import org.samsde.core.objective.Batch;
import org.samsde.core.objective.Objective;
import org.samsde.core.objective.TaylorResult;
import org.samsde.core.tensor.Backend;
import org.samsde.core.tensor.Tensor;
import org.samsde.core.tensor.Window2d;

/**
 * The training loss of a {@link Cnn} on a {@link Dataset} of images, with exact derivatives by
 * Taylor-mode arithmetic over backpropagation, structured as {@link MlpObjective}.
 *
 * <p>One pass runs the forward and the backward sweep on jets of order K along m directions, all
 * Taylor coefficients stacked in a {@link JetLayout}. Activations are stored channels-last (each
 * image (H·W) × C, row-major), so that every layer works on all stacked blocks at once:
 * <ul>
 *   <li>convolution: the patch matrix P_k = im2col(h_k) (one call for all blocks, linear), then the
 *       affine rule of {@link AffineJets} with rows = image positions:
 *       z_k = P_k·K₀ᵀ + P_{k−1}·K₁ᵀ (+ b); backward ∂K_k = Σ_{i≤k} δ_iᵀP_{k−i}, ∂b_k = Σ δ_k,
 *       ∂P_k = δ_kK₀ + δ_{k−1}K₁, ∂h_k = col2im(∂P_k);</li>
 *   <li>activation: a = φ(z) and φ′(z) as jets (Faà di Bruno); backward δ = ∂a ⊙ φ′(z), a Cauchy
 *       product;</li>
 *   <li>average pooling: linear, per block; backward its adjoint;</li>
 *   <li>max pooling: the argmax of the value (block 0) is locally constant, so every coefficient
 *       is gathered at it and the adjoint scattered back to it (exact away from ties);</li>
 *   <li>flatten before the first dense layer: a per-image transpose to (C, H, W) order (the
 *       public parameter layout), and its inverse backward;</li>
 *   <li>dense: the affine rule on rows = images; the last layer feeds the loss jet.</li>
 * </ul>
 * The input images are constant jets (h_k = 0 for k ≥ 1); layers before the first parameter layer
 * keep a single block and skip their backward sweep.
 *
 * <p>Large batches are processed in chunks of images so that scratch memory stays under about
 * 256 MiB per thread; scratch tensors are kept per thread and reused.
 */
public final class CnnObjective implements Objective {
    /** Upper bound on the scratch elements of one chunk: 2^25 doubles (256 MiB). */
    private static final long SCRATCH_ELEMENTS = 1L << 25;

    private final Cnn cnn;
    private final Backend backend;
    private final int n;
    private final int features;
    private final Tensor images;
    private final Tensor targets;
    private final int targetStride;
    private final ThreadLocal<Workspace> workspaces;
    private final int maxChunkRows;
    private final int depth;
    private final Window2d[] windows;
    private final int[] inSize;
    private final int[] outSize;
    private final int[] positions;
    private final int[] fanIn;
    private final int[] outChannels;
    private final int[] wOff;
    private final int[] bOff;
    private final boolean[] flatten;
    private final boolean[] needsInputAdjoint;
    private final long footprint;

    /**
     * @param cnn the architecture
     * @param data the training samples, with cnn.input().size() features (images in (C, H, W)
     *     order); copied to the backend
     * @param backend where the data and all computation live
     * @throws IllegalArgumentException when the data does not fit the architecture or its loss
     */
    public CnnObjective(Cnn cnn, Dataset data, Backend backend) {
        this(cnn, data, backend, Integer.MAX_VALUE);
    }

    /**
     * @param cnn the architecture
     * @param data the training samples; copied to the backend
     * @param backend where the data and all computation live
     * @param maxChunkRows the most images one chunk of a pass holds (a memory bound; results do
     *     not depend on it beyond rounding), at least 1
     * @throws IllegalArgumentException when the data does not fit the architecture or its loss
     */
    public CnnObjective(Cnn cnn, Dataset data, Backend backend, int maxChunkRows) {
        if (maxChunkRows < 1) {
            throw new IllegalArgumentException("chunk rows must be positive, got " + maxChunkRows);
        }
        ImageShape input = cnn.input();
        Optional<ImageShape> shape = data.imageShape();
        if (data.features() != input.size() || shape.isPresent() && !shape.get().equals(input)) {
            throw new IllegalArgumentException("the model takes " + input + " images but the data has "
                    + shape.map(s -> s + " images").orElse(data.features() + " flat features"));
        }
        checkTargets(cnn, data);
        this.cnn = cnn;
        this.backend = backend;
        this.maxChunkRows = maxChunkRows;
        this.n = data.size();
        this.features = input.size();
        this.images = uploadChannelsLast(data, input, backend);
        this.targetStride = data.targetStride();
        this.targets = backend.upload(data.targetsAsDoubles(), n, targetStride);
        this.workspaces = ThreadLocal.withInitial(() -> new Workspace(backend));

        depth = cnn.depth();
        windows = new Window2d[depth];
        inSize = new int[depth];
        outSize = new int[depth];
        positions = new int[depth];
        fanIn = new int[depth];
        outChannels = new int[depth];
        wOff = new int[depth];
        bOff = new int[depth];
        flatten = new boolean[depth];
        needsInputAdjoint = new boolean[depth];
        boolean parametersBefore = false;
        long perImage = features;
        long transient1 = 0;
        long transient2 = 0;
        for (int l = 0; l < depth; l++) {
            CnnLayer layer = cnn.layer(l);
            ImageShape in = cnn.inputShape(l);
            ImageShape out = cnn.outputShape(l);
            inSize[l] = in.size();
            outSize[l] = out.size();
            outChannels[l] = out.channels();
            positions[l] = out.height() * out.width();
            needsInputAdjoint[l] = parametersBefore;
            parametersBefore |= layer.hasParameters();
            if (!(layer instanceof CnnLayer.Dense)) {
                windows[l] = cnn.window(l);
            }
            if (layer.hasParameters()) {
                fanIn[l] = cnn.fanIn(l);
                wOff[l] = cnn.weightOffset(l);
                bOff[l] = cnn.biasOffset(l);
            }
            flatten[l] = layer instanceof CnnLayer.Dense && in.channels() > 1 && in.height() * in.width() > 1;
            long patches = layer instanceof CnnLayer.Conv ? (long) positions[l] * fanIn[l] : 0;
            perImage += patches + (flatten[l] ? inSize[l] : 0) + 2L * outSize[l];
            transient1 = Math.max(transient1, Math.max(patches, inSize[l]) + 2L * outSize[l]);
            transient2 = Math.max(transient2, 2L * inSize[l]);
        }
        footprint = perImage + transient1 + transient2;
    }

    private static void checkTargets(Cnn cnn, Dataset data) {
        switch (cnn.loss()) {
            case CROSS_ENTROPY -> {
                requireLabels(cnn, data);
                if (data.classes() > cnn.outputs()) {
                    throw new IllegalArgumentException("the data has " + data.classes() + " classes but the model has "
                            + cnn.outputs() + " outputs");
                }
            }
            case BINARY_CROSS_ENTROPY -> {
                requireLabels(cnn, data);
                if (data.classes() > 2) {
                    throw new IllegalArgumentException("binary cross-entropy needs labels 0 and 1, the data has "
                            + data.classes() + " classes");
                }
            }
            case MSE -> {
                if (data.isClassification()) {
                    throw new IllegalArgumentException("MSE needs float targets, the data has integer labels");
                }
                if (data.targetWidth() != cnn.outputs()) {
                    throw new IllegalArgumentException("the model has " + cnn.outputs() + " outputs but the targets have width "
                            + data.targetWidth());
                }
            }
            default -> throw new AssertionError(cnn.loss());
        }
    }

    private static void requireLabels(Cnn cnn, Dataset data) {
        if (!data.isClassification()) {
            throw new IllegalArgumentException(cnn.loss() + " needs integer class labels, the data has float targets");
        }
    }

    /** Copies the images to the backend, each converted from (C, H, W) to channels-last (H, W, C) order. */
    private static Tensor uploadChannelsLast(Dataset data, ImageShape shape, Backend backend) {
        int n = data.size();
        int p = shape.size();
        Tensor t = backend.zeros(n, p);
        int c = shape.channels();
        int plane = shape.height() * shape.width();
        int rows = Math.max(1, Math.min(n, (1 << 20) / p));
        double[] chw = new double[rows * p];
        double[] hwc = new double[rows * p];
        for (int start = 0; start < n; start += rows) {
            int count = Math.min(rows, n - start);
            data.copyRows(start, count, chw, 0);
            double[] src = chw;
            if (c > 1 && plane > 1) {
                for (int r = 0; r < count; r++) {
                    int base = r * p;
                    for (int ch = 0; ch < c; ch++) {
                        for (int q = 0; q < plane; q++) {
                            hwc[base + q * c + ch] = chw[base + ch * plane + q];
                        }
                    }
                }
                src = hwc;
            }
            backend.upload(src, 0, t, start * p, count * p);
        }
        return t;
    }

    /** @return the architecture */
    public Cnn cnn() {
        return cnn;
    }

    @Override
    public Backend backend() {
        return backend;
    }

    @Override
    public int dimension() {
        return cnn.dimension();
    }

    @Override
    public int sampleCount() {
        return n;
    }

    @Override
    public TaylorResult taylor(Tensor x, Tensor directions, int order, Batch batch) {
        return sweep(x, directions, order, batch, false).result();
    }

    @Override
    public double value(Tensor x, Batch batch) {
        return evaluate(x, batch).loss();
    }

    /**
     * Forward sweep only: the loss and the accuracy (argmax of the outputs for cross-entropy, the
     * sign of the output for binary cross-entropy, NaN for MSE).
     */
    @Override
    public Evaluation evaluate(Tensor x, Batch batch) {
        return ChunkedSweep.evaluation(sweep(x, null, 0, batch, true), cnn.loss(), batch.size(n));
    }

    private ChunkedSweep.Sweep sweep(Tensor x, Tensor directions, int order, Batch batch, boolean forwardOnly) {
        return ChunkedSweep.run(this, n, cnn.loss(), maxChunkRows, SCRATCH_ELEMENTS, footprint, x, directions, order, batch, forwardOnly,
                layout -> grad -> new Pass(workspaces.get(), layout, x, directions, grad));
    }

    /** One Taylor pass over chunks of images; holds the arguments and buffers shared by every layer. */
    private final class Pass implements ChunkedSweep.ChunkPass {
        private final Workspace ws;
        private final JetLayout layout;
        private final int nb;
        private final AffineJets affine;
        /** What each layer read in the forward sweep (the patch matrix of a convolution). */
        private final Tensor[] inputs = new Tensor[depth];
        private final boolean[] constantIn = new boolean[depth];
        private Tensor logits;
        private Tensor target;

        Pass(Workspace ws, JetLayout layout, Tensor x, Tensor v, Tensor grad) {
            this.ws = ws;
            this.layout = layout;
            this.nb = layout.blocks();
            this.affine = new AffineJets(backend, layout, cnn.dimension(), x, v, grad);
        }

        /** Counts the images of the last forward sweep whose prediction equals the label. */
        @Override
        public long correct(int rows) {
            return Accuracy.correct(backend, logits, target, rows, cnn.outputs());
        }

        @Override
        public double[] run(int[] idx, int start, int rows, double[] rowWeights, boolean forwardOnly) {
            Tensor h = ws.get("input", rows * features);
            backend.gatherRows(features, images, idx, start, rows, h, 0);
            target = ws.get("target", rows * targetStride);
            backend.gatherRows(targetStride, targets, idx, start, rows, target, 0);
            Tensor weights = ws.get("weights", rows);
            backend.upload(rowWeights, 0, weights, 0, rows);

            boolean constant = true;
            for (int l = 0; l < depth; l++) {
                constantIn[l] = constant;
                h = forward(l, h, constant, rows);
                constant &= !cnn.layer(l).hasParameters();
            }
            logits = h;
            int outputs = cnn.outputs();
            Tensor delta = ws.get("lossDelta", nb * rows * outputs);
            double[] loss = switch (cnn.loss()) {
                case CROSS_ENTROPY -> backend.softmaxCrossEntropyJet(layout, rows, outputs, logits, target, weights, delta);
                case BINARY_CROSS_ENTROPY -> backend.binaryCrossEntropyJet(layout, rows, logits, target, weights, delta);
                case MSE -> backend.squaredErrorJet(layout, rows, outputs, logits, target, weights, delta);
            };
            if (forwardOnly) {
                return loss;
            }
            Tensor adj = delta;
            for (int l = depth - 1; l >= 0; l--) {
                adj = backward(l, adj, rows);
                if (!needsInputAdjoint[l]) {
                    break;
                }
            }
            return loss;
        }

        /** Layer l on the jet h (constant: block 0 only); returns its output jet. */
        private Tensor forward(int l, Tensor h, boolean constant, int rows) {
            int blocksIn = constant ? 1 : nb;
            CnnLayer layer = cnn.layer(l);
            if (layer instanceof CnnLayer.Pool pool) {
                Window2d w = windows[l];
                Tensor out = ws.get("pool" + l, blocksIn * rows * outSize[l]);
                if (pool.kind() == CnnLayer.PoolKind.AVERAGE) {
                    backend.avgPool(w, blocksIn * rows, h, 0, out, 0);
                } else {
                    Tensor arg = ws.get("argmax" + l, rows * outSize[l]);
                    backend.maxPool(w, rows, h, 0, out, 0, arg, 0);
                    if (blocksIn > 1) {
                        backend.maxPoolGather(w, blocksIn - 1, rows, arg, 0, h, rows * inSize[l], out, rows * outSize[l]);
                    }
                }
                return out;
            }
            Tensor in = h;
            int rowsIn = rows;
            if (layer instanceof CnnLayer.Conv) {
                in = ws.get("patches" + l, blocksIn * rows * positions[l] * fanIn[l]);
                backend.im2col(windows[l], blocksIn * rows, h, 0, in, 0);
                rowsIn = rows * positions[l];
            } else if (flatten[l]) {
                ImageShape s = cnn.inputShape(l);
                in = ws.get("flat" + l, blocksIn * rows * inSize[l]);
                backend.transposeBatch(blocksIn * rows, s.height() * s.width(), s.channels(), h, 0, in, 0);
            }
            inputs[l] = in;
            boolean last = l == depth - 1;
            int size = rows * outSize[l];
            Tensor z = ws.get(last ? "logits" : "z", nb * size);
            affine.forward(in, constant, rowsIn, fanIn[l], outChannels[l], wOff[l], bOff[l], z);
            if (last) {
                return z;
            }
            Tensor a = ws.get("a" + l, nb * size);
            backend.activationJet(cnn.activation(), layout, size, z, 0, a, 0, ws.get("dphi" + l, nb * size), 0);
            return a;
        }

        /** Backward through layer l: parameter gradients, and the adjoint of its input when an earlier layer needs it. */
        private Tensor backward(int l, Tensor adj, int rows) {
            CnnLayer layer = cnn.layer(l);
            Tensor dh = needsInputAdjoint[l] ? ws.get("adj" + (l & 1), nb * rows * inSize[l]) : null;
            if (layer instanceof CnnLayer.Pool pool) {
                if (dh != null) {
                    if (pool.kind() == CnnLayer.PoolKind.AVERAGE) {
                        backend.avgPoolBackward(windows[l], nb * rows, adj, 0, dh, 0);
                    } else {
                        backend.maxPoolScatter(windows[l], nb, rows, ws.get("argmax" + l, rows * outSize[l]), 0, adj, 0, dh, 0);
                    }
                }
                return dh;
            }
            Tensor delta = adj;
            int size = rows * outSize[l];
            if (l < depth - 1) {
                delta = ws.get("delta", nb * size);
                backend.jetMultiply(layout, size, adj, 0, ws.get("dphi" + l, nb * size), 0, delta, 0);
            }
            boolean conv = layer instanceof CnnLayer.Conv;
            int rowsIn = conv ? rows * positions[l] : rows;
            affine.backwardParameters(inputs[l], constantIn[l], delta, rowsIn, fanIn[l], outChannels[l], wOff[l], bOff[l]);
            if (dh == null) {
                return null;
            }
            if (conv) {
                Tensor dPatches = ws.get("dIn", nb * rowsIn * fanIn[l]);
                affine.backwardInput(delta, rowsIn, fanIn[l], outChannels[l], wOff[l], dPatches);
                backend.col2im(windows[l], nb * rows, dPatches, 0, dh, 0);
            } else if (flatten[l]) {
                ImageShape s = cnn.inputShape(l);
                Tensor dFlat = ws.get("dIn", nb * rows * inSize[l]);
                affine.backwardInput(delta, rows, fanIn[l], outChannels[l], wOff[l], dFlat);
                backend.transposeBatch(nb * rows, s.channels(), s.height() * s.width(), dFlat, 0, dh, 0);
            } else {
                affine.backwardInput(delta, rows, fanIn[l], outChannels[l], wOff[l], dh);
            }
            return dh;
        }
    }
}
