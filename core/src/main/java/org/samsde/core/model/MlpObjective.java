package org.samsde.core.model;

import org.samsde.core.data.Dataset;
import org.samsde.core.jet.JetLayout;
import org.samsde.core.objective.Batch;
import org.samsde.core.objective.Objective;
import org.samsde.core.objective.TaylorResult;
import org.samsde.core.tensor.Backend;
import org.samsde.core.tensor.Tensor;

/**
 * The training loss of an {@link Mlp} on a {@link Dataset}, with exact derivatives by
 * Taylor-mode arithmetic over backpropagation.
 *
 * <p>One pass runs the forward and the backward sweep on jets: every activation, pre-activation
 * and adjoint is a stack of Taylor coefficients in a {@link JetLayout}. With parameters
 * W(t) = W₀ + t·W₁ (W₁ the direction's slice) a layer's jet is
 * z_k = W₀h_k + W₁h_{k−1} (+ b₀ for k = 0, b₁ for k = 1): one GEMM for W₀ on all stacked
 * coefficients plus one per direction and order for W₁. Backward, with adjoint jet δ:
 * ∂W_k = Σ_{i≤k} δ_iᵀh_{k−i}, ∂b_k = Σ_rows δ_k, ∂h_k = δ_kW₀ + δ_{k−1}W₁, and through the
 * activation δ_prev = ∂h ⊙ φ′(z) (a Cauchy product, φ′(z) itself a jet). The input layer's jet is
 * constant (h_k = 0 for k ≥ 1), which saves its higher-order products.
 *
 * <p>Large batches are processed in chunks of rows so that scratch memory stays bounded; scratch
 * tensors are kept per thread and reused.
 */
public final class MlpObjective implements Objective {
    /** Upper bound on the elements of one scratch jet: 2^23 doubles (64 MiB). */
    private static final int SCRATCH_ELEMENTS = 1 << 23;

    private final Mlp mlp;
    private final Backend backend;
    private final int n;
    private final Tensor features;
    private final Tensor targets;
    private final int targetStride;
    private final ThreadLocal<Workspace> workspaces;
    private final int maxChunkRows;

    /**
     * @param mlp the architecture
     * @param data the training samples; copied to the backend
     * @param backend where the data and all computation live
     * @throws IllegalArgumentException when the data does not fit the architecture or its loss
     */
    public MlpObjective(Mlp mlp, Dataset data, Backend backend) {
        this(mlp, data, backend, Integer.MAX_VALUE);
    }

    /**
     * @param mlp the architecture
     * @param data the training samples; copied to the backend
     * @param backend where the data and all computation live
     * @param maxChunkRows the most rows one chunk of a pass holds (a memory bound; results do not
     *                     depend on it beyond rounding), at least 1
     * @throws IllegalArgumentException when the data does not fit the architecture or its loss
     */
    public MlpObjective(Mlp mlp, Dataset data, Backend backend, int maxChunkRows) {
        if (maxChunkRows < 1) {
            throw new IllegalArgumentException("chunk rows must be positive, got " + maxChunkRows);
        }
        this.maxChunkRows = maxChunkRows;
        if (data.features() != mlp.inputs()) {
            throw new IllegalArgumentException("the model takes " + mlp.inputs() + " inputs but the data has "
                    + data.features() + " features");
        }
        switch (mlp.loss()) {
            case CROSS_ENTROPY -> {
                requireLabels(data, mlp);
                if (data.classes() > mlp.outputs()) {
                    throw new IllegalArgumentException("the data has " + data.classes() + " classes but the model has "
                            + mlp.outputs() + " outputs");
                }
            }
            case BINARY_CROSS_ENTROPY -> {
                requireLabels(data, mlp);
                if (data.classes() > 2) {
                    throw new IllegalArgumentException("binary cross-entropy needs labels 0 and 1, the data has "
                            + data.classes() + " classes");
                }
            }
            case MSE -> {
                if (data.isClassification()) {
                    throw new IllegalArgumentException("MSE needs float targets, the data has integer labels");
                }
                if (data.targetWidth() != mlp.outputs()) {
                    throw new IllegalArgumentException("the model has " + mlp.outputs() + " outputs but the targets have width "
                            + data.targetWidth());
                }
            }
            default -> throw new AssertionError(mlp.loss());
        }
        this.mlp = mlp;
        this.backend = backend;
        this.n = data.size();
        this.features = backend.upload(data.x(), n, data.features());
        this.targetStride = data.targetStride();
        this.targets = backend.upload(data.targetsAsDoubles(), n, targetStride);
        this.workspaces = ThreadLocal.withInitial(() -> new Workspace(backend));
    }

    private static void requireLabels(Dataset data, Mlp mlp) {
        if (!data.isClassification()) {
            throw new IllegalArgumentException(mlp.loss() + " needs integer class labels, the data has float targets");
        }
    }

    /** @return the architecture */
    public Mlp mlp() {
        return mlp;
    }

    @Override
    public Backend backend() {
        return backend;
    }

    @Override
    public int dimension() {
        return mlp.dimension();
    }

    @Override
    public int sampleCount() {
        return n;
    }

    @Override
    public TaylorResult taylor(Tensor x, Tensor directions, int order, Batch batch) {
        return sweep(x, directions, order, batch, false).result;
    }

    @Override
    public double value(Tensor x, Batch batch) {
        return evaluate(x, batch).loss();
    }

    /**
     * Forward sweep only: the loss and the accuracy (argmax of the logits for cross-entropy, the
     * sign of the logit for binary cross-entropy, NaN for MSE).
     */
    @Override
    public Evaluation evaluate(Tensor x, Batch batch) {
        Sweep s = sweep(x, null, 0, batch, true);
        s.result.gradientCoefficients().close();
        return new Evaluation(s.result.loss(), mlp.loss() == Loss.MSE ? Double.NaN : (double) s.correct / batch.size(n));
    }

    /** The outcome of a sweep over all chunks. */
    private record Sweep(TaylorResult result, long correct) {
    }

    private Sweep sweep(Tensor x, Tensor directions, int order, Batch batch, boolean forwardOnly) {
        JetLayout layout = layoutFor(x, directions, order);
        int nb = layout.blocks();
        int d = dimension();
        int[] idx = batch.resolve(n);
        int size = batch.size(n);
        int widest = 0;
        for (int w : mlp.widths()) {
            widest = Math.max(widest, w);
        }
        int chunk = Math.max(1, Math.min(Math.min(size, maxChunkRows), SCRATCH_ELEMENTS / (nb * widest)));
        Tensor grad = backend.zeros(forwardOnly ? 1 : nb, forwardOnly ? 1 : d);
        double[] loss = new double[nb];
        Pass pass = new Pass(workspaces.get(), layout, x, directions, grad);
        double[] rowWeights = new double[chunk];
        long correct = 0;
        for (int start = 0; start < size; start += chunk) {
            int rows = Math.min(chunk, size - start);
            for (int r = 0; r < rows; r++) {
                rowWeights[r] = batch.weight(start + r) / size;
            }
            double[] chunkLoss = pass.run(idx, start, rows, rowWeights, forwardOnly);
            for (int b = 0; b < nb; b++) {
                loss[b] += chunkLoss[b];
            }
            if (forwardOnly && mlp.loss() != Loss.MSE) {
                correct += pass.correct(idx, start, rows);
            }
        }
        return new Sweep(new TaylorResult(layout, forwardOnly ? 1 : d, loss, grad), correct);
    }

    /** One Taylor pass over chunks of rows; holds the arguments shared by every layer. */
    private final class Pass {
        private final Workspace ws;
        private final JetLayout layout;
        private final int nb;
        private final int order;
        private final int dirs;
        private final int d;
        private final Tensor x;
        private final Tensor v;
        private final Tensor grad;

        Pass(Workspace ws, JetLayout layout, Tensor x, Tensor v, Tensor grad) {
            this.ws = ws;
            this.layout = layout;
            this.nb = layout.blocks();
            this.order = layout.order();
            this.dirs = order == 0 ? 0 : layout.directions();
            this.d = mlp.dimension();
            this.x = x;
            this.v = v;
            this.grad = grad;
        }

        /** Block index of coefficient k of direction j (coefficient 0 is shared). */
        private int blk(int k, int j) {
            return k == 0 ? 0 : layout.block(k, j);
        }

        private Tensor outputs;

        /** Counts the rows of the last forward sweep whose prediction equals the label. */
        long correct(int[] idx, int start, int rows) {
            int width = mlp.outputs();
            double[] z = new double[rows * width];
            backend.download(outputs, 0, z, 0, rows * width);
            double[] y = new double[rows];
            Tensor target = ws.get("target", rows);
            backend.download(target, 0, y, 0, rows);
            long hits = 0;
            for (int r = 0; r < rows; r++) {
                int predicted;
                if (width == 1) {
                    predicted = z[r] > 0 ? 1 : 0;
                } else {
                    predicted = 0;
                    for (int c = 1; c < width; c++) {
                        if (z[r * width + c] > z[r * width + predicted]) {
                            predicted = c;
                        }
                    }
                }
                if (predicted == (int) y[r]) {
                    hits++;
                }
            }
            return hits;
        }

        double[] run(int[] idx, int start, int rows, double[] rowWeights, boolean forwardOnly) {
            int layers = mlp.layers();
            Tensor input = ws.get("input", rows * mlp.inputs());
            backend.gatherRows(mlp.inputs(), features, idx, start, rows, input, 0);
            Tensor target = ws.get("target", rows * targetStride);
            backend.gatherRows(targetStride, targets, idx, start, rows, target, 0);
            Tensor weights = ws.get("weights", rows);
            backend.upload(rowWeights, 0, weights, 0, rows);

            Tensor[] h = new Tensor[layers + 1];
            Tensor[] dphi = new Tensor[layers];
            h[0] = input;
            for (int l = 0; l < layers; l++) {
                int size = nb * rows * mlp.out(l);
                Tensor z = ws.get("z" + l, size);
                forward(l, h[l], l == 0, rows, z);
                if (l + 1 < layers) {
                    Tensor a = ws.get("a" + l, size);
                    Tensor dp = ws.get("dphi" + l, size);
                    backend.activationJet(mlp.activation(), layout, rows * mlp.out(l), z, 0, a, 0, dp, 0);
                    h[l + 1] = a;
                    dphi[l] = dp;
                } else {
                    h[l + 1] = z;
                }
            }
            int outputs = mlp.outputs();
            Tensor delta = ws.get("delta", nb * rows * outputs);
            double[] loss = switch (mlp.loss()) {
                case CROSS_ENTROPY -> backend.softmaxCrossEntropyJet(layout, rows, outputs, h[layers], target, weights, delta);
                case BINARY_CROSS_ENTROPY -> backend.binaryCrossEntropyJet(layout, rows, h[layers], target, weights, delta);
                case MSE -> backend.squaredErrorJet(layout, rows, outputs, h[layers], target, weights, delta);
            };
            this.outputs = h[layers];
            if (forwardOnly) {
                return loss;
            }
            Tensor adj = delta;
            for (int l = layers - 1; l >= 0; l--) {
                backwardParameters(l, h[l], l == 0, adj, rows);
                if (l > 0) {
                    int size = nb * rows * mlp.in(l);
                    Tensor dh = ws.get("dh", size);
                    backwardInput(l, adj, rows, dh);
                    Tensor next = ws.get((l & 1) == 0 ? "adjA" : "adjB", size);
                    backend.jetMultiply(layout, rows * mlp.in(l), dh, 0, dphi[l - 1], 0, next, 0);
                    adj = next;
                }
            }
            return loss;
        }

        /** z ← W₀·h_k + W₁⁽ʲ⁾·h_{k−1} + bias terms, for every block. */
        private void forward(int l, Tensor h, boolean constant, int rows, Tensor z) {
            int in = mlp.in(l);
            int out = mlp.out(l);
            int wOff = mlp.weightOffset(l);
            int bOff = mlp.biasOffset(l);
            int block = rows * out;
            int stacked = constant ? rows : nb * rows;
            backend.gemm(false, true, stacked, out, in, 1.0, h, 0, in, x, wOff, in, 0.0, z, 0, out);
            if (constant && nb > 1) {
                backend.fill((nb - 1) * block, 0.0, z, block);
            }
            backend.addRowVector(rows, out, 1.0, x, bOff, z, 0);
            for (int j = 0; j < dirs; j++) {
                backend.addRowVector(rows, out, 1.0, v, j * d + bOff, z, blk(1, j) * block);
                for (int k = 1; k <= order; k++) {
                    if (constant && k > 1) {
                        break;
                    }
                    backend.gemm(false, true, rows, out, in, 1.0, h, blk(k - 1, j) * rows * in, in,
                            v, j * d + wOff, in, 1.0, z, blk(k, j) * block, out);
                }
            }
        }

        /** ∂W_k += Σ_{i≤k} δ_iᵀ·h_{k−i} and ∂b_k += Σ_rows δ_k, into the gradient coefficients. */
        private void backwardParameters(int l, Tensor h, boolean constant, Tensor adj, int rows) {
            int in = mlp.in(l);
            int out = mlp.out(l);
            int wOff = mlp.weightOffset(l);
            int bOff = mlp.biasOffset(l);
            for (int k = 0; k <= order; k++) {
                for (int j = 0; j < Math.max(1, k == 0 ? 1 : dirs); j++) {
                    int target = blk(k, j) * d;
                    for (int i = 0; i <= k; i++) {
                        if (constant && k - i > 0) {
                            continue;
                        }
                        backend.gemm(true, false, out, in, rows, 1.0, adj, blk(i, j) * rows * out, out,
                                h, blk(k - i, j) * rows * in, in, 1.0, grad, target + wOff, in);
                    }
                    backend.sumRows(rows, out, adj, blk(k, j) * rows * out, 1.0, grad, target + bOff);
                }
            }
        }

        /** ∂h_k = δ_k·W₀ + δ_{k−1}·W₁⁽ʲ⁾ for every block. */
        private void backwardInput(int l, Tensor adj, int rows, Tensor dh) {
            int in = mlp.in(l);
            int out = mlp.out(l);
            int wOff = mlp.weightOffset(l);
            backend.gemm(false, false, nb * rows, in, out, 1.0, adj, 0, out, x, wOff, in, 0.0, dh, 0, in);
            for (int j = 0; j < dirs; j++) {
                for (int k = 1; k <= order; k++) {
                    backend.gemm(false, false, rows, in, out, 1.0, adj, blk(k - 1, j) * rows * out, out,
                            v, j * d + wOff, in, 1.0, dh, blk(k, j) * rows * in, in);
                }
            }
        }
    }
}
