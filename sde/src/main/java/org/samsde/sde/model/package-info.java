/**
 * The SDE models of SGD and SAM (DESIGN §4): {@link org.samsde.sde.model.SdeKind} names them,
 * {@link org.samsde.sde.model.SdeSolver} holds each model's drift and noise covariance as separate
 * pieces, {@link org.samsde.sde.model.DriftEstimator} and {@link org.samsde.sde.model.NoiseSpec}
 * choose how the mini-batch expectation and the noise are computed, and
 * {@link org.samsde.sde.model.EulerMaruyama} integrates with Δt = η/m.
 */
package org.samsde.sde.model;
