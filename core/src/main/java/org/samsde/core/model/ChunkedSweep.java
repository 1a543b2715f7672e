package org.samsde.core.model;

import java.util.function.Function;

import org.samsde.core.jet.JetLayout;
import org.samsde.core.objective.Batch;
import org.samsde.core.objective.Objective;
import org.samsde.core.objective.TaylorResult;
import org.samsde.core.tensor.Tensor;

/**
 * The outer loop shared by the layered objectives ({@link MlpObjective}, {@link CnnObjective}):
 * a Taylor pass over a batch, cut into chunks of rows so that scratch memory stays bounded, with
 * the batch weights scaled by 1/B and the loss coefficients and gradient coefficients summed over
 * the chunks.
 */
final class ChunkedSweep {
    private ChunkedSweep() {
    }

    /** One model's pass over one chunk of rows, holding the buffers shared by its layers. */
    interface ChunkPass {
        /**
         * @param idx the batch's sample indices
         * @param start the chunk's first position in idx
         * @param rows the chunk's length
         * @param rowWeights w_r / B for each row of the chunk
         * @param forwardOnly whether to stop after the loss (no adjoints, no gradient)
         * @return the chunk's loss coefficients, one per jet block
         */
        double[] run(int[] idx, int start, int rows, double[] rowWeights, boolean forwardOnly);

        /**
         * @param rows the last chunk's length
         * @return how many of its rows the forward sweep classified correctly
         */
        long correct(int rows);
    }

    /** The outcome of a sweep: the Taylor coefficients and the correct classifications. */
    record Sweep(TaylorResult result, long correct) {
    }

    /**
     * @param self the objective (for its argument checks and dimension)
     * @param n its number of samples
     * @param loss its loss (accuracy is counted unless it is MSE)
     * @param maxChunkRows the caller's bound on rows per chunk
     * @param scratchElements the scratch budget of one jet, in elements
     * @param rowElements scratch elements one row needs per jet block
     * @param x the parameters
     * @param directions the directions, or null
     * @param order the Taylor order
     * @param batch the batch
     * @param forwardOnly whether only the loss (and accuracy) is wanted
     * @param passes makes the pass for (layout, gradient tensor)
     * @return the coefficients and the correct count
     */
    static Sweep run(Objective self, int n, Loss loss, int maxChunkRows, long scratchElements, long rowElements, Tensor x,
                     Tensor directions, int order, Batch batch, boolean forwardOnly,
                     Function<JetLayout, Function<Tensor, ChunkPass>> passes) {
        JetLayout layout = self.layoutFor(x, directions, order);
        int nb = layout.blocks();
        int d = self.dimension();
        int[] idx = batch.resolve(n);
        int size = batch.size(n);
        int chunk = (int) Math.max(1, Math.min(Math.min(size, maxChunkRows), scratchElements / (nb * rowElements)));
        Tensor grad = self.backend().zeros(forwardOnly ? 1 : nb, forwardOnly ? 1 : d);
        double[] total = new double[nb];
        ChunkPass pass = passes.apply(layout).apply(grad);
        double[] rowWeights = new double[chunk];
        long correct = 0;
        for (int start = 0; start < size; start += chunk) {
            int rows = Math.min(chunk, size - start);
            for (int r = 0; r < rows; r++) {
                rowWeights[r] = batch.weight(start + r) / size;
            }
            double[] chunkLoss = pass.run(idx, start, rows, rowWeights, forwardOnly);
            for (int b = 0; b < nb; b++) {
                total[b] += chunkLoss[b];
            }
            if (forwardOnly && loss != Loss.MSE) {
                correct += pass.correct(rows);
            }
        }
        return new Sweep(new TaylorResult(layout, forwardOnly ? 1 : d, total, grad), correct);
    }

    /**
     * @param sweep a forward-only sweep
     * @param loss the model's loss
     * @param batchSize B
     * @return the loss and the accuracy (NaN for MSE)
     */
    static Objective.Evaluation evaluation(Sweep sweep, Loss loss, int batchSize) {
        sweep.result().gradientCoefficients().close();
        return new Objective.Evaluation(sweep.result().loss(), loss == Loss.MSE ? Double.NaN : (double) sweep.correct() / batchSize);
    }
}
