package org.samsde.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;

import org.samsde.core.InvalidInputException;
import org.samsde.core.random.RandomStreams;
import org.samsde.sde.artifact.RunInfo;
import org.samsde.sde.artifact.SeedGapsFile;
import org.samsde.sde.artifact.TrajectoriesFile;
import org.samsde.sde.run.Ensemble;
import org.samsde.sde.run.Record;
import org.samsde.sde.study.SeedGaps;

import com.fasterxml.jackson.databind.JsonNode;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code samsde study gaps}: the gaps between a reference ensemble and candidate ensembles read
 * from run directories, with family-wise intervals ({@link SeedGaps}), written to gaps.csv.
 *
 * <p>Which methods are compared: the reference is {@code --reference-method}, else the reference
 * directory's only method, else its method {@code sam}. Each candidate directory contributes the
 * methods of {@code --candidate-method}, else every method in it other than the reference's name,
 * else (a directory whose only method has the reference's name: the same method in another run)
 * that method. Seeds are told apart by their values: a run's {@code run.json} gives its master
 * seed, and seed j of a run is key(master seed, j), so two methods of one run, or of runs with the
 * same master seed, share their seeds and are paired; without a master seed on file the seed index
 * stands for the seed.
 */
@Command(name = "gaps", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Compares a reference ensemble with one or more candidate ensembles from finished runs, observable by observable. "
                + "Each seed is summarised by the time average of the observable over its records after step 0, and the gap is the "
                + "candidate's mean over seeds minus the reference's. When the two ensembles share their seeds (methods of one run, or "
                + "runs with the same master seed) the gap is a paired t over per-seed differences; otherwise it is Welch's t. "
                + "Diverged trajectories are left out and counted.",
            "The 95%% intervals hold for the whole family of candidates and observables at once (Bonferroni), and a gap is resolved "
                + "when its interval excludes zero. Holm's adjusted p-values are reported beside them.",
            "The reference is --reference-method, or else the reference directory's only method, or else its method sam. Each "
                + "candidate directory contributes the methods of --candidate-method, or else every method in it other than the "
                + "reference's name, or else its only method when that has the reference's name (the same method in another run).",
            "Writes gaps.csv (candidate, observable, gap, lo, hi, resolved, reference, paired, seeds, reference_seeds, diverged, se, "
                + "df, p, p_holm) into --out and prints the table."})
final class GapsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--reference", paramLabel = "DIR", required = true, description = "Run directory of the reference ensemble.")
    Path reference;

    @Option(names = "--candidate", paramLabel = "DIR", required = true,
            description = "Run directory of candidate ensembles; repeat the option for several (it may be the reference's directory).")
    List<Path> candidates;

    @Option(names = "--out", paramLabel = "DIR", required = true, description = "Directory for gaps.csv.")
    Path out;

    @Option(names = "--observables", paramLabel = "LIST", split = ",",
            description = "Observables, names of the records' metrics (default: those of train_loss, test_loss, test_acc, norm, "
                    + "grad_norm and lambda_max that every ensemble records).")
    List<String> observables;

    @Option(names = "--reference-method", paramLabel = "NAME", description = "The reference method in the reference directory.")
    String referenceMethod;

    @Option(names = "--candidate-method", paramLabel = "LIST", split = ",",
            description = "The candidate methods, taken from every candidate directory.")
    List<String> candidateMethods;

    /** A run directory's trajectories, with seed values from its master seed where run.json has one. */
    record Run(Path dir, List<Ensemble.Trajectory> trajectories) {
        List<String> methods() {
            return trajectories.stream().map(Ensemble.Trajectory::method).distinct().toList();
        }

        List<Ensemble.Trajectory> of(String method) {
            return trajectories.stream().filter(t -> t.method().equals(method)).toList();
        }
    }

    @Override
    public Integer call() throws IOException {
        Inputs.nonEmpty(reference, "--reference");
        Inputs.outputDirectory(out, "--out");
        Run ref = read(reference, "--reference");
        String refName = referenceName(ref);
        List<Path> dirs = new ArrayList<>();
        List<String> methods = new ArrayList<>();
        List<Run> runs = new ArrayList<>();
        for (Path c : candidates) {
            Inputs.nonEmpty(c, "--candidate");
            boolean same = sameDirectory(c, reference);
            Run run = same ? ref : read(c, "--candidate");
            for (String m : candidateNames(run, refName, same)) {
                dirs.add(c);
                methods.add(m);
                runs.add(run);
            }
        }
        List<String> labels = labels(reference, refName, dirs, methods);
        String refLabel = labels.get(0);
        List<SeedGaps.Comparison> family = new ArrayList<>();
        List<List<Ensemble.Trajectory>> ensembles = new ArrayList<>(List.of(ref.of(refName)));
        for (int i = 0; i < methods.size(); i++) {
            List<Ensemble.Trajectory> t = runs.get(i).of(methods.get(i));
            family.add(new SeedGaps.Comparison(labels.get(i + 1), refLabel, t, ref.of(refName)));
            ensembles.add(t);
        }
        List<String> chosen = observables(ensembles);
        List<SeedGaps.Gap> gaps = Checks.input("study gaps", () -> SeedGaps.compute(family, chosen));
        Files.createDirectories(out);
        Path file = out.resolve(SeedGapsFile.NAME);
        SeedGapsFile.write(file, gaps);
        PrintWriter o = spec.commandLine().getOut();
        print(o, gaps);
        o.printf("wrote %s%n", file);
        o.flush();
        return 0;
    }

    /**
     * Reads a run directory: its trajectories.csv, with seed j's value key(master seed, j) where
     * its run.json records the master seed (as the ensemble drew it), else j.
     *
     * @param dir the directory
     * @param option the option that named it
     * @return the run
     * @throws InvalidInputException naming the option and the directory when it is not a run directory
     */
    static Run read(Path dir, String option) {
        if (!Files.isDirectory(dir)) {
            throw new InvalidInputException(option + " " + dir + ": not a directory");
        }
        if (!Files.isRegularFile(dir.resolve(TrajectoriesFile.NAME))) {
            throw new InvalidInputException(option + " " + dir + ": no " + TrajectoriesFile.NAME + " (not a finished run directory)");
        }
        List<Ensemble.Trajectory> t = TrajectoriesFile.read(dir.resolve(TrajectoriesFile.NAME));
        JsonNode master = RunInfo.read(dir).get("master_seed");
        if (master == null || !master.canConvertToLong()) {
            return new Run(dir, t);
        }
        long m = master.asLong();
        return new Run(dir, t.stream().map(x -> new Ensemble.Trajectory(x.method(), x.seedIndex(), RandomStreams.key(m, x.seedIndex()),
                x.records(), x.finalParameters(), x.diverged(), x.seconds())).toList());
    }

    private String referenceName(Run ref) {
        List<String> have = ref.methods();
        if (referenceMethod != null) {
            if (!have.contains(referenceMethod)) {
                throw new InvalidInputException("--reference-method " + referenceMethod + ": " + reference + " holds " + have);
            }
            return referenceMethod;
        }
        if (have.size() == 1) {
            return have.get(0);
        }
        if (have.contains("sam")) {
            return "sam";
        }
        throw new InvalidInputException("--reference " + reference + " holds " + have + " and no sam: name one with --reference-method");
    }

    private List<String> candidateNames(Run run, String refName, boolean same) {
        List<String> have = run.methods();
        List<String> names;
        if (candidateMethods != null) {
            names = candidateMethods.stream().map(String::trim).toList();
            for (String n : names) {
                if (!have.contains(n)) {
                    throw new InvalidInputException("--candidate-method " + n + ": " + run.dir() + " holds " + have);
                }
            }
        } else {
            names = have.stream().filter(n -> !n.equals(refName)).toList();
            if (names.isEmpty() && !same) {
                names = have;
            }
        }
        if (same && names.contains(refName)) {
            throw new InvalidInputException("--candidate " + run.dir() + ": the reference method " + refName + " against itself");
        }
        if (names.isEmpty()) {
            throw new InvalidInputException("--candidate " + run.dir() + ": holds only the reference method " + refName
                    + ", nothing to compare");
        }
        return names;
    }

    private static boolean sameDirectory(Path a, Path b) {
        try {
            return Files.isSameFile(a, b);
        } catch (IOException e) {
            return a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
        }
    }

    /**
     * @return the reference's label, then each candidate's: method names when they tell the
     *     ensembles apart, else DIR/METHOD for all, DIR as given
     */
    private static List<String> labels(Path refDir, String refName, List<Path> dirs, List<String> methods) {
        List<String> plain = new ArrayList<>(List.of(refName));
        plain.addAll(methods);
        List<String> labels = plain;
        if (new HashSet<>(plain).size() < plain.size()) {
            labels = new ArrayList<>(List.of(refDir + "/" + refName));
            for (int i = 0; i < methods.size(); i++) {
                labels.add(dirs.get(i) + "/" + methods.get(i));
            }
            Set<String> seen = new HashSet<>();
            for (String l : labels) {
                if (!seen.add(l)) {
                    throw new InvalidInputException("--candidate: " + l + " is named twice");
                }
            }
        }
        for (String l : labels) {
            if (l.contains(",") || l.contains("\n") || l.contains("\r")) {
                throw new InvalidInputException("'" + l + "': a method or directory name with a comma or line break cannot go into "
                        + SeedGapsFile.NAME);
            }
        }
        return labels;
    }

    private List<String> observables(List<List<Ensemble.Trajectory>> ensembles) {
        if (observables != null) {
            List<String> names = observables.stream().map(String::trim).filter(s -> !s.isEmpty()).distinct().toList();
            for (String n : names) {
                if (!Record.METRICS.contains(n)) {
                    throw new InvalidInputException("--observables: unknown observable '" + n + "', expected names of " + Record.METRICS);
                }
            }
            if (names.isEmpty()) {
                throw new InvalidInputException("--observables must name at least one observable");
            }
            return names;
        }
        List<String> names = org.samsde.sde.study.PaperGaps.PANELS.stream().filter(n -> ensembles.stream().allMatch(e -> SeedGaps.recorded(e, n))).toList();
        if (names.isEmpty()) {
            throw new InvalidInputException("none of " + org.samsde.sde.study.PaperGaps.PANELS + " is recorded by every ensemble: name them with --observables");
        }
        return names;
    }

    /**
     * Prints the gaps as a table: the family, then one line per gap.
     *
     * @param o the output
     * @param gaps the gaps of one family
     */
    static void print(PrintWriter o, List<SeedGaps.Gap> gaps) {
        if (gaps.isEmpty()) {
            return;
        }
        List<String> references = gaps.stream().map(SeedGaps.Gap::reference).distinct().toList();
        o.printf(Locale.ROOT, "candidate minus %s of the time average after step 0; 95%% intervals for the family of %d gaps at once "
                + "(Bonferroni)%n", references.size() == 1 ? references.get(0) : "its reference", gaps.size());
        int width = Math.max(9, gaps.stream().mapToInt(g -> g.candidate().length()).max().orElse(0));
        int refWidth = Math.max(9, references.stream().mapToInt(String::length).max().orElse(0));
        boolean several = references.size() > 1;
        String head = "%-" + width + "s " + (several ? "%-" + refWidth + "s " : "%s") + "%-11s %11s  %-25s %-8s %-6s %5s %8s %7s%n";
        o.printf(head, "candidate", several ? "reference" : "", "observable", "gap", "interval", "resolved", "paired", "seeds", "diverged",
                "p_holm");
        for (SeedGaps.Gap g : gaps) {
            o.printf(Locale.ROOT, head, g.candidate(), several ? g.reference() : "", g.observable(), String.format(Locale.ROOT, "%.4g", g.gap()),
                    String.format(Locale.ROOT, "[%.3g, %.3g]", g.lo(), g.hi()), g.resolved() ? "yes" : "no", g.paired() ? "yes" : "welch",
                    g.paired() ? Integer.toString(g.seeds()) : g.referenceSeeds() + "/" + g.seeds(), g.diverged(),
                    String.format(Locale.ROOT, "%.3g", g.pHolm()));
        }
    }
}
