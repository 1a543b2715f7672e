package org.samsde.core.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.samsde.core.InvalidInputException;

/**
 * Selection by name over stand-in providers: {@code cpu} is always there, {@code auto} takes
 * {@code cuda} exactly when its provider says it is available, an unavailable backend is an input
 * error carrying its provider's reason, and an unknown name lists the choices.
 */
class BackendsTest {
    /** What every available stand-in provider creates. */
    private static final CpuBackend OFFERED = CpuBackend.pureJava();

    /** A provider named {@code name} whose backend is {@link #OFFERED}, or unavailable with {@code reason}. */
    private record Stub(String name, String reason) implements BackendProvider {
        @Override
        public String unavailableReason() {
            return reason;
        }

        @Override
        public Backend create() {
            if (reason != null) {
                throw new IllegalStateException(reason);
            }
            return OFFERED;
        }
    }

    @Test
    void cpuIsAlwaysThere() {
        assertSame(CpuBackend.get(), Backends.select("cpu"));
        assertSame(CpuBackend.get(), Backends.select(" CPU "));
        assertNull(Backends.unavailableReason("cpu"));
        assertNull(Backends.unavailableReason("auto"));
        assertTrue(Backends.names().containsAll(List.of("cpu", "auto")));
    }

    @Test
    void autoTakesCudaExactlyWhenItsProviderSaysItIsAvailable() {
        assertSame(OFFERED, Backends.select("auto", List.of(new Stub("cuda", null))));
        assertSame(CpuBackend.get(), Backends.select("auto", List.of(new Stub("cuda", "CUDA is not available: no device"))));
        assertSame(CpuBackend.get(), Backends.select("AUTO", List.of()));
        assertSame(CpuBackend.get(), Backends.select("auto", List.of(new Stub("other", null))), "auto considers cuda only");
    }

    @Test
    void anUnavailableBackendIsAnInputErrorCarryingItsReason() {
        List<BackendProvider> providers = List.of(new Stub("cuda", "CUDA is not available: no device"));
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> Backends.select("cuda", providers));
        assertEquals("backend cuda cannot be used: CUDA is not available: no device", e.getMessage());
        assertEquals("CUDA is not available: no device", Backends.unavailableReason("Cuda", providers));
        assertSame(OFFERED, Backends.select(" Cuda ", List.of(new Stub("cuda", null))));
    }

    @Test
    void unknownNamesListTheChoices() {
        List<BackendProvider> providers = List.of(new Stub("cuda", null), new Stub("cuda", null), new Stub("tpu2", "x"));
        assertEquals(List.of("cpu", "auto", "cuda", "tpu2"), Backends.names(providers));
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> Backends.select("tpu", providers));
        assertEquals("unknown backend 'tpu' (expected one of cpu, auto, cuda, tpu2)", e.getMessage());
        assertEquals("no provider of backend 'tpu' is on the class path", Backends.unavailableReason("tpu", providers));
        assertThrows(InvalidInputException.class, () -> Backends.select(null));
        InvalidInputException none = assertThrows(InvalidInputException.class, () -> Backends.select("cuda", List.of()));
        assertEquals("unknown backend 'cuda' (expected one of cpu, auto)", none.getMessage());
    }
}
