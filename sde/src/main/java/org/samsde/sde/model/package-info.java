/**
 * The SDE layer (DESIGN §4), as separate open types that compose: an {@link org.samsde.sde.model.SdeModel}
 * defines only its per-batch increment; a {@link org.samsde.sde.model.DriftEstimator} evaluates
 * the drift E_γ[G_γ]; a {@link org.samsde.sde.model.NoiseSampler} draws the noise; a
 * {@link org.samsde.sde.model.BrownianPath} drives it, deterministic for its stream and coarsenable
 * (coupled noise across step sizes); an {@link org.samsde.sde.model.Integrator}
 * ({@link org.samsde.sde.model.EulerMaruyama}; {@link org.samsde.sde.model.Richardson} for
 * expectations) steps it; {@link org.samsde.sde.model.SdeSolver} puts them together as a
 * {@link org.samsde.sde.Dynamics}. The built-in models, estimators, samplers and integrator are
 * ordinary implementations, registered for {@link java.util.ServiceLoader} under
 * {@code META-INF/services}; a user's are found by name the same way. Nothing here knows of the
 * command line, files or figures.
 */
package org.samsde.sde.model;
