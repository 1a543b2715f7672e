package org.samsde.core.io;

import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Writes files atomically: readers of the target see either the old content or the complete new
 * content, never a partial file, and a failed write leaves the old file as it was.
 *
 * <p>The content goes to a temporary file in the target's directory (named {@code
 * .<name>.<random>.tmp}, created with the default permissions, so the result gets the same
 * permissions as a file written directly), is forced to disk with {@link FileChannel#force}, and
 * then replaces the target with an atomic {@link Files#move move}. On any failure the temporary
 * file is deleted.
 */
public final class AtomicFiles {

    private static final int BUFFER_BYTES = 1 << 16;

    /** How often a fresh random temporary name is tried before giving up. */
    private static final int NAME_ATTEMPTS = 100;

    private AtomicFiles() {}

    /**
     * Writes a file atomically, creating missing parent directories.
     *
     * @param target the file to create or replace
     * @param body writes the content; it may throw, and the target is then left untouched
     * @throws IOException if the body or the file system fails (including a file system that
     *     cannot move atomically); an existing target is then unchanged
     */
    public static void write(Path target, IoWriter body) throws IOException {
        Objects.requireNonNull(body, "body");
        Path absolute = target.toAbsolutePath();
        Path directory = absolute.getParent();
        Files.createDirectories(directory);
        Path temporary = createTemporary(directory, absolute.getFileName().toString());
        try {
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
                OutputStream buffered = new BufferedOutputStream(
                        Channels.newOutputStream(channel), BUFFER_BYTES);
                body.write(new UnclosableStream(buffered));
                buffered.flush();
                channel.force(true);
            }
            Files.move(temporary, absolute, StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | RuntimeException | Error e) {
            try {
                Files.deleteIfExists(temporary);
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    private static Path createTemporary(Path directory, String name) throws IOException {
        for (int attempt = 0; ; attempt++) {
            String suffix = Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 1);
            Path candidate = directory.resolve("." + name + "." + suffix + ".tmp");
            try {
                return Files.createFile(candidate);
            } catch (FileAlreadyExistsException e) {
                if (attempt + 1 >= NAME_ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    /**
     * Passes writes straight through and turns {@code close} into {@code flush}, so that a body
     * that closes its stream does not close the channel before it is forced to disk.
     */
    private static final class UnclosableStream extends FilterOutputStream {

        UnclosableStream(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            out.write(bytes, offset, length);
        }

        @Override
        public void close() throws IOException {
            out.flush();
        }
    }
}
