package org.samsde.plots;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.samsde.plots.spec.Figure;
import org.samsde.plots.spec.Panel;
import org.samsde.plots.spec.Series;
import org.samsde.sde.study.Validity;

/** The validity phase diagram on its data: one panel per model and batch, cell values and texts, and its three lines where they lie. */
class ValidityFiguresTest {
    private static List<Validity.Row> rows(double lambda, double grad) {
        List<Validity.Row> out = new ArrayList<>();
        int i = 0;
        for (String batch : List.of("32", "full")) {
            for (double eta : new double[] {0.01, 0.1}) {
                for (double rho : new double[] {0.01, 0.1}) {
                    Validity.Cell c = new Validity.Cell(i++, eta, rho, batch);
                    for (String model : List.of("sam2", "sam3")) {
                        out.add(new Validity.Row(c, model, "train_loss", 0.1 * eta, 0.05 * eta, 0.15 * eta, true, 1.0, 0.1 * eta, 4, 0,
                                lambda, grad, 0.5));
                        out.add(new Validity.Row(c, model, "grad_norm", -0.3 * rho, -0.5, 0.2, false, 1.0, 0.3 * rho, 4, 0, lambda, grad, 0.5));
                    }
                }
            }
        }
        return out;
    }

    @Test
    void cellsShowTheLargestRelativeGapAndTheLinesLieWhereTheirFormulasPut() {
        Figure f = ValidityFigures.of(rows(20, 1), null);
        assertEquals(4, f.panels().size(), "2 models x 2 batch sizes");
        Panel p = f.panels().get(0);
        // cell (η = 0.1, ρ = 0.1): max(0.1·0.1, 0.3·0.1) = 0.03, one of two resolved
        assertEquals(0.03, p.heatMap().z()[1 * 2 + 1], 1e-15);
        assertTrue(p.heatMap().cells().get(3).contains("1/2 resolved"), p.heatMap().cells().get(3));
        Series sqrt = p.series(ValidityFigures.SQRT_LINE).orElseThrow();
        assertEquals(0, sqrt.x()[0], 1e-12);
        assertEquals(1, sqrt.y()[0], 1e-12, "ρ = √0.01 = 0.1, the top level");
        Series boundary = p.series(ValidityFigures.BOUNDARY).orElseThrow();
        for (int k = 0; k < boundary.size(); k++) {
            double eta = Math.pow(10, boundary.x()[k] - 2);
            double rho = (2 / (eta * 20) - 1) * 1 / 20;
            assertEquals(Math.log10(rho / 0.01), boundary.y()[k], 1e-9, "ηλ(1 + ρλ/‖∇f‖) = 2 at λ = 20, ‖∇f‖ = 1");
        }
        assertTrue(boundary.size() >= 2);
        Figure none = ValidityFigures.of(rows(0.5, 1), "train_loss");
        Panel q = none.panels().get(0);
        assertFalse(q.series(ValidityFigures.BOUNDARY).isPresent(), "at λ = 0.5 the boundary lies far above the grid");
        assertTrue(q.annotations().get(0).text().contains(ValidityFigures.BOUNDARY), q.annotations().toString());
        assertEquals(0.01, q.heatMap().z()[1 * 2 + 1], 1e-15, "one observable: its own relative gap");
        assertTrue(XChartRenderer.render(f, XChartRenderer.Format.PNG).length > 0);
    }
}
