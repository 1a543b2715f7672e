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

    /** @return the widest layer, the scratch a row needs per jet block */
    private int widest() {
        int widest = 0;
        for (int w : mlp.widths()) {
            widest = Math.max(widest, w);
        }
        return widest;
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
        return ChunkedSweep.evaluation(sweep(x, null, 0, batch, true), mlp.loss(), batch.size(n));
    }

    private ChunkedSweep.Sweep sweep(Tensor x, Tensor directions, int order, Batch batch, boolean forwardOnly) {
        return ChunkedSweep.run(this, n, mlp.loss(), maxChunkRows, SCRATCH_ELEMENTS, widest(), x, directions, order, batch, forwardOnly,
                layout -> grad -> new Pass(workspaces.get(), layout, x, directions, grad));
    }

    /** @return whether the chunk is samples 0…rows−1 in order (its inputs are then the data's first rows) */
    private static boolean inOrder(int[] idx, int start, int rows) {
        if (start != 0) {
            return false;
        }
        for (int i = 0; i < rows; i++) {
            if (idx[i] != i) {
                return false;
            }
        }
        return true;
    }

    /** One Taylor pass over chunks of rows; holds the arguments shared by every layer. */
    private final class Pass implements ChunkedSweep.ChunkPass {
        private final Workspace ws;
        private final JetLayout layout;
        private final int nb;
        private final AffineJets affine;
        private Tensor outputs;
        private Tensor labels;

        Pass(Workspace ws, JetLayout layout, Tensor x, Tensor v, Tensor grad) {
            this.ws = ws;
            this.layout = layout;
            this.nb = layout.blocks();
            this.affine = new AffineJets(backend, layout, mlp.dimension(), x, v, grad);
        }

        /** Counts the rows of the last forward sweep whose prediction equals the label. */
        @Override
        public long correct(int rows) {
            return Accuracy.correct(backend, outputs, labels, rows, mlp.outputs());
        }

        @Override
        public double[] run(int[] idx, int start, int rows, double[] rowWeights, boolean forwardOnly) {
            int layers = mlp.layers();
            Tensor input;
            if (inOrder(idx, start, rows)) {
                input = features; // rows 0…rows−1 of the data, read in place
            } else {
                input = ws.get("input", rows * mlp.inputs());
                backend.gatherRows(mlp.inputs(), features, idx, start, rows, input, 0);
            }
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
                affine.forward(h[l], l == 0, rows, mlp.in(l), mlp.out(l), mlp.weightOffset(l), mlp.biasOffset(l), z);
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
            this.labels = target;
            if (forwardOnly) {
                return loss;
            }
            Tensor adj = delta;
            for (int l = layers - 1; l >= 0; l--) {
                affine.backwardParameters(h[l], l == 0, adj, rows, mlp.in(l), mlp.out(l), mlp.weightOffset(l), mlp.biasOffset(l));
                if (l > 0) {
                    int size = nb * rows * mlp.in(l);
                    Tensor dh = ws.get("dh", size);
                    affine.backwardInput(adj, rows, mlp.in(l), mlp.out(l), mlp.weightOffset(l), dh);
                    Tensor next = ws.get((l & 1) == 0 ? "adjA" : "adjB", size);
                    backend.jetMultiply(layout, rows * mlp.in(l), dh, 0, dphi[l - 1], 0, next, 0);
                    adj = next;
                }
            }
            return loss;
        }
    }
}
