package org.samsde.sweep;

/** Where a cell stands: not run yet (or queued), running, finished, or stopped without finishing. */
public enum CellState {
    /** Not started, or queued (again) under a scheduler. */
    PENDING,
    /** A process is working on it now. */
    RUNNING,
    /** Finished: its records are complete and its done marker written. */
    DONE,
    /** Stopped without finishing: an error, or killed, cancelled, timed out or lost before the end. */
    FAILED;

    /** @return the name in lower case, as status prints it */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
