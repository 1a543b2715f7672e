/**
 * Dense row-major double tensors and the compute-backend SPI ({@link org.samsde.core.tensor.Backend}):
 * BLAS-style products on offset views, broadcasting, gathering, and the jet primitives of
 * Taylor-mode differentiation. {@link org.samsde.core.tensor.CpuBackend} implements it with
 * OpenBLAS (JavaCPP) for matrix products and chunked Java loops elsewhere; other backends plug in
 * through {@link org.samsde.core.tensor.BackendProvider} and {@link java.util.ServiceLoader};
 * {@link org.samsde.core.tensor.Backends} selects one by name ({@code cpu}, {@code cuda},
 * {@code auto}).
 *
 * <p>Nothing here knows about models, SDEs, CUDA or plotting, and nothing here is a benchmark
 * (those live in the bench module).
 */
package org.samsde.core.tensor;
