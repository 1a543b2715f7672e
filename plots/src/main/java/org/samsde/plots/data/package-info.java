/**
 * Readers of the toolkit's run directories for plotting: {@link org.samsde.plots.data.RunDirectory}
 * opens a directory and reads, through the file owners of {@link org.samsde.sde.artifact} and into
 * the study records of {@code org.samsde.sde.study}, its {@code summary.csv} (or, without it, summarises {@code
 * trajectories.csv} with {@code org.samsde.sde.run.Summary}), the study tables {@code gaps.csv},
 * {@code slopes.csv} and {@code weak.csv}, and the spectrum files {@code eigenvalues.npy},
 * {@code density.csv} and {@code slq_nodes.npy}/{@code slq_weights.npy}; {@link
 * org.samsde.core.hessian.Outliers} (in core) separates a Hessian spectrum's outliers from its bulk.
 *
 * <p>Every defect of a file (missing, a column missing, a value that is not a number) is an
 * {@link org.samsde.core.InvalidInputException} whose one-line message names the file and the
 * problem. Nothing here builds figures or draws.
 */
package org.samsde.plots.data;
