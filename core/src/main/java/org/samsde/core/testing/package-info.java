/**
 * Test oracles and seeded test inputs that need nothing beyond {@code core}: the slow, obviously
 * correct references that derivative and drift tests compare against. Part of the published test
 * kit ({@code org.samsde:samsde-testkit}, which depends on {@code samsde-core} and so brings this
 * package along); it lives in core's main code, not in the kit's module, because core's own tests
 * use it and a module's tests cannot depend on a module that depends on it.
 *
 * <ul>
 *   <li>{@link org.samsde.core.testing.FiniteDifferences}: central differences with one Richardson
 *       extrapolation step (error O(h⁴)) for ∇f, H·v and T[v, v];</li>
 *   <li>{@link org.samsde.core.testing.DirectionalPoints}: points x + t·v + s·eᵢ as Commons Math
 *       derivative structures, for exact directional derivatives of a defining formula;</li>
 *   <li>{@link org.samsde.core.testing.GeluOracle}: the exact GELU's derivatives independently of
 *       the production closed forms;</li>
 *   <li>{@link org.samsde.core.testing.Check}: relative-error assertions on vectors;</li>
 *   <li>{@link org.samsde.core.testing.Toys}: seeded quadratic and polynomial toys with closed-form
 *       derivatives and their per-sample stochastic versions;</li>
 *   <li>{@link org.samsde.core.testing.Problems}: seeded Gaussian vectors, data sets, spectra.</li>
 * </ul>
 *
 * <p>Nothing here depends on a test framework (a failed check throws {@link java.lang.AssertionError})
 * or on the SDE layer; the assertions on drifts, noise moments and convergence slopes are in
 * {@code org.samsde.testkit}. Production code must not call this package.
 */
package org.samsde.core.testing;
