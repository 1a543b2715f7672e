/**
 * The files that runs and studies write, each read and written in one place with its header names
 * as constants and one record per row, so that the command line, figures, notebooks and users'
 * programs agree on them. Writes are atomic (temporary file and rename).
 *
 * <p>The owners: {@link org.samsde.sde.artifact.RunFiles} (an ensemble's run directory) with
 * {@link org.samsde.sde.artifact.TrajectoriesFile} and {@link org.samsde.sde.artifact.SummaryFile};
 * {@link org.samsde.sde.artifact.RunInfo} ({@code run.json} provenance and {@code config.json});
 * {@link org.samsde.sde.artifact.GapsFile}, {@link org.samsde.sde.artifact.SeedGapsFile}, {@link org.samsde.sde.artifact.SlopesFile},
 * {@link org.samsde.sde.artifact.WeakFile}, {@link org.samsde.sde.artifact.FidelityFile},
 * {@link org.samsde.sde.artifact.OutliersFile}, {@link org.samsde.sde.artifact.SagunFile} and
 * {@link org.samsde.sde.artifact.TableFile} (the studies); {@link org.samsde.sde.artifact.SpectrumFiles}
 * and {@link org.samsde.sde.artifact.LandscapeFiles}; {@link org.samsde.sde.artifact.SweepCsv} (a sweep's
 * collected final records, which the sweep figure reads). {@link org.samsde.sde.artifact.CsvTable} and
 * {@link org.samsde.sde.artifact.JsonFile} are the shared readers. Nothing here computes a result.
 */
package org.samsde.sde.artifact;
