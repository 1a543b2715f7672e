package org.samsde.sweep;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.samsde.sde.artifact.JsonFile;

/**
 * The sweep's files inside a cell directory (next to the ordinary run files of the base command),
 * and the cell's {@link CellState} read from them:
 * <ul>
 *   <li>{@value #CONFIG}: the cell's full configuration (command, every option, the arguments);</li>
 *   <li>{@value #STARTED}: written when an attempt starts (host, process id, Slurm job and restart
 *       count, attempt number);</li>
 *   <li>{@value #DONE}: written atomically after the run's records are complete; a cell with it is
 *       never run again;</li>
 *   <li>{@value #FAILED}: written when an attempt ends in an error (exit code, message); removed
 *       when the next attempt starts.</li>
 * </ul>
 * A process that is killed writes nothing: its cell has a start marker and neither of the others,
 * and is told apart from a running one by the scheduler's queue or, for local runs, by whether
 * its process is still alive.
 */
public final class CellFiles {
    /** The cell's configuration. */
    public static final String CONFIG = "cell.json";
    /** The marker of a started attempt. */
    public static final String STARTED = "cell.started";
    /** The marker of a finished cell. */
    public static final String DONE = "cell.done";
    /** The marker of a failed attempt. */
    public static final String FAILED = "cell.failed";
    /** The cell's log: what its command printed, across attempts. */
    public static final String LOG = "cell.log";
    /** The configuration a compare cell runs from (compare takes its settings as one file). */
    public static final String COMPARE_CONFIG = "cell-config.json";
    /** Key of the markers: the host name. */
    public static final String KEY_HOST = "host";
    /** Key of the markers: the process id. */
    public static final String KEY_PID = "pid";
    /** Key of the markers: the attempt number, from 1. */
    public static final String KEY_ATTEMPT = "attempt";
    /** Key of the markers: a message. */
    public static final String KEY_MESSAGE = "message";

    private CellFiles() {
    }

    /**
     * What the scheduler says of a cell, when the sweep was submitted to one.
     */
    public enum Queue {
        /** Not submitted to a scheduler (or not this cell): only the files and local processes count. */
        NONE,
        /** Waiting in the queue (submitted, or requeued). */
        QUEUED,
        /** Running under the scheduler. */
        ACTIVE,
        /** Submitted, and no longer in the queue. */
        GONE
    }

    /**
     * A cell's state with a few words of why.
     *
     * @param state the state
     * @param detail why (empty when there is nothing to add)
     */
    public record Status(CellState state, String detail) {
    }

    /**
     * @param dir a cell directory
     * @param marker a marker's file name
     * @return its content, if the marker exists and is readable
     */
    public static Optional<JsonNode> read(Path dir, String marker) {
        Path f = dir.resolve(marker);
        if (!Files.isRegularFile(f)) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(new ObjectMapper().readTree(f.toFile()));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /**
     * Writes a marker atomically.
     *
     * @param dir the cell directory
     * @param marker its file name
     * @param content its fields
     * @throws IOException when it cannot be written
     */
    public static void write(Path dir, String marker, Map<String, Object> content) throws IOException {
        JsonFile.write(dir.resolve(marker), new LinkedHashMap<>(content));
    }

    /**
     * @param dir a cell directory
     * @return whether the cell finished
     */
    public static boolean done(Path dir) {
        return Files.isRegularFile(dir.resolve(DONE));
    }

    /**
     * The state of a cell from its files and what the scheduler says.
     *
     * @param dir the cell directory
     * @param queue the scheduler's view of the cell
     * @param host this machine's name, to tell a live local process from a dead one
     * @return the state and why
     */
    public static Status status(Path dir, Queue queue, String host) {
        if (done(dir)) {
            return new Status(CellState.DONE, "");
        }
        if (queue == Queue.ACTIVE) {
            return new Status(CellState.RUNNING, "under the scheduler");
        }
        if (queue == Queue.QUEUED) {
            return new Status(CellState.PENDING, Files.exists(dir.resolve(STARTED)) ? "queued again (will resume)" : "queued");
        }
        Optional<JsonNode> failed = read(dir, FAILED);
        if (failed.isPresent()) {
            return new Status(CellState.FAILED, failed.get().path(KEY_MESSAGE).asText("failed"));
        }
        Optional<JsonNode> started = read(dir, STARTED);
        if (started.isPresent()) {
            if (queue == Queue.NONE && host.equals(started.get().path(KEY_HOST).asText())) {
                long pid = started.get().path(KEY_PID).asLong(-1);
                if (pid > 0 && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                    return new Status(CellState.RUNNING, "process " + pid);
                }
            }
            return new Status(CellState.FAILED, "stopped without finishing (killed, cancelled, timed out or node lost); "
                    + "running it again resumes from its checkpoints");
        }
        if (queue == Queue.GONE) {
            return new Status(CellState.FAILED, "submitted, but left the queue without starting (cancelled?)");
        }
        return new Status(CellState.PENDING, "");
    }
}
