/**
 * Optimisers of the SAM family (SGD, SAM, USAM, DNSAM, Reverse-SAM, EGR, Eigen-SAM), the SDE
 * models of SAM (second-order, Compagnoni et al. 2023; third-order, Luo et al. 2024), noise
 * samplers, Euler–Maruyama integrators, ensembles and records.
 *
 * <p>Not built yet: this package is the home of the SDE work of a later issue. It depends on
 * {@code core} only; it knows nothing of CUDA or of plotting.
 */
package org.samsde.sde;
