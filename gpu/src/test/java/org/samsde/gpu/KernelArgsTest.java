package org.samsde.gpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The packing of kernel parameters, which needs JavaCPP but no CUDA. */
class KernelArgsTest {

    @Test
    void valuesAreEightByteSlotsAndPointersPointAtThem() {
        KernelArgs args = new KernelArgs();
        args.start(Kernel.AXPY).i(12345678901L).d(-2.5).p(0xdeadbeef00L).p(0);
        assertEquals(12345678901L, args.raw(0));
        assertEquals(Double.doubleToRawLongBits(-2.5), args.raw(1));
        assertEquals(0xdeadbeef00L, args.raw(2));
        assertEquals(0L, args.raw(3));
        for (int i = 0; i < KernelArgs.MAX; i++) {
            assertEquals(args.valuesAddress() + 8L * i, args.pointerTo(i));
        }
        assertEquals(args.pointerTo(0), args.parameters().get(0).address(), "the launch array is the pointer array");
        assertEquals(args.pointerTo(3), args.parameters().get(3).address());
    }

    @Test
    void launchesAreCheckedAgainstTheSignature() {
        KernelArgs args = new KernelArgs();
        IllegalStateException kind = assertThrows(IllegalStateException.class, () -> args.start(Kernel.AXPY).i(1).i(2));
        assertTrue(kind.getMessage().contains("samsde_axpy") && kind.getMessage().contains("parameter 1"), kind.getMessage());
        args.start(Kernel.FILL).i(1).d(0.0);
        IllegalStateException missing = assertThrows(IllegalStateException.class, args::parameters);
        assertTrue(missing.getMessage().contains("takes 3 parameters, got 2"), missing.getMessage());
        args.p(7);
        assertThrows(IllegalStateException.class, () -> args.p(8));
        assertThrows(IllegalStateException.class, () -> new KernelArgs().i(1));
    }

    @Test
    void restartingReusesTheBlock() {
        KernelArgs args = new KernelArgs();
        args.start(Kernel.SCALE).i(3).d(2.0).p(99);
        args.start(Kernel.SCALE).i(4).d(0.5).p(100);
        assertEquals(4, args.raw(0));
        assertEquals(0.5, Double.longBitsToDouble(args.raw(1)));
        assertEquals(Kernel.SCALE, args.kernel());
        args.parameters();
    }
}
