/**
 * Figures of the toolkit: {@link org.samsde.plots.Figures} builds the five figure specs (SDE
 * comparison, alignment and sharpness, Hessian spectrum, approximation order, loss comparison)
 * from run directories, and {@link org.samsde.plots.XChartRenderer} is the one renderer that
 * draws any spec with XChart to PNG, SVG or PDF (VectorGraphics2D), composing a figure's panels
 * onto one canvas. {@link org.samsde.plots.Methods} gives every method the legend name, kind,
 * whether it perturbs, and the style (Okabe–Ito colour plus dash pattern) that the method itself
 * declares and the run records in {@code run.json}, so that it looks the same in every figure;
 * plots keeps no list of method names.
 *
 * <p>Specs are plain data ({@code org.samsde.plots.spec}); the files they come from are read by
 * {@code org.samsde.plots.data}. Nothing here runs optimisers or computes spectra: figures are
 * drawn from what commands wrote to disk, never from in-memory state only.
 */
package org.samsde.plots;
