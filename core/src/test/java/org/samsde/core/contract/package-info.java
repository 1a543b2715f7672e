/**
 * Contract tests that every {@link org.samsde.core.tensor.Backend} runs, written once and
 * published in core's test-jar ({@code samsde-core}, type {@code test-jar}): the primitives of the
 * SPI ({@link org.samsde.core.contract.BackendParityContract}) and whole derivative passes
 * ({@link org.samsde.core.contract.DerivativeParityContract}), each against the native CPU
 * backend. Core runs them on the pure-Java CPU backend; another backend's module extends them and
 * supplies its candidate (the gpu module: CUDA on the GPU and on its host emulation).
 *
 * <p>Not here: tests of one backend's own behaviour (memory, threads, availability).
 */
package org.samsde.core.contract;
