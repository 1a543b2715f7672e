// Level-1 and broadcasting primitives of org.samsde.core.tensor.Backend (see samsde.cuh for the
// conventions). Reference semantics: org.samsde.core.tensor.CpuBackend.
#include "samsde.cuh"

// x[i] <- value, i < n.
extern "C" __global__ void samsde_fill(idx n, double value, double* x) {
    for (idx i = global_thread(); i < n; i += grid_threads()) {
        x[i] = value;
    }
}

// y[i] <- y[i] + alpha * x[i], i < n.
extern "C" __global__ void samsde_axpy(idx n, double alpha, const double* __restrict__ x, double* __restrict__ y) {
    for (idx i = global_thread(); i < n; i += grid_threads()) {
        y[i] = y[i] + alpha * x[i];
    }
}

// x[i] <- alpha * x[i], i < n (NaN and infinities propagate, also for alpha = 0).
extern "C" __global__ void samsde_scale(idx n, double alpha, double* x) {
    for (idx i = global_thread(); i < n; i += grid_threads()) {
        x[i] = alpha * x[i];
    }
}

// C[r, j] <- beta * C[r, j] for a rows x cols view with leading dimension ld; beta = 0 writes 0
// (NaN in C does not propagate), as BLAS does for a product with k = 0.
extern "C" __global__ void samsde_scale_matrix(idx rows, idx cols, idx ld, double beta, double* c) {
    idx n = rows * cols;
    for (idx e = global_thread(); e < n; e += grid_threads()) {
        idx r = e / cols;
        idx j = e - r * cols;
        double* p = c + r * ld + j;
        *p = beta == 0.0 ? 0.0 : beta * *p;
    }
}

// C[r, j] <- C[r, j] + alpha * v[j] for a rows x cols contiguous matrix.
extern "C" __global__ void samsde_add_row_vector(idx rows, idx cols, double alpha, const double* __restrict__ v,
                                                 double* __restrict__ c) {
    idx n = rows * cols;
    for (idx e = global_thread(); e < n; e += grid_threads()) {
        c[e] += alpha * v[e % cols];
    }
}

// out[j] <- sum_r A[r, j] (+ beta * out[j] when beta != 0), A rows x cols contiguous.
// Launch with blockDim = (32, SUM_ROWS_GROUPS): lane x owns column blockIdx.x * 32 + x, the
// SUM_ROWS_GROUPS row groups are combined in shared memory in a fixed order.
#define SUM_ROWS_GROUPS 8
extern "C" __global__ void samsde_sum_rows(idx rows, idx cols, const double* __restrict__ a, double beta,
                                           double* __restrict__ out) {
    __shared__ double partial[SUM_ROWS_GROUPS][32];
    for (idx j0 = (idx) blockIdx.x * 32; j0 < cols; j0 += (idx) gridDim.x * 32) {
        idx j = j0 + threadIdx.x;
        double acc = 0.0;
        if (j < cols) {
            for (idx r = threadIdx.y; r < rows; r += SUM_ROWS_GROUPS) {
                acc += a[r * cols + j];
            }
        }
        partial[threadIdx.y][threadIdx.x] = acc;
        __syncthreads();
        if (threadIdx.y == 0 && j < cols) {
            double s = 0.0;
            for (int g = 0; g < SUM_ROWS_GROUPS; g++) {
                s += partial[g][threadIdx.x];
            }
            if (beta != 0.0) {
                s += beta * out[j];
            }
            out[j] = s;
        }
        __syncthreads();
    }
}

// dst[i, c] <- src[index[i], c] for i < count, rows of cols elements (indices checked on the host).
extern "C" __global__ void samsde_gather_rows(idx count, idx cols, const double* __restrict__ src,
                                              const long long* __restrict__ index, double* __restrict__ dst) {
    idx n = count * cols;
    for (idx e = global_thread(); e < n; e += grid_threads()) {
        idx i = e / cols;
        idx c = e - i * cols;
        dst[e] = src[index[i] * cols + c];
    }
}
