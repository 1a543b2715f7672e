package org.samsde.core.model;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

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

    /**
     * @return the rows per batch when the batches can run as one stacked pass (equal sizes, and all
     *     rows within one chunk and its scratch), else −1: they run as separate passes
     */
    private int stackedRows(int order, List<Batch> batches) {
        int rows = batches.get(0).size(n);
        for (Batch b : batches) {
            if (b.size(n) != rows) {
                return -1;
            }
        }
        long total = (long) batches.size() * rows;
        return total * (order + 1) * widest() > SCRATCH_ELEMENTS || total > maxChunkRows ? -1 : rows;
    }

    /**
     * One stacked pass for M batches of B rows each (see {@link Objective#taylorAlongGradients}):
     * the M·B rows go through the network together, the products with W₀ as single GEMMs of M·B
     * (or K·M·B) rows, while each row group keeps its own direction slice W₁ of v_j, its own loss
     * and its own parameter gradient. First an order-0 sweep gives every g_j; then the Taylor sweep
     * reuses its forward values as block 0 and accumulates only the blocks k ≥ 1 of each gradient,
     * since block 0 is g_j already. Jets are stored block-major over all rows,
     * [block][group][row], so that block 0 of every jet is the gradient sweep's buffer.
     *
     * <p>Batches of unequal size, or more rows than one chunk's scratch allows, run as separate
     * passes (the interface's default).
     */
    @Override
    public List<TaylorResult> taylorAlongGradients(Tensor x, int order, List<Batch> batches, UnaryOperator<Tensor> direction) {
        Objective.requireGroups(order, batches);
        layoutFor(x, null, 0);
        int rows = stackedRows(order, batches);
        if (rows < 0) {
            return Objective.super.taylorAlongGradients(x, order, batches, direction);
        }
        return new GroupPass(workspaces.get(), x, order, batches, rows, false).run(direction).coefficients;
    }

    /**
     * The stacked pass of {@link #taylorAlongGradients}, with the sum over the coefficients taken in
     * the backward sweep: per layer and row group, Σ_l S_lᵀh_l with the partial sums
     * S_l = Σ_{i ≤ K−l} δ_i of the adjoint jet, one product per forward block (one in all for the
     * input layer, whose jet is constant) instead of one per block pair.
     */
    @Override
    public List<Tensor> expandedGradients(Tensor x, int order, List<Batch> batches, UnaryOperator<Tensor> direction) {
        Objective.requireGroups(order, batches);
        layoutFor(x, null, 0);
        int rows = stackedRows(order, batches);
        if (rows < 0) {
            return Objective.super.expandedGradients(x, order, batches, direction);
        }
        return new GroupPass(workspaces.get(), x, order, batches, rows, true).run(direction).sums;
    }

    /** The stacked passes of {@link #taylorAlongGradients}. */
    private final class GroupPass {
        private final Workspace ws;
        private final Tensor x;
        private final int order;
        private final int nb;
        private final int groups;
        private final int rows;
        private final int all;
        private final int d;
        private final List<Batch> batches;
        private final Tensor[] grads;
        private final Tensor[] sums;
        private final boolean summed;
        private final double[][] losses;

        GroupPass(Workspace ws, Tensor x, int order, List<Batch> batches, int rows, boolean summed) {
            this.ws = ws;
            this.x = x;
            this.order = order;
            this.nb = order + 1;
            this.groups = batches.size();
            this.rows = rows;
            this.all = groups * rows;
            this.d = mlp.dimension();
            this.batches = batches;
            this.grads = new Tensor[groups];
            this.summed = summed;
            this.sums = summed ? new Tensor[groups] : null;
            this.losses = new double[groups][];
        }

        /** The results: per group the coefficients, or (summed) their sum. */
        record Results(List<TaylorResult> coefficients, List<Tensor> sums) {
        }

        Results run(UnaryOperator<Tensor> direction) {
            int layers = mlp.layers();
            int in0 = mlp.inputs();
            int[] idx = new int[all];
            double[] w = new double[all];
            for (int j = 0; j < groups; j++) {
                Batch b = batches.get(j);
                int[] bi = b.resolve(n);
                System.arraycopy(bi, 0, idx, j * rows, rows);
                for (int r = 0; r < rows; r++) {
                    w[j * rows + r] = b.weight(r) / rows;
                }
            }
            Tensor input = ws.get("g:input", all * in0);
            backend.gatherRows(in0, features, idx, 0, all, input, 0);
            Tensor target = ws.get("g:target", all * targetStride);
            backend.gatherRows(targetStride, targets, idx, 0, all, target, 0);
            Tensor weights = ws.get("g:weights", all);
            backend.upload(w, 0, weights, 0, all);
            Tensor[] h = new Tensor[layers + 1];
            Tensor[] z = new Tensor[layers];
            Tensor[] dphi = new Tensor[layers];
            h[0] = input;
            for (int l = 0; l < layers; l++) {
                int size = nb * all * mlp.out(l);
                z[l] = ws.get("g:z" + l, size);
                if (l + 1 < layers) {
                    h[l + 1] = ws.get("g:a" + l, size);
                    dphi[l] = ws.get("g:dphi" + l, size);
                } else {
                    h[l + 1] = z[l];
                }
            }
            List<TaylorResult> out = new ArrayList<>(groups);
            Tensor v = null;
            boolean done = false;
            try {
                Tensor firstBlocks = null;
                if (summed) {
                    // the gradients are scratch here: only the sums are returned
                    firstBlocks = ws.get("g:grads", groups * d);
                    backend.fill(groups * d, 0.0, firstBlocks, 0);
                }
                for (int j = 0; j < groups; j++) {
                    grads[j] = summed ? null : backend.zeros(nb, d);
                    if (summed) {
                        sums[j] = backend.zeros(d);
                    }
                }
                // the gradient sweep: block 0 of every jet, all rows at once
                for (int l = 0; l < layers; l++) {
                    backend.gemm(false, true, all, mlp.out(l), mlp.in(l), 1.0, h[l], 0, mlp.in(l), x, mlp.weightOffset(l), mlp.in(l),
                            0.0, z[l], 0, mlp.out(l));
                    backend.addRowVector(all, mlp.out(l), 1.0, x, mlp.biasOffset(l), z[l], 0);
                    if (l + 1 < layers) {
                        backend.activationJet(mlp.activation(), JetLayout.VALUE, all * mlp.out(l), z[l], 0, h[l + 1], 0, dphi[l], 0);
                    }
                }
                backward(JetLayout.VALUE, h, dphi, z[layers - 1], target, weights, null, firstBlocks);
                v = ws.get("g:v", groups * d);
                Tensor g = ws.get("g:g", d);
                for (int j = 0; j < groups; j++) {
                    if (summed) {
                        backend.copy(d, firstBlocks, j * d, g, 0);
                    } else {
                        backend.copy(d, grads[j], 0, g, 0);
                    }
                    Tensor vj = direction.apply(g);
                    try {
                        if (vj.size() != d) {
                            throw new IllegalArgumentException("a direction has " + vj.size() + " elements, the objective needs " + d);
                        }
                        backend.copy(d, vj, 0, v, j * d);
                    } finally {
                        vj.close();
                    }
                }
                // the Taylor sweep: blocks 1…K, on block 0 of the gradient sweep
                JetLayout layout = new JetLayout(order, 1);
                for (int l = 0; l < layers; l++) {
                    forwardHigher(l, h[l], z[l], v);
                    if (l + 1 < layers) {
                        backend.activationJet(mlp.activation(), layout, all * mlp.out(l), z[l], 0, h[l + 1], 0, dphi[l], 0);
                    }
                }
                backward(layout, h, dphi, z[layers - 1], target, weights, v, null);
                if (summed) {
                    done = true;
                    return new Results(null, List.of(sums));
                }
                for (int j = 0; j < groups; j++) {
                    out.add(new TaylorResult(layout, d, losses[j], grads[j]));
                }
                done = true;
                return new Results(out, null);
            } finally {
                if (!done || summed) {
                    for (Tensor g : grads) {
                        if (g != null) {
                            g.close();
                        }
                    }
                }
                if (!done && summed) {
                    for (Tensor t : sums) {
                        if (t != null) {
                            t.close();
                        }
                    }
                }
            }
        }

        /** z_k = h_k·W₀ᵀ + h_{k−1}·W₁ⱼᵀ (+ b₁ⱼ for k = 1) for k ≥ 1, row group j with its own direction. */
        private void forwardHigher(int l, Tensor h, Tensor z, Tensor v) {
            int in = mlp.in(l);
            int out = mlp.out(l);
            int wOff = mlp.weightOffset(l);
            int bOff = mlp.biasOffset(l);
            int block = all * out;
            boolean constant = l == 0;
            if (constant) {
                backend.fill(order * block, 0.0, z, block);
            } else {
                backend.gemm(false, true, order * all, out, in, 1.0, h, all * in, in, x, wOff, in, 0.0, z, block, out);
            }
            int kmax = constant ? 1 : order;
            for (int j = 0; j < groups; j++) {
                backend.addRowVector(rows, out, 1.0, v, j * d + bOff, z, block + j * rows * out);
                for (int k = 1; k <= kmax; k++) {
                    backend.gemm(false, true, rows, out, in, 1.0, h, ((k - 1) * all + j * rows) * in, in, v, j * d + wOff, in,
                            1.0, z, (k * all + j * rows) * out, out);
                }
            }
        }

        /**
         * The loss of every group, then the backward sweep: the parameter gradient blocks of every
         * group (block 0 when v is null, blocks 1…K otherwise).
         */
        private void backward(JetLayout layout, Tensor[] h, Tensor[] dphi, Tensor logits, Tensor target, Tensor weights, Tensor v,
                              Tensor firstBlocks) {
            int layers = mlp.layers();
            int outputs = mlp.outputs();
            int blocks = layout.blocks();
            Tensor delta = ws.get("g:delta", blocks * all * outputs);
            loss(layout, logits, target, weights, delta);
            int first = v == null ? 0 : 1;
            Tensor adj = delta;
            for (int l = layers - 1; l >= 0; l--) {
                int in = mlp.in(l);
                int out = mlp.out(l);
                int wOff = mlp.weightOffset(l);
                int bOff = mlp.biasOffset(l);
                boolean constant = l == 0;
                if (summed && v != null) {
                    sumBackward(h[l], constant, adj, blocks, in, out, wOff, bOff);
                }
                for (int j = 0; j < groups && !(summed && v != null); j++) {
                    for (int k = first; k < blocks; k++) {
                        for (int i = 0; i <= k; i++) {
                            if (constant && k - i > 0) {
                                continue;
                            }
                            backend.gemm(true, false, out, in, rows, 1.0, adj, (i * all + j * rows) * out, out,
                                    h[l], ((k - i) * all + j * rows) * in, in, 1.0, into(j, firstBlocks), base(j, k, firstBlocks) + wOff, in);
                        }
                        backend.sumRows(rows, out, adj, (k * all + j * rows) * out, 1.0, into(j, firstBlocks), base(j, k, firstBlocks) + bOff);
                    }
                }
                if (l > 0) {
                    int size = blocks * all * in;
                    Tensor dh = ws.get("g:dh", size);
                    backend.gemm(false, false, blocks * all, in, out, 1.0, adj, 0, out, x, wOff, in, 0.0, dh, 0, in);
                    if (v != null) {
                        for (int j = 0; j < groups; j++) {
                            for (int k = 1; k < blocks; k++) {
                                backend.gemm(false, false, rows, in, out, 1.0, adj, ((k - 1) * all + j * rows) * out, out,
                                        v, j * d + wOff, in, 1.0, dh, (k * all + j * rows) * in, in);
                            }
                        }
                    }
                    Tensor next = ws.get((l & 1) == 0 ? "g:adjA" : "g:adjB", size);
                    backend.jetMultiply(layout, all * in, dh, 0, dphi[l - 1], 0, next, 0);
                    adj = next;
                }
            }
        }

        /** Where group j's coefficient blocks are accumulated: its result tensor, or the scratch of first blocks. */
        private Tensor into(int j, Tensor firstBlocks) {
            return firstBlocks != null ? firstBlocks : grads[j];
        }

        /** The offset of group j's block k there. */
        private int base(int j, int k, Tensor firstBlocks) {
            return firstBlocks != null ? j * d : k * d;
        }

        /**
         * Σ_{i+l ≤ K} δ_iᵀh_l = Σ_l S_lᵀh_l and Σ_rows S₀ into each group's sum, S_l = Σ_{i ≤ K−l} δ_i
         * (for a constant h only l = 0).
         */
        private void sumBackward(Tensor h, boolean constant, Tensor adj, int blocks, int in, int out, int wOff, int bOff) {
            int piece = rows * out;
            Tensor partial = ws.get("g:partial", blocks * piece);
            int order = blocks - 1;
            for (int j = 0; j < groups; j++) {
                // partial block l holds S_l = δ_0 + … + δ_{K−l}
                backend.copy(piece, adj, j * piece, partial, order * piece);
                for (int l = order - 1; l >= 0; l--) {
                    backend.copy(piece, partial, (l + 1) * piece, partial, l * piece);
                    backend.axpy(piece, 1.0, adj, ((order - l) * all + j * rows) * out, partial, l * piece);
                }
                for (int l = 0; l <= (constant ? 0 : order); l++) {
                    backend.gemm(true, false, out, in, rows, 1.0, partial, l * piece, out, h, (l * all + j * rows) * in, in,
                            1.0, sums[j], wOff, in);
                }
                backend.sumRows(rows, out, partial, 0, 1.0, sums[j], bOff);
            }
        }

        /**
         * Each group's loss jet and its adjoint: the group's rows of every block are copied out,
         * through the loss kernel, and the adjoint copied back, so that each group's loss is summed
         * over its own rows as a separate pass sums it.
         */
        private void loss(JetLayout layout, Tensor logits, Tensor target, Tensor weights, Tensor delta) {
            int outputs = mlp.outputs();
            int blocks = layout.blocks();
            int piece = rows * outputs;
            Tensor zj = ws.get("g:zj", blocks * piece);
            Tensor dj = ws.get("g:dj", blocks * piece);
            Tensor tj = ws.get("g:tj", rows * targetStride);
            Tensor wj = ws.get("g:wj", rows);
            for (int j = 0; j < groups; j++) {
                for (int k = 0; k < blocks; k++) {
                    backend.copy(piece, logits, (k * all + j * rows) * outputs, zj, k * piece);
                }
                backend.copy(rows * targetStride, target, j * rows * targetStride, tj, 0);
                backend.copy(rows, weights, j * rows, wj, 0);
                double[] loss = switch (mlp.loss()) {
                    case CROSS_ENTROPY -> backend.softmaxCrossEntropyJet(layout, rows, outputs, zj, tj, wj, dj);
                    case BINARY_CROSS_ENTROPY -> backend.binaryCrossEntropyJet(layout, rows, zj, tj, wj, dj);
                    case MSE -> backend.squaredErrorJet(layout, rows, outputs, zj, tj, wj, dj);
                };
                if (losses[j] == null) {
                    losses[j] = new double[order + 1];
                    losses[j][0] = loss[0];
                } else {
                    System.arraycopy(loss, 1, losses[j], 1, order);
                }
                for (int k = 0; k < blocks; k++) {
                    backend.copy(piece, dj, k * piece, delta, (k * all + j * rows) * outputs);
                }
            }
        }
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
