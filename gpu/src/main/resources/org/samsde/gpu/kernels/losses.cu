// The loss jets of org.samsde.core.tensor.Backend: per-row losses of every block go to
// rowLoss[block * rows + r] (summed per block by samsde_segment_sums in reduce.cu) and the gradient
// jet to delta, same layout as the input. Reference: CpuJets.softmaxCrossEntropy,
// binaryCrossEntropy and squaredError. Invalid labels are reported through err (the host throws);
// such rows are skipped.
#include "samsde.cuh"

// The exponential's jet: e_k = (1/k) sum_{i=1..k} i z_i e_{k-i} for k = 1..order.
__device__ inline void exp_jet(int order, const double* z, double* e) {
    for (int k = 1; k <= order; k++) {
        double acc = 0.0;
        for (int i = 1; i <= k; i++) {
            acc += i * z[i] * e[k - i];
        }
        e[k] = acc / k;
    }
}

// Softmax cross-entropy, one warp per row, classes strided over the lanes. With
// S = sum_c exp(z_c - max): l_0 = log S_0 + max, l_k = (S_k - (1/k) sum_{i<k} i l_i S_{k-i}) / S_0,
// p_k = (e_k - sum_{i=1..k} S_i p_{k-i}) / S_0; the row's loss jet is w (l - z_y) and its delta
// w (p - e_y) (the one-hot only in block 0).
extern "C" __global__ void samsde_softmax_cross_entropy(idx order, idx dirs, idx rows, idx classes,
                                                        const double* __restrict__ logits,
                                                        const double* __restrict__ labels,
                                                        const double* __restrict__ weights,
                                                        double* __restrict__ delta, double* __restrict__ rowLoss,
                                                        double* err) {
    int lane = threadIdx.x & 31;
    idx warp = global_thread() >> 5;
    idx warps = grid_threads() >> 5;
    idx block = rows * classes;
    for (idx r = warp; r < rows; r += warps) {
        double yd = labels[r];
        idx y = (idx) yd;
        if ((double) y != yd || y < 0 || y >= classes) {
            if (lane == 0) {
                report_error(err, SAMSDE_ERR_LABEL, r, yd);
            }
            continue;
        }
        double w = weights[r];
        const double* z0 = logits + r * classes;
        double m = negative_infinity();
        for (idx c = lane; c < classes; c += 32) {
            m = fmax(m, z0[c]);
        }
        m = warp_max(m);
        double s0 = 0.0;
        for (idx c = lane; c < classes; c += 32) {
            s0 += exp(z0[c] - m);
        }
        s0 = warp_sum(s0);
        double l0 = log(s0) + m;
        if (lane == 0) {
            rowLoss[r] = w * (l0 - z0[y]);
        }
        for (idx c = lane; c < classes; c += 32) {
            double p = exp(z0[c] - m) / s0;
            delta[r * classes + c] = w * (c == y ? p - 1.0 : p);
        }
        for (idx j = 0; j < dirs && order > 0; j++) {
            double s[4] = {s0, 0.0, 0.0, 0.0};
            for (idx c = lane; c < classes; c += 32) {
                double z[4];
                double e[4];
                z[0] = z0[c];
                for (int k = 1; k <= order; k++) {
                    z[k] = logits[jet_block(k, j, dirs) * block + r * classes + c];
                }
                e[0] = exp(z[0] - m);
                exp_jet((int) order, z, e);
                for (int k = 1; k <= order; k++) {
                    s[k] += e[k];
                }
            }
            double l[4] = {l0, 0.0, 0.0, 0.0};
            for (int k = 1; k <= order; k++) {
                s[k] = warp_sum(s[k]);
            }
            for (int k = 1; k <= order; k++) {
                double acc = s[k];
                for (int i = 1; i < k; i++) {
                    acc -= i * l[i] * s[k - i] / k;
                }
                l[k] = acc / s0;
                if (lane == 0) {
                    idx b = jet_block(k, j, dirs);
                    rowLoss[b * rows + r] = w * (l[k] - logits[b * block + r * classes + y]);
                }
            }
            for (idx c = lane; c < classes; c += 32) {
                double z[4];
                double e[4];
                double p[4];
                z[0] = z0[c];
                for (int k = 1; k <= order; k++) {
                    z[k] = logits[jet_block(k, j, dirs) * block + r * classes + c];
                }
                e[0] = exp(z[0] - m);
                exp_jet((int) order, z, e);
                p[0] = e[0] / s0;
                for (int k = 1; k <= order; k++) {
                    double acc = e[k];
                    for (int i = 1; i <= k; i++) {
                        acc -= s[i] * p[k - i];
                    }
                    p[k] = acc / s0;
                    delta[jet_block(k, j, dirs) * block + r * classes + c] = w * p[k];
                }
            }
        }
    }
}

// Binary cross-entropy on single logits, one thread per row: l = softplus(z) - y z, delta =
// w (sigmoid(z) - y), both as jets (softplus' = sigmoid composed by Faa di Bruno).
extern "C" __global__ void samsde_binary_cross_entropy(idx order, idx dirs, idx rows,
                                                       const double* __restrict__ logits,
                                                       const double* __restrict__ labels,
                                                       const double* __restrict__ weights,
                                                       double* __restrict__ delta, double* __restrict__ rowLoss,
                                                       double* err) {
    for (idx r = global_thread(); r < rows; r += grid_threads()) {
        double y = labels[r];
        if (y != 0.0 && y != 1.0) {
            report_error(err, SAMSDE_ERR_BINARY_LABEL, r, y);
            continue;
        }
        double w = weights[r];
        double z[4];
        double q[MAX_DERIVS] = {0.0, 0.0, 0.0, 0.0, 0.0};
        double a[4];
        double d[4];
        z[0] = logits[r];
        activation_derivs(ACT_SOFTPLUS, z[0], (int) order + 2, q);
        rowLoss[r] = w * (q[0] - y * z[0]);
        delta[r] = w * (q[1] - y);
        for (idx j = 0; j < dirs && order > 0; j++) {
            for (int k = 1; k <= order; k++) {
                z[k] = logits[jet_block(k, j, dirs) * rows + r];
            }
            compose((int) order, q, 0, z, a);
            compose((int) order, q, 1, z, d);
            for (int k = 1; k <= order; k++) {
                idx b = jet_block(k, j, dirs);
                rowLoss[b * rows + r] = w * (a[k] - y * z[k]);
                delta[b * rows + r] = w * d[k];
            }
        }
    }
}

// Squared error, one warp per row: with residual jet res_0 = yhat_0 - t, res_k = yhat_k,
// the loss jet is (w/2) sum_{i=0..k} <res_i, res_{k-i}> and delta_k = w res_k.
extern "C" __global__ void samsde_squared_error(idx order, idx dirs, idx rows, idx width,
                                                const double* __restrict__ pred, const double* __restrict__ targets,
                                                const double* __restrict__ weights, double* __restrict__ delta,
                                                double* __restrict__ rowLoss) {
    int lane = threadIdx.x & 31;
    idx warp = global_thread() >> 5;
    idx warps = grid_threads() >> 5;
    idx block = rows * width;
    for (idx r = warp; r < rows; r += warps) {
        double w = weights[r];
        idx base = r * width;
        double sq = 0.0;
        for (idx c = lane; c < width; c += 32) {
            double res = pred[base + c] - targets[base + c];
            sq += res * res;
            delta[base + c] = w * res;
        }
        sq = warp_sum(sq);
        if (lane == 0) {
            rowLoss[r] = 0.5 * w * sq;
        }
        for (idx j = 0; j < dirs && order > 0; j++) {
            double acc[4] = {0.0, 0.0, 0.0, 0.0};
            for (idx c = lane; c < width; c += 32) {
                double res[4];
                res[0] = pred[base + c] - targets[base + c];
                for (int k = 1; k <= order; k++) {
                    idx off = jet_block(k, j, dirs) * block + base + c;
                    res[k] = pred[off];
                    delta[off] = w * res[k];
                }
                for (int k = 1; k <= order; k++) {
                    for (int i = 0; i <= k; i++) {
                        acc[k] += res[i] * res[k - i];
                    }
                }
            }
            for (int k = 1; k <= order; k++) {
                double total = warp_sum(acc[k]);
                if (lane == 0) {
                    rowLoss[jet_block(k, j, dirs) * rows + r] = 0.5 * w * total;
                }
            }
        }
    }
}
