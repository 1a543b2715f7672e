/**
 * Sweeps: grids of ordinary runs, planned into a sweep directory and run cell by cell, locally or
 * as one Slurm job array. {@link org.samsde.sweep.SweepSpec} (the JSON specification and its
 * {@link org.samsde.sweep.Cell}s), {@link org.samsde.sweep.SweepFile} (sweep.json, the cell table),
 * {@link org.samsde.sweep.CellFiles} (a cell's markers and its {@link org.samsde.sweep.CellState}),
 * {@link org.samsde.sweep.Submissions} (the job arrays a sweep was submitted as),
 * {@link org.samsde.sweep.SweepStatus} (every cell's state, with the queue's view, and
 * missing.txt) and {@link org.samsde.sweep.Slurm} (the batch scripts and the Slurm client calls).
 * Each file has its reader and writer here, with its names as constants. The collected records,
 * sweep.csv, are an artifact of the sde module ({@link org.samsde.sde.artifact.SweepCsv}) that the
 * figures read. Nothing numerical and no command-line parsing: a cell is a run of one of the command
 * line's base commands, which the command line checks and runs.
 */
package org.samsde.sweep;
