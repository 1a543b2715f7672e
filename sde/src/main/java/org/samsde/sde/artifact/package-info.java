/**
 * The files that runs and studies write, each read and written in one place with its header names
 * as constants and one record per row, so that the command line, figures, notebooks and users'
 * programs agree on them. Writes are atomic (temporary file and rename).
 */
package org.samsde.sde.artifact;
