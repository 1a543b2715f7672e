package org.samsde.core.io;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Produces the content of a file by writing it to a stream; used by {@link
 * AtomicFiles#write(java.nio.file.Path, IoWriter)}.
 */
@FunctionalInterface
public interface IoWriter {

    /**
     * Writes the whole content to {@code out}. The stream is buffered; the implementation need
     * not flush or close it (closing it is harmless).
     *
     * @param out where the content goes
     * @throws IOException if writing fails; the caller then discards the partial content
     */
    void write(OutputStream out) throws IOException;
}
