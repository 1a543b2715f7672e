/**
 * The {@code samsde} command line (picocli): option parsing, input checks with one-line errors
 * and exit code 2, and output files written atomically. Commands call the library; no numerical
 * code lives here. {@code samsde bench} is the bench module's
 * {@link org.samsde.bench.BenchCommand}; the CUDA backend is found at run time through core's
 * {@link org.samsde.core.tensor.Backends}, so nothing here compiles against the gpu module.
 */
package org.samsde.cli;
