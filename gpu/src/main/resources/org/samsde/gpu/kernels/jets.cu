// The elementwise jet primitives of org.samsde.core.tensor.Backend on stacked Taylor coefficients
// (org.samsde.core.jet.JetLayout: block 0 holds the shared value, block 1 + (k - 1) dirs + j
// coefficient k of direction j, each block `blockSize` elements). Reference: CpuJets.activation
// and CpuJets.multiply.
#include "samsde.cuh"

// a = phi(z) and, when hasD != 0, d = phi'(z), as jets of the same layout:
// a_k by Faa di Bruno from phi' ... phi^(order), d_k likewise from phi'' ... phi^(order + 1).
extern "C" __global__ void samsde_activation_jet(idx act, idx order, idx dirs, idx blockSize, idx hasD,
                                                 const double* __restrict__ z, double* __restrict__ a,
                                                 double* __restrict__ d) {
    int derivs = (int) order + (hasD ? 2 : 1);
    for (idx i = global_thread(); i < blockSize; i += grid_threads()) {
        double q[MAX_DERIVS] = {0.0, 0.0, 0.0, 0.0, 0.0};
        activation_derivs((int) act, z[i], derivs, q);
        a[i] = q[0];
        if (hasD) {
            d[i] = q[1];
        }
        for (idx j = 0; j < dirs && order > 0; j++) {
            double zc[4] = {0.0, 0.0, 0.0, 0.0};
            double out[4] = {0.0, 0.0, 0.0, 0.0};
            for (int k = 1; k <= order; k++) {
                zc[k] = z[jet_block(k, j, dirs) * blockSize + i];
            }
            compose((int) order, q, 0, zc, out);
            for (int k = 1; k <= order; k++) {
                a[jet_block(k, j, dirs) * blockSize + i] = out[k];
            }
            if (hasD) {
                compose((int) order, q, 1, zc, out);
                for (int k = 1; k <= order; k++) {
                    d[jet_block(k, j, dirs) * blockSize + i] = out[k];
                }
            }
        }
    }
}

// out_k = sum_{i = 0..k} a_i * b_{k - i} per direction, elementwise (the Cauchy product).
extern "C" __global__ void samsde_jet_multiply(idx order, idx dirs, idx blockSize, const double* __restrict__ a,
                                               const double* __restrict__ b, double* __restrict__ out) {
    for (idx e = global_thread(); e < blockSize; e += grid_threads()) {
        double ac[4];
        double bc[4];
        ac[0] = a[e];
        bc[0] = b[e];
        out[e] = ac[0] * bc[0];
        for (idx j = 0; j < dirs && order > 0; j++) {
            for (int k = 1; k <= order; k++) {
                idx blk = jet_block(k, j, dirs) * blockSize + e;
                ac[k] = a[blk];
                bc[k] = b[blk];
            }
            for (int k = 1; k <= order; k++) {
                double acc = 0.0;
                for (int i = 0; i <= k; i++) {
                    acc += ac[i] * bc[k - i];
                }
                out[jet_block(k, j, dirs) * blockSize + e] = acc;
            }
        }
    }
}
