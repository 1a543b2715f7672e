package org.samsde.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.PrintWriter;
import java.io.StringWriter;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.samsde.core.tensor.Backend;
import org.samsde.core.tensor.Backends;
import org.samsde.core.tensor.CpuBackend;

/**
 * The CUDA benchmark: its own code (GEMM rates, sam3 steps through the sde module, the agreement
 * figures) on the pure-Java CPU backend standing in for the device, on every machine; one skip line
 * without CUDA; and the real run on a GPU (skipped without one, failed with
 * {@code -Dsamsde.requireGpu=true}).
 */
class GpuBenchmarkTest {
    private static final GpuBenchmark.Settings SMALL = new GpuBenchmark.Settings(64, 2, new int[] {20, 64, 5}, 64, 16, 2, 3);

    private static GpuBenchmark.Result runAndCheck(Backend device) {
        StringWriter text = new StringWriter();
        GpuBenchmark.Result r = GpuBenchmark.run(new PrintWriter(text), SMALL, device);
        assertNotNull(r, text.toString());
        assertTrue(r.gemmGflopsCuda() > 0 && r.gemmGflopsCpu() > 0 && r.stepsPerSecondCuda() > 0 && r.stepsPerSecondCpu() > 0);
        assertTrue(r.gradientDifference() < 1e-12, text.toString());
        assertTrue(r.trajectoryDifference() < 1e-9, text.toString());
        assertTrue(text.toString().contains("dgemm 64^3") && text.toString().contains("sam3 SDE steps")
                && text.toString().contains("device: " + device.description()), text.toString());
        return r;
    }

    @Test
    void runsAndAgreesOnAStandInDevice() {
        runAndCheck(CpuBackend.pureJava());
    }

    @Test
    void printsOneSkipLineWithoutCuda() {
        String reason = Backends.unavailableReason(Backends.CUDA);
        Assumptions.assumeTrue(reason != null, "CUDA is available here; the benchmark itself is not a test");
        StringWriter text = new StringWriter();
        assertNull(GpuBenchmark.run(new PrintWriter(text), GpuBenchmark.Settings.defaults()));
        assertEquals("bench cuda: skipped: " + reason + System.lineSeparator(), text.toString());
    }

    @Test
    @Tag("gpu")
    void runsAndAgreesOnTheGpu() {
        String reason = Backends.unavailableReason(Backends.CUDA);
        if (reason != null) {
            if (Boolean.getBoolean("samsde.requireGpu")) {
                fail("-Dsamsde.requireGpu=true but " + reason);
            }
            Assumptions.assumeTrue(false, "skipped, no GPU here: " + reason);
        }
        runAndCheck(Backends.select(Backends.CUDA));
    }

    @Test
    void settingsAreValidated() {
        assertThrows(IllegalArgumentException.class, () -> new GpuBenchmark.Settings(64, 2, new int[] {20, 64, 5}, 64, 65, 2, 3));
        assertThrows(IllegalArgumentException.class, () -> new GpuBenchmark.Settings(64, 2, new int[] {20, 1}, 64, 16, 2, 3));
        int[] widths = {20, 64, 5};
        GpuBenchmark.Settings s = new GpuBenchmark.Settings(64, 2, widths, 64, 16, 2, 3);
        widths[0] = 99;
        assertEquals(20, s.widths()[0], "the settings keep a copy of the widths");
    }
}
