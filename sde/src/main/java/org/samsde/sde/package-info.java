/**
 * SAM and its stochastic differential equations: what {@code samsde train}, {@code sde},
 * {@code compare} and {@code study} run.
 *
 * <ul>
 * <li>{@link org.samsde.sde.optim}: the discrete optimisers of the SAM family (SGD, SAM, USAM,
 * DNSAM, Reverse-SAM, EGR, Eigen-SAM) with momentum, weight decay and learning-rate schedules;</li>
 * <li>{@link org.samsde.sde.model}: the SDE models ({@code sgd1}, {@code sgd2}, {@code usam},
 * {@code sam2} of Compagnoni et al. 2023, {@code sam3} of Luo et al. 2024), their drift
 * estimators and noise samplers, and the Euler–Maruyama integrator;</li>
 * <li>{@link org.samsde.sde.run}: seeded ensembles of trajectories, their records, summaries with
 * confidence intervals, checkpoints and run directories;</li>
 * <li>{@link org.samsde.sde.study}: the numerical studies (approximation and weak order, Hessian
 * outliers, loss landscapes, small against large batch, the Eigen-SAM table).</li>
 * </ul>
 *
 * <p>It depends on {@code core} only; it knows nothing of CUDA or of plotting.
 */
package org.samsde.sde;
