package org.samsde.plots;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.samsde.plots.spec.Band;
import org.samsde.plots.spec.Figure;
import org.samsde.plots.spec.HeatMap;
import org.samsde.plots.spec.Legend;
import org.samsde.plots.spec.Panel;
import org.samsde.sde.artifact.SweepCsv;

/** The sweep figure's spec: axes at the grid values, annotated cells, readable names, the legend's place. */
class SweepFiguresTest {

    /** A row of sweep.csv: test accuracy mean ± half, the other metrics NaN. */
    private static SweepCsv.Row row(String method, Map<String, String> values, int seeds, double mean, double half) {
        Map<String, String> metrics = new LinkedHashMap<>();
        for (String c : SweepCsv.metricColumns()) {
            metrics.put(c, "NaN");
        }
        metrics.put("test_acc" + SweepCsv.MEAN, Double.toString(mean));
        metrics.put("test_acc" + SweepCsv.LO, Double.toString(mean - half));
        metrics.put("test_acc" + SweepCsv.HI, Double.toString(mean + half));
        return new SweepCsv.Row(0, "cell", method, values, 100, seeds, metrics);
    }

    /** lr ∈ {0.1, 0.01, 0.05} (in that order in the file) × rho ∈ {0, 0.05}; accuracy 0.8 + lr + rho. */
    private static List<SweepCsv.Row> grid(int seeds) {
        List<SweepCsv.Row> rows = new ArrayList<>();
        for (String lr : List.of("0.1", "0.01", "0.05")) {
            for (String rho : List.of("0", "0.05")) {
                rows.add(row("sam", Map.of("lr", lr, "rho", rho), seeds, 0.8 + Double.parseDouble(lr) + Double.parseDouble(rho), 0.01));
            }
        }
        return rows;
    }

    @Test
    void theHeatMapHasOneColumnPerGridValueLabelledWithIt() {
        Figure f = SweepFigures.of(grid(4), List.of("lr", "rho"), "test_acc", null);
        Panel p = f.panels().get(0);
        HeatMap hm = p.heatMap();
        assertArrayEquals(new double[] {0, 1, 2}, hm.x(), "one column per lr, not log10 lr on a continuous axis");
        assertArrayEquals(new double[] {0, 1}, hm.y());
        assertEquals(List.of("0.01", "0.05", "0.1"), p.xAxis().categories(), "ticks at the grid values, in numeric order");
        assertEquals(List.of("0", "0.05"), p.yAxis().categories());
        assertEquals(-0.5, p.xAxis().min());
        assertEquals(2.5, p.xAxis().max());
        assertEquals(0.8 + 0.01 + 0.05, hm.value(0, 1), 1e-12, "lr 0.01, rho 0.05");
    }

    @Test
    void everyCellIsWrittenWithItsValueAndInterval() {
        Figure f = SweepFigures.of(grid(4), List.of("lr", "rho"), "test_acc", null);
        HeatMap hm = f.panels().get(0).heatMap();
        assertEquals("0.900\n[0.890, 0.910]", hm.text(2, 0), "lr 0.1, rho 0");
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 2; j++) {
                assertTrue(hm.text(i, j).contains("["), "cell " + i + ", " + j + ": " + hm.text(i, j));
            }
        }
        assertTrue(f.note().contains("95% t-interval"), f.note());
    }

    @Test
    void cellsOfTwoSeedsShowTheirRangeAndTheNoteCallsTheIntervalUnreliable() {
        Figure f = SweepFigures.of(grid(2), List.of("lr", "rho"), "test_acc", null);
        HeatMap hm = f.panels().get(0).heatMap();
        // the t-interval ± 0.01 from 2 seeds is ± 12.7 standard errors: the seeds lie ± 0.01/12.7 around the mean
        assertEquals("0.900\n[0.899, 0.901]", hm.text(2, 0));
        assertTrue(f.note().contains("range of the two") && f.note().contains("UNRELIABLE"), f.note());
    }

    @Test
    void labelsNameTheQuantityAndTheOptionsNotTheirColumns() {
        Figure heat = SweepFigures.of(grid(4), List.of("lr", "rho"), "test_acc", null);
        Panel p = heat.panels().get(0);
        assertEquals("test accuracy", p.heatMap().label());
        assertEquals("learning rate η (--lr)", p.xAxis().label());
        assertEquals("ρ (--rho)", p.yAxis().label());
        assertFalse(heat.title().contains("test_acc"), heat.title());
        List<SweepCsv.Row> line = grid(4).stream().filter(r -> r.values().get("rho").equals("0")).toList();
        Figure l = SweepFigures.of(line, List.of("lr", "rho"), "test_acc", null);
        assertEquals("test accuracy at the last record", l.panels().get(0).yAxis().label());
        assertFalse(l.title().contains("test_acc") || l.note().contains("test_acc"), l.title() + " / " + l.note());
    }

    @Test
    void theLinePlotsLegendIsAboveThePanelNotOverItsAxisTitle() {
        List<SweepCsv.Row> rows = new ArrayList<>();
        for (String m : List.of("sgd", "sam")) {
            for (String lr : List.of("0.01", "0.1", "1")) {
                rows.add(row(m, Map.of("lr", lr), 3, 0.8 + Double.parseDouble(lr) / 5, 0.02));
            }
        }
        Figure f = SweepFigures.of(rows, List.of("lr"), "test_acc", null);
        Panel p = f.panels().get(0);
        assertTrue(f.sharedLegend(), "one legend above the panel");
        assertEquals(Legend.HIDDEN, p.legend());
        assertEquals(List.of("SGD", "SAM"), p.seriesNames());
        assertTrue(p.xAxis().log(), "lr from 0.01 to 1 on a log axis at its values");
        assertArrayEquals(new double[] {0.01, 0.1, 1}, p.series().get(0).x());
        Band b = p.bands().get(0);
        assertEquals(1.0, b.hi()[2], 1e-12, "an accuracy interval ends at 1");
        assertTrue(XChartRenderer.render(f, XChartRenderer.Format.PNG).length > 0);
    }

    @Test
    void namedLevelsKeepTheirOrderOnACategoricalAxis() {
        List<SweepCsv.Row> rows = new ArrayList<>();
        for (String model : List.of("mlp:2-8-3:tanh", "mlp:2-16-3:tanh")) {
            for (String lr : List.of("0.1", "0.05")) {
                rows.add(row("sam", Map.of("model", model, "lr", lr), 4, 0.9, 0.01));
            }
        }
        Figure f = SweepFigures.of(rows, List.of("model", "lr"), "test_acc", null);
        Panel p = f.panels().get(0);
        assertEquals(List.of("mlp:2-8-3:tanh", "mlp:2-16-3:tanh"), p.xAxis().categories());
        assertEquals("--model", p.xAxis().label());
        assertEquals(List.of("0.05", "0.1"), p.yAxis().categories());
        assertTrue(XChartRenderer.render(f, XChartRenderer.Format.PNG).length > 0);
    }
}
