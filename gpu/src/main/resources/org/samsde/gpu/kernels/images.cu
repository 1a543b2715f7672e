// Channels-last image primitives of org.samsde.core.tensor.Backend (im2col and its adjoint,
// average and max pooling, batched transposes). Geometry as in org.samsde.core.tensor.Window2d:
// image element (y, x, c) at (y * width + x) * channels + c; window (oy, ox) covers padded pixels
// (oy * stride - padding + i, ox * stride - padding + j). Adjoints gather (one thread per image
// element, windows visited in increasing (oy, ox) order, as the CPU backend accumulates them), so
// no atomics are needed and results are deterministic.
#include "samsde.cuh"

struct Window {
    idx h, w, ch, kh, kw, stride, pad, outH, outW;
};

__device__ inline Window window(idx h, idx w, idx ch, idx kh, idx kw, idx stride, idx pad) {
    Window g;
    g.h = h;
    g.w = w;
    g.ch = ch;
    g.kh = kh;
    g.kw = kw;
    g.stride = stride;
    g.pad = pad;
    g.outH = (h + 2 * pad - kh) / stride + 1;
    g.outW = (w + 2 * pad - kw) / stride + 1;
    return g;
}

// The first window index o along one axis with o * stride - pad + i = p for some i < k, and the
// number of kernel offsets; windows covering p are o = (p + pad - i) / stride for i = k-1 .. 0.
// Returns the range [first, last] of window indices covering pixel p (empty when first > last).
__device__ inline void covering(idx p, idx k, idx stride, idx pad, idx out, idx* first, idx* last) {
    idx lo = p + pad - (k - 1);            // smallest o * stride
    idx hi = p + pad;                      // largest o * stride
    idx f = lo <= 0 ? 0 : (lo + stride - 1) / stride;
    idx l = hi < 0 ? -1 : hi / stride;
    *first = f;
    *last = l < out - 1 ? l : out - 1;
}

// col[(n * positions + oy * outW + ox) * patch + (c * kh + i) * kw + j] <- image n pixel
// (oy * s - pad + i, ox * s - pad + j) channel c, or 0 in the padding.
extern "C" __global__ void samsde_im2col(idx images, idx h, idx w, idx ch, idx kh, idx kw, idx stride, idx pad,
                                         const double* __restrict__ src, double* __restrict__ dst) {
    Window g = window(h, w, ch, kh, kw, stride, pad);
    idx patch = ch * kh * kw;
    idx positions = g.outH * g.outW;
    idx imageSize = h * w * ch;
    idx n = images * positions * patch;
    for (idx e = global_thread(); e < n; e += grid_threads()) {
        idx q = e % patch;
        idx row = e / patch;
        idx p = row % positions;
        idx img = row / positions;
        idx c = q / (kh * kw);
        idx i = (q / kw) % kh;
        idx j = q % kw;
        idx y = (p / g.outW) * stride - pad + i;
        idx x = (p % g.outW) * stride - pad + j;
        dst[e] = (y < 0 || y >= h || x < 0 || x >= w) ? 0.0 : src[img * imageSize + (y * w + x) * ch + c];
    }
}

// The adjoint of samsde_im2col: image element (y, x, c) of image n receives the sum of the patch
// entries copied from it.
extern "C" __global__ void samsde_col2im(idx images, idx h, idx w, idx ch, idx kh, idx kw, idx stride, idx pad,
                                         const double* __restrict__ src, double* __restrict__ dst) {
    Window g = window(h, w, ch, kh, kw, stride, pad);
    idx patch = ch * kh * kw;
    idx positions = g.outH * g.outW;
    idx imageSize = h * w * ch;
    idx n = images * imageSize;
    for (idx e = global_thread(); e < n; e += grid_threads()) {
        idx c = e % ch;
        idx pix = (e / ch) % (h * w);
        idx img = e / imageSize;
        idx y = pix / w;
        idx x = pix % w;
        idx oy0, oy1, ox0, ox1;
        covering(y, kh, stride, pad, g.outH, &oy0, &oy1);
        covering(x, kw, stride, pad, g.outW, &ox0, &ox1);
        double acc = 0.0;
        for (idx oy = oy0; oy <= oy1; oy++) {
            idx i = y + pad - oy * stride;
            if (i < 0 || i >= kh) {
                continue;
            }
            for (idx ox = ox0; ox <= ox1; ox++) {
                idx j = x + pad - ox * stride;
                if (j < 0 || j >= kw) {
                    continue;
                }
                acc += src[(img * positions + oy * g.outW + ox) * patch + (c * kh + i) * kw + j];
            }
        }
        dst[e] = acc;
    }
}

// Average pooling (padding 0): dst[n, oy, ox, c] = (1 / (kh kw)) sum_{i, j} src[n, oy s + i, ox s + j, c].
extern "C" __global__ void samsde_avg_pool(idx images, idx h, idx w, idx ch, idx kh, idx kw, idx stride,
                                           const double* __restrict__ src, double* __restrict__ dst) {
    Window g = window(h, w, ch, kh, kw, stride, 0);
    idx pooledSize = g.outH * g.outW * ch;
    idx imageSize = h * w * ch;
    idx n = images * pooledSize;
    double scale = 1.0 / (double) (kh * kw);
    for (idx e = global_thread(); e < n; e += grid_threads()) {
        idx c = e % ch;
        idx p = (e / ch) % (g.outH * g.outW);
        idx img = e / pooledSize;
        idx oy = p / g.outW;
        idx ox = p % g.outW;
        const double* base = src + img * imageSize + c;
        double acc = 0.0;
        for (idx i = 0; i < kh; i++) {
            for (idx j = 0; j < kw; j++) {
                acc += base[((oy * stride + i) * w + ox * stride + j) * ch];
            }
        }
        dst[e] = acc * scale;
    }
}

// The adjoint of samsde_avg_pool: every input element receives (1 / (kh kw)) times each pooled
// entry whose window covers it.
extern "C" __global__ void samsde_avg_pool_backward(idx images, idx h, idx w, idx ch, idx kh, idx kw, idx stride,
                                                    const double* __restrict__ src, double* __restrict__ dst) {
    Window g = window(h, w, ch, kh, kw, stride, 0);
    idx pooledSize = g.outH * g.outW * ch;
    idx imageSize = h * w * ch;
    idx n = images * imageSize;
    double scale = 1.0 / (double) (kh * kw);
    for (idx e = global_thread(); e < n; e += grid_threads()) {
        idx c = e % ch;
        idx pix = (e / ch) % (h * w);
        idx img = e / imageSize;
        idx oy0, oy1, ox0, ox1;
        covering(pix / w, kh, stride, 0, g.outH, &oy0, &oy1);
        covering(pix % w, kw, stride, 0, g.outW, &ox0, &ox1);
        double acc = 0.0;
        for (idx oy = oy0; oy <= oy1; oy++) {
            for (idx ox = ox0; ox <= ox1; ox++) {
                acc += scale * src[img * pooledSize + (oy * g.outW + ox) * ch + c];
            }
        }
        dst[e] = acc;
    }
}

// Max pooling (padding 0) with the element index of each maximum within its image, as an exact
// double: the first largest entry in window order (i, then j); NaN is chosen only when the whole
// window is NaN.
extern "C" __global__ void samsde_max_pool(idx images, idx h, idx w, idx ch, idx kh, idx kw, idx stride,
                                           const double* __restrict__ src, double* __restrict__ dst,
                                           double* __restrict__ argmax) {
    Window g = window(h, w, ch, kh, kw, stride, 0);
    idx pooledSize = g.outH * g.outW * ch;
    idx imageSize = h * w * ch;
    idx n = images * pooledSize;
    for (idx e = global_thread(); e < n; e += grid_threads()) {
        idx c = e % ch;
        idx p = (e / ch) % (g.outH * g.outW);
        idx img = e / pooledSize;
        idx oy = p / g.outW;
        idx ox = p % g.outW;
        const double* image = src + img * imageSize;
        double best = 0.0;
        idx arg = 0;
        for (idx i = 0; i < kh; i++) {
            for (idx j = 0; j < kw; j++) {
                idx q = ((oy * stride + i) * w + ox * stride + j) * ch + c;
                double v = image[q];
                if ((i == 0 && j == 0) || v > best || best != best) {
                    best = v;
                    arg = q;
                }
            }
        }
        dst[e] = best;
        argmax[e] = (double) arg;
    }
}

// The jet of max pooling on `blocks` coefficient blocks sharing the value's argmax:
// gather: dst[(b images + n) pooled + e] = src[(b images + n) imageSize + argmax[n pooled + e]];
// scatter (the adjoint): every image element of block b receives the pooled entries of block b
// whose argmax it is, 0 elsewhere (one thread per image element, pooled entries in order).
// An index that is not an element of the image is reported through err and contributes nothing
// (gather writes NaN).
__device__ inline idx pool_index(double a, idx imageSize, idx n, double* err) {
    idx k = (idx) a;
    if ((double) k != a || k < 0 || k >= imageSize) {
        report_error(err, SAMSDE_ERR_POOL_INDEX, n, a);
        return -1;
    }
    return k;
}

extern "C" __global__ void samsde_max_pool_gather(idx blocks, idx images, idx imageSize, idx pooledSize,
                                                  const double* __restrict__ argmax, const double* __restrict__ src,
                                                  double* __restrict__ dst, double* err) {
    idx n = blocks * images * pooledSize;
    for (idx e = global_thread(); e < n; e += grid_threads()) {
        idx el = e % pooledSize;
        idx m = e / pooledSize;
        idx img = m % images;
        idx k = pool_index(argmax[img * pooledSize + el], imageSize, img, err);
        dst[e] = k < 0 ? quiet_nan() : src[m * imageSize + k];
    }
}

// Scatter is written as a gather over the window geometry: image element q of image n can only be
// the argmax of pooled entries whose window covers it, so each thread visits those entries.
extern "C" __global__ void samsde_max_pool_scatter(idx blocks, idx images, idx h, idx w, idx ch, idx kh, idx kw,
                                                   idx stride, const double* __restrict__ argmax,
                                                   const double* __restrict__ src, double* __restrict__ dst, double* err) {
    Window g = window(h, w, ch, kh, kw, stride, 0);
    idx pooledSize = g.outH * g.outW * ch;
    idx imageSize = h * w * ch;
    idx n = blocks * images * imageSize;
    for (idx e = global_thread(); e < n; e += grid_threads()) {
        idx q = e % imageSize;
        idx m = e / imageSize;
        idx img = m % images;
        idx c = q % ch;
        idx pix = q / ch;
        idx oy0, oy1, ox0, ox1;
        covering(pix / w, kh, stride, 0, g.outH, &oy0, &oy1);
        covering(pix % w, kw, stride, 0, g.outW, &ox0, &ox1);
        double acc = 0.0;
        for (idx oy = oy0; oy <= oy1; oy++) {
            for (idx ox = ox0; ox <= ox1; ox++) {
                idx el = (oy * g.outW + ox) * ch + c;
                double a = argmax[img * pooledSize + el];
                if (a == (double) q) {
                    acc += src[m * pooledSize + el];
                } else if (a != (double) (idx) a || a < 0 || a >= (double) imageSize) {
                    report_error(err, SAMSDE_ERR_POOL_INDEX, img, a);
                }
            }
        }
        dst[e] = acc;
    }
}

// dst_m = src_m^T for m < count: src_m the rows x cols matrix at m * rows * cols. Tiles of 32 x 32
// through shared memory; launch with blockDim = (32, 8), any grid (all three axes are strided).
#define TILE 32
#define TILE_ROWS 8
extern "C" __global__ void samsde_transpose_batch(idx count, idx rows, idx cols, const double* __restrict__ src,
                                                  double* __restrict__ dst) {
    __shared__ double tile[TILE][TILE + 1];
    idx size = rows * cols;
    idx tilesC = (cols + TILE - 1) / TILE;
    idx tilesR = (rows + TILE - 1) / TILE;
    for (idx m = blockIdx.z; m < count; m += gridDim.z) {
        const double* s = src + m * size;
        double* d = dst + m * size;
        for (idx tr = blockIdx.y; tr < tilesR; tr += gridDim.y) {
            for (idx tc = blockIdx.x; tc < tilesC; tc += gridDim.x) {
                idx c = tc * TILE + threadIdx.x;
                for (int k = threadIdx.y; k < TILE; k += TILE_ROWS) {
                    idx r = tr * TILE + k;
                    if (r < rows && c < cols) {
                        tile[k][threadIdx.x] = s[r * cols + c];
                    }
                }
                __syncthreads();
                idx r = tr * TILE + threadIdx.x;
                for (int k = threadIdx.y; k < TILE; k += TILE_ROWS) {
                    idx cc = tc * TILE + k;
                    if (cc < cols && r < rows) {
                        d[cc * rows + r] = tile[threadIdx.x][k];
                    }
                }
                __syncthreads();
            }
        }
    }
}
