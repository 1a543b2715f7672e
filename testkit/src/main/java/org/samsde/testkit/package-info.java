/**
 * The samsde test kit ({@code org.samsde:samsde-testkit}): JUnit 5 assertions for testing an SDE
 * model, noise sampler, integrator or update rule, the built-in ones or a user's, against closed
 * forms on toy losses.
 *
 * <ul>
 *   <li>{@link org.samsde.testkit.DriftAssertions}: a model's full-batch drift, per-batch increment
 *       G_γ and exact mini-batch drift equal a closed form written once for any
 *       {@link org.samsde.core.objective.ClosedFormLoss};</li>
 *   <li>{@link org.samsde.testkit.MomentAssertions} and {@link org.samsde.testkit.Moments}: a
 *       sampler's draws or a solver's steps have a given mean and covariance, within s standard
 *       errors per entry of K draws; exact moments of G_γ over every batch;</li>
 *   <li>{@link org.samsde.testkit.SlopeAssertions}: a weak-order (or approximation-order) slope on
 *       log–log axes lies in a band;</li>
 *   <li>the contracts {@link org.samsde.testkit.UpdateRuleContract},
 *       {@link org.samsde.testkit.SdeModelContract} and {@link org.samsde.testkit.NoiseSamplerContract}:
 *       abstract JUnit 5 classes holding what every implementation of the open type must satisfy
 *       (determinism for a seed, finite outputs of the right size, the declared order, zero-mean
 *       noise, …). A user's test extends one and supplies the implementation; {@code checks(...)} runs
 *       a contract on many implementations at once as dynamic tests, which is how the built-in ones
 *       are checked.</li>
 * </ul>
 *
 * <h2>Where the oracles and toys are</h2>
 * The finite-difference oracles with Richardson extrapolation, the derivative-structure points, the
 * relative-error checks and the seeded toys (quadratic, polynomial, their per-sample stochastic
 * versions and batch losses) are in {@link org.samsde.core.testing}, in {@code samsde-core}'s main
 * code, and come with this artifact as its compile dependency: import them from there. They live in
 * core, not here, because core's and sde's own tests use them, and Maven forbids a module's tests to
 * depend on a module (this one) that depends on it. For the same reason the tests of the built-in
 * models that use these assertions (drift closed forms, noise covariances, step moments, the weak
 * order of the integrators) are this module's own tests: they test the kit and the built-ins at once.
 * Nothing is copied between the two packages.
 *
 * <p>Not here: production code (nothing in the library calls this package), file fixtures, and
 * anything that needs a GPU.
 */
package org.samsde.testkit;
