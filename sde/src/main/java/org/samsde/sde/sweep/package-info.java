/**
 * Sweeps: grids of ordinary runs. {@link org.samsde.sde.sweep.SweepSpec} (the JSON specification
 * and its cells), {@link org.samsde.sde.sweep.SweepFile} (sweep.json, the cell table),
 * {@link org.samsde.sde.sweep.CellFiles} (a cell's markers and its {@link org.samsde.sde.sweep.CellState}),
 * {@link org.samsde.sde.sweep.Submissions} (the job arrays a sweep was submitted as) and
 * {@link org.samsde.sde.sweep.SweepCsv} (sweep.csv, the collected final records). Each file has its
 * reader and writer here, with header names as constants. No command-line parsing, no process or
 * scheduler calls: those live in the command line.
 */
package org.samsde.sde.sweep;
