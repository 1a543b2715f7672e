/**
 * Support code for the Java Jupyter notebooks that reproduce each figure of the toolkit.
 *
 * <p>Not built yet: notebooks come with the plotting issue.
 */
package org.samsde.notebooks;
