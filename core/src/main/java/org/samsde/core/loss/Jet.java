package org.samsde.core.loss;

import java.util.ArrayList;
import java.util.List;

import org.samsde.core.jet.Activation;

/**
 * A vector of jet numbers: values that carry, besides themselves, their truncated Taylor series
 * along the directions of a Taylor pass, so that a loss written with them is differentiated
 * exactly. A {@link JetLoss} builds its per-sample loss from the parameter slices that
 * {@link JetParameters#slice} hands out, with the operations of this class; a scalar is a jet of
 * length 1.
 *
 * <p>Each operation is the truncated Taylor arithmetic of the built-in models: for every quantity
 * y(x + t·v_j) the jet holds y₀ and y_k^{(j)} for k = 1…K (K ≤ 3); products are Cauchy products
 * truncated at t^K, and elementwise functions φ use φ′…φ^{(K+1)} in Faà di Bruno's formula. The
 * operations are recorded, and a reverse sweep over the record gives the Taylor coefficients of
 * ∇f(x + t·v_j), so that ∇f, H·v, ½·T[v,v] and ⅙·∇⁴f[v,v,v] come out exactly, without any
 * hand-written derivative.
 *
 * <p>Elementwise binary operations take operands of equal length, or one of length 1, which is
 * broadcast. Matrices are row-major slices: {@link #matVec(int, int, Jet)} reads this jet as a
 * rows × cols matrix. A wrong length is an {@link IllegalArgumentException} naming the slices
 * involved. Jets belong to one sample: keep none from one call of the loss to the next.
 */
public final class Jet {
    /** How one derived jet pushes its adjoint series back to its inputs. */
    private interface Pull {
        void pull(double[] adjoint);
    }

    /** Elementwise function values and derivatives, as {@link Activation#derivatives} computes them. */
    private interface Elementwise {
        void derivatives(double[] z, int n, int count, double[][] out);
    }

    final JetTape tape;
    final int length;
    /** The coefficients, block-major as in {@link org.samsde.core.jet.JetLayout}; only blocks up to {@link #degree} are read. */
    final double[] c;
    /** The highest order whose coefficients may be nonzero (0: constant in t, 1: a parameter slice). */
    final int degree;
    final boolean needsAdjoint;
    /**
     * Whether the jet depends on the parameters only and lives for the whole chunk: a parameter
     * slice, or a jet computed from persistent jets alone on the chunk's first sample and handed
     * again to every later sample that repeats the operation ({@link JetTape}).
     */
    final boolean persistent;
    private final int epoch;
    private final String name;
    private final String op;
    private final double arg;
    private final long shape;
    private final Jet[] inputs;
    /** The persistent jets computed from this one as first input; null while there are none. */
    private List<Jet> derived;
    double[] adj;
    private Pull pull;

    /** A leaf: a parameter slice (degree 1, with an adjoint) or a constant (degree 0, none). */
    Jet(JetTape tape, String name, double[] c, int length, int degree, boolean needsAdjoint) {
        this.tape = tape;
        this.length = length;
        this.c = c;
        this.degree = degree;
        this.needsAdjoint = needsAdjoint;
        this.persistent = needsAdjoint;
        this.epoch = -1;
        this.name = name;
        this.op = null;
        this.arg = 0;
        this.shape = 0;
        this.inputs = null;
        this.adj = needsAdjoint ? new double[tape.blocks * length] : null;
    }

    /**
     * A derived jet: op applied to the inputs with the scalar argument arg (a factor, a summand, an
     * exponent) and the integer argument shape (matVec's rows, slice bounds). When all inputs are
     * persistent and the chunk is at its first sample, it is persistent: kept by its first input
     * for {@link #cached} and by the tape, which sweeps it once at the end of the chunk; otherwise
     * it belongs to the current sample and, if it needs an adjoint, is recorded on its tape.
     */
    private Jet(JetTape tape, int length, int degree, String op, double arg, long shape, Jet... inputs) {
        this.tape = tape;
        this.length = length;
        this.c = new double[tape.blocks * length];
        this.degree = degree;
        this.name = null;
        this.op = op;
        this.arg = arg;
        this.shape = shape;
        this.inputs = inputs;
        boolean needs = false;
        boolean allPersistent = true;
        for (Jet in : inputs) {
            needs |= in.needsAdjoint;
            allPersistent &= in.persistent;
        }
        this.needsAdjoint = needs;
        this.persistent = allPersistent && tape.firstSample();
        this.epoch = persistent ? -1 : tape.epoch();
        if (persistent) {
            Jet first = inputs[0];
            if (first.derived == null) {
                first.derived = new ArrayList<>();
            }
            first.derived.add(this);
            tape.keep(this);
        } else if (needs) {
            tape.record(this);
        }
    }

    /**
     * The cache of parameter-only work: the persistent jet that op with these arguments made from
     * this jet (and b, when binary) on the chunk's first sample.
     *
     * @return that jet, or null when there is none (or an input is not persistent)
     */
    private Jet cached(String op, double arg, long shape, Jet b) {
        if (derived == null || (b != null && !b.persistent)) {
            return null;
        }
        for (Jet d : derived) {
            if (d.op.equals(op) && Double.compare(d.arg, arg) == 0 && d.shape == shape
                    && (b == null ? d.inputs.length == 1 : d.inputs.length == 2 && d.inputs[1] == b)) {
                return d;
            }
        }
        return null;
    }

    /** @return the number of elements */
    public int length() {
        return length;
    }

    /**
     * @param i the element
     * @return its value (the zeroth Taylor coefficient)
     */
    public double value(int i) {
        if (i < 0 || i >= length) {
            throw new IndexOutOfBoundsException("element " + i + " of " + describe() + ", which has " + length);
        }
        return c[i];
    }

    /** @return the value of a scalar jet */
    public double value() {
        if (length != 1) {
            throw new IllegalStateException(describe() + " has " + length + " elements, not one");
        }
        return c[0];
    }

    // ---- elementwise arithmetic ----

    /** @param b the other operand @return this + b, elementwise */
    public Jet plus(Jet b) {
        return add(b, 1.0, "plus");
    }

    /** @param b the other operand @return this − b, elementwise */
    public Jet minus(Jet b) {
        return add(b, -1.0, "minus");
    }

    /** @param b the other operand @return this ⊙ b, elementwise */
    public Jet times(Jet b) {
        return product(b, broadcastLength(b, "times"), "times");
    }

    /** @param b the divisor @return this / b, elementwise */
    public Jet div(Jet b) {
        broadcastLength(b, "div");
        return times(b.reciprocal());
    }

    /** @param s a number @return this + s */
    public Jet plus(double s) {
        Jet hit = cached("plus", s, 0, null);
        if (hit != null) {
            return hit;
        }
        Jet out = new Jet(tape, length, degree, "plus", s, 0, this);
        System.arraycopy(c, 0, out.c, 0, blockLength(degree) * length);
        for (int i = 0; i < length; i++) {
            out.c[i] += s;
        }
        out.pull = zb -> axpy(adjoint(), 0, 1, 1.0, zb, 0, 1, tape.blocks * length);
        return out;
    }

    /** @param s a number @return this − s */
    public Jet minus(double s) {
        return plus(-s);
    }

    /** @param s a number @return s·this */
    public Jet times(double s) {
        Jet hit = cached("times", s, 0, null);
        if (hit != null) {
            return hit;
        }
        Jet out = new Jet(tape, length, degree, "times", s, 0, this);
        int n = blockLength(degree) * length;
        for (int i = 0; i < n; i++) {
            out.c[i] = s * c[i];
        }
        out.pull = zb -> axpy(adjoint(), 0, 1, s, zb, 0, 1, tape.blocks * length);
        return out;
    }

    /** @param s a nonzero number @return this / s */
    public Jet div(double s) {
        return times(1.0 / s);
    }

    /** @param b constants of the same length (or one) @return this + b, elementwise */
    public Jet plus(double[] b) {
        return plus(constant(b));
    }

    /** @param b constants of the same length (or one) @return this − b, elementwise */
    public Jet minus(double[] b) {
        return minus(constant(b));
    }

    /** @param b constants of the same length (or one) @return this ⊙ b, elementwise */
    public Jet times(double[] b) {
        return times(constant(b));
    }

    /** @return −this */
    public Jet negate() {
        return times(-1.0);
    }

    /** @return this ⊙ this */
    public Jet square() {
        return times(this);
    }

    /** @return 1 / this, elementwise */
    public Jet reciprocal() {
        return pow(-1.0);
    }

    /**
     * @param e the exponent
     * @return this^e, elementwise (for a non-integer e, defined where this is positive)
     */
    public Jet pow(double e) {
        if (e == 1.0) {
            return times(1.0);
        }
        if (e == 2.0) {
            return square();
        }
        return apply((z, n, count, out) -> {
            for (int i = 0; i < n; i++) {
                double u = z[i];
                double f = 1.0;
                for (int r = 0; r < count; r++) {
                    out[r][i] = f == 0.0 ? 0.0 : f * (r == 0 && e == 0.5 ? Math.sqrt(u) : Math.pow(u, e - r));
                    f *= e - r;
                }
            }
        }, "pow", e);
    }

    /** @return √this, elementwise (defined where this is positive) */
    public Jet sqrt() {
        return pow(0.5);
    }

    /** @return e^this, elementwise */
    public Jet exp() {
        return apply((z, n, count, out) -> {
            for (int i = 0; i < n; i++) {
                double e = Math.exp(z[i]);
                for (int r = 0; r < count; r++) {
                    out[r][i] = e;
                }
            }
        }, "exp", 0);
    }

    /** @return the natural logarithm, elementwise (defined where this is positive) */
    public Jet log() {
        return apply((z, n, count, out) -> {
            for (int i = 0; i < n; i++) {
                double u = z[i];
                out[0][i] = Math.log(u);
                double inv = 1.0 / u;
                double f = inv;
                for (int r = 1; r < count; r++) {
                    out[r][i] = f;
                    f *= -r * inv;
                }
            }
        }, "log", 0);
    }

    /** @return |this|, elementwise; smooth away from 0 (derivatives of order ≥ 2 are 0) */
    public Jet abs() {
        return apply((z, n, count, out) -> {
            for (int i = 0; i < n; i++) {
                out[0][i] = Math.abs(z[i]);
                if (count > 1) {
                    out[1][i] = Math.signum(z[i]);
                }
                for (int r = 2; r < count; r++) {
                    out[r][i] = 0.0;
                }
            }
        }, "abs", 0);
    }

    /** @return tanh, elementwise */
    public Jet tanh() {
        return apply(Activation.TANH);
    }

    /** @return the logistic sigmoid 1/(1 + e^{−x}), elementwise */
    public Jet sigmoid() {
        return apply(Activation.SIGMOID);
    }

    /** @return softplus log(1 + e^x), elementwise, evaluated stably */
    public Jet softplus() {
        return apply(Activation.SOFTPLUS);
    }

    /**
     * @param activation an activation of the built-in models
     * @return it applied elementwise
     */
    public Jet apply(Activation activation) {
        return apply(activation::derivatives, activation.specName(), 0);
    }

    // ---- reductions and products ----

    /** @return Σᵢ thisᵢ, a scalar */
    public Jet sum() {
        Jet hit = cached("sum", 0, 0, null);
        if (hit != null) {
            return hit;
        }
        Jet out = new Jet(tape, 1, degree, "sum", 0, 0, this);
        forBlocks(degree, (o1, o) -> axpy(out.c, o1, 0, 1.0, c, o * length, 1, length));
        out.pull = zb -> forBlocks(tape.order, (o1, o) -> axpy(adjoint(), o * length, 1, 1.0, zb, o1, 0, length));
        return out;
    }

    /** @param b a jet of the same length @return ⟨this, b⟩, a scalar */
    public Jet dot(Jet b) {
        sameTape(b);
        if (b.length != length) {
            throw new IllegalArgumentException("dot: " + describe() + " has " + length + " elements but " + b.describe()
                    + " has " + b.length);
        }
        return product(b, 1, "dot");
    }

    /** @param b constants of the same length @return ⟨this, b⟩, a scalar */
    public Jet dot(double[] b) {
        return dot(constant(b));
    }

    /**
     * Reads this jet as a row-major rows × cols matrix M and multiplies it with x.
     *
     * @param rows the rows of M
     * @param cols the columns of M
     * @param x a jet of length cols
     * @return M·x, of length rows
     */
    public Jet matVec(int rows, int cols, Jet x) {
        sameTape(x);
        if (rows < 1 || cols < 1 || (long) rows * cols != length) {
            throw new IllegalArgumentException("matVec: " + describe() + " has " + length + " elements, not " + rows + " × " + cols);
        }
        if (x.length != cols) {
            throw new IllegalArgumentException("matVec: " + x.describe() + " has " + x.length + " elements but " + describe()
                    + " has " + cols + " columns");
        }
        Jet a = this;
        int deg = Math.min(tape.order, degree + x.degree);
        Jet hit = cached("matVec", 0, rows, x);
        if (hit != null) {
            return hit;
        }
        Jet out = new Jet(tape, rows, deg, "matVec", 0, rows, this, x);
        seriesLoop(deg, degree, x.degree, (k, j, p, q) ->
                gemv(out.c, tape.block(k, j) * rows, a.c, tape.block(p, j) * length, x.c, tape.block(q, j) * cols, rows, cols));
        out.pull = zb -> {
            if (a.needsAdjoint) {
                double[] ab = a.adjoint();
                seriesLoop(tape.order, tape.order, x.degree, (k, j, p, q) ->
                        ger(ab, tape.block(k, j) * length, zb, tape.block(p, j) * rows, x.c, tape.block(q, j) * cols, rows, cols));
            }
            if (x.needsAdjoint) {
                double[] xb = x.adjoint();
                seriesLoop(tape.order, a.degree, tape.order, (k, j, p, q) ->
                        gemvT(xb, tape.block(k, j) * cols, a.c, tape.block(p, j) * length, zb, tape.block(q, j) * rows, rows, cols));
            }
        };
        return out;
    }

    /**
     * @param rows the rows of M
     * @param cols the columns of M
     * @param x constants, cols of them
     * @return M·x for this jet read as a row-major rows × cols matrix M
     */
    public Jet matVec(int rows, int cols, double[] x) {
        return matVec(rows, cols, constant(x));
    }

    /**
     * @param m a constant row-major rows × cols matrix; not copied, not modified
     * @param rows its rows
     * @param cols its columns
     * @return m·this, of length rows
     */
    public Jet leftMul(double[] m, int rows, int cols) {
        if (m.length != (long) rows * cols) {
            throw new IllegalArgumentException("leftMul: the constant matrix has " + m.length + " elements, not " + rows + " × " + cols);
        }
        return new Jet(tape, "a constant matrix", m, m.length, 0, false).matVec(rows, cols, this);
    }

    /**
     * @param i an element
     * @return element i as a scalar jet
     */
    public Jet get(int i) {
        return slice(i, 1);
    }

    /**
     * @param from the first element
     * @param count how many elements
     * @return elements from…from+count−1
     */
    public Jet slice(int from, int count) {
        if (from < 0 || count < 1 || from + count > length) {
            throw new IllegalArgumentException("slice [" + from + ", " + (from + count) + ") of " + describe() + ", which has "
                    + length + " elements");
        }
        long bounds = ((long) from << 32) | count;
        Jet hit = cached("slice", 0, bounds, null);
        if (hit != null) {
            return hit;
        }
        Jet out = new Jet(tape, count, degree, "slice", 0, bounds, this);
        forBlocks(degree, (o1, o) -> System.arraycopy(c, o * length + from, out.c, o1 * count, count));
        out.pull = zb -> forBlocks(tape.order, (o1, o) -> axpy(adjoint(), o * length + from, 1, 1.0, zb, o1 * count, 1, count));
        return out;
    }

    /** @return log Σᵢ e^{thisᵢ}, a scalar, shifted by the largest value for stability */
    public Jet logSumExp() {
        double m = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < length; i++) {
            m = Math.max(m, c[i]);
        }
        return minus(m).exp().sum().log().plus(m);
    }

    @Override
    public String toString() {
        return describe();
    }

    // ---- machinery ----

    /** @return the adjoint series, allocated on first use */
    double[] adjoint() {
        if (adj == null) {
            adj = new double[tape.blocks * length];
        }
        return adj;
    }

    int epoch() {
        return epoch;
    }

    void pullBack() {
        if (adj != null && pull != null) {
            pull.pull(adj);
        }
    }

    private Jet constant(double[] values) {
        return new Jet(tape, "a constant", values, values.length, 0, false);
    }

    /** @return a description naming the slices it was computed from */
    String describe() {
        return describe(3);
    }

    private String describe(int depth) {
        if (name != null) {
            return name.startsWith("a constant") ? name : "'" + name + "'";
        }
        if (depth == 0) {
            return op + "(…)";
        }
        StringBuilder s = new StringBuilder(op).append('(');
        for (int i = 0; i < inputs.length; i++) {
            s.append(i == 0 ? "" : ", ").append(inputs[i].describe(depth - 1));
        }
        return s.append(')').toString();
    }

    private void sameTape(Jet b) {
        if (b.tape != tape) {
            throw new IllegalArgumentException(b.describe() + " belongs to another evaluation than " + describe());
        }
        if ((b.epoch >= 0 && b.epoch != tape.epoch()) || (epoch >= 0 && epoch != tape.epoch())) {
            throw new IllegalArgumentException("a jet of an earlier sample was used: " + (epoch >= 0 && epoch != tape.epoch() ? describe() : b.describe())
                    + "; build every jet inside the loss function");
        }
    }

    private int broadcastLength(Jet b, String what) {
        sameTape(b);
        if (length != b.length && length != 1 && b.length != 1) {
            throw new IllegalArgumentException(what + ": " + describe() + " has " + length + " elements but " + b.describe()
                    + " has " + b.length);
        }
        return Math.max(length, b.length);
    }

    /** The number of blocks up to order k. */
    private int blockLength(int k) {
        return k == 0 ? 1 : 1 + k * tape.directions;
    }

    private Jet add(Jet b, double s, String what) {
        int len = broadcastLength(b, what);
        Jet a = this;
        int deg = Math.max(degree, b.degree);
        Jet hit = cached(what, s, 0, b);
        if (hit != null) {
            return hit;
        }
        Jet out = new Jet(tape, len, deg, what, s, 0, this, b);
        forBlocks(degree, (o1, o) -> axpy(out.c, o * len, 1, 1.0, a.c, o * a.length, a.length == len ? 1 : 0, len));
        forBlocks(b.degree, (o1, o) -> axpy(out.c, o * len, 1, s, b.c, o * b.length, b.length == len ? 1 : 0, len));
        out.pull = zb -> {
            if (a.needsAdjoint) {
                forBlocks(tape.order, (o1, o) -> axpy(a.adjoint(), o * a.length, a.length == len ? 1 : 0, 1.0, zb, o * len, 1, len));
            }
            if (b.needsAdjoint) {
                forBlocks(tape.order, (o1, o) -> axpy(b.adjoint(), o * b.length, b.length == len ? 1 : 0, s, zb, o * len, 1, len));
            }
        };
        return out;
    }

    /** The Cauchy product this·b elementwise, summed to one element when outLength is 1 and the operands are longer. */
    private Jet product(Jet b, int outLength, String what) {
        Jet a = this;
        int len = Math.max(length, b.length);
        int deg = Math.min(tape.order, degree + b.degree);
        Jet hit = cached(what, 0, 0, b);
        if (hit != null) {
            return hit;
        }
        Jet out = new Jet(tape, outLength, deg, what, 0, 0, this, b);
        seriesMul(out.c, outLength, deg, a.c, a.length, a.degree, b.c, b.length, b.degree, len);
        out.pull = zb -> {
            if (a.needsAdjoint) {
                seriesMul(a.adjoint(), a.length, tape.order, zb, outLength, tape.order, b.c, b.length, b.degree, len);
            }
            if (b.needsAdjoint) {
                seriesMul(b.adjoint(), b.length, tape.order, zb, outLength, tape.order, a.c, a.length, a.degree, len);
            }
        };
        return out;
    }

    /** φ applied elementwise; arg is φ's parameter (the exponent of pow), part of the cache key. */
    private Jet apply(Elementwise f, String what, double arg) {
        Jet hit = cached(what, arg, 0, null);
        if (hit != null) {
            return hit;
        }
        int order = tape.order;
        int count = order + 2;
        double[][] dv = new double[count][length];
        f.derivatives(c, length, count, dv);
        int deg = degree == 0 ? 0 : order;
        Jet out = new Jet(tape, length, deg, what, arg, 0, this);
        // p holds the series of φ′(u(t)), which the reverse sweep multiplies with the adjoint
        double[] p = new double[tape.blocks * length];
        System.arraycopy(dv[0], 0, out.c, 0, length);
        System.arraycopy(dv[1], 0, p, 0, length);
        for (int j = 0; j < tape.directions && deg > 0; j++) {
            int o1 = tape.block(1, j) * length;
            int o2 = order >= 2 ? tape.block(2, j) * length : -1;
            int o3 = order >= 3 ? tape.block(3, j) * length : -1;
            for (int i = 0; i < length; i++) {
                double u1 = c[o1 + i];
                double u2 = degree >= 2 ? c[o2 + i] : 0.0;
                double u3 = degree >= 3 ? c[o3 + i] : 0.0;
                double d1 = dv[1][i];
                double d2 = dv[2][i];
                out.c[o1 + i] = d1 * u1;
                p[o1 + i] = d2 * u1;
                if (order >= 2) {
                    double d3 = dv[3][i];
                    out.c[o2 + i] = d1 * u2 + 0.5 * d2 * u1 * u1;
                    p[o2 + i] = d2 * u2 + 0.5 * d3 * u1 * u1;
                    if (order >= 3) {
                        double d4 = dv[4][i];
                        out.c[o3 + i] = d1 * u3 + d2 * u1 * u2 + d3 * u1 * u1 * u1 / 6.0;
                        p[o3 + i] = d2 * u3 + d3 * u1 * u2 + d4 * u1 * u1 * u1 / 6.0;
                    }
                }
            }
        }
        Jet a = this;
        out.pull = zb -> seriesMul(a.adjoint(), length, order, zb, length, order, p, length, deg, length);
        return out;
    }

    /** Calls body(block of order k and direction j in the output, same block index) for every block up to order deg. */
    private void forBlocks(int deg, BlockBody body) {
        int n = blockLength(deg);
        for (int b = 0; b < n; b++) {
            body.run(b, b);
        }
    }

    private interface BlockBody {
        void run(int outBlock, int block);
    }

    private interface Term {
        void run(int k, int j, int p, int q);
    }

    /** For each output order k ≤ deg, direction j and split k = p + q with p ≤ da, q ≤ db. */
    private void seriesLoop(int deg, int da, int db, Term term) {
        for (int k = 0; k <= deg; k++) {
            int dirs = k == 0 ? 1 : tape.directions;
            for (int j = 0; j < dirs; j++) {
                for (int p = Math.max(0, k - db); p <= Math.min(k, da); p++) {
                    term.run(k, j, p, k - p);
                }
            }
        }
    }

    /**
     * dst(k, j) += Σ_{p+q=k} a(p, j)·b(q, j) elementwise for k ≤ dd; an operand of length 1 (or a
     * destination of length 1) is broadcast (summed into).
     */
    private void seriesMul(double[] dst, int ld, int dd, double[] a, int la, int da, double[] b, int lb, int db, int len) {
        int sd = ld == len ? 1 : 0;
        int sa = la == len ? 1 : 0;
        int sb = lb == len ? 1 : 0;
        // the loops of seriesLoop, written out: this is the hot path of scalar jets
        for (int k = 0; k <= dd; k++) {
            int dirs = k == 0 ? 1 : tape.directions;
            for (int j = 0; j < dirs; j++) {
                int od = tape.block(k, j) * ld;
                for (int p = Math.max(0, k - db); p <= Math.min(k, da); p++) {
                    fma(dst, od, sd, a, tape.block(p, j) * la, sa, b, tape.block(k - p, j) * lb, sb, len);
                }
            }
        }
    }

    /**
     * dst[od + i·sd] += a[oa + i·sa]·b[ob + i·sb] for i &lt; len, each stride 0 or 1; a destination of
     * stride 0 sums. Every case is a plain loop the JIT vectorises, or a sum with four partial sums.
     */
    private static void fma(double[] dst, int od, int sd, double[] a, int oa, int sa, double[] b, int ob, int sb, int len) {
        if (len == 1) {
            dst[od] += a[oa] * b[ob];
        } else if (sd == 0) {
            if (sa == 0 && sb == 0) {
                dst[od] += len * a[oa] * b[ob];
            } else if (sa == 0) {
                dst[od] += a[oa] * sum(b, ob, len);
            } else if (sb == 0) {
                dst[od] += b[ob] * sum(a, oa, len);
            } else {
                dst[od] += dot(a, oa, b, ob, len);
            }
        } else if (sa == 1 && sb == 1) {
            for (int i = 0; i < len; i++) {
                dst[od + i] += a[oa + i] * b[ob + i];
            }
        } else if (sb == 1) {
            axpy(dst, od, 1, a[oa], b, ob, 1, len);
        } else if (sa == 1) {
            axpy(dst, od, 1, b[ob], a, oa, 1, len);
        } else {
            double v = a[oa] * b[ob];
            for (int i = 0; i < len; i++) {
                dst[od + i] += v;
            }
        }
    }

    /** @return Σ a[oa + i]·b[ob + i] for i &lt; len, with four independent partial sums */
    private static double dot(double[] a, int oa, double[] b, int ob, int len) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int i = 0;
        for (; i + 3 < len; i += 4) {
            s0 += a[oa + i] * b[ob + i];
            s1 += a[oa + i + 1] * b[ob + i + 1];
            s2 += a[oa + i + 2] * b[ob + i + 2];
            s3 += a[oa + i + 3] * b[ob + i + 3];
        }
        for (; i < len; i++) {
            s0 += a[oa + i] * b[ob + i];
        }
        return (s0 + s1) + (s2 + s3);
    }

    /** @return Σ a[oa + i] for i &lt; len, with four independent partial sums */
    private static double sum(double[] a, int oa, int len) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int i = 0;
        for (; i + 3 < len; i += 4) {
            s0 += a[oa + i];
            s1 += a[oa + i + 1];
            s2 += a[oa + i + 2];
            s3 += a[oa + i + 3];
        }
        for (; i < len; i++) {
            s0 += a[oa + i];
        }
        return (s0 + s1) + (s2 + s3);
    }

    /** dst[od + i·sd] += s·src[os + i·ss] for i &lt; len, strides 0 or 1; a destination of stride 0 sums. */
    private static void axpy(double[] dst, int od, int sd, double s, double[] src, int os, int ss, int len) {
        if (sd == 0) {
            dst[od] += s * (ss == 1 ? sum(src, os, len) : len * src[os]);
        } else if (ss == 1) {
            for (int i = 0; i < len; i++) {
                dst[od + i] += s * src[os + i];
            }
        } else {
            double v = s * src[os];
            for (int i = 0; i < len; i++) {
                dst[od + i] += v;
            }
        }
    }

    /** y[oy…] += M·x for M rows × cols at om; four rows at a time, sharing the loads of x. */
    private static void gemv(double[] y, int oy, double[] m, int om, double[] x, int ox, int rows, int cols) {
        int r = 0;
        for (; r + 3 < rows; r += 4) {
            int b0 = om + r * cols;
            int b1 = b0 + cols;
            int b2 = b1 + cols;
            int b3 = b2 + cols;
            double s0 = 0;
            double s1 = 0;
            double s2 = 0;
            double s3 = 0;
            for (int q = 0; q < cols; q++) {
                double xq = x[ox + q];
                s0 += m[b0 + q] * xq;
                s1 += m[b1 + q] * xq;
                s2 += m[b2 + q] * xq;
                s3 += m[b3 + q] * xq;
            }
            y[oy + r] += s0;
            y[oy + r + 1] += s1;
            y[oy + r + 2] += s2;
            y[oy + r + 3] += s3;
        }
        for (; r < rows; r++) {
            y[oy + r] += dot(m, om + r * cols, x, ox, cols);
        }
    }

    /** y[oy…] += Mᵀ·z for M rows × cols at om. */
    private static void gemvT(double[] y, int oy, double[] m, int om, double[] z, int oz, int rows, int cols) {
        for (int r = 0; r < rows; r++) {
            double zr = z[oz + r];
            if (zr == 0.0) {
                continue;
            }
            int base = om + r * cols;
            for (int q = 0; q < cols; q++) {
                y[oy + q] += m[base + q] * zr;
            }
        }
    }

    /** M[om…] += z·xᵀ for M rows × cols. */
    private static void ger(double[] m, int om, double[] z, int oz, double[] x, int ox, int rows, int cols) {
        for (int r = 0; r < rows; r++) {
            double zr = z[oz + r];
            if (zr == 0.0) {
                continue;
            }
            int base = om + r * cols;
            for (int q = 0; q < cols; q++) {
                m[base + q] += zr * x[ox + q];
            }
        }
    }
}
