// Reductions whose results go to the host: dot products and the per-block loss sums of the jet
// losses. Fixed launch shapes and fixed combination orders make every result deterministic.
#include "samsde.cuh"

#define REDUCE_THREADS 256

// Sum of the blockDim.x = REDUCE_THREADS values of a block, returned to thread 0 (tree order).
__device__ inline double block_sum(double v) {
    __shared__ double s[REDUCE_THREADS];
    s[threadIdx.x] = v;
    __syncthreads();
    for (int w = REDUCE_THREADS / 2; w > 0; w >>= 1) {
        if ((int) threadIdx.x < w) {
            s[threadIdx.x] += s[threadIdx.x + w];
        }
        __syncthreads();
    }
    double total = s[0];
    __syncthreads();
    return total;
}

// partial[b] <- sum of x[i] * y[i] over the elements i of block b's grid-stride share.
// Launch with blockDim.x = REDUCE_THREADS.
extern "C" __global__ void samsde_dot_partials(idx n, const double* __restrict__ x, const double* __restrict__ y,
                                               double* __restrict__ partial) {
    double acc = 0.0;
    for (idx i = global_thread(); i < n; i += grid_threads()) {
        acc += x[i] * y[i];
    }
    double total = block_sum(acc);
    if (threadIdx.x == 0) {
        partial[blockIdx.x] = total;
    }
}

// out[s] <- sum_{i < length} x[s * length + i] for s < segments; one block of REDUCE_THREADS
// threads per segment (grid-stride over segments).
extern "C" __global__ void samsde_segment_sums(idx segments, idx length, const double* __restrict__ x,
                                               double* __restrict__ out) {
    for (idx s = blockIdx.x; s < segments; s += gridDim.x) {
        const double* seg = x + s * length;
        double acc = 0.0;
        for (idx i = threadIdx.x; i < length; i += REDUCE_THREADS) {
            acc += seg[i];
        }
        double total = block_sum(acc);
        if (threadIdx.x == 0) {
            out[s] = total;
        }
    }
}
