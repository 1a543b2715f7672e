package org.samsde.sweep;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.samsde.core.InvalidInputException;

/**
 * The Slurm side of a sweep: the batch scripts of a job array (one task per pending cell, or
 * {@code --cells-per-task} cells per task) and of the dependent collect job, and the only client
 * commands it calls: {@code sbatch}, {@code squeue}, {@code sinfo} and {@code scontrol}. Everything
 * else goes through the shared file system: the tasks run {@code samsde sweep cell}, which reads
 * sweep.json and writes into the cell directories.
 */
public final class Slurm {
    /** How long a Slurm client command may take before it counts as failed, in seconds. */
    public static final int CLIENT_TIMEOUT_SECONDS = 60;

    /** Slurm's default MaxArraySize: array task ids must stay below it. */
    public static final int DEFAULT_MAX_ARRAY_SIZE = 1001;

    /** The environment variable that replaces the command that runs samsde in the batch scripts. */
    public static final String LAUNCHER_ENV = "SAMSDE_SWEEP_LAUNCHER";

    private Slurm() {
    }

    /**
     * What the batch scripts ask of Slurm.
     *
     * @param launcher the shell words that run samsde on a compute node ({@link #launcher})
     * @param partition the partition (null: the cluster's default)
     * @param time the time limit per task, as sbatch takes it (null: the partition's)
     * @param cpusPerTask CPUs per task (null: Slurm's default, 1)
     * @param mem memory per node, as sbatch takes it (null: the partition's default)
     * @param throttle the most tasks of the array running at once (null: no limit)
     * @param extra further sbatch arguments, one per element, for both jobs
     * @param setup a shell line run before samsde on the compute node (null: none)
     * @param cellsPerTask cells run one after the other by each task
     */
    public record Request(String launcher, String partition, String time, Integer cpusPerTask, String mem, Integer throttle, List<String> extra, String setup,
                   int cellsPerTask) {
        /**
         * Copies the list.
         *
         * @param launcher the shell words that run samsde on a compute node ({@link #launcher})
         * @param partition the partition (null: the cluster's default)
         * @param time the time limit per task, as sbatch takes it (null: the partition's)
         * @param cpusPerTask CPUs per task (null: Slurm's default, 1)
         * @param mem memory per node, as sbatch takes it (null: the partition's default)
         * @param throttle the most tasks of the array running at once (null: no limit)
         * @param extra further sbatch arguments, one per element, for both jobs
         * @param setup a shell line run before samsde on the compute node (null: none)
         * @param cellsPerTask cells run one after the other by each task
         */
        public Request {
            extra = List.copyOf(extra);
        }
    }

    /**
     * The tasks of a submission: task id → cells. With one cell per task and indices below the
     * array limit, task id = cell index (so {@code --index $SLURM_ARRAY_TASK_ID}); otherwise the
     * tasks are numbered 0, 1, … and the script maps them to their cells.
     *
     * @param cells the cells to submit, ascending
     * @param cellsPerTask cells per task
     * @param maxArraySize the cluster's MaxArraySize
     * @return task id → cells
     */
    public static Map<Integer, List<Integer>> tasks(List<Integer> cells, int cellsPerTask, int maxArraySize) {
        Map<Integer, List<Integer>> out = new LinkedHashMap<>();
        if (cellsPerTask == 1 && cells.get(cells.size() - 1) < maxArraySize) {
            cells.forEach(c -> out.put(c, List.of(c)));
            return out;
        }
        for (int i = 0, t = 0; i < cells.size(); i += cellsPerTask, t++) {
            out.put(t, List.copyOf(cells.subList(i, Math.min(cells.size(), i + cellsPerTask))));
        }
        if (out.size() > maxArraySize) {
            throw new InvalidInputException("--cells-per-task " + cellsPerTask + " makes " + out.size()
                    + " array tasks, more than this cluster's MaxArraySize " + maxArraySize + ": raise --cells-per-task to at least "
                    + ((cells.size() + maxArraySize - 1) / maxArraySize));
        }
        return out;
    }

    /** @return whether the tasks are the cells themselves (task id = cell index) */
    private static boolean identity(Map<Integer, List<Integer>> tasks) {
        return tasks.entrySet().stream().allMatch(e -> e.getValue().equals(List.of(e.getKey())));
    }

    /**
     * The command that runs samsde on a compute node: {@value #LAUNCHER_ENV} when set, else
     * {@code java} as the compute node's PATH has it after the {@code --setup} line (never this
     * machine's absolute path to it, which a compute node may not have), with
     * {@code $SAMSDE_JAVA_OPTS}, on this JVM's class path: {@code -jar} of the command line's jar
     * when that is the whole class path, else {@code -cp} and the main class.
     *
     * @param mainClass the command line's main class
     * @return the shell words
     */
    public static String launcher(String mainClass) {
        String env = System.getenv(LAUNCHER_ENV);
        if (env != null && !env.isBlank()) {
            return env;
        }
        String cp = System.getProperty("java.class.path");
        List<String> entries = new ArrayList<>();
        for (String e : cp.split(File.pathSeparator)) {
            if (!e.isEmpty()) {
                entries.add(Path.of(e).toAbsolutePath().normalize().toString());
            }
        }
        if (entries.size() == 1 && entries.get(0).endsWith(".jar")) {
            return "java ${SAMSDE_JAVA_OPTS:-} -jar " + quote(entries.get(0));
        }
        return "java ${SAMSDE_JAVA_OPTS:-} -cp " + quote(String.join(File.pathSeparator, entries)) + " " + mainClass;
    }

    /** @return the text single-quoted for the shell */
    public static String quote(String s) {
        return s.matches("[A-Za-z0-9_./:=@%+,-]+") ? s : "'" + s.replace("'", "'\\''") + "'";
    }

    private static void header(StringBuilder s, Request r) {
        if (r.partition() != null) {
            s.append("#SBATCH --partition=").append(r.partition()).append('\n');
        }
        if (r.time() != null) {
            s.append("#SBATCH --time=").append(r.time()).append('\n');
        }
        if (r.mem() != null) {
            s.append("#SBATCH --mem=").append(r.mem()).append('\n');
        }
        for (String e : r.extra()) {
            s.append("#SBATCH ").append(e).append('\n');
        }
    }

    private static void setup(StringBuilder s, Request r) {
        s.append("set -eo pipefail\n");
        if (r.setup() != null && !r.setup().isBlank()) {
            s.append("# setup for the compute nodes\n").append(r.setup()).append('\n');
        }
        s.append("export OPENBLAS_THREAD_TIMEOUT=\"${OPENBLAS_THREAD_TIMEOUT:-16}\"\n");
        if (r.launcher().startsWith("java ")) {
            s.append("command -v java >/dev/null || { echo \"samsde sweep: no java on the PATH of $(hostname)")
                    .append(r.setup() == null || r.setup().isBlank() ? "; load one with --setup (e.g. 'module load java/17')"
                            : " after the setup line")
                    .append("\" >&2; exit 2; }\n");
        }
    }

    /**
     * The job array's batch script. Every task is requeueable; a requeued or resubmitted task runs
     * {@code sweep cell} again, which skips done cells and resumes interrupted ones.
     *
     * @param sweepDir the sweep directory, absolute
     * @param name the job name
     * @param tasks task id → cells
     * @param r the request
     * @return the script
     */
    public static String arrayScript(Path sweepDir, String name, Map<Integer, List<Integer>> tasks, Request r) {
        StringBuilder s = new StringBuilder("#!/bin/bash\n");
        s.append("# samsde sweep: one array task per ").append(identity(tasks) ? "cell (task id = cell index)" : "group of cells")
                .append("; written by samsde sweep run --engine slurm\n");
        s.append("#SBATCH --job-name=").append(name).append('\n');
        s.append("#SBATCH --array=").append(Cell.ranges(new ArrayList<>(tasks.keySet())))
                .append(r.throttle() == null ? "" : "%" + r.throttle()).append('\n');
        s.append("#SBATCH --requeue\n");
        s.append("#SBATCH --open-mode=append\n");
        s.append("#SBATCH --output=").append(sweepDir.resolve(Submissions.FOLDER).resolve("logs")).append("/%A_%a.out\n");
        if (r.cpusPerTask() != null) {
            s.append("#SBATCH --cpus-per-task=").append(r.cpusPerTask()).append('\n');
        }
        header(s, r);
        setup(s, r);
        s.append("echo \"task ${SLURM_ARRAY_TASK_ID} of job ${SLURM_ARRAY_JOB_ID} on $(hostname), restart ${SLURM_RESTART_COUNT:-0}\"\n");
        String threads = r.cpusPerTask() == null ? "" : " --threads \"${SLURM_CPUS_PER_TASK:-" + r.cpusPerTask() + "}\"";
        String cell = r.launcher() + " sweep cell " + quote(sweepDir.toString());
        if (identity(tasks)) {
            s.append("exec ").append(cell).append(" --index \"$SLURM_ARRAY_TASK_ID\"").append(threads).append('\n');
        } else {
            s.append("declare -A CELLS=(");
            tasks.forEach((t, c) -> s.append(" [").append(t).append("]=").append(Cell.ranges(c)));
            s.append(" )\n");
            s.append("exec ").append(cell).append(" --index \"${CELLS[$SLURM_ARRAY_TASK_ID]}\"").append(threads).append('\n');
        }
        return s.toString();
    }

    /**
     * The collect job's batch script: {@code sweep collect} after the array, whatever became of
     * its tasks (the dependency is given to sbatch when submitting).
     *
     * @param sweepDir the sweep directory, absolute
     * @param name the job name
     * @param r the request
     * @return the script
     */
    public static String collectScript(Path sweepDir, String name, Request r) {
        StringBuilder s = new StringBuilder("#!/bin/bash\n");
        s.append("# samsde sweep: collects the cells into sweep.csv once the array has ended (afterany)\n");
        s.append("#SBATCH --job-name=").append(name).append('\n');
        s.append("#SBATCH --output=").append(sweepDir.resolve(Submissions.FOLDER).resolve("logs")).append("/collect_%j.out\n");
        header(s, r);
        setup(s, r);
        s.append("exec ").append(r.launcher()).append(" sweep collect ").append(quote(sweepDir.toString())).append('\n');
        return s.toString();
    }

    /** The output of a finished client command. */
    public record Result(int code, String out, String err) {
    }

    /**
     * Runs a Slurm client command.
     *
     * @param dir the working directory
     * @param command the command and its arguments
     * @return its exit code and output
     * @throws InvalidInputException when it is not installed or does not end in time
     */
    public static Result call(Path dir, List<String> command) {
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
        try {
            Process p = pb.start();
            p.getOutputStream().close();
            java.util.concurrent.CompletableFuture<String> err = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                try {
                    return new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
                } catch (IOException e) {
                    return "";
                }
            });
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(CLIENT_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new InvalidInputException(command.get(0) + " did not answer within " + CLIENT_TIMEOUT_SECONDS + " s");
            }
            return new Result(p.exitValue(), out, err.join());
        } catch (IOException e) {
            throw new InvalidInputException(command.get(0) + ": cannot run it (is Slurm's client installed and on the PATH?): "
                    + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InvalidInputException(command.get(0) + ": interrupted");
        }
    }

    /**
     * Submits a batch script.
     *
     * @param dir the working directory
     * @param script the script file
     * @param args sbatch arguments before it
     * @return the job id
     * @throws InvalidInputException with sbatch's message when it refuses
     */
    public static String sbatch(Path dir, Path script, List<String> args) {
        List<String> cmd = new ArrayList<>(List.of("sbatch", "--parsable"));
        cmd.addAll(args);
        cmd.add(script.toString());
        Result r = call(dir, cmd);
        String id = r.out().strip().split(";")[0];
        if (r.code() != 0 || !id.matches("\\d+")) {
            throw new InvalidInputException("sbatch refused " + script.getFileName() + ": "
                    + firstLine(r.err().isBlank() ? r.out() : r.err()));
        }
        return id;
    }

    private static String firstLine(String s) {
        return s.strip().lines().findFirst().orElse("(no message)");
    }

    /**
     * @param dir the working directory
     * @return the cluster's partitions, as {@code sinfo} lists them
     * @throws InvalidInputException when sinfo cannot be asked
     */
    public static List<String> partitions(Path dir) {
        Result r = call(dir, List.of("sinfo", "-h", "-o", "%R"));
        if (r.code() != 0) {
            throw new InvalidInputException("sinfo failed: " + firstLine(r.err().isBlank() ? r.out() : r.err()));
        }
        return r.out().lines().map(String::strip).filter(l -> !l.isEmpty()).distinct().toList();
    }

    /**
     * Checks a partition against the cluster's, before anything is submitted.
     *
     * @param dir the working directory
     * @param partition the partition asked for
     * @throws InvalidInputException naming the partitions that exist when it is not one of them
     */
    public static void checkPartition(Path dir, String partition) {
        List<String> known;
        try {
            known = partitions(dir);
        } catch (InvalidInputException e) {
            throw new InvalidInputException("--partition " + partition + ": cannot check it: " + e.getMessage(), e);
        }
        if (!known.contains(partition)) {
            throw new InvalidInputException("--partition: no partition '" + partition + "' on this cluster (sinfo lists "
                    + (known.isEmpty() ? "none" : String.join(", ", known)) + ")");
        }
    }

    /** @return the cluster's MaxArraySize (from scontrol), or Slurm's default when it cannot be read */
    public static int maxArraySize(Path dir) {
        try {
            Result r = call(dir, List.of("scontrol", "show", "config"));
            for (String line : r.out().lines().toList()) {
                String[] kv = line.split("=", 2);
                if (kv.length == 2 && kv[0].strip().equals("MaxArraySize")) {
                    return Integer.parseInt(kv[1].strip());
                }
            }
        } catch (InvalidInputException | NumberFormatException e) {
            // fall back to the default below
        }
        return DEFAULT_MAX_ARRAY_SIZE;
    }

    /**
     * What the queue says of the tasks of the given job arrays.
     *
     * @param dir the working directory
     * @param arrays the job array ids
     * @return (array job, task) → queue state; null when squeue cannot be asked
     */
    public static Map<Submissions.Task, CellFiles.Queue> queue(Path dir, Set<String> arrays) {
        Result r;
        try {
            r = call(dir, List.of("squeue", "-h", "-r", "-u", System.getProperty("user.name"), "-o", "%F|%K|%T"));
        } catch (InvalidInputException e) {
            return null;
        }
        if (r.code() != 0) {
            return null;
        }
        Map<Submissions.Task, CellFiles.Queue> out = new HashMap<>();
        for (String line : r.out().lines().toList()) {
            String[] f = line.strip().split("\\|");
            if (f.length != 3 || !arrays.contains(f[0])) {
                continue;
            }
            try {
                int task = Integer.parseInt(f[1]);
                CellFiles.Queue q = switch (f[2]) {
                    case "RUNNING", "COMPLETING", "CONFIGURING", "SUSPENDED", "STOPPED", "SIGNALING", "STAGE_OUT" -> CellFiles.Queue.ACTIVE;
                    case "PENDING", "REQUEUED", "REQUEUE_HOLD", "REQUEUE_FED", "RESIZING" -> CellFiles.Queue.QUEUED;
                    default -> CellFiles.Queue.GONE;
                };
                out.put(new Submissions.Task(f[0], task), q);
            } catch (NumberFormatException e) {
                // a pending array record not yet split into tasks: its tasks are queued
                out.put(new Submissions.Task(f[0], -1), CellFiles.Queue.QUEUED);
            }
        }
        return out;
    }
}
