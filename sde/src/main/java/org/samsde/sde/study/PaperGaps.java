package org.samsde.sde.study;

import java.util.ArrayList;
import java.util.List;

import org.samsde.sde.run.Ensemble;

/**
 * The gaps of the two paper replications, as one family each ({@link SeedGaps}: time averages per
 * seed, paired by seed, intervals that hold for the whole family):
 * <ul>
 *   <li>{@link #sde}: each SDE model of a run minus its discrete reference (SAM) on the six panels
 *       of the SDE figure that every compared method records;</li>
 *   <li>{@link #alignment}: a candidate perturbing method (Eigen-SAM) minus a reference (SAM) in
 *       |cos(ε, v₁)|, one comparison per data set, added with {@link #addAlignment}.</li>
 * </ul>
 * Which methods are SDE models is what the run recorded of them (their kind), not their names.
 */
public final class PaperGaps {
    /** The six panels of the SDE figure, in the order of {@code Record.METRICS}: the observables of the step-size check. */
    public static final List<String> PANELS = org.samsde.sde.run.StepSizes.OBSERVABLES;

    private PaperGaps() {
    }

    /**
     * Each SDE model minus the discrete reference on the panels that every compared method records
     * (all six when λ_max is measured), one family; the methods of one run share their seeds, so the
     * gaps are paired.
     *
     * @param trajectories the run's trajectories; not modified
     * @param reference the discrete method the models are compared with (the paper's: SAM)
     * @param models the SDE models, in order
     * @return the gaps, or an empty list when the run has no reference or no model
     */
    public static List<SeedGaps.Gap> sde(List<Ensemble.Trajectory> trajectories, String reference, List<String> models) {
        if (models.isEmpty() || trajectories.stream().noneMatch(t -> t.method().equals(reference))) {
            return List.of();
        }
        List<String> methods = new ArrayList<>(models);
        methods.add(reference);
        List<String> panels = PANELS.stream().filter(n -> methods.stream().allMatch(m -> SeedGaps.recorded(
                trajectories.stream().filter(t -> t.method().equals(m)).toList(), n))).toList();
        return SeedGaps.compute(trajectories, reference, models, panels);
    }

    /**
     * Adds a candidate against the reference on one data set to the family of alignment gaps, when
     * both ran and recorded the alignment. They ran in one ensemble, so they share their seeds: the
     * gap is the mean over seeds of the per-seed difference of time-averaged alignments, a paired t.
     *
     * @param family the family; modified
     * @param data the data set's name, prefixed to the methods' labels
     * @param trajectories that data set's trajectories; not modified
     * @param candidate the candidate method (the paper's: Eigen-SAM)
     * @param reference the reference method (the paper's: SAM)
     */
    public static void addAlignment(List<SeedGaps.Comparison> family, String data, List<Ensemble.Trajectory> trajectories,
                                    String candidate, String reference) {
        List<Ensemble.Trajectory> ref = trajectories.stream().filter(t -> t.method().equals(reference)).toList();
        List<Ensemble.Trajectory> cand = trajectories.stream().filter(t -> t.method().equals(candidate)).toList();
        if (!ref.isEmpty() && !cand.isEmpty() && SeedGaps.recorded(ref, "alignment") && SeedGaps.recorded(cand, "alignment")) {
            family.add(new SeedGaps.Comparison(data + "/" + candidate, data + "/" + reference, cand, ref));
        }
    }

    /**
     * @param family the comparisons of {@link #addAlignment}; not modified
     * @return their gaps in |cos(ε, v₁)|, one family, or an empty list when there is none
     */
    public static List<SeedGaps.Gap> alignment(List<SeedGaps.Comparison> family) {
        return family.isEmpty() ? List.of() : SeedGaps.compute(family, List.of("alignment"));
    }
}
