/**
 * The {@code samsde} command line (picocli): option parsing, input checks with one-line errors
 * and exit code 2, and output files written atomically. Commands call the library; no numerical
 * code lives here. {@code samsde bench} is the bench module's command, which adds itself when that
 * module is on the class path (a picocli {@code IModelTransformer} found through
 * {@link java.util.ServiceLoader}), and the CUDA backend is found at run time through core's
 * {@link org.samsde.core.tensor.Backends}: nothing here compiles against the bench or gpu modules.
 * Sweeps are the sweep module's; here are only their commands and the running of a cell.
 */
package org.samsde.cli;
