/**
 * Support code for the Java Jupyter notebooks in {@code notebooks-java/notebooks}, which reproduce
 * each figure of the toolkit by calling the library: {@link org.samsde.notebooks.Notebooks} gives
 * them their run sizes (small when {@code SAMSDE_NOTEBOOK_QUICK} is set, as {@code run-all} does),
 * their run directories, and writes an ensemble's records there so that every figure is drawn from
 * files, like the command line's. Nothing here computes anything the library does not.
 */
package org.samsde.notebooks;
