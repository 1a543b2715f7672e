package org.samsde.sweep;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.samsde.core.InvalidInputException;
import org.samsde.sde.artifact.JsonFile;

/**
 * {@code slurm/submissions.json}: every job array a sweep was submitted as, in order, so that
 * {@code sweep status} can ask the queue about the cells' tasks. Each submission maps its array
 * task ids to the cells the task runs (one cell per task, or several with {@code --cells-per-task}).
 */
public final class Submissions {
    /** The folder of the batch scripts, logs and this file, inside a sweep directory. */
    public static final String FOLDER = "slurm";
    /** The file name inside {@link #FOLDER}. */
    public static final String NAME = "submissions.json";
    /** Key: the job array's id. */
    public static final String KEY_ARRAY_JOB = "array_job";
    /** Key: the dependent collect job's id. */
    public static final String KEY_COLLECT_JOB = "collect_job";
    /** Key: when it was submitted. */
    public static final String KEY_SUBMITTED = "submitted";
    /** Key: the batch script of the array. */
    public static final String KEY_SCRIPT = "script";
    /** Key: task id → cell indices. */
    public static final String KEY_TASKS = "tasks";

    private Submissions() {
    }

    /**
     * One submission.
     *
     * @param arrayJob the job array's id
     * @param collectJob the dependent collect job's id (empty when none)
     * @param submitted when, ISO-8601
     * @param script the batch script's file name in {@link #FOLDER}
     * @param tasks array task id → the cells it runs, in order
     */
    public record Submission(String arrayJob, String collectJob, String submitted, String script, Map<Integer, List<Integer>> tasks) {
        /**
         * Copies the map.
         *
         * @param arrayJob the job array's id
         * @param collectJob the dependent collect job's id (empty when none)
         * @param submitted when, ISO-8601
         * @param script the batch script's file name in {@link #FOLDER}
         * @param tasks array task id → the cells it runs, in order
         */
        public Submission {
            Map<Integer, List<Integer>> copy = new LinkedHashMap<>();
            tasks.forEach((k, v) -> copy.put(k, List.copyOf(v)));
            tasks = java.util.Collections.unmodifiableMap(copy);
        }
    }

    /**
     * @param sweepDir a sweep directory
     * @return its submissions, oldest first (empty when it was never submitted)
     */
    public static List<Submission> read(Path sweepDir) {
        Path file = sweepDir.resolve(FOLDER).resolve(NAME);
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(file.toFile());
        } catch (IOException e) {
            throw new InvalidInputException(file + ": unreadable (" + e.getMessage().lines().findFirst().orElse("") + ")");
        }
        List<Submission> out = new ArrayList<>();
        for (JsonNode s : root) {
            Map<Integer, List<Integer>> tasks = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = s.path(KEY_TASKS).fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                List<Integer> cells = new ArrayList<>();
                e.getValue().forEach(c -> cells.add(c.asInt()));
                tasks.put(Integer.parseInt(e.getKey()), cells);
            }
            out.add(new Submission(s.path(KEY_ARRAY_JOB).asText(), s.path(KEY_COLLECT_JOB).asText(), s.path(KEY_SUBMITTED).asText(),
                    s.path(KEY_SCRIPT).asText(), tasks));
        }
        return out;
    }

    /**
     * Appends a submission, rewriting the file atomically.
     *
     * @param sweepDir the sweep directory
     * @param submission the new submission
     * @throws IOException when the file cannot be written
     */
    public static void append(Path sweepDir, Submission submission) throws IOException {
        List<Submission> all = new ArrayList<>(read(sweepDir));
        all.add(submission);
        List<Map<String, Object>> json = new ArrayList<>();
        for (Submission s : all) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put(KEY_ARRAY_JOB, s.arrayJob());
            m.put(KEY_COLLECT_JOB, s.collectJob());
            m.put(KEY_SUBMITTED, s.submitted());
            m.put(KEY_SCRIPT, s.script());
            Map<String, Object> tasks = new LinkedHashMap<>();
            s.tasks().forEach((k, v) -> tasks.put(Integer.toString(k), v));
            m.put(KEY_TASKS, tasks);
            json.add(m);
        }
        JsonFile.write(sweepDir.resolve(FOLDER).resolve(NAME), json);
    }

    /**
     * @param submissions the submissions, oldest first
     * @return cell index → (array job id, task id) of the latest submission holding the cell
     */
    public static Map<Integer, Task> latestTasks(List<Submission> submissions) {
        Map<Integer, Task> out = new LinkedHashMap<>();
        for (Submission s : submissions) {
            s.tasks().forEach((task, cells) -> cells.forEach(c -> out.put(c, new Task(s.arrayJob(), task))));
        }
        return out;
    }

    /**
     * An array task.
     *
     * @param arrayJob the job array's id
     * @param task the task id
     */
    public record Task(String arrayJob, int task) {
    }
}
