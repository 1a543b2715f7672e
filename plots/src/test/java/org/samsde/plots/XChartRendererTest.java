package org.samsde.plots;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.samsde.core.InvalidInputException;
import org.samsde.plots.XChartRenderer.Format;
import org.samsde.plots.spec.Annotation;
import org.samsde.plots.spec.Axis;
import org.samsde.plots.spec.Band;
import org.samsde.plots.spec.Figure;
import org.samsde.plots.spec.Legend;
import org.samsde.plots.spec.Panel;
import org.samsde.plots.spec.Series;
import org.samsde.plots.spec.Style;

/** Smoke tests of the renderer: every figure and format encodes to a well-formed file. No pixels are compared. */
class XChartRendererTest {
    @TempDir
    Path tmp;

    private static Figure sample(boolean logY, Legend legend) {
        double[] x = {0, 1, 2, 3};
        double[] y = {1, 0.1, 0.01, -1};
        Panel p = new Panel("panel", Axis.linear("step k"), new Axis("loss", logY, Double.NaN, Double.NaN),
                List.of(new Series("a", x, y, Style.line(0, Style.Dash.SOLID)),
                        new Series("b", x, new double[] {2, 1, Double.NaN, 0.5}, Style.line(1, Style.Dash.DOTTED).withMarker(Style.Marker.CIRCLE))),
                List.of(new Band("a", x, new double[] {-0.5, 0.05, 0.005, -2}, new double[] {1.5, 0.2, 0.02, 0}, 0)),
                List.of(new Annotation("3 outliers", Annotation.Corner.TOP_RIGHT)), legend);
        Panel empty = new Panel("nothing", Axis.linear("x"), Axis.linear("y"), List.of(), List.of(),
                List.of(new Annotation("not recorded in these runs", Annotation.Corner.TOP_LEFT)), Legend.HIDDEN);
        return new Figure("title λₘₐₓ ‖∇f‖", List.of(p, empty), 2, 640, 360, true, "note: shaded 95% bands");
    }

    @ParameterizedTest
    @EnumSource(Format.class)
    void everyFormatHasItsMagicHeader(Format format) {
        byte[] bytes = XChartRenderer.render(sample(true, Legend.HIDDEN), format);
        String head = new String(bytes, 0, Math.min(bytes.length, 200), StandardCharsets.ISO_8859_1);
        switch (format) {
            case PNG -> assertTrue(head.startsWith("\u0089PNG\r\n\u001a\n"), "PNG signature");
            case SVG -> assertTrue(head.startsWith("<?xml") && new String(bytes, StandardCharsets.UTF_8).contains("<svg"), head);
            case PDF -> assertTrue(head.startsWith("%PDF-"), head);
        }
        assertTrue(bytes.length > 1000, format + ": " + bytes.length + " bytes");
    }

    @ParameterizedTest
    @EnumSource(Legend.class)
    void everyLegendPlacementRenders(Legend legend) {
        assertTrue(XChartRenderer.render(sample(false, legend), Format.PNG).length > 1000);
    }

    @Test
    void imagesHaveTheFigureSizeTimesTheScale() {
        BufferedImage one = XChartRenderer.image(sample(true, Legend.BELOW));
        assertEquals(640, one.getWidth());
        assertEquals(360, one.getHeight());
        BufferedImage two = XChartRenderer.image(sample(true, Legend.BELOW), 2);
        assertEquals(1280, two.getWidth());
        assertThrows(IllegalArgumentException.class, () -> XChartRenderer.image(sample(true, Legend.BELOW), 0));
    }

    @Test
    void formatComesFromTheExtension() {
        assertEquals(Format.PNG, Format.of(Path.of("a/b/fig.PNG")));
        assertEquals(Format.SVG, Format.of(Path.of("fig.svg")));
        assertEquals(Format.PDF, Format.of(Path.of("fig.pdf")));
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> Format.of(Path.of("fig.jpg")));
        assertTrue(e.getMessage().contains("'.jpg'") && e.getMessage().contains(".png, .svg or .pdf"), e.getMessage());
        assertThrows(InvalidInputException.class, () -> Format.of(Path.of("figure")));
    }

    @Test
    void writeCreatesTheFileAtomically() throws IOException {
        Path out = tmp.resolve("sub/fig.svg");
        XChartRenderer.write(sample(false, Legend.INSIDE_TOP_LEFT), out, 1);
        assertTrue(Files.readString(out).contains("<svg"));
    }
}
