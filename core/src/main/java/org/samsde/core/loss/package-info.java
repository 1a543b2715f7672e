/**
 * Losses of one's own, differentiated exactly: a per-sample loss written once with
 * {@link org.samsde.core.loss.Jet} arithmetic ({@link org.samsde.core.loss.JetLoss}) becomes an
 * ordinary {@link org.samsde.core.objective.Objective} ({@link org.samsde.core.loss.JetObjective})
 * with its gradient, H·v, T[v,v] and ∇⁴f[v,v,v] from truncated Taylor arithmetic; and the SAM-SDE
 * literature's test problems written that way.
 */
package org.samsde.core.loss;
