package org.samsde.testkit;

import org.samsde.core.objective.Batch;
import org.samsde.core.objective.ClosedFormLoss;
import org.samsde.core.objective.Objective;
import org.samsde.core.objective.ToyObjective;
import org.samsde.core.tensor.Backend;
import org.samsde.core.tensor.CpuBackend;
import org.samsde.core.tensor.Tensor;
import org.samsde.core.testing.Check;
import org.samsde.core.testing.Toys;
import org.samsde.sde.Sampling;
import org.samsde.sde.model.Coefficients;
import org.samsde.sde.model.DriftEstimate;
import org.samsde.sde.model.ExactDrift;
import org.samsde.sde.model.NoNoise;
import org.samsde.sde.model.SdeModel;
import org.samsde.sde.model.SdeSolver;

/**
 * Assertions that an SDE model's drift b(x) = E_γ[G_γ(x)], or its per-batch increment G_γ(x),
 * equals a closed form on a toy loss. The closed form is written once, for any
 * {@link ClosedFormLoss} f ({@link ClosedForm}): on the full batch it is the drift; applied to the
 * batch loss f_γ of a shifted toy ({@link Toys#batchLoss}) it is G_γ, and the mean over every batch
 * is the exact mini-batch drift.
 *
 * <p>Errors are relative in the ∞-norm, ‖actual − expected‖∞ / ‖expected‖∞ ({@link Check}). The
 * toys run on the CPU backend.
 */
public final class DriftAssertions {
    private static final Backend CPU = CpuBackend.get();

    private DriftAssertions() {
    }

    /** A model's increment in closed form: G(x) on a loss f, from f's closed-form derivatives. */
    @FunctionalInterface
    public interface ClosedForm {
        /**
         * @param f the loss (the full loss for the drift, a batch loss f_γ for G_γ); not modified
         * @param x the point; not modified
         * @param c ρ and η
         * @return G(x), a new array of f.dimension() entries
         */
        double[] at(ClosedFormLoss f, double[] x, Coefficients c);
    }

    /**
     * The drift estimate at x as the solver's step evaluates it (its drift estimator, the batch
     * stream of a trajectory with the given seed).
     *
     * @param solver the solver
     * @param x the point; not modified
     * @param seed the trajectory seed (only estimators that draw batches use it)
     * @return b̂(x), a new array
     */
    public static double[] drift(SdeSolver solver, double[] x, long seed) {
        Tensor xt = solver.objective().backend().upload(x, x.length);
        SdeSolver.State st = solver.init(xt, seed);
        try (DriftEstimate b = solver.drift(st, xt)) {
            return b.mean().toArray();
        }
    }

    /**
     * G_γ(x) of a model.
     *
     * @param model the model
     * @param f the objective
     * @param x the point; not modified
     * @param batch γ
     * @param c ρ and η
     * @return G_γ(x), a new array
     */
    public static double[] increment(SdeModel model, Objective f, double[] x, Batch batch, Coefficients c) {
        try (Tensor g = model.increment(f, f.backend().upload(x, x.length), batch, c)) {
            return g.toArray();
        }
    }

    /**
     * Fails unless the model's full-batch drift on f (one sample, exact drift, no noise) is the
     * closed form: ‖b(x) − expected(f, x)‖∞ ≤ tol·‖expected(f, x)‖∞.
     *
     * @param model the model under test
     * @param f the toy loss; not modified
     * @param c ρ and η
     * @param x the point; not modified
     * @param expected the closed form
     * @param tol the relative tolerance (a few ulps of the drift's scale, e.g. 1e-12, for closed
     *     forms evaluated in double precision)
     * @throws AssertionError naming the model and the error
     */
    public static void assertFullBatchDrift(SdeModel model, ClosedFormLoss f, Coefficients c, double[] x, ClosedForm expected,
                                            double tol) {
        SdeSolver solver = SdeSolver.builder(ToyObjective.deterministic(f, CPU), model).rho(c.rho()).eta(c.eta())
                .sampling(Sampling.full()).drift(new ExactDrift()).noise(new NoNoise()).build();
        Check.close(expected.at(f, x, c), drift(solver, x, 1), tol, model.name() + " full-batch drift");
    }

    /**
     * Fails unless the model's increment on every batch of B out of the n samples of the shifted
     * toy fᵢ(x) = f(x − ξᵢ) is the closed form on that batch's loss f_γ, and its exact mini-batch
     * drift (batches of B distinct samples) the mean of them.
     *
     * @param model the model under test
     * @param f the toy loss; not modified
     * @param xi the shifts ξᵢ, row-major n × d; not modified
     * @param batchSize B, 1 ≤ B ≤ n, with C(n, B) ≤ {@link ExactDrift#LIMIT}
     * @param c ρ and η
     * @param x the point; not modified
     * @param expected the closed form
     * @param tol the relative tolerance
     * @return the number of batches checked, C(n, B)
     * @throws AssertionError naming the first batch whose increment differs, or the drift
     */
    public static int assertIncrements(SdeModel model, ClosedFormLoss f, double[] xi, int batchSize, Coefficients c, double[] x,
                                       ClosedForm expected, double tol) {
        ToyObjective obj = ToyObjective.shifted(f, xi, CPU);
        int n = obj.sampleCount();
        if (batchSize < 1 || batchSize > n) {
            throw new IllegalArgumentException("batch size " + batchSize + " outside [1, " + n + "]");
        }
        int d = x.length;
        double[] mean = new double[d];
        int[] comb = new int[batchSize];
        for (int i = 0; i < batchSize; i++) {
            comb[i] = i;
        }
        int count = 0;
        do {
            double[] want = expected.at(Toys.batchLoss(f, xi, comb), x, c);
            Check.close(want, increment(model, obj, x, Batch.of(comb.clone()), c), tol,
                    model.name() + " increment on batch " + java.util.Arrays.toString(comb));
            for (int i = 0; i < d; i++) {
                mean[i] += want[i];
            }
            count++;
        } while (ExactDrift.nextCombination(comb, n));
        for (int i = 0; i < d; i++) {
            mean[i] /= count;
        }
        SdeSolver solver = SdeSolver.builder(obj, model).rho(c.rho()).eta(c.eta()).sampling(new Sampling(batchSize, false))
                .drift(new ExactDrift()).noise(new NoNoise()).build();
        Check.close(mean, drift(solver, x, 1), tol, model.name() + " exact mini-batch drift (B = " + batchSize + ")");
        return count;
    }
}
