/**
 * The CUDA compute backend: cuBLAS through the JavaCPP CUDA presets plus hand-written kernels
 * compiled with NVRTC, implementing {@link org.samsde.core.tensor.Backend} and found through
 * {@link org.samsde.core.tensor.BackendProvider}.
 *
 * <p>Not built yet: the module exists so the build has its final shape; until the GPU issue lands
 * every command runs on the CPU backend.
 */
package org.samsde.gpu;
