/**
 * File input and output shared by the toolkit.
 *
 * <ul>
 *   <li>{@link org.samsde.core.io.Npy} and {@link org.samsde.core.io.Npz} read and write NumPy's
 *       {@code .npy} and {@code .npz} formats, holding the arrays as {@link
 *       org.samsde.core.io.NpyArray} values of the {@link org.samsde.core.io.NpyType} element
 *       types {@code float64}, {@code float32}, {@code int64} and {@code int32}. Written files are
 *       byte-for-byte what {@code np.save} writes for the same array.
 *   <li>{@link org.samsde.core.io.AtomicFiles} writes any output file (arrays, CSV, JSON)
 *       atomically: the old file stays intact until the new one is complete and on disk; the
 *       content comes from an {@link org.samsde.core.io.IoWriter}.
 * </ul>
 *
 * <p>Readers report every defect of a file (missing, truncated, wrong format, unsupported
 * element type and so on) as an {@link org.samsde.core.InvalidInputException} whose one-line
 * message names the file and the problem; writers report failures of the file system as {@link
 * java.io.IOException}.
 */
package org.samsde.core.io;
