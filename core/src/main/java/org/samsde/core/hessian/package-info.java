/**
 * Hessian analysis from Hessian-vector products only: extreme eigenpairs ({@link
 * org.samsde.core.hessian.Lanczos}, {@link org.samsde.core.hessian.PowerIteration}), the full
 * spectrum of small models ({@link org.samsde.core.hessian.FullHessian}), the eigenvalue density by
 * stochastic Lanczos quadrature ({@link org.samsde.core.hessian.SpectralDensity}), trace estimates
 * ({@link org.samsde.core.hessian.Trace}) and alignment with the top eigenvector ({@link
 * org.samsde.core.hessian.Alignment}).
 *
 * <p>Every algorithm takes a {@link org.samsde.core.hessian.SymmetricOperator}: {@link
 * org.samsde.core.hessian.HessianOperator} wraps an objective's batch loss at a point (one Taylor
 * pass of order 1 per batch of vectors), {@link org.samsde.core.hessian.DenseOperator} an explicit
 * matrix. Algorithms are immutable option records with a {@code compute} method; results are
 * records carrying their evidence (residuals, HVP counts, convergence flags, raw quadrature
 * nodes). Randomness comes only from explicit seeds (commons-rng XO_RO_SHI_RO_128_PP); all host
 * arithmetic runs sequentially in a fixed order, so results do not depend on threads.
 *
 * <p>What must not live here: optimisers or SDE models (Eigen-SAM belongs to {@code sde}), file
 * formats, plotting. Host vectors are plain {@code double[]}; tensors appear only at the
 * boundary with an objective.
 */
package org.samsde.core.hessian;
