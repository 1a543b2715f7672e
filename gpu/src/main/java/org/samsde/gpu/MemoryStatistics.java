package org.samsde.gpu;

/**
 * The state of the CUDA backend's caching allocator.
 *
 * @param inUseBytes bytes held by live tensors and scratch buffers
 * @param cachedBytes bytes freed by their owners and kept for reuse
 * @param peakBytes the largest inUseBytes + cachedBytes so far, i.e. the most device memory held
 * @param deviceAllocations how many times {@code cudaMalloc} was called
 */
public record MemoryStatistics(long inUseBytes, long cachedBytes, long peakBytes, long deviceAllocations) {
}
