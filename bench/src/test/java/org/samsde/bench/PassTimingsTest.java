package org.samsde.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;
import org.samsde.core.jet.JetLayout;
import org.samsde.core.objective.TaylorResult;
import org.samsde.core.tensor.CpuBackend;
import org.samsde.core.tensor.Tensor;

class PassTimingsTest {

    @Test
    void mediansOfOddAndEvenCountsAndOfRoundRatios() {
        assertEquals(3.0, PassTimings.median(new double[] {9, 1, 3}), 0.0);
        assertEquals(2.5, PassTimings.median(new double[] {4, 1, 3, 2}), 0.0);
        // round ratios 2, 10, 3: the median is 3, not the ratio of the medians (4 / 2 = 2)
        assertEquals(3.0, PassTimings.medianOfRatios(new double[] {2, 10, 6}, new double[] {1, 1, 2}), 0.0);
    }

    @Test
    void everyPassRunsTwiceToWarmUpThenOncePerRoundAndItsResultIsClosed() {
        int[] calls = new int[2];
        List<Tensor> made = new ArrayList<>();
        List<Supplier<TaylorResult>> passes = List.of(() -> result(calls, 0, made), () -> result(calls, 1, made));
        double[][] t = PassTimings.interleaved(passes, 5);
        assertEquals(2, t.length);
        assertEquals(5, t[0].length);
        assertEquals(7, calls[0]);
        assertEquals(7, calls[1]);
        // the second pass sleeps 3 ms each call: its timed rounds cannot be shorter (a lower bound holds on any machine)
        for (double ms : t[1]) {
            assertTrue(ms >= 3.0, "the second pass's round took " + ms + " ms, less than its 3 ms sleep");
        }
        assertEquals(14, made.size());
        for (Tensor g : made) {
            assertThrows(IllegalStateException.class, g::toArray, "a result left open");
        }
    }

    private static TaylorResult result(int[] calls, int which, List<Tensor> made) {
        calls[which]++;
        if (which == 1) {
            try {
                Thread.sleep(3);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        Tensor g = CpuBackend.get().zeros(1, 1);
        made.add(g);
        return new TaylorResult(JetLayout.VALUE, 1, new double[] {0.0}, g);
    }
}
