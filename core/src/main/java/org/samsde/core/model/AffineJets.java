package org.samsde.core.model;

import org.samsde.core.jet.JetLayout;
import org.samsde.core.tensor.Backend;
import org.samsde.core.tensor.Tensor;

/**
 * The jet rules of an affine map z = h·Wᵀ + b on row-stacked jets, for one Taylor pass: the
 * dense layers of {@link CnnObjective}, and its convolutions after im2col (rows are then image
 * positions and h the patch matrix).
 *
 * <p>With parameters W(t) = W₀ + t·W₁ (W₁ the direction's slice of v), per direction:
 * z_k = h_k·W₀ᵀ + h_{k−1}·W₁ᵀ (+ b₀ for k = 0, b₁ for k = 1). Backward, with the adjoint jet δ
 * of z: ∂W_k = Σ_{i≤k} δ_iᵀ·h_{k−i}, ∂b_k = Σ_rows δ_k and ∂h_k = δ_k·W₀ + δ_{k−1}·W₁. W₀ acts on
 * all stacked blocks in one GEMM; W₁ needs one GEMM per direction and order, or one per direction
 * when there is a single direction (its blocks are then consecutive). A constant input
 * (h_k = 0 for k ≥ 1, the data) skips the products with its zero blocks.
 *
 * <p>Offsets: h is (blocks·rows) × in and z, δ are (blocks·rows) × out, blocks in the
 * {@link JetLayout} order (a constant h holds block 0 only); W, b are read at wOff, bOff of the
 * parameter vector x and of each direction's slice of v, and the parameter gradient's
 * coefficient blocks (blocks × d) are accumulated into.
 */
final class AffineJets {
    private final Backend backend;
    private final JetLayout layout;
    private final int nb;
    private final int order;
    private final int dirs;
    private final int d;
    private final Tensor x;
    private final Tensor v;
    private final Tensor grad;

    /**
     * @param backend where all tensors live
     * @param layout the pass's jet layout
     * @param d the number of parameters
     * @param x the parameters; not modified
     * @param v the directions (m × d), null for order 0; not modified
     * @param grad the gradient coefficients (blocks × d); accumulated into by the backward rules
     */
    AffineJets(Backend backend, JetLayout layout, int d, Tensor x, Tensor v, Tensor grad) {
        this.backend = backend;
        this.layout = layout;
        this.nb = layout.blocks();
        this.order = layout.order();
        this.dirs = order == 0 ? 0 : layout.directions();
        this.d = d;
        this.x = x;
        this.v = v;
        this.grad = grad;
    }

    /** Block index of coefficient k of direction j (coefficient 0 is shared). */
    private int blk(int k, int j) {
        return k == 0 ? 0 : layout.block(k, j);
    }

    /**
     * z ← the jet of h·W(t)ᵀ + b(t), every block.
     *
     * @param h the input jet; not modified
     * @param constant whether h is constant (block 0 only)
     * @param rows rows per block
     * @param in columns of h
     * @param out columns of z
     * @param wOff offset of W (out × in) in the parameter vector
     * @param bOff offset of b (out)
     * @param z the output jet, all blocks; modified
     */
    void forward(Tensor h, boolean constant, int rows, int in, int out, int wOff, int bOff, Tensor z) {
        int block = rows * out;
        backend.gemm(false, true, constant ? rows : nb * rows, out, in, 1.0, h, 0, in, x, wOff, in, 0.0, z, 0, out);
        if (constant && nb > 1) {
            backend.fill((nb - 1) * block, 0.0, z, block);
        }
        backend.addRowVector(rows, out, 1.0, x, bOff, z, 0);
        int kmax = constant ? Math.min(1, order) : order;
        for (int j = 0; j < dirs; j++) {
            backend.addRowVector(rows, out, 1.0, v, j * d + bOff, z, blk(1, j) * block);
            if (dirs == 1) {
                backend.gemm(false, true, kmax * rows, out, in, 1.0, h, 0, in, v, wOff, in, 1.0, z, block, out);
                continue;
            }
            for (int k = 1; k <= kmax; k++) {
                backend.gemm(false, true, rows, out, in, 1.0, h, blk(k - 1, j) * rows * in, in,
                        v, j * d + wOff, in, 1.0, z, blk(k, j) * block, out);
            }
        }
    }

    /**
     * ∂W_k += Σ_{i≤k} δ_iᵀ·h_{k−i} and ∂b_k += Σ_rows δ_k, into the gradient coefficients.
     *
     * @param h the forward input jet; not modified
     * @param constant whether h is constant
     * @param adj δ, the adjoint jet of z; not modified
     * @param rows rows per block
     * @param in columns of h
     * @param out columns of δ
     * @param wOff offset of W
     * @param bOff offset of b
     */
    void backwardParameters(Tensor h, boolean constant, Tensor adj, int rows, int in, int out, int wOff, int bOff) {
        for (int k = 0; k <= order; k++) {
            for (int j = 0; j < (k == 0 ? 1 : dirs); j++) {
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

    /**
     * dh_k = δ_k·W₀ + δ_{k−1}·W₁, every block.
     *
     * @param adj δ, the adjoint jet of z; not modified
     * @param rows rows per block
     * @param in columns of dh
     * @param out columns of δ
     * @param wOff offset of W
     * @param dh the adjoint jet of h, all blocks; modified
     */
    void backwardInput(Tensor adj, int rows, int in, int out, int wOff, Tensor dh) {
        backend.gemm(false, false, nb * rows, in, out, 1.0, adj, 0, out, x, wOff, in, 0.0, dh, 0, in);
        for (int j = 0; j < dirs; j++) {
            if (dirs == 1) {
                backend.gemm(false, false, order * rows, in, out, 1.0, adj, 0, out, v, wOff, in, 1.0, dh, rows * in, in);
                continue;
            }
            for (int k = 1; k <= order; k++) {
                backend.gemm(false, false, rows, in, out, 1.0, adj, blk(k - 1, j) * rows * out, out,
                        v, j * d + wOff, in, 1.0, dh, blk(k, j) * rows * in, in);
            }
        }
    }
}
