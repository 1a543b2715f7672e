package org.samsde.gpu;

import org.bytedeco.javacpp.LongPointer;
import org.bytedeco.javacpp.PointerPointer;

/**
 * The parameter block of one kernel launch, in the form {@code cuLaunchKernel} takes: an array of
 * pointers, the i-th pointing at the value of parameter i. Every kernel parameter is 8 bytes (see
 * {@link Kernel}), so values sit in one native array of longs (doubles as their bit patterns) and
 * the pointer array is fixed at construction. Each value is checked against the kernel's
 * signature as it is added. One instance per thread; reused for every launch.
 *
 * <p>The pointer array is handed to {@code cuLaunchKernel} as a {@link PointerPointer}: the
 * presets' overload taking a plain {@code Pointer} there is {@code @ByPtrPtr} (it would pass the
 * address of the pointer, one indirection too many).
 */
final class KernelArgs {
    /** The most parameters a kernel takes. */
    static final int MAX = 16;

    private final LongPointer values = new LongPointer(MAX);
    private final LongPointer pointers = new LongPointer(MAX);
    private final PointerPointer<?> view = new PointerPointer<>(pointers);
    private Kernel kernel;
    private int count;

    KernelArgs() {
        for (int i = 0; i < MAX; i++) {
            pointers.put(i, values.address() + (long) i * Long.BYTES);
        }
    }

    /**
     * Starts the parameters of a launch.
     *
     * @param k the kernel
     * @return this
     */
    KernelArgs start(Kernel k) {
        if (k.signature().length() > MAX) {
            throw new IllegalStateException("kernel " + k.symbol() + " has more than " + MAX + " parameters");
        }
        kernel = k;
        count = 0;
        return this;
    }

    /**
     * @param v a {@code long long} parameter
     * @return this
     */
    KernelArgs i(long v) {
        return put('I', v);
    }

    /**
     * @param v a {@code double} parameter
     * @return this
     */
    KernelArgs d(double v) {
        return put('D', Double.doubleToRawLongBits(v));
    }

    /**
     * @param address a device pointer parameter (0 for a null pointer)
     * @return this
     */
    KernelArgs p(long address) {
        return put('P', address);
    }

    private KernelArgs put(char kind, long bits) {
        if (kernel == null) {
            throw new IllegalStateException("kernel parameters added before start()");
        }
        String sig = kernel.signature();
        if (count >= sig.length()) {
            throw new IllegalStateException("kernel " + kernel.symbol() + " takes " + sig.length() + " parameters, got more");
        }
        if (sig.charAt(count) != kind) {
            throw new IllegalStateException("parameter " + count + " of kernel " + kernel.symbol() + " is of kind "
                    + sig.charAt(count) + ", got " + kind);
        }
        values.put(count++, bits);
        return this;
    }

    /** @return the kernel of the launch being built */
    Kernel kernel() {
        return kernel;
    }

    /**
     * @return the parameter pointer array for {@code cuLaunchKernel}
     * @throws IllegalStateException when parameters are missing
     */
    PointerPointer<?> parameters() {
        if (kernel == null || count != kernel.signature().length()) {
            throw new IllegalStateException("kernel " + (kernel == null ? "?" : kernel.symbol()) + " takes "
                    + (kernel == null ? 0 : kernel.signature().length()) + " parameters, got " + count);
        }
        return view;
    }

    /**
     * @param i a parameter index
     * @return the raw 8 bytes stored for it (for tests)
     */
    long raw(int i) {
        return values.get(i);
    }

    /**
     * @param i a parameter index
     * @return the address the i-th parameter pointer holds (for tests)
     */
    long pointerTo(int i) {
        return pointers.get(i);
    }

    /** @return the address of the value array (for tests) */
    long valuesAddress() {
        return values.address();
    }
}
