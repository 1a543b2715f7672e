/**
 * The discrete optimisers of the SAM family (DESIGN §3): {@link org.samsde.sde.optim.Method}
 * names them, {@link org.samsde.sde.optim.Optimizer} steps them, {@link org.samsde.sde.optim.BaseStep}
 * adds momentum and weight decay, {@link org.samsde.sde.optim.EigenSamOptions} holds Eigen-SAM's
 * k, p, α and the official code's quirks as switches. A zero gradient gives a zero perturbation,
 * never NaN.
 */
package org.samsde.sde.optim;
