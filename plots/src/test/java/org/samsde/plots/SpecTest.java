package org.samsde.plots;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.samsde.plots.spec.Axis;
import org.samsde.plots.spec.Band;
import org.samsde.plots.spec.Figure;
import org.samsde.plots.spec.HeatMap;
import org.samsde.plots.spec.Legend;
import org.samsde.plots.spec.Panel;
import org.samsde.plots.spec.Series;
import org.samsde.plots.spec.Style;

/** The spec records: the log-scale rule, validation, immutability, tick labels and method styles. */
class SpecTest {
    @Test
    void defaultsLayPanelsInRowsOfThreeWithOneSharedLegend() {
        Series line = new Series("a", new double[] {0, 1}, new double[] {1, 2}, Style.line(0, Style.Dash.SOLID));
        Panel p = Panel.of("p", Axis.linear("x"), Axis.linear("y"), List.of(line));
        assertEquals(Legend.HIDDEN, p.legend());
        assertTrue(p.bands().isEmpty() && p.annotations().isEmpty());
        Figure f = Figure.of("four", List.of(p, p, p, p));
        assertEquals(3, f.columns());
        assertEquals(1200, f.width());
        assertEquals(80 + 2 * 360, f.height(), "two rows");
        assertTrue(f.sharedLegend());
        assertEquals(1, Figure.of("one", List.of(p)).columns());
        Band band = Band.of(line, new double[] {0, 1}, new double[] {2, 3});
        assertEquals("a", band.name());
        assertEquals(line.style().colour(), band.colour());
        org.samsde.plots.spec.HeatMap map = org.samsde.plots.spec.HeatMap.of("z", new double[] {0, 1}, new double[] {0, 1},
                new double[] {1, 2, 3, 4});
        assertFalse(map.log());
        assertEquals(0, map.contours().length);
    }

    @Test
    void logScaleNeedsTwoDecadesOfPositiveData() {
        assertTrue(Axis.auto("y", new double[] {1, 0.01}).log());
        assertFalse(Axis.auto("y", new double[] {1, 0.0101}).log(), "just under two decades");
        assertFalse(Axis.auto("y", new double[] {1, 1e-6, 0}).log(), "a zero forbids log");
        assertFalse(Axis.auto("y", new double[] {1, 1e-6}, new double[] {-1}).log(), "so does a negative value anywhere");
        assertTrue(Axis.auto("y", new double[] {1, Double.NaN, 1e-3, Double.POSITIVE_INFINITY}).log(), "non-finite values are ignored");
        assertFalse(Axis.auto("y", new double[] {Double.NaN}).log(), "no data: linear");
    }

    @Test
    void specsRejectInconsistentData() {
        double[] x = {0, 1};
        assertThrows(IllegalArgumentException.class, () -> new Series("s", x, new double[] {1}, Style.line(0, Style.Dash.SOLID)));
        assertThrows(IllegalArgumentException.class, () -> new Band("b", x, new double[] {1, 2}, new double[] {0, 3}, 0));
        assertThrows(IllegalArgumentException.class, () -> new Axis("y", true, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> new Axis("y", false, 2, 1));
        assertThrows(IllegalArgumentException.class, () -> new Style(0, Style.Dash.SOLID, Style.Marker.NONE, Style.Render.POINTS));
        Series s = new Series("s", x, x, Style.line(0, Style.Dash.SOLID));
        assertThrows(IllegalArgumentException.class, () -> new Panel("p", Axis.linear("x"), Axis.linear("y"), List.of(s, s),
                List.of(), List.of(), Legend.HIDDEN));
        Panel p = new Panel("p", Axis.linear("x"), Axis.linear("y"), List.of(s), List.of(), List.of(), Legend.HIDDEN);
        assertThrows(IllegalArgumentException.class, () -> new Figure("f", List.of(), 1, 400, 300, false, ""));
        assertThrows(IllegalArgumentException.class, () -> new Figure("f", List.of(p), 1, 40, 300, false, ""));
        assertEquals(2, new Figure("f", List.of(p, p, p), 2, 400, 300, false, "").rows());
    }

    @Test
    void seriesDataCannotBeChangedFromOutside() {
        double[] y = {1, 2};
        Series s = new Series("s", new double[] {0, 1}, y, Style.line(0, Style.Dash.SOLID));
        y[0] = 99;
        s.y()[1] = 99;
        assertEquals(1, s.y()[0]);
        assertEquals(2, s.y()[1]);
    }

    @Test
    void logTickLabelsThinOutOnLongAxes() {
        assertEquals("0.01", Ticks.log(0.01, 3));
        assertEquals("", Ticks.log(0.02, 3), "only decades on long axes");
        assertEquals("0.02", Ticks.log(0.02, 1));
        assertEquals("", Ticks.log(0.03, 1));
        assertEquals("5000", Ticks.log(5000, 1));
        assertEquals("10⁻⁵", Ticks.log(1e-5, 6));
        assertEquals("2·10⁶", Ticks.log(2e6, 1));
        assertEquals(5.0, Ticks.niceStep(4.1));
        assertEquals(0.2, Ticks.niceStep(0.15), 1e-15);
    }

    @Test
    void linearTickLabelsHaveTheDigitsTheSpanResolvesNotFifteen() {
        // the ticks of a run whose only record is at step 0 fell on 1.161600153199676 ± 10%
        assertEquals("1.278", Ticks.linear(1.277760168519644, 0.232));
        assertEquals("1.162", Ticks.linear(1.161600153199676, 0.232));
        assertEquals("0.25", Ticks.linear(0.25, 1));
        assertEquals("0.3", Ticks.linear(0.30000000000000004, 1));
        assertEquals("100", Ticks.linear(100, 400));
        assertEquals("0", Ticks.linear(-1e-17, 1));
        assertEquals("-2.5", Ticks.linear(-2.5, 10));
        assertEquals("1.2·10⁶", Ticks.linear(1.2e6, 1e6));
        assertEquals("10³⁰⁸", Ticks.linear(1e308, Double.POSITIVE_INFINITY));
        for (double v : new double[] {3.966809132701655, 0.981041924571742, 0.802670665558698}) {
            assertTrue(Ticks.linear(v, 0.36).length() <= 6, Ticks.linear(v, 0.36));
        }
    }

    @Test
    void categoricalAxesLabelTheirLevelsOnly() {
        Axis a = Axis.categorical("lr", List.of("0.01", "0.1"));
        assertTrue(a.categorical());
        assertEquals(-0.5, a.min());
        assertEquals(1.5, a.max());
        assertEquals(List.of("0.01", "0.1"), a.withRange(-1, 2).categories(), "a new range keeps the levels");
        assertEquals("0.1", Ticks.category(1.0000000001, a.categories()));
        assertEquals("", Ticks.category(0.5, a.categories()), "no label between levels");
        assertEquals("", Ticks.category(2, a.categories()));
        assertFalse(Axis.linear("x").categorical());
        assertThrows(IllegalArgumentException.class, () -> new Axis("x", true, 1, 2, List.of("a")));
        assertThrows(IllegalArgumentException.class, () -> new HeatMap("z", new double[] {0, 1}, new double[] {0, 1},
                new double[4], false, new double[0], List.of("one text for four cells")));
    }

    @Test
    void registeredMethodsHaveDistinctFixedStyles() {
        List<String> methods = List.of("sgd", "sam", "sam2", "sam3", "eigen-sam", "reverse-sam", "egr");
        long distinct = methods.stream().map(m -> style(m, 0)).map(s -> s.colour() + "/" + s.dash()).distinct().count();
        assertEquals(methods.size(), distinct);
        assertEquals(style("sam", 0), style("sam", 5), "the same in every figure");
        assertEquals("Reverse-SAM", Methods.displayName("reverse-sam"));
        assertEquals("my-method", Methods.displayName("my-method"));
        assertTrue(style("my-method", 3).colour() >= 0);
        assertEquals(style("my-method", 3), style("my-method", 3));
    }

    /** The names and styles the figures drew the built-in methods with when plots kept them in tables: unchanged. */
    @Test
    void builtInMethodsDeclareTheNamesAndStylesTheFiguresAlwaysHad() {
        Object[][] table = {
            {"sgd", "SGD", 3, Style.Dash.DOTTED, false, false},
            {"sam", "SAM", 0, Style.Dash.SOLID, true, false},
            {"usam", "USAM", 1, Style.Dash.SHORT_DASH, true, false},
            {"dnsam", "DNSAM", 2, Style.Dash.SHORT_DASH, true, false},
            {"reverse-sam", "Reverse-SAM", 5, Style.Dash.DASHED, true, false},
            {"egr", "EGR", 4, Style.Dash.DASH_DOT, false, false},
            {"eigen-sam", "Eigen-SAM", 4, Style.Dash.DASHED, true, false},
            {"sam2", "SAM SDE, order 2 (Compagnoni et al.)", 1, Style.Dash.DASHED, false, true},
            {"sam3", "SAM SDE, order 3 (Luo et al.)", 2, Style.Dash.DASH_DOT, false, true},
            {"sgd1", "SGD SDE (Li et al.)", 3, Style.Dash.DASH_DOT, false, true},
            {"sgd2", "SGD SDE, order 2", 3, Style.Dash.SHORT_DASH, false, true}};
        for (Object[] row : table) {
            String label = (String) row[0];
            org.samsde.plots.data.MethodInfo info = Methods.of(label, java.util.Map.of());
            assertEquals(row[1], info.displayName(), label);
            assertEquals(Style.line((Integer) row[2], (Style.Dash) row[3]), Methods.style(info, 7), label);
            assertEquals(row[4], info.perturbs(), label);
            assertEquals(row[5], info.sde(), label);
        }
        assertEquals("SAM SDE, order 2 (Compagnoni et al.), plug-in drift (DNSAM-type)", Methods.displayName("sam2+plugin"));
        assertTrue(Methods.of("sde:usam", java.util.Map.of()).sde());
    }

    private static Style style(String label, int order) {
        return Methods.style(Methods.of(label, java.util.Map.of()), order);
    }
}
