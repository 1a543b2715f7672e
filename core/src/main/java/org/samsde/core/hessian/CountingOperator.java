package org.samsde.core.hessian;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The argument checks and the application counter every {@link SymmetricOperator} shares
 * (package-private); subclasses supply the product.
 */
abstract class CountingOperator implements SymmetricOperator {
    private final int d;
    private final AtomicLong applications = new AtomicLong();

    CountingOperator(int d) {
        if (d < 1) {
            throw new IllegalArgumentException("an operator needs dimension d >= 1, got " + d);
        }
        this.d = d;
    }

    @Override
    public final int dimension() {
        return d;
    }

    @Override
    public final void apply(double[] vs, int m, double[] out) {
        if (m < 1) {
            throw new IllegalArgumentException("apply needs at least one vector, got m = " + m);
        }
        long need = (long) m * d;
        if (vs.length < need || out.length < need) {
            throw new IllegalArgumentException(m + " vectors of d = " + d + " need " + need + " elements, got "
                    + vs.length + " in and " + out.length + " out");
        }
        if (vs == out) {
            throw new IllegalArgumentException("apply cannot work in place: out must not be the input array");
        }
        product(vs, m, out);
        applications.addAndGet(m);
    }

    @Override
    public final long applications() {
        return applications.get();
    }

    /**
     * out_j ← H·v_j for the first m rows; arguments already checked.
     *
     * @param vs the vectors; not modified
     * @param m how many
     * @param out the products; modified
     */
    abstract void product(double[] vs, int m, double[] out);
}
