package org.samsde.core.io;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/** I/O failures in words, for the one-line errors of the library and the command line. */
public final class IoErrors {
    private IoErrors() {
    }

    /**
     * @param fs a file system failure
     * @return what the file system said, in words ("no such file or directory", "permission denied", ...)
     */
    public static String reason(FileSystemException fs) {
        return fs instanceof NoSuchFileException ? "no such file or directory"
                : fs instanceof AccessDeniedException ? "permission denied"
                : fs instanceof NotDirectoryException ? "not a directory"
                : fs instanceof FileAlreadyExistsException ? "already exists"
                : fs.getReason() != null ? fs.getReason() : fs.getClass().getSimpleName();
    }

    /**
     * @param e an I/O failure
     * @return what went wrong, in one line: for a file system failure its reason and the file,
     *     otherwise the first line of its message (or its kind)
     */
    public static String describe(IOException e) {
        if (e instanceof FileSystemException f) {
            return reason(f) + ": " + f.getFile();
        }
        String kind = e.getClass().getSimpleName();
        return e.getMessage() == null ? kind : e.getMessage().lines().findFirst().orElse(kind);
    }
}
