/**
 * Dense row-major double tensors and the compute-backend SPI ({@link org.samsde.core.tensor.Backend}):
 * BLAS-style products on offset views, broadcasting, gathering, and the jet primitives of
 * Taylor-mode differentiation. {@link org.samsde.core.tensor.CpuBackend} implements it with
 * OpenBLAS (JavaCPP) for matrix products and chunked Java loops elsewhere; other backends plug in
 * through {@link org.samsde.core.tensor.BackendProvider}.
 *
 * <p>Nothing here knows about models, SDEs, CUDA or plotting.
 */
package org.samsde.core.tensor;
