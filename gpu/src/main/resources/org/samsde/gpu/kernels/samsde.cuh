// Shared device code of the samsde CUDA kernels: index types, the error word, warp reductions,
// the activation derivatives and the Faa di Bruno composition of org.samsde.core.tensor.CpuJets.
//
// Conventions for every kernel of this directory:
//  - entry points are extern "C" (unmangled names, looked up by org.samsde.gpu.Kernel);
//  - every parameter is 8 bytes: pointers, `idx` (long long) sizes and indices, doubles;
//  - pointers arrive already offset to the first element they address;
//  - 1-d kernels use grid-stride loops, so any grid size is correct.
#pragma once

typedef long long idx;

// The per-thread error word: err[0] the code (0: none), err[1] the index, err[2] the offending
// value. The first failing thread wins; the host reads and clears it at its next synchronisation.
#define SAMSDE_ERR_LABEL 1LL
#define SAMSDE_ERR_BINARY_LABEL 2LL
#define SAMSDE_ERR_POOL_INDEX 3LL

__device__ inline void report_error(double* err, long long code, idx index, double value) {
    unsigned long long* word = reinterpret_cast<unsigned long long*>(err);
    if (atomicCAS(word, 0ULL, (unsigned long long) code) == 0ULL) {
        reinterpret_cast<long long*>(err)[1] = index;
        err[2] = value;
    }
}

// Special values without <math.h> (NVRTC compiles with no standard headers).
__device__ inline double quiet_nan() {
    return __longlong_as_double(0x7ff8000000000000LL);
}

__device__ inline double negative_infinity() {
    return __longlong_as_double((long long) 0xfff0000000000000ULL);
}

__device__ inline idx global_thread() {
    return (idx) blockIdx.x * blockDim.x + threadIdx.x;
}

__device__ inline idx grid_threads() {
    return (idx) gridDim.x * blockDim.x;
}

// Sum over the 32 lanes of a warp; every lane receives the total (butterfly, fixed order).
__device__ inline double warp_sum(double v) {
    for (int s = 16; s > 0; s >>= 1) {
        v += __shfl_xor_sync(0xffffffffu, v, s);
    }
    return v;
}

__device__ inline double warp_max(double v) {
    for (int s = 16; s > 0; s >>= 1) {
        v = fmax(v, __shfl_xor_sync(0xffffffffu, v, s));
    }
    return v;
}

// Activation codes: the ordinals of org.samsde.core.jet.Activation.
#define ACT_IDENTITY 0
#define ACT_TANH 1
#define ACT_SIGMOID 2
#define ACT_SOFTPLUS 3
#define ACT_GELU 4
#define ACT_RELU 5

// The most derivatives one element needs: phi ... phi'''' (jet order 3, plus phi' as a jet).
#define MAX_DERIVS 5

// q[shift + r] = sigma^(r)(x) for r = 0 .. count - shift - 1, evaluated stably.
__device__ inline void sigmoid_derivs(double x, int count, double* q, int shift) {
    double s = x >= 0 ? 1.0 / (1.0 + exp(-x)) : exp(x) / (1.0 + exp(x));
    q[shift] = s;
    if (count > shift + 1) {
        double c = 1.0 - 2.0 * s;
        double d1 = s * (1.0 - s);
        q[shift + 1] = d1;
        if (count > shift + 2) {
            double d2 = d1 * c;
            q[shift + 2] = d2;
            if (count > shift + 3) {
                double d3 = d2 * c - 2.0 * d1 * d1;
                q[shift + 3] = d3;
                if (count > shift + 4) {
                    q[shift + 4] = d3 * c - 6.0 * d1 * d2;
                }
            }
        }
    }
}

// q[r] = phi^(r)(x) for r = 0 .. count - 1 (count clamped to MAX_DERIVS), as Activation.derivatives.
__device__ inline void activation_derivs(int act, double x, int count, double* q) {
    count = count < MAX_DERIVS ? count : MAX_DERIVS;
    switch (act) {
        case ACT_IDENTITY:
            q[0] = x;
            for (int r = 1; r < count; r++) {
                q[r] = r == 1 ? 1.0 : 0.0;
            }
            break;
        case ACT_TANH: {
            double t = tanh(x);
            q[0] = t;
            if (count > 1) {
                double d1 = 1.0 - t * t;
                q[1] = d1;
                if (count > 2) {
                    double d2 = -2.0 * t * d1;
                    q[2] = d2;
                    if (count > 3) {
                        double d3 = -2.0 * (d1 * d1 + t * d2);
                        q[3] = d3;
                        if (count > 4) {
                            q[4] = -6.0 * d1 * d2 - 2.0 * t * d3;
                        }
                    }
                }
            }
            break;
        }
        case ACT_SIGMOID:
            sigmoid_derivs(x, count, q, 0);
            break;
        case ACT_SOFTPLUS:
            q[0] = fmax(x, 0.0) + log1p(exp(-fabs(x)));
            if (count > 1) {
                sigmoid_derivs(x, count, q, 1);
            }
            break;
        case ACT_GELU: {
            const double inv_sqrt2 = 0.70710678118654752440;
            const double inv_sqrt2pi = 0.39894228040143267794;
            double cdf = 0.5 * erfc(-x * inv_sqrt2);
            double pdf = inv_sqrt2pi * exp(-0.5 * x * x);
            q[0] = x * cdf;
            if (count > 1) {
                q[1] = cdf + x * pdf;
            }
            if (count > 2) {
                q[2] = (2.0 - x * x) * pdf;
            }
            if (count > 3) {
                q[3] = (x * x - 4.0) * x * pdf;
            }
            if (count > 4) {
                double x2 = x * x;
                q[4] = (-x2 * x2 + 7.0 * x2 - 4.0) * pdf;
            }
            break;
        }
        default: // ACT_RELU; phi'' and higher are 0
            q[0] = x > 0 ? x : 0.0;
            if (count > 1) {
                q[1] = x > 0 ? 1.0 : 0.0;
            }
            for (int r = 2; r < count; r++) {
                q[r] = 0.0;
            }
            break;
    }
}

// c[k], k = 1..order, of psi(z(t)) from q[shift + r] = psi^(r)(z0) and z[1..order]
// (Faa di Bruno truncated at order 3): c1 = q1 z1, c2 = q1 z2 + q2 z1^2 / 2,
// c3 = q1 z3 + q2 z1 z2 + q3 z1^3 / 6.
__device__ inline void compose(int order, const double* q, int shift, const double* z, double* c) {
    double q1 = q[shift + 1];
    double z1 = z[1];
    c[1] = q1 * z1;
    if (order >= 2) {
        double q2 = q[shift + 2];
        c[2] = q1 * z[2] + 0.5 * q2 * z1 * z1;
        if (order >= 3) {
            c[3] = q1 * z[3] + q2 * z1 * z[2] + q[shift + 3] * z1 * z1 * z1 / 6.0;
        }
    }
}

// The block of coefficient k >= 1 of direction j in a JetLayout of `dirs` directions.
__device__ inline idx jet_block(int k, idx j, idx dirs) {
    return 1 + (idx) (k - 1) * dirs + j;
}
