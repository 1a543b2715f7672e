package org.samsde.sde.study;

import java.util.ArrayList;
import java.util.List;

import org.samsde.sde.Stability;
import org.samsde.sde.run.Ensemble;
import org.samsde.sde.run.Record;

/**
 * One cell of the validity map (docs/validity.md): at a step size η, radius ρ and batch size B,
 * how far each model of SAM (SVAG-SAM at two L, {@code sam2}, {@code sam3}, solved at converged
 * step sizes on the same seeds) is from discrete SAM, observable by observable, through
 * {@link SeedGaps} (paired, the seed as the unit of replication; the family is the cell's
 * models × observables, so its intervals hold for the cell at 95% together).
 *
 * <p>Each gap is also given relative to the observable's scale, |Δ̂|/|Ȳ_SAM| with Ȳ_SAM SAM's
 * time-averaged value (mean over its finished seeds of each seed's average over the records after
 * step 0, the same summary the gap is a difference of), and the cell carries SAM's time-averaged
 * λ_max and ‖∇f‖ and the ratio λ̄/λ*(Ḡ) of its sharpness to its linear-stability threshold at
 * that gradient norm ({@link Stability#sam}); a ratio near or above 1 puts the cell at SAM's edge
 * of stability. The threshold is full-batch theory: on mini-batches it is a reference, not a bound.
 */
public final class Validity {
    /** The observables of the map: train loss, ‖∇f‖, λ_max and test accuracy. */
    public static final List<String> OBSERVABLES = List.of("train_loss", "grad_norm", "lambda_max", "test_acc");

    private Validity() {
    }

    /**
     * Where a cell sits in the grid.
     *
     * @param index the sweep cell's index
     * @param eta η
     * @param rho ρ
     * @param batch the batch size, or {@code full}
     */
    public record Cell(int index, double eta, double rho, String batch) {
    }

    /**
     * One model's gap to discrete SAM on one observable in one cell.
     *
     * @param cell the cell
     * @param model the model's label (e.g. {@code sam@svag=4}, {@code sam3})
     * @param observable a name of {@link Record#METRICS}
     * @param gap the model minus SAM of the time-averaged observable ({@link SeedGaps.Gap#gap()})
     * @param lo the lower end of its 95% interval, family-wise over the cell
     * @param hi the upper end
     * @param resolved whether the interval excludes 0
     * @param scale |Ȳ_SAM|, SAM's time-averaged observable
     * @param relative |gap|/scale (NaN at a zero scale)
     * @param seeds the seeds that entered (pairs)
     * @param diverged the diverged trajectories left out, of both ensembles
     * @param samLambda SAM's time-averaged λ_max (NaN when not recorded)
     * @param samGradNorm SAM's time-averaged ‖∇f‖
     * @param stabilityRatio λ̄/λ*(Ḡ) at the cell's η and ρ (NaN without λ_max)
     */
    public record Row(Cell cell, String model, String observable, double gap, double lo, double hi, boolean resolved, double scale,
                      double relative, int seeds, int diverged, double samLambda, double samGradNorm, double stabilityRatio) {
    }

    /**
     * @param cell the cell
     * @param trajectories the cell's trajectories (a {@code compare} run's), every method on the same seeds
     * @param reference the discrete method, {@code sam}
     * @param models the models compared with it
     * @param observables the observables; those the run does not record (λ_max without the Hessian,
     *     test accuracy without a test split) are left out
     * @return one row per model and recorded observable, models in order
     * @throws IllegalArgumentException as {@link SeedGaps#compute(List, String, List, List)}, or when
     *     no observable is recorded
     */
    public static List<Row> of(Cell cell, List<Ensemble.Trajectory> trajectories, String reference, List<String> models,
                               List<String> observables) {
        List<Ensemble.Trajectory> sam = trajectories.stream().filter(t -> t.method().equals(reference)).toList();
        List<String> recorded = observables.stream().filter(o -> trajectories.stream().map(Ensemble.Trajectory::method).distinct()
                .allMatch(m -> SeedGaps.recorded(trajectories.stream().filter(t -> t.method().equals(m)).toList(), o))).toList();
        if (recorded.isEmpty()) {
            throw new IllegalArgumentException("cell " + cell.index() + ": none of " + observables + " is recorded by every method");
        }
        List<SeedGaps.Gap> gaps = SeedGaps.compute(trajectories, reference, models, recorded);
        double lambda = timeAverage(sam, "lambda_max");
        double grad = timeAverage(sam, "grad_norm");
        double ratio = lambda / Stability.sam(cell.eta(), cell.rho()).threshold(grad);
        List<Row> out = new ArrayList<>();
        for (SeedGaps.Gap g : gaps) {
            double scale = Math.abs(timeAverage(sam, g.observable()));
            out.add(new Row(cell, g.candidate(), g.observable(), g.gap(), g.lo(), g.hi(), g.resolved(), scale,
                    scale > 0 ? Math.abs(g.gap()) / scale : Double.NaN, g.seeds(), g.diverged(), lambda, grad, ratio));
        }
        return out;
    }

    /**
     * @param ensemble one method's trajectories
     * @param observable a name of {@link Record#METRICS}
     * @return the mean over its finished seeds of each seed's average of the observable over its
     *     records after step 0; NaN when none finished or a value is not finite
     */
    public static double timeAverage(List<Ensemble.Trajectory> ensemble, String observable) {
        double sum = 0;
        int n = 0;
        for (Ensemble.Trajectory t : ensemble) {
            if (t.diverged()) {
                continue;
            }
            double s = 0;
            int r = 0;
            for (Record rec : t.records()) {
                if (rec.step() > 0) {
                    s += rec.metric(observable);
                    r++;
                }
            }
            if (r > 0) {
                sum += s / r;
                n++;
            }
        }
        return n == 0 ? Double.NaN : sum / n;
    }
}
