package org.samsde.core.jet;

import org.apache.commons.math3.special.Erf;

/**
 * Elementwise activation functions φ with their derivatives φ′…φ⁗, the data every jet rule needs.
 *
 * <p>{@link #derivatives} fills whole arrays per call: one virtual dispatch per chunk of elements,
 * never per element. ReLU is piecewise linear; its second and higher derivatives are taken as 0
 * (and φ′(0) = 0), so third-order quantities of ReLU networks hold almost everywhere only.
 */
public enum Activation {
    /** φ(z) = z. */
    IDENTITY("identity"),
    /** φ(z) = tanh z. */
    TANH("tanh"),
    /** φ(z) = 1 / (1 + e^{−z}). */
    SIGMOID("sigmoid"),
    /** φ(z) = log(1 + e^z), evaluated stably. */
    SOFTPLUS("softplus"),
    /** φ(z) = z·Φ(z) with Φ the standard normal distribution function (exact GELU, not the tanh approximation). */
    GELU("gelu"),
    /** φ(z) = max(z, 0). */
    RELU("relu");

    /** The highest derivative order available: enough for jets of order {@link JetLayout#MAX_ORDER}. */
    public static final int MAX_DERIVATIVE = JetLayout.MAX_ORDER + 1;

    private static final double INV_SQRT2 = 1.0 / Math.sqrt(2.0);
    private static final double INV_SQRT2PI = 1.0 / Math.sqrt(2.0 * Math.PI);

    private final String specName;

    Activation(String specName) {
        this.specName = specName;
    }

    /** @return the name used in model specifications, e.g. {@code tanh} */
    public String specName() {
        return specName;
    }

    /**
     * Finds an activation by its specification name.
     *
     * @param name a name such as {@code tanh}; case-insensitive
     * @return the activation
     * @throws IllegalArgumentException naming the accepted names when none matches
     */
    public static Activation byName(String name) {
        for (Activation a : values()) {
            if (a.specName.equalsIgnoreCase(name)) {
                return a;
            }
        }
        StringBuilder names = new StringBuilder();
        for (Activation a : values()) {
            names.append(names.length() == 0 ? "" : ", ").append(a.specName);
        }
        throw new IllegalArgumentException("unknown activation '" + name + "' (expected one of " + names + ")");
    }

    /**
     * Computes out[r][i] = φ^{(r)}(z[i]) for r = 0…count−1 and i = 0…n−1.
     *
     * @param z the arguments; not modified
     * @param n how many leading elements of z to use
     * @param count how many derivative orders, 1…{@link #MAX_DERIVATIVE}+1
     * @param out count arrays of length ≥ n; modified
     */
    public void derivatives(double[] z, int n, int count, double[][] out) {
        if (count < 1 || count > MAX_DERIVATIVE + 1) {
            throw new IllegalArgumentException("derivative count must be in 1.." + (MAX_DERIVATIVE + 1));
        }
        switch (this) {
            case IDENTITY -> identity(z, n, count, out);
            case TANH -> tanh(z, n, count, out);
            case SIGMOID -> sigmoid(z, n, count, out);
            case SOFTPLUS -> softplus(z, n, count, out);
            case GELU -> gelu(z, n, count, out);
            case RELU -> relu(z, n, count, out);
            default -> throw new AssertionError(this);
        }
    }

    /**
     * φ^{(r)} at a single point, for tests and scalar code (slow path).
     *
     * @param z the argument
     * @param r the derivative order, 0…{@link #MAX_DERIVATIVE}
     * @return φ^{(r)}(z)
     */
    public double derivative(double z, int r) {
        double[][] out = new double[r + 1][1];
        derivatives(new double[] {z}, 1, r + 1, out);
        return out[r][0];
    }

    private static void identity(double[] z, int n, int count, double[][] out) {
        System.arraycopy(z, 0, out[0], 0, n);
        if (count > 1) {
            java.util.Arrays.fill(out[1], 0, n, 1.0);
        }
        for (int r = 2; r < count; r++) {
            java.util.Arrays.fill(out[r], 0, n, 0.0);
        }
    }

    private static void relu(double[] z, int n, int count, double[][] out) {
        double[] f = out[0];
        for (int i = 0; i < n; i++) {
            f[i] = z[i] > 0 ? z[i] : 0.0;
        }
        if (count > 1) {
            double[] d = out[1];
            for (int i = 0; i < n; i++) {
                d[i] = z[i] > 0 ? 1.0 : 0.0;
            }
        }
        for (int r = 2; r < count; r++) {
            java.util.Arrays.fill(out[r], 0, n, 0.0);
        }
    }

    /**
     * tanh in Java, within 2 ulp of {@link Math#tanh} (which is a native call on Java 17): for
     * |x| ≥ 0.625, 1 − 2/(e^{2|x|} + 1) with the sign of x; below, the rational approximation
     * x + x·z·P(z)/Q(z), z = x², of the Cephes library (Moshier 1989).
     *
     * @param x the argument
     * @return tanh x
     */
    static double tanh(double x) {
        double a = Math.abs(x);
        if (a >= 0.625) {
            double t = 1.0 - 2.0 / (Math.exp(2 * a) + 1.0);
            return x < 0 ? -t : t;
        }
        if (a == 0) {
            return x;
        }
        double z = x * x;
        double p = (-9.64399179425052238628E-1 * z - 9.92877231001918586564E1) * z - 1.61468768441708447952E3;
        double q = ((z + 1.12811678491632931402E2) * z + 2.23548839060100448583E3) * z + 4.84406305325125486048E3;
        return x + x * z * p / q;
    }

    private static void tanh(double[] z, int n, int count, double[][] out) {
        for (int i = 0; i < n; i++) {
            double t = tanh(z[i]);
            out[0][i] = t;
            if (count > 1) {
                double d1 = 1.0 - t * t;
                out[1][i] = d1;
                if (count > 2) {
                    double d2 = -2.0 * t * d1;
                    out[2][i] = d2;
                    if (count > 3) {
                        double d3 = -2.0 * (d1 * d1 + t * d2);
                        out[3][i] = d3;
                        if (count > 4) {
                            out[4][i] = -6.0 * d1 * d2 - 2.0 * t * d3;
                        }
                    }
                }
            }
        }
    }

    /** Writes σ and its derivatives into out[shift…count−1]: out[shift + r] = σ^{(r)}. */
    private static void sigmoidInto(double[] z, int n, int count, double[][] out, int shift) {
        for (int i = 0; i < n; i++) {
            double x = z[i];
            double s = x >= 0 ? 1.0 / (1.0 + Math.exp(-x)) : Math.exp(x) / (1.0 + Math.exp(x));
            out[shift][i] = s;
            if (count > shift + 1) {
                double c = 1.0 - 2.0 * s;
                double d1 = s * (1.0 - s);
                out[shift + 1][i] = d1;
                if (count > shift + 2) {
                    double d2 = d1 * c;
                    out[shift + 2][i] = d2;
                    if (count > shift + 3) {
                        double d3 = d2 * c - 2.0 * d1 * d1;
                        out[shift + 3][i] = d3;
                        if (count > shift + 4) {
                            out[shift + 4][i] = d3 * c - 6.0 * d1 * d2;
                        }
                    }
                }
            }
        }
    }

    private static void sigmoid(double[] z, int n, int count, double[][] out) {
        sigmoidInto(z, n, count, out, 0);
    }

    private static void softplus(double[] z, int n, int count, double[][] out) {
        for (int i = 0; i < n; i++) {
            double x = z[i];
            out[0][i] = Math.max(x, 0.0) + Math.log1p(Math.exp(-Math.abs(x)));
        }
        if (count > 1) {
            sigmoidInto(z, n, count, out, 1);
        }
    }

    private static void gelu(double[] z, int n, int count, double[][] out) {
        for (int i = 0; i < n; i++) {
            double x = z[i];
            double cdf = 0.5 * Erf.erfc(-x * INV_SQRT2);
            double pdf = INV_SQRT2PI * Math.exp(-0.5 * x * x);
            out[0][i] = x * cdf;
            if (count > 1) {
                out[1][i] = cdf + x * pdf;
            }
            if (count > 2) {
                out[2][i] = (2.0 - x * x) * pdf;
            }
            if (count > 3) {
                out[3][i] = (x * x - 4.0) * x * pdf;
            }
            if (count > 4) {
                double x2 = x * x;
                out[4][i] = (-x2 * x2 + 7.0 * x2 - 4.0) * pdf;
            }
        }
    }
}
