/**
 * Sample statistics of vectors: {@link org.samsde.core.stats.SampleMoments}, the one place where a
 * sample's mean, covariance and their spreads are computed (the SDE layer's drift-bias estimate,
 * the fidelity study and the test kit's moment assertions all use it).
 *
 * <p>Nothing here knows about models, SDEs or files.
 */
package org.samsde.core.stats;
