package org.samsde.gpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ServiceLoader;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.samsde.core.InvalidInputException;
import org.samsde.core.tensor.Backend;
import org.samsde.core.tensor.BackendProvider;
import org.samsde.core.tensor.Backends;

/**
 * Discovery, availability and selection of the CUDA backend through core's {@link Backends}, on any
 * machine: with CUDA absent every path says why in one line; with CUDA present {@code auto} picks
 * it. (Selection over stand-in providers is core's {@code BackendsTest}.)
 */
class SelectionTest {

    @Test
    void theProviderIsFoundThroughServiceLoader() {
        BackendProvider cuda = null;
        for (BackendProvider p : ServiceLoader.load(BackendProvider.class)) {
            if (p.name().equals("cuda")) {
                cuda = p;
            }
        }
        assertInstanceOf(CudaBackendProvider.class, cuda);
        assertEquals(CudaBackend.unavailableReason(), cuda.unavailableReason());
        assertTrue(Backends.names().containsAll(java.util.List.of("cpu", "auto", "cuda")));
    }

    @Test
    void theReasonIsOneLineAndStable() {
        String reason = CudaBackend.unavailableReason();
        assertSame(reason, CudaBackend.unavailableReason(), "probed once");
        if (reason != null) {
            assertFalse(reason.contains("\n") || reason.contains("\r"), reason);
            assertTrue(reason.startsWith("CUDA is not available: "), reason);
            assertFalse(CudaBackend.isAvailable());
        }
    }

    @Test
    void autoTakesCudaExactlyWhenItIsAvailable() {
        Backend auto = Backends.select("auto");
        assertEquals(CudaBackend.isAvailable() ? "cuda" : "cpu", auto.name());
    }

    @Test
    void cudaWithoutADeviceIsAnInputErrorCarryingTheReason() {
        String reason = CudaBackend.unavailableReason();
        Assumptions.assumeTrue(reason != null, "CUDA is available here");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> Backends.select("cuda"));
        assertEquals("backend cuda cannot be used: " + reason, e.getMessage());
        assertEquals(reason, Backends.unavailableReason("cuda"));
        IllegalStateException direct = assertThrows(IllegalStateException.class, CudaBackend::get);
        assertEquals(reason, direct.getMessage());
        assertThrows(IllegalStateException.class, () -> new CudaBackendProvider().create());
    }

    @Test
    void loadFailuresAreDescribedByTheirMostSpecificCause() {
        UnsatisfiedLinkError top = new UnsatisfiedLinkError("no jnicudart in java.library.path: /usr/lib");
        top.initCause(new UnsatisfiedLinkError("/root/.javacpp/cache/cuda.jar/org/bytedeco/cuda/linux-x86_64/libjnicudart.so:"
                + " libcuda.so.1: cannot open shared object file: No such file or directory"));
        assertEquals("libcuda.so.1: cannot open shared object file: No such file or directory", Availability.describe(top));
        assertEquals("NoClassDefFoundError", Availability.describe(new NoClassDefFoundError()));
        assertEquals("a b", Availability.describe(new UnsatisfiedLinkError("a\n  b")));
    }

    @Test
    void exceptionsNameTheCallAndTheStatus() {
        CudaException e = new CudaException("cublasDgemm_v2(m=2, n=3, k=4)", 7, "CUBLAS_STATUS_INVALID_VALUE", "an invalid value was used");
        assertEquals("cublasDgemm_v2(m=2, n=3, k=4) failed: CUBLAS_STATUS_INVALID_VALUE (7): an invalid value was used", e.getMessage());
        assertEquals("cublasDgemm_v2(m=2, n=3, k=4)", e.call());
        assertEquals(7, e.status());
        assertEquals("CUBLAS_STATUS_INVALID_VALUE", e.statusName());
        assertEquals("x failed: y (1)", new CudaException("x", 1, "y", "").getMessage());
    }

    @Test
    void deviceErrorsBecomeTheCpuBackendsExceptions() {
        RuntimeException label = CudaBackend.deviceError(1, 4, 10.0, 10);
        assertInstanceOf(IllegalArgumentException.class, label);
        assertEquals("label 10.0 of row 4 is not a class in 0..9", label.getMessage());
        assertInstanceOf(IllegalArgumentException.class, CudaBackend.deviceError(2, 0, 0.5, 2));
        assertInstanceOf(IndexOutOfBoundsException.class, CudaBackend.deviceError(3, 1, -1.0, 0));
        assertInstanceOf(IllegalStateException.class, CudaBackend.deviceError(99, 0, 0, 0));
    }

    @Test
    void sizeClassesRoundUp() {
        assertEquals(512, DeviceMemory.sizeClass(0));
        assertEquals(512, DeviceMemory.sizeClass(8));
        assertEquals(1024, DeviceMemory.sizeClass(513));
        assertEquals(1L << 20, DeviceMemory.sizeClass((1L << 20) - 1));
        assertEquals(2L << 20, DeviceMemory.sizeClass((1L << 20) + 1));
        assertEquals(4L << 20, DeviceMemory.sizeClass((2L << 20) + 1));
        assertThrows(IllegalArgumentException.class, () -> DeviceMemory.sizeClass(-1));
    }
}
