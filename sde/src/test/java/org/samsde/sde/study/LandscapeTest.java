package org.samsde.sde.study;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.samsde.core.data.DataFiles;
import org.samsde.core.data.Split;
import org.samsde.core.hessian.Lanczos;
import org.samsde.core.model.ModelSpec;
import org.samsde.core.objective.Batch;
import org.samsde.core.objective.Objective;
import org.samsde.core.objective.Polynomial;
import org.samsde.core.objective.Quadratic;
import org.samsde.core.objective.ToyObjective;
import org.samsde.core.tensor.CpuBackend;
import org.samsde.core.tensor.Vectors;
import org.samsde.core.testing.Problems;

/**
 * Loss-landscape geometry: exact endpoints of the interpolation, exact parabolas along the
 * eigenvectors of a quadratic, symmetric grids where the problem is symmetric, the plane through
 * three points, the barrier of a double well.
 */
class LandscapeTest {
    private static final int D = 6;

    /** A = Q·diag(λ)·Q with Q = I − 2wwᵀ/‖w‖² (symmetric, orthogonal): its columns are the eigenvectors. */
    private static final double[] LAMBDA = {5.0, 2.5, 1.0, 0.5, 0.25, 0.1};

    private static double[] householder() {
        double[] w = Problems.gaussian(11, D, 1.0);
        double ww = Vectors.dot(w, w);
        double[] q = new double[D * D];
        for (int i = 0; i < D; i++) {
            for (int j = 0; j < D; j++) {
                q[i * D + j] = (i == j ? 1 : 0) - 2 * w[i] * w[j] / ww;
            }
        }
        return q;
    }

    private static double[] column(double[] q, int k) {
        double[] c = new double[D];
        for (int i = 0; i < D; i++) {
            c[i] = q[i * D + k];
        }
        return c;
    }

    private static double[] matrix(double[] q) {
        double[] a = new double[D * D];
        for (int i = 0; i < D; i++) {
            for (int j = 0; j < D; j++) {
                double s = 0;
                for (int k = 0; k < D; k++) {
                    s += q[i * D + k] * LAMBDA[k] * q[j * D + k];
                }
                a[i * D + j] = s;
            }
        }
        for (int i = 0; i < D; i++) {
            for (int j = 0; j < i; j++) {
                a[i * D + j] = a[j * D + i];
            }
        }
        return a;
    }

    private static final double[] Q = householder();
    private static final double[] XSTAR = Problems.gaussian(12, D, 1.0);
    private static final Objective QUADRATIC = ToyObjective.deterministic(new Quadratic(matrix(Q), XSTAR), CpuBackend.get());
    private static final Landscape.Evaluator ON_QUADRATIC = new Landscape.Evaluator(QUADRATIC, null);

    private static double[] plus(double[] x, double s, double[] v) {
        double[] y = x.clone();
        for (int i = 0; i < y.length; i++) {
            y[i] += s * v[i];
        }
        return y;
    }

    @Test
    void theInterpolationReproducesTheEndpointLossesExactly() {
        Split split = DataFiles.resolve("blobs:k=3,n=90,d=2,test=30,seed=4");
        ModelSpec.Model m = ModelSpec.parse("mlp:2-7-3:tanh").build(split.train(), CpuBackend.get());
        Landscape.Evaluator on = new Landscape.Evaluator(m.objective(), m.on(split.test()));
        double[] a = m.initialParameters(1);
        double[] b = m.initialParameters(2);
        Landscape.Line line = Landscape.line(on, a, b, Landscape.interpolationGrid(51, 0.5));
        assertEquals(on.at(a), line.start(), "t = 0 is a, bitwise");
        assertEquals(on.at(b), line.end(), "t = 1 is b, bitwise");
        assertArrayEquals(a, Landscape.interpolate(a, b, 0.0));
        assertArrayEquals(b, Landscape.interpolate(a, b, 1.0));
        assertTrue(line.start().testAccuracy() >= 0 && line.start().trainAccuracy() >= 0, "accuracies measured");
        assertEquals(101, line.t().length);
    }

    @Test
    void theGridIsUniformAndHoldsBothEndpoints() {
        double[] t = Landscape.interpolationGrid(51, 0.5);
        assertEquals(-0.5, t[0]);
        assertEquals(1.5, t[t.length - 1]);
        assertEquals(0.0, t[25]);
        assertEquals(1.0, t[75]);
        for (int i = 1; i < t.length; i++) {
            assertEquals(0.02, t[i] - t[i - 1], 1e-15);
        }
        assertEquals(11, Landscape.interpolationGrid(11, 0).length);
        assertEquals(0.3, Landscape.interpolationGrid(11, 0.33)[Landscape.interpolationGrid(11, 0.33).length - 1] - 1, 1e-15,
                "the extension is rounded to the grid");
        double[] s = Landscape.symmetricGrid(1.7, 9);
        for (int i = 0; i < s.length; i++) {
            assertEquals(-s[i], s[s.length - 1 - i], 0.0, "exactly symmetric");
        }
        assertEquals(0.0, s[4]);
        assertThrows(IllegalArgumentException.class, () -> Landscape.interpolationGrid(1, 0.5));
        assertThrows(IllegalArgumentException.class, () -> Landscape.interpolationGrid(5, -1));
    }

    @Test
    void slicesAlongAnEigenvectorOfAQuadraticAreTheExactParabolas() {
        double[] t = Landscape.interpolationGrid(21, 0.5);
        for (int k = 0; k < D; k++) {
            double[] v = column(Q, k);
            double s0 = -0.7;
            double s1 = 1.3;
            Landscape.Line line = Landscape.line(ON_QUADRATIC, plus(XSTAR, s0, v), plus(XSTAR, s1, v), t);
            for (int i = 0; i < t.length; i++) {
                double s = (1 - t[i]) * s0 + t[i] * s1;
                double exact = 0.5 * LAMBDA[k] * s * s;
                assertEquals(exact, line.points().get(i).trainLoss(), 1e-12 * Math.max(1, exact), "eigenvector " + k + ", t = " + t[i]);
                assertTrue(Double.isNaN(line.points().get(i).testLoss()), "a toy has no test split");
            }
        }
    }

    @Test
    void theHessianPlaneOfAQuadraticIsTheExactParaboloidAndSymmetric() {
        Directions.HessianPlane hp = Directions.hessian(QUADRATIC, XSTAR, Batch.all(), Lanczos.defaults().withSeed(3));
        assertEquals(LAMBDA[0], hp.eigen().eigenvalue(0), 1e-10);
        assertEquals(LAMBDA[1], hp.eigen().eigenvalue(1), 1e-10);
        double[] alpha = Landscape.symmetricGrid(1.0, 11);
        double[] beta = Landscape.symmetricGrid(0.5, 7);
        Landscape.Plane plane = Landscape.plane(ON_QUADRATIC, hp.basis(), alpha, beta);
        int na = alpha.length;
        int nb = beta.length;
        for (int j = 0; j < nb; j++) {
            for (int i = 0; i < na; i++) {
                double f = plane.at(i, j).trainLoss();
                double exact = 0.5 * (LAMBDA[0] * alpha[i] * alpha[i] + LAMBDA[1] * beta[j] * beta[j]);
                assertEquals(exact, f, 1e-9 * Math.max(1, exact), "paraboloid at (" + alpha[i] + ", " + beta[j] + ")");
                // symmetric about both axes: the directions are eigenvectors and x* the centre
                assertEquals(f, plane.at(na - 1 - i, j).trainLoss(), 1e-9 * Math.max(1, f));
                assertEquals(f, plane.at(i, nb - 1 - j).trainLoss(), 1e-9 * Math.max(1, f));
            }
        }
        assertEquals(0.0, plane.at(na / 2, nb / 2).trainLoss(), "the centre is x*, exactly");
    }

    @Test
    void aRandomPlaneThroughTheCentreOfAQuadraticIsPointSymmetric() {
        Landscape.Basis basis = Directions.random(QUADRATIC, XSTAR, 5);
        double[] g = Landscape.symmetricGrid(2.0, 9);
        Landscape.Plane plane = Landscape.plane(ON_QUADRATIC, basis, g, g);
        int n = g.length;
        for (int j = 0; j < n; j++) {
            for (int i = 0; i < n; i++) {
                double f = plane.at(i, j).trainLoss();
                assertEquals(f, plane.at(n - 1 - i, n - 1 - j).trainLoss(), 1e-12 * Math.max(1, f), "f(α, β) = f(−α, −β)");
            }
        }
        // a toy has no layers: the whole direction is scaled to ‖x*‖
        assertEquals(Vectors.norm(XSTAR), Vectors.norm(basis.u()), 1e-12);
        assertEquals(Vectors.norm(XSTAR), Vectors.norm(basis.v()), 1e-12);
    }

    @Test
    void thePlaneThroughThreePointsHasThemAtTheirMarks() {
        double[] a = Problems.gaussian(1, D, 1);
        double[] b = Problems.gaussian(2, D, 1);
        double[] c = Problems.gaussian(3, D, 1);
        Landscape.Basis basis = Landscape.Basis.throughPoints(a, b, c);
        assertEquals(1.0, Vectors.norm(basis.u()), 1e-14);
        assertEquals(1.0, Vectors.norm(basis.v()), 1e-14);
        assertEquals(0.0, Vectors.dot(basis.u(), basis.v()), 1e-14);
        double[][] points = {a, b, c};
        for (int i = 0; i < 3; i++) {
            Landscape.Mark m = basis.marks().get(i);
            assertArrayEquals(points[i], basis.point(m.alpha(), m.beta()), 1e-12, m.name());
        }
        double[] alpha = Landscape.gridAroundMarks(basis, 0.25, 9, 0);
        double[] beta = Landscape.gridAroundMarks(basis, 0.25, 9, 1);
        for (Landscape.Mark m : basis.marks()) {
            assertTrue(m.alpha() > alpha[0] && m.alpha() < alpha[8] && m.beta() > beta[0] && m.beta() < beta[8], m.name() + " inside");
        }
        assertThrows(IllegalArgumentException.class, () -> Landscape.Basis.throughPoints(a, a, c));
        double[] mid = Landscape.interpolate(a, b, 0.3);
        assertThrows(IllegalArgumentException.class, () -> Landscape.Basis.throughPoints(a, b, mid));
    }

    @Test
    void aConvexLossHasNoBarrierAndADoubleWellHasItsKnownOne() {
        double[] v = column(Q, 0);
        Landscape.Line convex = Landscape.line(ON_QUADRATIC, plus(XSTAR, -1, v), plus(XSTAR, 2, v), Landscape.interpolationGrid(31, 0.2));
        assertEquals(0.0, convex.barrier().height());
        assertEquals(1.0, convex.barrier().at());
        assertFalse(convex.barrier().exists(0.0));

        // f(x) = ½·a·x² + q·x⁴/24 with a < 0: wells at ±√(−6a/q) of depth −1.5a²/q, f(0) = 0 between them
        double a = -2;
        double q = 3;
        Objective well = ToyObjective.deterministic(new Polynomial(new double[] {a}, null, new double[] {q}), CpuBackend.get());
        double xm = Math.sqrt(-6 * a / q);
        Landscape.Line line = Landscape.line(new Landscape.Evaluator(well, null), new double[] {-xm}, new double[] {xm},
                Landscape.interpolationGrid(21, 0.25));
        Landscape.Barrier barrier = line.barrier();
        assertEquals(1.5 * a * a / q, barrier.height(), 1e-12);
        assertEquals(0.5, barrier.at(), 1e-15);
        assertTrue(barrier.exists(0.01));
    }

    @Test
    void filterNormalisationGivesEveryRowTheNormOfTheParameters() {
        Split split = DataFiles.resolve("blobs:k=3,n=30,d=4,seed=1");
        ModelSpec.Model m = ModelSpec.parse("mlp:4-5-3:tanh").build(split.train(), CpuBackend.get());
        List<Directions.Segment> segments = Directions.segments(m.objective());
        // layer 0: 5 rows of 4, bias 5; layer 1: 3 rows of 5, bias 3
        assertEquals(5 + 1 + 3 + 1, segments.size());
        int next = 0;
        for (Directions.Segment s : segments) {
            assertEquals(next, s.offset(), "segments tile the layout in order");
            next += s.length();
        }
        assertEquals(m.objective().dimension(), next);
        assertEquals(new Directions.Segment(20, 5), segments.get(5));
        double[] x = m.initialParameters(3);
        Landscape.Basis basis = Directions.random(m.objective(), x, 9);
        for (double[] dir : List.of(basis.u(), basis.v())) {
            for (Directions.Segment s : segments) {
                assertEquals(segmentNorm(x, s), segmentNorm(dir, s), 1e-12, "segment " + s);
            }
        }
        assertFalse(java.util.Arrays.equals(basis.u(), basis.v()), "two independent draws");
        assertEquals(basis, Directions.random(m.objective(), x, 9), "seeded");

        ModelSpec.Model cnn = ModelSpec.parse("cnn:c3k3-avg2-d2").build(
                org.samsde.core.data.Dataset.images(new double[2 * 1 * 6 * 6], new org.samsde.core.data.ImageShape(1, 6, 6), new int[] {0, 1}),
                CpuBackend.get());
        List<Directions.Segment> cs = Directions.segments(cnn.objective());
        // conv: 3 filters of 1·3·3, bias 3; dense from 3·2·2 = 12 inputs: 2 rows of 12, bias 2
        assertEquals(List.of(new Directions.Segment(0, 9), new Directions.Segment(9, 9), new Directions.Segment(18, 9),
                new Directions.Segment(27, 3), new Directions.Segment(30, 12), new Directions.Segment(42, 12),
                new Directions.Segment(54, 2)), cs);
        assertEquals(cnn.objective().dimension(), 56);
    }

    private static double segmentNorm(double[] x, Directions.Segment s) {
        double ss = 0;
        for (int i = s.offset(); i < s.offset() + s.length(); i++) {
            ss += x[i] * x[i];
        }
        return Math.sqrt(ss);
    }

    @Test
    void aZeroRowOfTheParametersGivesAZeroDirectionRow() {
        double[] x = {0, 0, 3, 4};
        double[] d = {1, 2, 1, 1};
        Directions.filterNormalise(d, x, List.of(new Directions.Segment(0, 2), new Directions.Segment(2, 2)));
        assertArrayEquals(new double[] {0, 0, 5 / Math.sqrt(2), 5 / Math.sqrt(2)}, d, 1e-15);
    }
}
