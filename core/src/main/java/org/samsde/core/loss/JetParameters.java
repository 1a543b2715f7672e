package org.samsde.core.loss;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The parameters x ∈ ℝᵈ as a {@link JetLoss} sees them: contiguous named slices, each a {@link Jet}
 * whose Taylor series along direction v_j is x[slice] + t·v_j[slice]. Asking for the same slice
 * again returns the same jet; slices may overlap. A slice outside 0…d−1 is an error naming it.
 */
public final class JetParameters {
    final JetTape tape;
    private final int dimension;
    private final double[] x;
    private final double[] v;
    private final Map<Long, Jet> slices = new HashMap<>();
    final List<Jet> order = new ArrayList<>();
    final List<Integer> offsets = new ArrayList<>();

    JetParameters(JetTape tape, double[] x, double[] v) {
        this.tape = tape;
        this.dimension = x.length;
        this.x = x;
        this.v = v;
    }

    /** @return d, the number of parameters */
    public int dimension() {
        return dimension;
    }

    /**
     * @param name what the slice is, for error messages (e.g. {@code "W1"})
     * @param offset its first parameter
     * @param length its number of parameters
     * @return the slice x[offset…offset+length−1]
     * @throws IllegalArgumentException naming the slice when it does not lie within the d parameters
     */
    public Jet slice(String name, int offset, int length) {
        if (offset < 0 || length < 1 || (long) offset + length > dimension) {
            throw new IllegalArgumentException("parameter slice '" + name + "' [" + offset + ", " + ((long) offset + length)
                    + ") does not lie within the " + dimension + " parameters");
        }
        long key = ((long) offset << 32) | length;
        Jet jet = slices.get(key);
        if (jet == null) {
            double[] c = new double[tape.blocks * length];
            System.arraycopy(x, offset, c, 0, length);
            for (int j = 0; j < tape.directions && tape.order > 0; j++) {
                System.arraycopy(v, j * dimension + offset, c, tape.block(1, j) * length, length);
            }
            jet = new Jet(tape, name, c, length, tape.order > 0 ? 1 : 0, true);
            slices.put(key, jet);
            order.add(jet);
            offsets.add(offset);
        }
        return jet;
    }

    /** @return all d parameters as one slice named {@code x} */
    public Jet all() {
        return slice("x", 0, dimension);
    }

    /**
     * @param values constants; not copied, not modified
     * @return a jet of them, constant in t
     */
    public Jet constant(double... values) {
        return new Jet(tape, "a constant", values, values.length, 0, false);
    }
}
