package org.samsde.core.loss;

import java.util.stream.IntStream;

import org.samsde.core.data.Dataset;
import org.samsde.core.jet.JetLayout;
import org.samsde.core.objective.Batch;
import org.samsde.core.objective.Objective;
import org.samsde.core.objective.TaylorResult;
import org.samsde.core.tensor.Backend;
import org.samsde.core.tensor.Tensor;

/**
 * The {@link Objective} f_γ(x) = (1/B)·Σ_r w_r·f_{γ_r}(x) of a per-sample {@link JetLoss}, with
 * exact loss, gradient, H·v, ½·T[v,v] and ⅙·∇⁴f[v,v,v] from one Taylor pass of {@link Jet}
 * arithmetic: the same truncated Taylor arithmetic as the built-in models, run on the host sample
 * by sample. Usable wherever an objective is (optimisers, SDE models, Hessian tools, the test kit).
 *
 * <p>A batch is cut into chunks whose boundaries depend on the batch size only; chunks run in
 * parallel on the common fork-join pool and are summed in order, so results do not depend on the
 * number of threads. See {@link JetLoss} for an example.
 *
 * <p>Work on the parameters alone is done once per chunk, not once per sample: an operation whose
 * inputs are parameter slices or results of such operations, with no constant or sample values
 * among them (u⊙u − v⊙v, a weight matrix's square, a regulariser), is computed on the chunk's
 * first sample and its result handed to every later sample that repeats it with the same scalar
 * arguments; its reverse sweep runs once at the end of the chunk, on the sum of what the samples
 * pulled into it. The derivatives are those of the sample-by-sample evaluation, up to rounding.
 * Jets made with {@link JetParameters#constant} are never shared this way.
 */
public final class JetObjective implements Objective {
    private static final int MIN_CHUNK = 64;
    private static final int MAX_CHUNKS = 16;

    private final int dimension;
    private final JetLoss loss;
    private final Backend backend;
    private final int n;
    private final int features;
    private final double[] x;
    private final double[] targets;
    private final int stride;
    private final boolean classification;
    private final String name;

    private JetObjective(int dimension, JetLoss loss, Backend backend, Dataset data, String name) {
        if (dimension < 1) {
            throw new IllegalArgumentException("a jet objective needs at least one parameter, got " + dimension);
        }
        this.dimension = dimension;
        this.loss = loss;
        this.backend = backend;
        this.name = name;
        if (data == null) {
            n = 1;
            features = 0;
            x = new double[0];
            targets = new double[0];
            stride = 0;
            classification = false;
        } else {
            n = data.size();
            features = data.features();
            x = data.x();
            targets = data.targetsAsDoubles();
            stride = data.targetStride();
            classification = data.isClassification();
        }
    }

    /**
     * @param dimension d, the number of parameters
     * @param data the samples (features and targets), one fᵢ per sample
     * @param loss the per-sample loss
     * @param backend where parameters and results live
     * @return (1/n)·Σᵢ fᵢ as an objective
     */
    public static JetObjective of(int dimension, Dataset data, JetLoss loss, Backend backend) {
        if (data == null) {
            throw new IllegalArgumentException("a jet objective over samples needs data; use deterministic() without");
        }
        return new JetObjective(dimension, loss, backend, data, null);
    }

    /**
     * @param dimension d, the number of parameters
     * @param loss the loss, called with an empty sample
     * @param backend where parameters and results live
     * @return f as an objective with one sample
     */
    public static JetObjective deterministic(int dimension, JetLoss loss, Backend backend) {
        return new JetObjective(dimension, loss, backend, null, null);
    }

    /** @return the per-sample loss */
    public JetLoss loss() {
        return loss;
    }

    @Override
    public Backend backend() {
        return backend;
    }

    @Override
    public int dimension() {
        return dimension;
    }

    @Override
    public int sampleCount() {
        return n;
    }

    @Override
    public TaylorResult taylor(Tensor xt, Tensor directions, int order, Batch batch) {
        JetLayout layout = layoutFor(xt, directions, order);
        double[] xh = xt.toArray();
        double[] vh = order == 0 ? null : directions.toArray();
        int[] idx = batch.resolve(n);
        int size = batch.size(n);
        int chunk = Math.max(MIN_CHUNK, (size + MAX_CHUNKS - 1) / MAX_CHUNKS);
        int chunks = (size + chunk - 1) / chunk;
        int blocks = layout.blocks();
        double[][] lossParts = new double[chunks][];
        double[][] coefParts = new double[chunks][];
        IntStream range = IntStream.range(0, chunks);
        (chunks > 1 ? range.parallel() : range).forEach(c -> {
            double[] lossCoef = new double[blocks];
            double[] coef = new double[blocks * dimension];
            run(layout, xh, vh, idx, batch, size, c * chunk, Math.min(size, (c + 1) * chunk), lossCoef, coef);
            lossParts[c] = lossCoef;
            coefParts[c] = coef;
        });
        double[] lossCoef = lossParts[0];
        double[] coef = coefParts[0];
        for (int c = 1; c < chunks; c++) {
            for (int b = 0; b < blocks; b++) {
                lossCoef[b] += lossParts[c][b];
            }
            double[] part = coefParts[c];
            for (int i = 0; i < coef.length; i++) {
                coef[i] += part[i];
            }
        }
        return new TaylorResult(layout, dimension, lossCoef, backend.upload(coef, blocks, dimension));
    }

    /** Sums w_r/B times the Taylor coefficients of f and ∇f over the batch entries from…to−1. */
    private void run(JetLayout layout, double[] xh, double[] vh, int[] idx, Batch batch, int size, int from, int to,
                     double[] lossCoef, double[] coef) {
        JetTape tape = new JetTape(layout.order(), layout.directions());
        JetParameters theta = new JetParameters(tape, xh, vh);
        JetSample sample = new JetSample(x, features, targets, stride, classification);
        int blocks = layout.blocks();
        for (int r = from; r < to; r++) {
            tape.nextSample();
            if (features > 0 || stride > 0) {
                sample.load(idx[r]);
            }
            Jet out = loss.loss(theta, sample);
            if (out == null || out.length != 1) {
                throw new IllegalArgumentException("the loss must return a scalar jet, got "
                        + (out == null ? "null" : out.describe() + " with " + out.length + " elements"));
            }
            if (out.tape != tape) {
                throw new IllegalArgumentException("the loss returned a jet of another evaluation: " + out.describe());
            }
            double w = batch.weight(r) / size;
            int nb = out.degree == 0 ? 1 : 1 + out.degree * layout.directions();
            for (int b = 0; b < nb; b++) {
                lossCoef[b] += w * out.c[b];
            }
            if (out.needsAdjoint) {
                out.adjoint()[0] += w;
                tape.reverseSweep();
                if (out.epoch() >= 0) {
                    out.adj = null;
                }
            }
        }
        tape.sweepPersistent();
        for (int s = 0; s < theta.order.size(); s++) {
            Jet slice = theta.order.get(s);
            int off = theta.offsets.get(s);
            int len = slice.length;
            for (int b = 0; b < blocks; b++) {
                for (int i = 0; i < len; i++) {
                    coef[b * dimension + off + i] += slice.adj[b * len + i];
                }
            }
        }
    }

    @Override
    public String toString() {
        return name == null ? "JetObjective[d=" + dimension + ", n=" + n + "]" : name;
    }
}
