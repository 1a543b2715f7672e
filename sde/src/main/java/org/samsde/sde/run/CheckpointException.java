package org.samsde.sde.run;

import java.nio.file.Path;

import org.samsde.core.InvalidInputException;

/**
 * A checkpoint file that cannot be resumed from: corrupt (its checksum does not match its
 * contents), truncated, written by another version of the format, or belonging to another
 * trajectory. Nothing is resumed from such a file, and it is left as it is: the message (one line)
 * names the file and says what to do, which is to delete it, after which the trajectory restarts
 * from step 0 (bitwise the same run as one that was never interrupted, only slower). As an
 * {@link InvalidInputException} it reaches the command line as exit code 2.
 */
public final class CheckpointException extends InvalidInputException {
    private static final long serialVersionUID = 1L;

    /** What to do, the end of every message. */
    static final String REMEDY = "nothing was resumed from it; delete the file and resume again, "
            + "and that trajectory restarts from step 0 (the others continue from their checkpoints)";

    private final transient Path file;

    /**
     * @param file the checkpoint file
     * @param problem what is wrong with it, e.g. "is corrupt (its checksum does not match its contents)"
     * @param cause the underlying failure, or null
     */
    CheckpointException(Path file, String problem, Throwable cause) {
        super("checkpoint " + file + " " + problem + ": " + REMEDY, cause);
        this.file = file;
    }

    /** @return the checkpoint file */
    public Path file() {
        return file;
    }
}
