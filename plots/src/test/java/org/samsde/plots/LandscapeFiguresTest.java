package org.samsde.plots;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.samsde.plots.spec.Axis;
import org.samsde.plots.spec.Figure;
import org.samsde.plots.spec.HeatMap;
import org.samsde.plots.spec.Legend;
import org.samsde.plots.spec.Panel;
import org.samsde.plots.spec.Series;
import org.samsde.sde.study.Landscape;

/**
 * Landscape figures on their data (series, heat-map values, scales, contour levels), the
 * heat-map geometry (cell edges, colour scale, marching squares against an exactly linear field),
 * and a smoke rendering that checks the cells are painted.
 */
class LandscapeFiguresTest {

    private static Landscape.Point point(double train, double test) {
        return new Landscape.Point(train, 0.5, test, 0.4);
    }

    private static Landscape.Line line() {
        double[] t = Landscape.interpolationGrid(5, 0.5);
        List<Landscape.Point> points = new ArrayList<>();
        for (double ti : t) {
            points.add(point(1 + (ti - 0.5) * (ti - 0.5) + 0.3 * Math.exp(-20 * (ti - 0.5) * (ti - 0.5)), 2 + ti));
        }
        return new Landscape.Line(t, points);
    }

    /** z = exp(α + 2β) on a 5 × 4 grid: positive, spanning more than a decade. */
    private static Landscape.Plane plane() {
        double[] alpha = Landscape.uniformGrid(-1, 1, 5);
        double[] beta = Landscape.uniformGrid(-0.5, 1, 4);
        List<Landscape.Point> points = new ArrayList<>();
        for (double b : beta) {
            for (double a : alpha) {
                points.add(point(Math.exp(a + 2 * b), Double.NaN));
            }
        }
        Landscape.Basis basis = new Landscape.Basis("random", new double[] {0, 0}, new double[] {1, 0}, new double[] {0, 1},
                List.of(new Landscape.Mark("a", 0, 0)));
        return new Landscape.Plane(basis, alpha, beta, points);
    }

    @Test
    void theLinePanelsCarryTheMeasurementsAndTheBarrier() {
        Landscape.Line line = line();
        List<Panel> panels = LandscapeFigures.linePanels(line, "a", "b");
        assertEquals(2, panels.size());
        Panel loss = panels.get(0);
        assertArrayEquals(line.column(Landscape.Point::trainLoss), loss.series("training").orElseThrow().y(), 0.0);
        assertArrayEquals(line.column(Landscape.Point::testLoss), loss.series("test").orElseThrow().y(), 0.0);
        Series ends = loss.series("endpoints t = 0, 1").orElseThrow();
        assertArrayEquals(new double[] {0, 1}, ends.x(), 0.0);
        assertArrayEquals(new double[] {line.start().trainLoss(), line.end().trainLoss()}, ends.y(), 0.0);
        assertTrue(line.barrier().height() > 0);
        assertTrue(loss.title().contains(String.format(java.util.Locale.ROOT, "barrier %.3g", line.barrier().height())), loss.title());
        assertEquals(-0.5, loss.xAxis().min());
        assertEquals(1.5, loss.xAxis().max());
        assertNull(loss.heatMap());
        assertEquals("accuracy", panels.get(1).yAxis().label());
    }

    @Test
    void thePlanePanelsAreHeatMapsOfTheMeasuredLoss() {
        Landscape.Plane plane = plane();
        List<Panel> panels = LandscapeFigures.planePanels(plane, "α", "β");
        assertEquals(1, panels.size(), "no test loss measured, no test panel");
        HeatMap hm = panels.get(0).heatMap();
        assertArrayEquals(plane.column(Landscape.Point::trainLoss), hm.z(), 0.0);
        assertArrayEquals(plane.alpha(), hm.x(), 0.0);
        assertArrayEquals(plane.beta(), hm.y(), 0.0);
        assertTrue(hm.log(), "exp(α + 2β) spans more than a decade");
        double[] levels = hm.contours();
        assertTrue(levels.length >= 3 && levels.length <= LandscapeFigures.CONTOURS, java.util.Arrays.toString(levels));
        for (double l : levels) {
            assertTrue(l > hm.min() && l < hm.max());
        }
        Series mark = panels.get(0).series("a").orElseThrow();
        assertArrayEquals(new double[] {0}, mark.x(), 0.0);
        Figure f = LandscapeFigures.landscape(line(), plane, "α", "β", "title", "note");
        assertEquals(3, f.panels().size());
        assertEquals(2, f.columns());
        assertThrows(IllegalArgumentException.class, () -> LandscapeFigures.landscape(null, null, "α", "β", "t", "n"));
        assertFalse(LandscapeFigures.logScale(new double[] {1, 2, 5}), "less than a decade");
        assertFalse(LandscapeFigures.logScale(new double[] {0, 2, 50}), "not positive");
    }

    @Test
    void cellEdgesLieHalfwayBetweenCentres() {
        double[] c = {0, 1, 3};
        assertEquals(-0.5, HeatMaps.lowerEdge(c));
        assertEquals(4.0, HeatMaps.upperEdge(c));
        assertArrayEquals(new double[] {0.5, 2}, HeatMaps.edges(c, 1), 0.0);
    }

    @Test
    void theColourScaleMapsTheRangeOntoViridis() {
        HeatMaps.Scale lin = new HeatMaps.Scale(1, 3, false);
        assertEquals(0.5, lin.unit(2), 1e-15);
        assertEquals(0.0, lin.unit(-5), "clamped");
        HeatMaps.Scale log = new HeatMaps.Scale(0.01, 1, true);
        assertEquals(0.5, log.unit(0.1), 1e-15);
        assertTrue(Double.isNaN(log.unit(0)), "not drawable on a log scale");
        assertEquals(new Color(0x440154), HeatMaps.colour(0));
        assertEquals(new Color(0xFDE725), HeatMaps.colour(1));
        assertEquals(HeatMaps.MISSING, HeatMaps.colour(Double.NaN));
        assertArrayEquals(new double[] {0.02, 0.05, 0.1, 0.2, 0.5}, HeatMaps.levels(log, 5), 1e-15);
        assertArrayEquals(new double[] {1.5, 2, 2.5}, HeatMaps.levels(lin, 3), 1e-15);
    }

    @Test
    void contoursOfALinearFieldAreExact() {
        // z = 2x − y + 0.3: marching squares interpolates linearly, so every crossing is exact
        double[] x = Landscape.uniformGrid(-1, 1, 9);
        double[] y = Landscape.uniformGrid(-1, 2, 7);
        double[] z = new double[x.length * y.length];
        for (int j = 0; j < y.length; j++) {
            for (int i = 0; i < x.length; i++) {
                z[j * x.length + i] = 2 * x[i] - y[j] + 0.3;
            }
        }
        HeatMap h = new HeatMap("z", x, y, z, false, new double[] {0.7});
        List<double[]> segments = HeatMaps.contour(h, 0.7);
        assertFalse(segments.isEmpty());
        double length = 0;
        for (double[] s : segments) {
            assertEquals(0.7, 2 * s[0] - s[1] + 0.3, 1e-12);
            assertEquals(0.7, 2 * s[2] - s[3] + 0.3, 1e-12);
            length += Math.hypot(s[2] - s[0], s[3] - s[1]);
        }
        // the line y = 2x − 0.4 crosses the box [−1, 1] × [−1, 2] from x = −0.3 to x = 1
        assertEquals(Math.hypot(1.3, 2.6), length, 1e-12);
        assertTrue(HeatMaps.contour(h, 10).isEmpty(), "a level above the field");
    }

    @Test
    void aSaddleIsResolvedByTheCentreAndMissingValuesAreSkipped() {
        double[] g = {0, 1};
        HeatMap saddle = new HeatMap("z", g, g, new double[] {1, 0, 0, 1}, false, new double[0]);
        assertEquals(2, HeatMaps.contour(saddle, 0.4).size(), "two segments in a saddle cell");
        HeatMap holed = new HeatMap("z", g, g, new double[] {1, Double.NaN, 0, 1}, false, new double[0]);
        assertTrue(HeatMaps.contour(holed, 0.4).isEmpty());
        assertThrows(IllegalArgumentException.class, () -> new HeatMap("z", g, g, new double[] {1, 2, 3}, false, new double[0]));
        assertThrows(IllegalArgumentException.class, () -> new HeatMap("z", new double[] {1, 0}, g, new double[4], false, new double[0]));
        assertThrows(IllegalArgumentException.class, () -> new HeatMap("z", g, g, new double[4], true, new double[] {-1}));
    }

    @Test
    void aHeatMapPanelIsPaintedInViridis() {
        Landscape.Plane plane = plane();
        Figure f = new Figure("", LandscapeFigures.planePanels(plane, "α", "β"), 1, 400, 320, false, "");
        BufferedImage img = XChartRenderer.image(f);
        int viridis = 0;
        for (int yy = 0; yy < img.getHeight(); yy++) {
            for (int xx = 0; xx < img.getWidth(); xx++) {
                Color c = new Color(img.getRGB(xx, yy));
                // viridis is never grey: its blue exceeds its red at the low end, its green dominates above
                if (c.getGreen() > 100 && Math.abs(c.getRed() - c.getBlue()) > 60) {
                    viridis++;
                }
            }
        }
        assertTrue(viridis > 4000, "cells painted: " + viridis + " viridis pixels");
        for (XChartRenderer.Format format : XChartRenderer.Format.values()) {
            assertTrue(XChartRenderer.render(f, format).length > 1000, format.toString());
        }
        Panel plain = new Panel("p", Axis.linear("x"), Axis.linear("y"), List.of(), List.of(), List.of(), Legend.HIDDEN);
        assertNull(plain.heatMap(), "the seven-argument panel has no heat map");
    }
}
