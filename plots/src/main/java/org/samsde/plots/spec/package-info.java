/**
 * Figure specifications as plain, immutable data: a {@link org.samsde.plots.spec.Figure} holds
 * {@link org.samsde.plots.spec.Panel}s laid out on a grid; a panel holds its two
 * {@link org.samsde.plots.spec.Axis axes}, its {@link org.samsde.plots.spec.Series lines},
 * shaded {@link org.samsde.plots.spec.Band bands} (confidence intervals) and text
 * {@link org.samsde.plots.spec.Annotation annotations}; a {@link org.samsde.plots.spec.Style}
 * names a colour, dash pattern and marker by index, never by pixel.
 *
 * <p>Nothing here draws or reads files: specs are built by {@code org.samsde.plots.Figures} from
 * run directories and drawn by {@code org.samsde.plots.XChartRenderer}, so tests can assert on
 * series, labels, scales and band widths without looking at pixels.
 */
package org.samsde.plots.spec;
