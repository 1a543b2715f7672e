package org.samsde.gpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.samsde.core.tensor.Backends;

/** The CUDA backend contract on the GPU, plus what needs a real device: its description and selection. */
@Tag("gpu")
class CudaBackendTest extends CudaBackendContract {
    @Override
    CudaBackend candidate() {
        return GpuAssumptions.cuda();
    }

    @Test
    void describesTheDevice() {
        assertEquals("cuda", gpu.name());
        assertTrue(gpu.description().startsWith("cuda (" + gpu.deviceName() + ", compute "), gpu.description());
        assertTrue(CudaBackend.isAvailable());
        assertEquals("cuda", Backends.select("cuda").name());
        assertEquals("cuda", Backends.select("auto").name());
    }
}
