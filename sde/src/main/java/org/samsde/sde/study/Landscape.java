package org.samsde.sde.study;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.LongConsumer;
import java.util.function.ToDoubleFunction;

import org.samsde.core.objective.Batch;
import org.samsde.core.objective.Objective;
import org.samsde.core.tensor.Tensor;
import org.samsde.core.tensor.Vectors;

/**
 * Loss-landscape geometry: the loss and accuracy (training and test) along the segment between two
 * parameter vectors (Goodfellow et al. 2015, "Qualitatively characterizing neural network
 * optimization problems") and on a two-dimensional slice of parameter space (Li et al. 2018,
 * "Visualizing the loss landscape of neural nets"; Garipov et al. 2018 for the plane through three
 * points).
 *
 * <p><b>Line.</b> p(t) = (1 − t)·a + t·b, evaluated in that form so that p(0) = a and p(1) = b hold
 * bitwise and the curve reproduces the endpoint losses exactly. The grid {@link #interpolationGrid}
 * is uniform with step h = 1/(steps − 1) and contains t = 0 and t = 1.
 *
 * <p><b>Plane.</b> p(α, β) = o + α·u + β·v for a {@link Basis} (origin o, directions u and v),
 * evaluated on a rectangular grid of (α, β). Where the directions come from is the business of
 * {@link Basis#throughPoints} and {@link Directions}.
 *
 * <p>Cost: one full-batch loss evaluation on the training set (and one on the test set, when
 * there is one) per grid point; no derivatives.
 */
public final class Landscape {
    private Landscape() {
    }

    /**
     * The objectives a landscape is measured on.
     *
     * @param train the training loss f (full batch)
     * @param test the test loss on the same architecture, or null when there is no test split
     */
    public record Evaluator(Objective train, Objective test) {
        /**
         * Checks that the two objectives share a parameter space.
         *
         * @param train the training loss f (full batch)
         * @param test the test loss on the same architecture, or null when there is no test split
         */
        public Evaluator {
            Objects.requireNonNull(train, "train");
            if (test != null && test.dimension() != train.dimension()) {
                throw new IllegalArgumentException("test objective has d = " + test.dimension() + ", the training objective d = "
                        + train.dimension());
            }
        }

        /** @return d */
        public int dimension() {
            return train.dimension();
        }

        /**
         * @param x a parameter vector of d finite values; not modified
         * @return the full-batch training and test loss and accuracy at x
         */
        public Point at(double[] x) {
            if (x.length != dimension()) {
                throw new IllegalArgumentException("point has " + x.length + " values, the model has d = " + dimension());
            }
            try (Tensor xt = train.backend().upload(x, x.length)) {
                Objective.Evaluation tr = train.evaluate(xt, Batch.all());
                Objective.Evaluation te = test == null ? null : test.evaluate(xt, Batch.all());
                return new Point(tr.loss(), tr.accuracy(), te == null ? Double.NaN : te.loss(), te == null ? Double.NaN : te.accuracy());
            }
        }
    }

    /**
     * What is measured at one point of parameter space.
     *
     * @param trainLoss f(x) on the whole training set
     * @param trainAccuracy training accuracy (NaN without class labels)
     * @param testLoss test loss (NaN without a test split)
     * @param testAccuracy test accuracy (NaN without a test split or class labels)
     */
    public record Point(double trainLoss, double trainAccuracy, double testLoss, double testAccuracy) {
        /** The column names of {@link #values()} in records (CSV headers, NPZ arrays). */
        public static final List<String> COLUMNS = List.of("train_loss", "train_acc", "test_loss", "test_acc");

        /** @return the four measurements in the order of {@link #COLUMNS} */
        public double[] values() {
            return new double[] {trainLoss, trainAccuracy, testLoss, testAccuracy};
        }
    }

    /**
     * The loss barrier on the segment between two minima:
     * height = max_{t ∈ [0, 1]} f(p(t)) − max(f(a), f(b)), ≥ 0 since the endpoints are on the grid.
     *
     * @param height the barrier height (0 when the loss never exceeds the larger endpoint loss)
     * @param at the t ∈ [0, 1] where the maximum is reached (0 or 1 when there is no barrier)
     * @param peak max_{t ∈ [0, 1]} f(p(t))
     * @param endpoint max(f(a), f(b))
     */
    public record Barrier(double height, double at, double peak, double endpoint) {
        /**
         * @param relativeTolerance τ ≥ 0
         * @return whether height &gt; τ·|endpoint|: a barrier that stands out of rounding and of
         *     the grid's resolution
         */
        public boolean exists(double relativeTolerance) {
            return height > relativeTolerance * Math.abs(endpoint);
        }
    }

    /**
     * A measured line p(t) = (1 − t)·a + t·b.
     *
     * @param t the grid, ascending, containing 0 and 1
     * @param points the measurements, one per t
     */
    public record Line(double[] t, List<Point> points) {
        /**
         * Checks the lengths and that 0 and 1 are on the grid; copies.
         *
         * @param t the grid, ascending, containing 0 and 1
         * @param points the measurements, one per t
         */
        public Line {
            if (t.length != points.size()) {
                throw new IllegalArgumentException(t.length + " grid values but " + points.size() + " points");
            }
            t = t.clone();
            points = List.copyOf(points);
            indexOf(t, 0.0);
            indexOf(t, 1.0);
        }

        /** @return a copy of {@code t} */
        @Override
        public double[] t() {
            return t.clone();
        }

        /** @return the measurements at t = 0, that is at a */
        public Point start() {
            return points.get(indexOf(t, 0.0));
        }

        /** @return the measurements at t = 1, that is at b */
        public Point end() {
            return points.get(indexOf(t, 1.0));
        }

        /**
         * @param column a measurement, e.g. {@code Point::trainLoss}
         * @return that measurement at every t
         */
        public double[] column(ToDoubleFunction<Point> column) {
            return points.stream().mapToDouble(column).toArray();
        }

        /** @return the barrier of the training loss between t = 0 and t = 1 */
        public Barrier barrier() {
            return barrier(Point::trainLoss);
        }

        /**
         * @param loss which loss
         * @return max over t ∈ [0, 1] of the loss minus the larger endpoint loss, and where it is
         *     reached (a NaN loss on [0, 1] makes the peak and the height NaN)
         */
        public Barrier barrier(ToDoubleFunction<Point> loss) {
            int i0 = indexOf(t, 0.0);
            int i1 = indexOf(t, 1.0);
            double endpoint = Math.max(loss.applyAsDouble(points.get(i0)), loss.applyAsDouble(points.get(i1)));
            double peak = Double.NEGATIVE_INFINITY;
            double at = Double.NaN;
            for (int i = i0; i <= i1; i++) {
                double f = loss.applyAsDouble(points.get(i));
                if (f > peak || Double.isNaN(f)) {
                    peak = f;
                    at = t[i];
                }
            }
            return new Barrier(peak - endpoint, at, peak, endpoint);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Line l && Arrays.equals(t, l.t) && points.equals(l.points);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(t) * 31 + points.hashCode();
        }

        @Override
        public String toString() {
            return "Line[" + t.length + " points on [" + t[0] + ", " + t[t.length - 1] + "]]";
        }
    }

    /**
     * A named point marked on a plane, at its coordinates (α, β).
     *
     * @param name the label (e.g. {@code a}, {@code b})
     * @param alpha its α
     * @param beta its β
     */
    public record Mark(String name, double alpha, double beta) {
    }

    /**
     * A plane p(α, β) = o + α·u + β·v through parameter space.
     *
     * @param kind where the directions come from, for records ({@code points}, {@code hessian},
     *     {@code random}, or any label)
     * @param origin o
     * @param u the first direction
     * @param v the second direction
     * @param marks points to mark on figures, with their coordinates
     */
    public record Basis(String kind, double[] origin, double[] u, double[] v, List<Mark> marks) {
        /**
         * Checks lengths and finiteness; copies.
         *
         * @param kind where the directions come from, for records ({@code points}, {@code hessian},
         *     {@code random}, or any label)
         * @param origin o
         * @param u the first direction
         * @param v the second direction
         * @param marks points to mark on figures, with their coordinates
         */
        public Basis {
            Objects.requireNonNull(kind, "kind");
            if (origin.length != u.length || origin.length != v.length || origin.length == 0) {
                throw new IllegalArgumentException("origin and directions must have the same positive length, got " + origin.length
                        + ", " + u.length + ", " + v.length);
            }
            Vectors.requireFinite(origin, "origin");
            Vectors.requireFinite(u, "first direction");
            Vectors.requireFinite(v, "second direction");
            origin = origin.clone();
            u = u.clone();
            v = v.clone();
            marks = List.copyOf(marks);
        }

        /**
         * The plane through three points with an orthonormal basis (Garipov et al. 2018), so that
         * coordinates are distances in parameter space: o = a, u = (b − a)/‖b − a‖,
         * v = w/‖w‖ with w = (c − a) − ⟨c − a, u⟩u. Then a = (0, 0), b = (‖b − a‖, 0) and
         * c = (⟨c − a, u⟩, ‖w‖).
         *
         * @param a the first point (the origin)
         * @param b the second point
         * @param c the third point
         * @return the basis, with marks a, b and c
         * @throws IllegalArgumentException when the points are (numerically) collinear or two coincide
         */
        public static Basis throughPoints(double[] a, double[] b, double[] c) {
            int d = a.length;
            if (b.length != d || c.length != d) {
                throw new IllegalArgumentException("the three points have lengths " + d + ", " + b.length + ", " + c.length);
            }
            double[] u = Vectors.subtract(b, a);
            double nu = Vectors.norm(u);
            if (!(nu > 0)) {
                throw new IllegalArgumentException("the first two points coincide, so they span no direction");
            }
            Vectors.scale(1 / nu, u);
            double[] w = Vectors.subtract(c, a);
            double nc = Vectors.norm(w);
            double along = Vectors.dot(w, u);
            Vectors.axpy(d, -along, u, 0, w, 0);
            double nw = Vectors.norm(w);
            if (!(nw > 1e-12 * Math.max(nc, nu))) {
                throw new IllegalArgumentException("the third point lies on the line through the first two, so they span no plane");
            }
            Vectors.scale(1 / nw, w);
            return new Basis("points", a, u, w, List.of(new Mark("a", 0, 0), new Mark("b", nu, 0), new Mark("c", along, nw)));
        }

        /**
         * @param alpha α
         * @param beta β
         * @return o + α·u + β·v, a new array
         */
        public double[] point(double alpha, double beta) {
            double[] p = new double[origin.length];
            for (int i = 0; i < p.length; i++) {
                p[i] = origin[i] + alpha * u[i] + beta * v[i];
            }
            return p;
        }

        /** @return a copy of {@code origin} */
        @Override
        public double[] origin() {
            return origin.clone();
        }

        /** @return a copy of {@code u} */
        @Override
        public double[] u() {
            return u.clone();
        }

        /** @return a copy of {@code v} */
        @Override
        public double[] v() {
            return v.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Basis b && kind.equals(b.kind) && Arrays.equals(origin, b.origin) && Arrays.equals(u, b.u)
                    && Arrays.equals(v, b.v) && marks.equals(b.marks);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(u) * 31 + Arrays.hashCode(v);
        }

        @Override
        public String toString() {
            return "Basis[" + kind + ", d = " + origin.length + ", marks " + marks + "]";
        }
    }

    /**
     * A measured plane.
     *
     * @param basis the plane
     * @param alpha the α grid, ascending
     * @param beta the β grid, ascending
     * @param points the measurements, row-major over (β, α): points.get(j·alpha.length + i) is at
     *     (alpha[i], beta[j])
     */
    public record Plane(Basis basis, double[] alpha, double[] beta, List<Point> points) {
        /**
         * Checks the sizes; copies.
         *
         * @param basis the plane
         * @param alpha the α grid, ascending
         * @param beta the β grid, ascending
         * @param points the measurements, row-major over (β, α): points.get(j·alpha.length + i) is at
         *     (alpha[i], beta[j])
         */
        public Plane {
            Objects.requireNonNull(basis, "basis");
            if ((long) alpha.length * beta.length != points.size()) {
                throw new IllegalArgumentException("a " + beta.length + " x " + alpha.length + " grid needs "
                        + (long) alpha.length * beta.length + " points, got " + points.size());
            }
            alpha = alpha.clone();
            beta = beta.clone();
            points = List.copyOf(points);
        }

        /** @return a copy of {@code alpha} */
        @Override
        public double[] alpha() {
            return alpha.clone();
        }

        /** @return a copy of {@code beta} */
        @Override
        public double[] beta() {
            return beta.clone();
        }

        /**
         * @param i α index
         * @param j β index
         * @return the measurements at (alpha[i], beta[j])
         */
        public Point at(int i, int j) {
            return points.get(j * alpha.length + i);
        }

        /**
         * @param column a measurement, e.g. {@code Point::trainLoss}
         * @return that measurement on the grid, row-major over (β, α)
         */
        public double[] column(ToDoubleFunction<Point> column) {
            return points.stream().mapToDouble(column).toArray();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Plane p && basis.equals(p.basis) && Arrays.equals(alpha, p.alpha) && Arrays.equals(beta, p.beta)
                    && points.equals(p.points);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(alpha) * 31 + Arrays.hashCode(beta) + points.hashCode();
        }

        @Override
        public String toString() {
            return "Plane[" + basis.kind() + ", " + alpha.length + " x " + beta.length + "]";
        }
    }

    /**
     * The interpolation grid t_i = i/(steps − 1) for i = −E … steps − 1 + E with
     * E = round(extend·(steps − 1)): {@code steps} points on [0, 1] (both ends exactly), extended
     * on both sides by {@code extend} rounded to the grid step.
     *
     * @param steps points on [0, 1], at least 2
     * @param extend how far to go beyond each end, in units of the segment, ≥ 0
     * @return the grid, ascending
     */
    public static double[] interpolationGrid(int steps, double extend) {
        if (steps < 2) {
            throw new IllegalArgumentException("a line needs at least 2 points on [0, 1], got " + steps);
        }
        if (!(extend >= 0) || !Double.isFinite(extend)) {
            throw new IllegalArgumentException("the extension must be finite and >= 0, got " + extend);
        }
        long e = Math.round(extend * (steps - 1));
        long n = steps + 2 * e;
        if (n > 1_000_000) {
            throw new IllegalArgumentException("the line would have " + n + " points; use fewer steps or a smaller extension");
        }
        double[] t = new double[(int) n];
        for (int k = 0; k < n; k++) {
            t[k] = (double) (k - e) / (steps - 1);
        }
        return t;
    }

    /**
     * A grid symmetric about 0: x_i = half·(2i − (n − 1))/(n − 1), i = 0 … n − 1, so that
     * x_{n−1−i} = −x_i exactly and x = 0 is on the grid when n is odd.
     *
     * @param half the half-width, positive
     * @param n the number of points, at least 2
     * @return the grid, ascending from −half to half
     */
    public static double[] symmetricGrid(double half, int n) {
        if (!(half > 0) || !Double.isFinite(half) || n < 2) {
            throw new IllegalArgumentException("a symmetric grid needs a positive half-width and at least 2 points, got " + half + ", " + n);
        }
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = half * (2.0 * i - (n - 1)) / (n - 1);
        }
        return x;
    }

    /**
     * A uniform grid x_i = lo + (hi − lo)·i/(n − 1) from lo to hi (both ends exactly).
     *
     * @param lo the lower end
     * @param hi the upper end, above lo
     * @param n the number of points, at least 2
     * @return the grid
     */
    public static double[] uniformGrid(double lo, double hi, int n) {
        if (!(hi > lo) || !Double.isFinite(lo) || !Double.isFinite(hi) || n < 2) {
            throw new IllegalArgumentException("a grid needs finite lo < hi and at least 2 points, got [" + lo + ", " + hi + "], " + n);
        }
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = i == n - 1 ? hi : lo + (hi - lo) * i / (n - 1);
        }
        return x;
    }

    /**
     * A grid covering the marks of a basis with a margin: [min − m, max + m] per axis, with
     * m = extend·s and s the largest distance of a mark from the origin (the scale of the figure);
     * m = s/2 when extend·s would leave an axis without width (all marks on one coordinate, extend 0).
     *
     * @param basis the plane; its marks must not all be at the origin
     * @param extend the margin in units of s, ≥ 0
     * @param n points per axis, at least 2
     * @param axis 0 for α, 1 for β
     * @return the grid
     */
    public static double[] gridAroundMarks(Basis basis, double extend, int n, int axis) {
        double scale = 0;
        double lo = 0;
        double hi = 0;
        for (Mark m : basis.marks()) {
            double c = axis == 0 ? m.alpha() : m.beta();
            lo = Math.min(lo, c);
            hi = Math.max(hi, c);
            scale = Math.max(scale, Math.hypot(m.alpha(), m.beta()));
        }
        if (!(scale > 0)) {
            throw new IllegalArgumentException("the plane's marks are all at its origin; give the grid a span instead");
        }
        double margin = extend * scale;
        if (!(hi - lo + 2 * margin > 0)) {
            margin = 0.5 * scale;
        }
        return uniformGrid(lo - margin, hi + margin, n);
    }

    /**
     * @param a the point at t = 0; not modified
     * @param b the point at t = 1; not modified
     * @param t the position
     * @return p(t) = (1 − t)·a + t·b, a new array (bitwise a at t = 0, b at t = 1)
     */
    public static double[] interpolate(double[] a, double[] b, double t) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("the endpoints have " + a.length + " and " + b.length + " values");
        }
        double s = 1 - t;
        double[] p = new double[a.length];
        for (int i = 0; i < p.length; i++) {
            p[i] = s * a[i] + t * b[i];
        }
        return p;
    }

    /**
     * Measures the line p(t) = (1 − t)·a + t·b on a grid.
     *
     * @param on the objectives
     * @param a the point at t = 0, d finite values; not modified
     * @param b the point at t = 1, d finite values; not modified
     * @param t the grid, ascending, containing 0 and 1 (e.g. {@link #interpolationGrid})
     * @return the measurements
     */
    public static Line line(Evaluator on, double[] a, double[] b, double[] t) {
        return line(on, a, b, t, k -> { });
    }

    /**
     * Measures the segment, reporting each point as it is measured.
     *
     * @param on the objectives
     * @param a the point at t = 0, d finite values; not modified
     * @param b the point at t = 1, d finite values; not modified
     * @param t the grid, ascending, containing 0 and 1 (e.g. {@link #interpolationGrid})
     * @param progress receives 1 per point measured, t.length in all
     * @return the measurements
     */
    public static Line line(Evaluator on, double[] a, double[] b, double[] t, LongConsumer progress) {
        Vectors.requireFinite(a, "the first endpoint");
        Vectors.requireFinite(b, "the second endpoint");
        for (int i = 1; i < t.length; i++) {
            if (!(t[i] > t[i - 1])) {
                throw new IllegalArgumentException("the grid must be strictly ascending, got " + t[i - 1] + " then " + t[i]);
            }
        }
        indexOf(t, 0.0);
        indexOf(t, 1.0);
        List<Point> points = new ArrayList<>(t.length);
        for (double ti : t) {
            points.add(on.at(interpolate(a, b, ti)));
            progress.accept(1);
        }
        return new Line(t, points);
    }

    /**
     * Measures a plane on the grid alpha × beta.
     *
     * @param on the objectives
     * @param basis the plane
     * @param alpha the α grid, ascending
     * @param beta the β grid, ascending
     * @return the measurements, row-major over (β, α)
     */
    public static Plane plane(Evaluator on, Basis basis, double[] alpha, double[] beta) {
        return plane(on, basis, alpha, beta, k -> { });
    }

    /**
     * Measures a plane on the grid alpha × beta, reporting each point as it is measured.
     *
     * @param on the objectives
     * @param basis the plane
     * @param alpha the α grid, ascending
     * @param beta the β grid, ascending
     * @param progress receives 1 per point measured, alpha.length · beta.length in all
     * @return the measurements, row-major over (β, α)
     */
    public static Plane plane(Evaluator on, Basis basis, double[] alpha, double[] beta, LongConsumer progress) {
        if (basis.origin().length != on.dimension()) {
            throw new IllegalArgumentException("the plane lives in d = " + basis.origin().length + ", the model has d = " + on.dimension());
        }
        List<Point> points = new ArrayList<>(alpha.length * beta.length);
        for (double b : beta) {
            for (double a : alpha) {
                points.add(on.at(basis.point(a, b)));
                progress.accept(1);
            }
        }
        return new Plane(basis, alpha, beta, points);
    }

    /**
     * @param a a point
     * @param b another point of the same length
     * @return ‖b − a‖₂
     */
    public static double distance(double[] a, double[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("the points have " + a.length + " and " + b.length + " values");
        }
        return Vectors.distance(b, a);
    }

    /** The index of an exact grid value; IllegalArgumentException when absent. */
    private static int indexOf(double[] t, double value) {
        for (int i = 0; i < t.length; i++) {
            if (t[i] == value) {
                return i;
            }
        }
        throw new IllegalArgumentException("the grid must contain t = " + value);
    }
}
