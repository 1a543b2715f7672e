package org.samsde.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.function.LongConsumer;
import java.util.function.LongSupplier;

import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

import picocli.CommandLine.Model.CommandSpec;

/**
 * The progress of a long command on standard error, the one helper every long command uses.
 * Three modes, chosen when it starts:
 * <ul>
 *   <li>silent with {@code --quiet} (or {@code -Dsamsde.noProgress=true});</li>
 *   <li>on a terminal ({@link System#console()} present), a bar with the elapsed time and the
 *       estimated time left;</li>
 *   <li>otherwise (output redirected: CI, batch jobs) a plain line about every tenth of the work,
 *       never two within {@link #MIN_INTERVAL_PROPERTY} seconds (default
 *       {@value #DEFAULT_MIN_INTERVAL_SECONDS}), and none before that much time has passed, so
 *       short runs print nothing:
 *       {@code train: 300/800 steps (37%), 3/8 seeds done, 12 s elapsed, about 20 s left}.</li>
 * </ul>
 * The estimate is linear: t_left = t_elapsed · (total − done) / done. Thread-safe: ensembles
 * report from their worker threads.
 */
final class Progress implements AutoCloseable, LongConsumer {
    /**
     * The system property holding the least number of seconds between two plain lines (tests set
     * it to 0); not an option, since it changes nothing a user needs.
     */
    static final String MIN_INTERVAL_PROPERTY = "samsde.progressMinInterval";
    /** The default least number of seconds between two plain lines. */
    static final double DEFAULT_MIN_INTERVAL_SECONDS = 5;
    /** A progress that shows nothing. */
    private static final Progress SILENT = new Progress(null, null, "", 1, "", 0, "", 0, System::nanoTime);

    private final ProgressBar bar;
    private final PrintWriter err;
    private final String task;
    private final long total;
    private final String unit;
    private final int items;
    private final String itemUnit;
    private final long minIntervalNanos;
    private final LongSupplier clock;
    private final long start;
    private long done;
    private int itemsDone;
    private long lastPrinted;
    private long decilePrinted;

    /**
     * @param bar the terminal bar, or null
     * @param err where plain lines go, or null for none
     * @param task the command's name, starting each line
     * @param total the units of work in all, at least 1
     * @param unit what a unit is, plural (steps, points, HVPs)
     * @param items how many larger pieces the work has (seeds, trajectories), 0 for none
     * @param itemUnit what a piece is, plural
     * @param minIntervalNanos the least time between two plain lines
     * @param clock the time in nanoseconds
     */
    Progress(ProgressBar bar, PrintWriter err, String task, long total, String unit, int items, String itemUnit, long minIntervalNanos,
             LongSupplier clock) {
        this.bar = bar;
        this.err = err;
        this.task = task;
        this.total = Math.max(1, total);
        this.unit = unit;
        this.items = items;
        this.itemUnit = itemUnit;
        this.minIntervalNanos = minIntervalNanos;
        this.clock = clock;
        this.start = clock.getAsLong();
        this.lastPrinted = start;
    }

    /**
     * Starts the progress of a command's work.
     *
     * @param spec the running command (its root's {@code --quiet} and its standard error); not modified
     * @param task the name starting each line
     * @param total the units of work in all
     * @param unit what a unit is, plural
     * @return the progress; close it when the work is done
     */
    static Progress start(CommandSpec spec, String task, long total, String unit) {
        return start(spec, task, total, unit, 0, "");
    }

    /**
     * Starts the progress of work in pieces (an ensemble's trajectories), counting pieces done
     * through {@link #itemDone()}.
     *
     * @param spec the running command; not modified
     * @param task the name starting each line
     * @param total the units of work in all
     * @param unit what a unit is, plural
     * @param items how many pieces
     * @param itemUnit what a piece is, plural
     * @return the progress; close it when the work is done
     */
    static Progress start(CommandSpec spec, String task, long total, String unit, int items, String itemUnit) {
        if (Main.quiet(spec.root().commandLine().getParseResult()) || Boolean.getBoolean("samsde.noProgress")) {
            return SILENT;
        }
        if (System.console() != null) {
            ProgressBar bar = new ProgressBarBuilder().setTaskName(task).setInitialMax(Math.max(1, total)).setUnit(" " + unit, 1)
                    .setStyle(ProgressBarStyle.ASCII).setConsumer(new ConsoleProgressBarConsumer(System.err))
                    .setUpdateIntervalMillis(250).build();
            return new Progress(bar, null, task, total, unit, items, itemUnit, 0, System::nanoTime);
        }
        double seconds = DEFAULT_MIN_INTERVAL_SECONDS;
        String property = System.getProperty(MIN_INTERVAL_PROPERTY);
        if (property != null) {
            try {
                seconds = Math.max(0, Double.parseDouble(property));
            } catch (NumberFormatException e) {
                seconds = DEFAULT_MIN_INTERVAL_SECONDS;
            }
        }
        return new Progress(null, spec.commandLine().getErr(), task, total, unit, items, itemUnit, (long) (seconds * 1e9), System::nanoTime);
    }

    /** Records k more units of work done (from any thread). @param k the units */
    @Override
    public void accept(long k) {
        step(k);
    }

    /** Records k more units of work done (from any thread). @param k the units */
    synchronized void step(long k) {
        if (this == SILENT) {
            return;
        }
        done = Math.min(total, done + k);
        if (bar != null) {
            bar.stepTo(done);
            return;
        }
        maybePrint();
    }

    /** Records one more piece of the work done (a trajectory finished). */
    synchronized void itemDone() {
        if (this == SILENT) {
            return;
        }
        itemsDone = Math.min(items, itemsDone + 1);
        if (bar != null) {
            bar.setExtraMessage(" " + itemsDone + "/" + items + " " + itemUnit);
            return;
        }
        maybePrint();
    }

    private void maybePrint() {
        if (err == null) {
            return;
        }
        long decile = done * 10 / total;
        if (done == total && itemsDone < items) {
            return; // the last line waits for the last piece, so that it says all are done
        }
        long now = clock.getAsLong();
        if (decile > decilePrinted && now - lastPrinted >= minIntervalNanos) {
            decilePrinted = decile;
            lastPrinted = now;
            err.println(line(now));
            err.flush();
        }
    }

    /** @return the plain line at time now */
    String line(long now) {
        double elapsed = (now - start) / 1e9;
        StringBuilder s = new StringBuilder(task).append(": ").append(done).append('/').append(total).append(' ').append(unit)
                .append(" (").append(done * 100 / total).append("%)");
        if (items > 0) {
            s.append(", ").append(itemsDone).append('/').append(items).append(' ').append(itemUnit).append(" done");
        }
        s.append(", ").append(duration(elapsed)).append(" elapsed");
        if (done > 0) {
            s.append(done == total ? ", done" : ", about " + duration(elapsed * (total - done) / done) + " left");
        }
        return s.toString();
    }

    /**
     * @param seconds a duration, at least 0
     * @return it in words: "42 s", "3 min 20 s", "1 h 05 min"
     */
    static String duration(double seconds) {
        long s = Math.round(seconds);
        if (s < 60) {
            return s + " s";
        }
        if (s < 3600) {
            return String.format(Locale.ROOT, "%d min %02d s", s / 60, s % 60);
        }
        return String.format(Locale.ROOT, "%d h %02d min", s / 3600, (s % 3600) / 60);
    }

    /** Ends the bar; plain lines need no ending. */
    @Override
    public void close() {
        if (bar != null) {
            bar.close();
        }
    }
}
