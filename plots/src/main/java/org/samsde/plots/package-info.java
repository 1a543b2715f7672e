/**
 * Figure specifications as plain data (panels, series, bands, axes, labels) and the one XChart
 * renderer that draws them to PNG, SVG and PDF.
 *
 * <p>Not built yet: figures come with the plotting issue.
 */
package org.samsde.plots;
