package org.samsde.sweep;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.samsde.core.io.AtomicFiles;

/**
 * The state of every cell of a sweep, from the cell directories and, once the sweep was submitted,
 * the Slurm queue; and {@value #MISSING}, the list of the cells that are not done, written next to
 * sweep.csv.
 *
 * @param states each cell's state, by index
 * @param queueAsked whether the queue was asked
 * @param queueNote why the queue could not be asked (empty when it was, or had no need to be)
 */
public record SweepStatus(List<CellFiles.Status> states, boolean queueAsked, String queueNote) {

    /** The list of missing and failed cells, in a sweep directory. */
    public static final String MISSING = "missing.txt";

    /**
     * Copies the list.
     *
     * @param states each cell's state, by index
     * @param queueAsked whether the queue was asked
     * @param queueNote why the queue could not be asked (empty when it was, or had no need to be)
     */
    public SweepStatus {
        states = List.copyOf(states);
    }

    /**
     * @param s a state
     * @return how many cells are in it
     */
    public long count(CellState s) {
        return states.stream().filter(x -> x.state() == s).count();
    }

    /**
     * Every cell's state. Once the sweep was submitted, squeue is asked about its job arrays (a cell
     * whose task is queued is pending, one whose task runs is running, one whose task left the queue
     * without a done marker failed).
     *
     * @param dir the sweep directory
     * @param sweep its table
     * @return the states
     */
    public static SweepStatus of(Path dir, SweepFile.Sweep sweep) {
        List<Submissions.Submission> subs = Submissions.read(dir);
        Map<Integer, Submissions.Task> tasks = Submissions.latestTasks(subs);
        Map<Submissions.Task, CellFiles.Queue> queue = null;
        String note = "";
        if (!subs.isEmpty()) {
            Set<String> arrays = new HashSet<>();
            subs.forEach(s -> arrays.add(s.arrayJob()));
            queue = Slurm.queue(dir, arrays);
            if (queue == null) {
                note = "squeue could not be asked: states come from the cell directories only";
            }
        }
        String host = host();
        List<CellFiles.Status> out = new ArrayList<>();
        for (SweepFile.Row r : sweep.cells()) {
            CellFiles.Queue q = CellFiles.Queue.NONE;
            Submissions.Task t = tasks.get(r.index());
            if (queue != null && t != null) {
                q = queue.getOrDefault(t, queue.containsKey(new Submissions.Task(t.arrayJob(), -1)) ? CellFiles.Queue.QUEUED
                        : CellFiles.Queue.GONE);
            }
            out.add(CellFiles.status(sweep.cellDir(dir, r.index()), q, host));
        }
        return new SweepStatus(out, queue != null, note);
    }

    /**
     * Writes {@value #MISSING} atomically: a comment line, then one line per cell that is not done
     * ({@code index dir state[: detail]}). The queue is asked only when some cell is not done.
     *
     * @param dir the sweep directory
     * @param sweep its table
     * @return the lines of the missing cells (empty when every cell is done)
     * @throws IOException when the file cannot be written
     */
    public static List<String> writeMissing(Path dir, SweepFile.Sweep sweep) throws IOException {
        List<String> missing = new ArrayList<>();
        boolean allDone = sweep.cells().stream().allMatch(r -> CellFiles.done(sweep.cellDir(dir, r.index())));
        if (!allDone) {
            SweepStatus v = of(dir, sweep);
            for (SweepFile.Row r : sweep.cells()) {
                CellFiles.Status s = v.states().get(r.index());
                if (s.state() != CellState.DONE) {
                    missing.add(r.index() + " " + r.dir() + " " + s.state().label() + (s.detail().isEmpty() ? "" : ": " + s.detail()));
                }
            }
        }
        AtomicFiles.write(dir.resolve(MISSING), out -> {
            Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            w.write(missing.isEmpty() ? "# all " + sweep.cells().size() + " cells are done\n"
                    : "# " + missing.size() + " of " + sweep.cells().size() + " cells are not in sweep.csv: index, dir, state\n");
            for (String m : missing) {
                w.write(m + "\n");
            }
            w.flush();
        });
        return List.copyOf(missing);
    }

    /** @return this machine's short host name ("unknown" when it has none) */
    public static String host() {
        String h = System.getenv("HOSTNAME");
        if (h == null || h.isBlank()) {
            try {
                h = InetAddress.getLocalHost().getHostName();
            } catch (IOException e) {
                h = "unknown";
            }
        }
        int dot = h.indexOf('.');
        return dot > 0 ? h.substring(0, dot) : h;
    }
}
