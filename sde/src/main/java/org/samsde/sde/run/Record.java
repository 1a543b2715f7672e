package org.samsde.sde.run;

import java.util.List;

/**
 * One recorded row of a trajectory (docs/design.md §12).
 *
 * @param step k
 * @param time SDE time k·η
 * @param trainLoss f(x_k) on the whole training set
 * @param testLoss the test loss (NaN without a test split)
 * @param testAccuracy the test accuracy (NaN without labels or test split)
 * @param norm ‖x_k‖
 * @param gradNorm ‖∇f(x_k)‖, full batch
 * @param lambdaMax the top Hessian eigenvalue of the loss on the evaluation subset (NaN when not measured)
 * @param alignment |cos(ε, v₁)| with ε the method's last perturbation, or the full gradient for methods without one
 * @param alignmentSquared ⟨n, v₁⟩² with n the normalised full gradient
 * @param noiseRatio r = √tr Σ_B/‖∇f‖, the batch noise against the full gradient, estimated from
 *                   {@link Recorder#PROBE_BATCHES} fresh batches (NaN for full-batch methods): small r
 *                   is where linearisations in the batch fluctuation hold
 * @param driftBias for a solver with a biased drift estimator (plug-in), the estimated relative error
 *                  of its ρ terms ‖b̂ − E_γ[G_γ]‖/‖E_γ[G_γ] − g‖; NaN where the estimator is unbiased
 * @param seconds wall time since the trajectory started
 * @param diverged whether the trajectory diverged at this step (a last row of NaN metrics)
 * @param lambdaResidual the relative residual ‖Hv₁ − λv₁‖/|λ| of the λ_max estimate: its evidence,
 *                       large when Lanczos stopped at its step cap without converging (NaN when not measured)
 */
public record Record(int step, double time, double trainLoss, double testLoss, double testAccuracy, double norm,
                     double gradNorm, double lambdaMax, double alignment, double alignmentSquared, double noiseRatio,
                     double driftBias, double seconds, boolean diverged, double lambdaResidual) {

    /** The metric names, in column order, as they appear in the CSV files. */
    public static final List<String> METRICS = List.of("train_loss", "test_loss", "test_acc", "norm", "grad_norm",
            "lambda_max", "alignment", "align_sq", "noise_ratio", "drift_bias");

    /** The metrics that files written before they existed lack; readers take them as NaN. */
    public static final java.util.Set<String> OPTIONAL = java.util.Set.of("noise_ratio", "drift_bias");

    /** @return the metrics in the order of {@link #METRICS} */
    public double[] metrics() {
        return new double[] {trainLoss, testLoss, testAccuracy, norm, gradNorm, lambdaMax, alignment, alignmentSquared, noiseRatio,
            driftBias};
    }

    /**
     * @param name a metric's name, one of {@link #METRICS}
     * @return its value in this record
     * @throws IllegalArgumentException naming the metric when it is not one of {@link #METRICS}
     */
    public double metric(String name) {
        return switch (name) {
            case "train_loss" -> trainLoss;
            case "test_loss" -> testLoss;
            case "test_acc" -> testAccuracy;
            case "norm" -> norm;
            case "grad_norm" -> gradNorm;
            case "lambda_max" -> lambdaMax;
            case "alignment" -> alignment;
            case "align_sq" -> alignmentSquared;
            case "noise_ratio" -> noiseRatio;
            case "drift_bias" -> driftBias;
            default -> throw new IllegalArgumentException("no metric '" + name + "' (the metrics: " + String.join(", ", METRICS) + ")");
        };
    }

    /**
     * @param step k
     * @param time k·η
     * @param m the metrics in the order of {@link #METRICS}; not modified
     * @param seconds wall time
     * @param diverged whether it marks a divergence
     * @param lambdaResidual the λ_max estimate's relative residual
     * @return the record
     */
    public static Record of(int step, double time, double[] m, double seconds, boolean diverged, double lambdaResidual) {
        if (m.length != METRICS.size()) {
            throw new IllegalArgumentException("a record has " + METRICS.size() + " metrics, got " + m.length);
        }
        return new Record(step, time, m[0], m[1], m[2], m[3], m[4], m[5], m[6], m[7], m[8], m[9], seconds, diverged, lambdaResidual);
    }

    /**
     * @param step k
     * @param time k·η
     * @param seconds wall time
     * @return the row that marks a divergence at step k
     */
    public static Record divergedAt(int step, double time, double seconds) {
        double nan = Double.NaN;
        return new Record(step, time, nan, nan, nan, nan, nan, nan, nan, nan, nan, nan, seconds, true, nan);
    }
}
