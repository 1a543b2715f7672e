package org.samsde.gpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.samsde.core.contract.BackendParityContract;
import org.samsde.core.tensor.CpuBackend;
import org.samsde.core.tensor.Tensor;

/**
 * What only the CUDA backend has, on any {@link Device}: device memory ownership and reuse, refusal
 * of closed and foreign tensors, use from several threads. {@link CudaBackendTest} runs it on the
 * GPU, {@link EmulatedBackendTest} on the host emulation.
 */
abstract class CudaBackendContract {
    CudaBackend gpu;

    /** @return the backend under test (may skip the test through an assumption) */
    abstract CudaBackend candidate();

    @BeforeEach
    void device() {
        gpu = candidate();
    }

    @Test
    void closedBlocksAreReusedAndClosedTensorsRefused() {
        Tensor first = gpu.zeros(12_345);
        first.close();
        first.close(); // idempotent
        long mallocs = gpu.memoryStatistics().deviceAllocations();
        Tensor second = gpu.zeros(12_345);
        assertEquals(mallocs, gpu.memoryStatistics().deviceAllocations(), "a cached block of the same size class serves it");
        assertArrayEquals(new double[12_345], second.toArray(), "reused memory is zeroed");
        second.close();
        assertThrows(IllegalStateException.class, () -> gpu.fill(1, 1.0, first, 0));
        assertThrows(IllegalStateException.class, second::toArray);
        gpu.releaseCachedMemory();
        assertEquals(0, gpu.memoryStatistics().cachedBytes());
    }

    @Test
    void foreignTensorsAndBadViewsAreRejected() {
        try (Tensor host = CpuBackend.get().zeros(4); Tensor t = gpu.zeros(4)) {
            assertThrows(IllegalArgumentException.class, () -> gpu.axpy(4, 1.0, host, 0, t, 0));
            assertThrows(IndexOutOfBoundsException.class, () -> gpu.axpy(4, 1.0, t, 1, t, 0));
            assertThrows(IllegalArgumentException.class, () -> gpu.axpy(-1, 1.0, t, 0, t, 0));
            assertThrows(IllegalArgumentException.class,
                    () -> gpu.gemm(false, false, 2, 2, 2, 1.0, t, 0, 1, t, 0, 2, 0.0, t, 0, 2), "lda below the row length");
        }
    }

    @Test
    void threadsShareTheBackend() throws Exception {
        int n = 96;
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<double[][]>> results = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                long seed = 200 + t;
                results.add(pool.submit(() -> {
                    double[] a = BackendParityContract.random(seed, n * n, -1, 1);
                    double[][] out = new double[2][];
                    int i = 0;
                    for (var backend : List.of(CpuBackend.get(), gpu)) {
                        try (Tensor ta = backend.upload(a, n, n); Tensor tc = backend.zeros(n, n)) {
                            backend.gemm(false, true, n, n, n, 1.0, ta, 0, n, ta, 0, n, 0.0, tc, 0, n);
                            backend.scale(n * n, 1.0 / backend.dot(n * n, tc, 0, tc, 0), tc, 0);
                            out[i++] = tc.toArray();
                        }
                    }
                    return out;
                }));
            }
            for (Future<double[][]> f : results) {
                double[][] r = f.get();
                BackendParityContract.assertClose("gemm and dot on a worker thread", r[0], r[1]);
            }
        } finally {
            pool.shutdown();
        }
    }
}
