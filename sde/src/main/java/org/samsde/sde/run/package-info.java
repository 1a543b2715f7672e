/**
 * Seeded ensembles and what they leave behind: {@link org.samsde.sde.run.Problem} (objective,
 * data and test split), {@link org.samsde.sde.run.Ensemble} (trajectories on worker threads, each
 * with its own random streams), {@link org.samsde.sde.run.Recorder} and
 * {@link org.samsde.sde.run.Record} (the metrics every few steps), {@link org.samsde.sde.run.Summary}
 * (means with 95% t-intervals), {@link org.samsde.sde.run.Checkpoint} (bitwise resume); the
 * the run directory's files live in {@link org.samsde.sde.artifact} (written atomically).
 */
package org.samsde.sde.run;
