package org.samsde.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.samsde.core.InvalidInputException;
import org.samsde.core.io.AtomicFiles;
import org.samsde.plots.SweepFigures;
import org.samsde.plots.XChartRenderer;
import org.samsde.plots.spec.Figure;
import org.samsde.sde.run.Problem;
import org.samsde.sde.run.Record;
import org.samsde.sde.artifact.SweepCsv;
import org.samsde.sweep.Cell;
import org.samsde.sweep.CellFiles;
import org.samsde.sweep.CellState;
import org.samsde.sweep.Slurm;
import org.samsde.sweep.Submissions;
import org.samsde.sweep.SweepFile;
import org.samsde.sweep.SweepSpec;
import org.samsde.sweep.SweepStatus;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code samsde sweep}: grids of train, sde or compare runs, planned into a sweep directory, run
 * locally or as one Slurm job array, resumable cell by cell, and collected into one table and
 * figure. Every subcommand can be repeated: nothing done is done again.
 */
@Command(name = "sweep", mixinStandardHelpOptions = true,
        header = "Sweeps over grids of runs, locally or as a Slurm job array.",
        description = {"Sweeps over grids of runs: plan a sweep directory from a JSON spec, run its cells locally or as a Slurm job array,",
            "see their status, collect their final records into sweep.csv and a figure. Each step can be repeated safely."},
        subcommands = {SweepCommand.Plan.class, SweepCommand.CellRun.class, SweepCommand.Run.class, SweepCommand.Status.class,
            SweepCommand.Collect.class})
final class SweepCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** @return the sweep table of dir, checked */
    static SweepFile.Sweep open(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new InvalidInputException(dir + ": no such sweep directory");
        }
        return SweepFile.read(dir);
    }

    /** {@code samsde sweep plan SPEC --out SWEEP}. */
    @Command(name = "plan", mixinStandardHelpOptions = true, sortOptions = false,
            header = "Check a sweep spec and write the sweep directory.",
            description = {"Check a sweep spec and write the sweep directory: spec.json, sweep.json (provenance and the cell table) and",
                "cells/<index>-<key>/ with each cell's full configuration (cell.json). Every cell is checked with the base command's own",
                "options and checks first; a bad spec writes nothing. Spec: {\"command\": \"train\", \"options\": {...}, \"grid\": {\"lr\": [...]},",
                "\"zip\": {\"a\": [...], \"b\": [...]}, \"list\": [{...}, ...]}: the product of the grid axes, the zipped groups and the list."})
    static final class Plan implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "SPEC.json", description = "The sweep specification.")
        Path specFile;

        @Option(names = "--out", paramLabel = "SWEEP", required = true, description = "The sweep directory to create.")
        Path out;

        @Option(names = "--force", description = "Plan into an existing sweep directory of the same spec (cells already run are kept).")
        boolean force;

        @Override
        public Integer call() throws IOException {
            SweepSpec sweep = SweepSpec.read(specFile);
            Inputs.outputDirectory(out, "--out");
            if (Files.isRegularFile(out.resolve(SweepFile.NAME)) && !force) {
                throw new InvalidInputException("--out " + out + ": already a sweep directory (run it, or plan elsewhere)");
            }
            Path base = specFile.toAbsolutePath().getParent();
            List<Cell> cells = sweep.cells();
            List<SweepFile.Row> rows = new ArrayList<>();
            List<Map<String, Object>> options = new ArrayList<>();
            Map<String, Problem> problems = SweepCells.problemCache();
            Path cellsDir = out.resolve(SweepFile.CELLS);
            for (Cell c : cells) {
                Map<String, Object> opts = SweepCells.absolutePaths(c.options(), base);
                List<String> args = SweepCells.args(sweep.command(), opts);
                try {
                    SweepCells.check(sweep.command(), args, opts, cellsDir.resolve(c.dir()), problems);
                } catch (InvalidInputException e) {
                    throw new InvalidInputException("cell " + c.index() + " (" + c.dir() + "): " + e.getMessage(), e);
                }
                rows.add(new SweepFile.Row(c.index(), c.dir(), c.values(), args));
                options.add(opts);
            }
            if (force && Files.isRegularFile(out.resolve(SweepFile.NAME))) {
                SweepFile.Sweep old = SweepFile.read(out);
                if (!old.cells().equals(rows)) {
                    throw new InvalidInputException("--force: " + out + " holds a sweep of other cells; plan elsewhere");
                }
            }
            Files.createDirectories(out);
            AtomicFiles.write(out.resolve(SweepSpec.FILE), o -> o.write(Files.readAllBytes(specFile)));
            for (int i = 0; i < cells.size(); i++) {
                SweepCells.writeCell(cellsDir.resolve(cells.get(i).dir()), sweep.command(), cells.get(i), options.get(i), rows.get(i).args());
            }
            Map<String, Object> provenance = new LinkedHashMap<>();
            provenance.put("created", Instant.now().toString());
            provenance.put("spec", Replay.absolute(specFile));
            String version = Main.class.getPackage().getImplementationVersion();
            provenance.put("samsde_version", version == null ? "development" : version);
            provenance.put("java_version", System.getProperty("java.version"));
            provenance.put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
            provenance.put("host", SweepStatus.host());
            provenance.put("user", System.getProperty("user.name"));
            SweepFile.write(out, new SweepFile.Sweep(sweep.command(), sweep.axes(), provenance, rows));
            PrintWriter o = spec.commandLine().getOut();
            o.printf("planned %d cells of %s over %s in %s%n", cells.size(), sweep.command(),
                    sweep.axes().isEmpty() ? "no axis" : String.join(", ", sweep.axes()), out);
            o.printf("next: samsde sweep run %s [--engine local|slurm]%n", out);
            o.flush();
            return 0;
        }
    }

    /** {@code samsde sweep cell SWEEP --index I}: one cell (or a few), idempotent and resumable. */
    @Command(name = "cell", mixinStandardHelpOptions = true, sortOptions = false,
            header = "Run cells of a sweep in this process.",
            description = {"Run cells of a sweep in this process: a done cell is skipped, an interrupted one resumes from its checkpoints",
                "(records bitwise those of an uninterrupted run). What Slurm array tasks run. Exit code 1 when a cell failed."})
    static final class CellRun implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "SWEEP", description = "The sweep directory.")
        Path dir;

        @Option(names = "--index", paramLabel = "I[,J-K]", required = true, description = "The cells: indices and ranges, run in order.")
        String index;

        @Option(names = "--threads", paramLabel = "T", description = "Worker threads of each cell (default: the base command's).")
        Integer threads;

        @Override
        public Integer call() throws IOException {
            SweepFile.Sweep sweep = open(dir);
            if (threads != null) {
                Checks.positive("--threads", threads);
            }
            int failed = 0;
            for (int i : Cell.indices(index, sweep.cells().size())) {
                SweepCells.Outcome o = SweepCells.run(dir, sweep, i, threads, spec.commandLine().getOut());
                if (o == SweepCells.Outcome.FAILED || o == SweepCells.Outcome.BUSY) {
                    failed++;
                }
            }
            return failed == 0 ? 0 : 1;
        }
    }

    /** {@code samsde sweep status SWEEP}. */
    @Command(name = "status", mixinStandardHelpOptions = true, sortOptions = false,
            description = "Show each cell's state (pending, running, done, failed) from the cell directories and, once submitted, squeue.")
    static final class Status implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "SWEEP", description = "The sweep directory.")
        Path dir;

        @Option(names = "--summary", description = "Print only the counts.")
        boolean summaryOnly;

        @Override
        public Integer call() {
            SweepFile.Sweep sweep = open(dir);
            SweepStatus v = SweepStatus.of(dir, sweep);
            PrintWriter o = spec.commandLine().getOut();
            if (!summaryOnly) {
                o.printf("%-6s %-8s %-40s %s%n", "cell", "state", "dir", "detail");
                for (SweepFile.Row r : sweep.cells()) {
                    CellFiles.Status s = v.states().get(r.index());
                    o.printf("%-6d %-8s %-40s %s%n", r.index(), s.state().label(), r.dir(), s.detail());
                }
            }
            o.printf("%d cells: %d done, %d running, %d pending, %d failed%s%n", sweep.cells().size(), v.count(CellState.DONE),
                    v.count(CellState.RUNNING), v.count(CellState.PENDING), v.count(CellState.FAILED),
                    v.queueNote().isEmpty() ? "" : " (" + v.queueNote() + ")");
            o.flush();
            return 0;
        }
    }

    /** {@code samsde sweep collect SWEEP}. */
    @Command(name = "collect", mixinStandardHelpOptions = true, sortOptions = false,
            header = "Collect the finished cells into SWEEP/sweep.csv.",
            description = {"Collect the finished cells into SWEEP/sweep.csv (one row per cell and method: the grid values and the final",
                "record's metrics with 95%% intervals), a figure (sweep.png, sweep.svg: a heat map over two varied axes, lines over one)",
                "and missing.txt (cells not done, with their state). Can be run at any time, again and again."})
    static final class Collect implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "SWEEP", description = "The sweep directory.")
        Path dir;

        @Option(names = "--metric", paramLabel = "M", defaultValue = "train_loss",
                description = "The metric of the figure: one of train_loss, test_loss, test_acc, norm, grad_norm, lambda_max, ... (default ${DEFAULT-VALUE}).")
        String metric;

        @Option(names = "--method", paramLabel = "NAME", description = "The method of a heat map (default: the first of the cells).")
        String method;

        @Override
        public Integer call() throws IOException {
            if (!Record.METRICS.contains(metric)) {
                throw new InvalidInputException("--metric: unknown metric '" + metric + "' (expected one of "
                        + String.join(", ", Record.METRICS) + ")");
            }
            SweepFile.Sweep sweep = open(dir);
            PrintWriter o = spec.commandLine().getOut();
            int[] done = {0};
            List<SweepCsv.Row> rows = new ArrayList<>();
            for (SweepFile.Row r : sweep.cells()) {
                Path cell = sweep.cellDir(dir, r.index());
                if (CellFiles.done(cell)) {
                    rows.addAll(SweepCsv.finalRows(cell.resolve(SweepCsv.SUMMARY), r.index(), r.dir(), SweepSpec.texts(r.values())));
                    done[0]++;
                }
            }
            SweepCsv.write(dir.resolve(SweepCsv.NAME), sweep.axes(), rows);
            List<String> missing = SweepStatus.writeMissing(dir, sweep);
            String figure;
            try {
                Figure f = SweepFigures.of(rows, sweep.axes(), metric, method);
                XChartRenderer.write(f, dir.resolve("sweep.png"), 1.0);
                XChartRenderer.write(f, dir.resolve("sweep.svg"), 1.0);
                figure = "sweep.png, sweep.svg";
            } catch (InvalidInputException e) {
                figure = "no figure (" + e.getMessage() + ")";
            }
            if (ValidityCommand.isStudy(dir)) {
                ValidityCommand.collect(dir, null, o);
            }
            o.printf("collected %d of %d cells into %s (%d rows); %s; %s%n", done[0], sweep.cells().size(), dir.resolve(SweepCsv.NAME),
                    rows.size(), missing.isEmpty() ? "none missing" : missing.size() + " missing or failed (listed in missing.txt)", figure);
            o.flush();
            return 0;
        }
    }

    /** {@code samsde sweep run SWEEP --engine local|slurm}. */
    @Command(name = "run", mixinStandardHelpOptions = true, sortOptions = false,
            header = "Run the cells that are not done, locally or on Slurm.",
            description = {"Run the cells that are not done: locally (in this process, --parallel cells at a time, then collect), or on Slurm",
                "as ONE job array (one requeueable task per cell, or --cells-per-task cells per task) followed by a collect job",
                "(afterany). Running again submits only what is not done and not queued."})
    static final class Run implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "SWEEP", description = "The sweep directory.")
        Path dir;

        @Option(names = "--engine", paramLabel = "E", defaultValue = "local", description = "local or slurm (default ${DEFAULT-VALUE}).")
        String engine;

        @Option(names = "--only", paramLabel = "WHICH", defaultValue = "undone",
                description = "undone (every cell not done, queued or running: the default) or failed (only failed ones).")
        String only;

        @Option(names = "--parallel", paramLabel = "P", defaultValue = "1", description = "local: cells run at once (default ${DEFAULT-VALUE}).")
        int parallel;

        @Option(names = "--threads", paramLabel = "T", description = "Worker threads of each cell (default: the base command's; on Slurm, --cpus-per-task).")
        Integer threads;

        @Option(names = "--partition", paramLabel = "P", description = "slurm: the partition.")
        String partition;

        @Option(names = "--time", paramLabel = "T", description = "slurm: the time limit per task (e.g. 00:30:00).")
        String time;

        @Option(names = "--cpus-per-task", paramLabel = "C", description = "slurm: CPUs per task (also the cells' worker threads).")
        Integer cpusPerTask;

        @Option(names = "--mem", paramLabel = "M", description = "slurm: memory per task's node (e.g. 4G).")
        String mem;

        @Option(names = "--throttle", paramLabel = "N", description = "slurm: at most N tasks of the array at once (--array=...%%N).")
        Integer throttle;

        @Option(names = "--sbatch-arg", paramLabel = "ARG", description = "slurm: a further sbatch argument (repeatable), e.g. --sbatch-arg=--account=abc.")
        List<String> sbatchArgs = new ArrayList<>();

        @Option(names = "--setup", paramLabel = "LINE", description = "slurm: a shell line run first on the compute node, e.g. 'module load java/17'.")
        String setup;

        @Option(names = "--cells-per-task", paramLabel = "K", defaultValue = "1",
                description = "slurm: cells run one after the other by each array task (default ${DEFAULT-VALUE}).")
        int cellsPerTask;

        @Option(names = "--dry-run", description = "slurm: print the batch scripts; submit nothing.")
        boolean dryRun;

        @Option(names = "--no-collect", description = "local: do not collect at the end; slurm: submit no collect job.")
        boolean noCollect;

        @Override
        public Integer call() throws Exception {
            if (!engine.equals("local") && !engine.equals("slurm")) {
                throw new InvalidInputException("--engine: expected local or slurm, got '" + engine + "'");
            }
            if (!only.equals("undone") && !only.equals("failed")) {
                throw new InvalidInputException("--only: expected undone or failed, got '" + only + "'");
            }
            Checks.positive("--parallel", parallel);
            Checks.positive("--cells-per-task", cellsPerTask);
            positiveIfGiven("--threads", threads);
            positiveIfGiven("--cpus-per-task", cpusPerTask);
            positiveIfGiven("--throttle", throttle);
            SweepFile.Sweep sweep = open(dir);
            SweepStatus v = SweepStatus.of(dir, sweep);
            List<Integer> todo = new ArrayList<>();
            for (SweepFile.Row r : sweep.cells()) {
                CellState s = v.states().get(r.index()).state();
                if (only.equals("failed") ? s == CellState.FAILED : s == CellState.PENDING || s == CellState.FAILED) {
                    todo.add(r.index());
                }
            }
            PrintWriter o = spec.commandLine().getOut();
            if (todo.isEmpty()) {
                o.printf("nothing to run: %d of %d cells done, %d running or queued%n", v.count(CellState.DONE), sweep.cells().size(),
                        v.count(CellState.RUNNING) + v.count(CellState.PENDING));
                o.flush();
                return 0;
            }
            return engine.equals("local") ? local(sweep, todo, o) : slurm(sweep, todo, o);
        }

        private static void positiveIfGiven(String option, Integer value) {
            if (value != null) {
                Checks.positive(option, value);
            }
        }

        private int local(SweepFile.Sweep sweep, List<Integer> todo, PrintWriter o) throws Exception {
            long t0 = System.nanoTime();
            int failed = 0;
            ExecutorService pool = Executors.newFixedThreadPool(Math.min(parallel, todo.size()));
            try {
                List<Future<SweepCells.Outcome>> results = new ArrayList<>();
                for (int i : todo) {
                    results.add(pool.submit(() -> SweepCells.run(dir, sweep, i, threads, o)));
                }
                for (Future<SweepCells.Outcome> f : results) {
                    SweepCells.Outcome out = f.get();
                    if (out == SweepCells.Outcome.FAILED || out == SweepCells.Outcome.BUSY) {
                        failed++;
                    }
                }
            } finally {
                pool.shutdown();
            }
            o.printf("ran %d cells in %.1f s locally: %d failed%n", todo.size(), (System.nanoTime() - t0) / 1e9, failed);
            o.flush();
            if (!noCollect) {
                Collect c = new Collect();
                c.spec = spec;
                c.dir = dir;
                c.metric = "train_loss";
                c.call();
            }
            return failed == 0 ? 0 : 1;
        }

        private int slurm(SweepFile.Sweep sweep, List<Integer> todo, PrintWriter o) throws IOException {
            Path abs = dir.toAbsolutePath().normalize();
            Path slurmDir = abs.resolve(Submissions.FOLDER);
            if (partition != null && !dryRun) {
                Slurm.checkPartition(abs, partition);
            }
            int maxArray = dryRun ? Slurm.DEFAULT_MAX_ARRAY_SIZE : Slurm.maxArraySize(abs);
            Map<Integer, List<Integer>> tasks = Slurm.tasks(todo, cellsPerTask, maxArray);
            Slurm.Request req = new Slurm.Request(Slurm.launcher(Main.class.getName()), partition, time, cpusPerTask, mem, throttle,
                    sbatchArgs, setup, cellsPerTask);
            String name = "samsde-sweep-" + abs.getFileName();
            String array = Slurm.arrayScript(abs, name, tasks, req);
            String collect = Slurm.collectScript(abs, name + "-collect", req);
            if (dryRun) {
                o.println("# --- job array (" + tasks.size() + " tasks, " + todo.size() + " cells): sbatch --parsable ARRAY_SCRIPT");
                o.print(array);
                if (!noCollect) {
                    o.println("# --- collect job: sbatch --parsable --dependency=afterany:ARRAY_JOB_ID --kill-on-invalid-dep=yes COLLECT_SCRIPT");
                    o.print(collect);
                }
                o.flush();
                return 0;
            }
            int n = Submissions.read(abs).size() + 1;
            Files.createDirectories(slurmDir.resolve("logs"));
            Path arrayFile = slurmDir.resolve("array-" + n + ".sh");
            Path collectFile = slurmDir.resolve("collect-" + n + ".sh");
            AtomicFiles.write(arrayFile, out -> out.write(array.getBytes(StandardCharsets.UTF_8)));
            AtomicFiles.write(collectFile, out -> out.write(collect.getBytes(StandardCharsets.UTF_8)));
            String job = Slurm.sbatch(abs, arrayFile, List.of());
            String collectJob = "";
            try {
                if (!noCollect) {
                    collectJob = Slurm.sbatch(abs, collectFile, List.of("--dependency=afterany:" + job, "--kill-on-invalid-dep=yes"));
                }
            } finally {
                Submissions.append(abs, new Submissions.Submission(job, collectJob, Instant.now().toString(), arrayFile.getFileName().toString(),
                        tasks));
            }
            o.printf("submitted job array %s (%d tasks, %d cells)%s; logs in %s%n", job, tasks.size(), todo.size(),
                    collectJob.isEmpty() ? "" : " and collect job " + collectJob + " (afterany)", slurmDir.resolve("logs"));
            o.printf("follow it with: samsde sweep status %s%n", dir);
            o.flush();
            return 0;
        }
    }
}
