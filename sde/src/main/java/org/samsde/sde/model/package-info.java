/**
 * The SDE layer (docs/design.md §6), as separate open types that compose: an {@link org.samsde.sde.model.SdeModel}
 * defines only its per-batch increment; a {@link org.samsde.sde.model.DriftEstimator} evaluates
 * the drift E_γ[G_γ]; a {@link org.samsde.sde.model.NoiseSampler} draws the noise, reading the
 * solver through {@link org.samsde.sde.model.SolverView}; a {@link org.samsde.sde.model.BrownianPath}
 * (increments over [t₀, t₁]; {@link org.samsde.sde.model.SequentialBrownianPath}, deterministic for
 * its stream and coarsenable: coupled noise across step sizes) drives it; an
 * {@link org.samsde.sde.model.Integrator} of declared weak order
 * ({@link org.samsde.sde.model.EulerMaruyama}; {@link org.samsde.sde.model.Richardson} for
 * expectations) steps it, seeing the drift, the noise and the path only through
 * {@link org.samsde.sde.model.Integrator.Terms}, as a diffrax solver sees its terms;
 * {@link org.samsde.sde.model.SdeSolver} puts them together as a {@link org.samsde.sde.Dynamics}. The built-in models, estimators, samplers and integrator are
 * ordinary implementations, registered for {@link java.util.ServiceLoader} under
 * {@code META-INF/services}; a user's are found by name the same way. Nothing here knows of the
 * command line, files or figures.
 */
package org.samsde.sde.model;
