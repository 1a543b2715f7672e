package org.samsde.core.hessian;

/**
 * A stochastic estimate of tr(H).
 *
 * @param method {@code "hutchinson"} or {@code "hutch++"}
 * @param trace the estimate
 * @param standardError the estimated standard deviation of the estimate (sample standard deviation
 *                      of the random part over √(its probes))
 * @param probes the number of random probe vectors in the Monte-Carlo part
 * @param matvecs operator applications used (HVPs)
 */
public record TraceEstimate(String method, double trace, double standardError, int probes, long matvecs) {
}
