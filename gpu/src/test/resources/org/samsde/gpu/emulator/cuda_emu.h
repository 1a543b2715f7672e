// A host execution model of the CUDA features the samsde kernels use, for tests on machines
// without a GPU. Pre-included (g++ -include cuda_emu.h) before the unchanged kernel sources.
//
// Model: the blocks of a grid run one after another; the threads of a block run as cooperative
// fibers on one OS thread, switching only at __syncthreads() (block barrier) and at warp
// shuffles (warp barrier), so barrier placement, shared memory and warp-level exchanges behave as
// on a GPU. __shared__ variables are static storage, reused by consecutive blocks.
#pragma once

#include <math.h>
#include <string.h>

struct emu_dim3 {
    unsigned x, y, z;
};

extern emu_dim3 threadIdx;
extern emu_dim3 blockIdx;
extern emu_dim3 blockDim;
extern emu_dim3 gridDim;

#define __global__
#define __device__
#define __shared__ static
#define __restrict__ __restrict

void __syncthreads();
double emu_shfl_xor(double v, int laneMask);

inline double __shfl_xor_sync(unsigned, double v, int laneMask) {
    return emu_shfl_xor(v, laneMask);
}

inline unsigned long long atomicCAS(unsigned long long* address, unsigned long long compare, unsigned long long value) {
    unsigned long long old = *address;
    if (old == compare) {
        *address = value;
    }
    return old;
}

inline double __longlong_as_double(long long bits) {
    double d;
    memcpy(&d, &bits, sizeof d);
    return d;
}
