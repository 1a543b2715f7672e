/**
 * The discrete optimisers of the SAM family (docs/design.md §5): an {@link org.samsde.sde.optim.UpdateRule}
 * gives the update direction of a step ({@link org.samsde.sde.optim.Sgd}, {@link org.samsde.sde.optim.Sam},
 * {@link org.samsde.sde.optim.Usam}, {@link org.samsde.sde.optim.Dnsam},
 * {@link org.samsde.sde.optim.ReverseSam}, {@link org.samsde.sde.optim.Egr},
 * {@link org.samsde.sde.optim.EigenSam}, or a user's, found by name through
 * {@link java.util.ServiceLoader}); {@link org.samsde.sde.optim.Optimizer} steps it with a base
 * step ({@link org.samsde.sde.optim.BaseStep}: momentum and weight decay) and a learning-rate
 * schedule, optionally with {@link org.samsde.sde.optim.Svag SVAG}'s amplified noise (L steps of η/L
 * per step, tending to the method's SDE as L grows). A zero gradient gives a zero perturbation,
 * never NaN.
 */
package org.samsde.sde.optim;
