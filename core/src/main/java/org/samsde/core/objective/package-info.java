/**
 * Finite-sum objectives with exact derivatives up to third order from one Taylor pass
 * ({@link org.samsde.core.objective.Objective}, {@link org.samsde.core.objective.TaylorResult}),
 * batches with per-sample weights, and the closed-form toy losses (quadratic, polynomial) with
 * their stochastic per-sample versions.
 */
package org.samsde.core.objective;
