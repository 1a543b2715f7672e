/**
 * The CUDA compute backend: {@link org.samsde.gpu.CudaBackend} implements
 * {@link org.samsde.core.tensor.Backend} on device memory, with matrix products through cuBLAS and
 * every other primitive as a hand-written CUDA C kernel (resources under
 * {@code org/samsde/gpu/kernels}) compiled once per process with NVRTC and launched through the
 * driver API, all through the JavaCPP CUDA presets. It is found through
 * {@link org.samsde.gpu.CudaBackendProvider} and {@link java.util.ServiceLoader}, so that core's
 * {@link org.samsde.core.tensor.Backends} turns a {@code --backend cpu|cuda|auto} choice into a
 * backend; this module depends on core only.
 *
 * <p>Device memory is owned by tensors ({@link java.lang.AutoCloseable}) and pooled by a caching
 * allocator; host copies happen only in upload and download. Every failed CUDA, cuBLAS or NVRTC call
 * becomes a {@link org.samsde.gpu.CudaException}. Nothing here is needed on a machine without CUDA:
 * availability is probed once and explained in one line.
 *
 * <p>Not here: models, derivatives and SDEs (they run unchanged on any backend), any host-side
 * numerical fallback, and benchmarks (the bench module's {@code GpuBenchmark} compares the two
 * backends).
 */
package org.samsde.gpu;
