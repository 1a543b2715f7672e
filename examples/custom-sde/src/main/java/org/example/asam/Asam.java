package org.example.asam;

import org.samsde.core.tensor.Tensor;
import org.samsde.sde.Appearance;
import org.samsde.sde.optim.Step;
import org.samsde.sde.optim.UpdateRule;

/**
 * Adaptive SAM (Kwon et al., "ASAM: Adaptive Sharpness-Aware Minimization for Scale-Invariant
 * Learning of Deep Neural Networks", ICML 2021) as a samsde update rule: on batch γ,
 * ε = ρ·T²g_γ/‖Tg_γ‖ with T = diag(|x| + η_A) ({@link AsamPerturbation}), and the update direction
 * d = ∇f_γ(x + ε), both gradients on the same batch; the optimiser's base step then takes
 * x ← x − η·d. Cost per step two gradients over the batch.
 *
 * <p>Registered as {@code asam} or {@code asam:ETA_A} through
 * {@code META-INF/services/org.samsde.sde.optim.UpdateRule$Provider}, so
 * {@code UpdateRule.byName("asam")} and the command line find it. Immutable.
 */
public final class Asam implements UpdateRule {
    /** The default η_A, as in the paper's experiments. */
    public static final double DEFAULT_ETA = 0.01;

    private final double etaAsam;

    /** @param etaAsam η_A &gt; 0 */
    public Asam(double etaAsam) {
        this.etaAsam = AsamPerturbation.check(etaAsam);
    }

    /** @return η_A */
    public double etaAsam() {
        return etaAsam;
    }

    @Override
    public String name() {
        return "asam";
    }

    /** @return true: ε is recorded, and the alignment figure draws ASAM's alignment with v₁ */
    @Override
    public boolean perturbs() {
        return true;
    }

    /** @return the legend name the figures use */
    @Override
    public String displayName() {
        return "ASAM (Kwon et al.)";
    }

    /** @return sky blue (palette index 6, which no built-in method takes), dashed */
    @Override
    public Appearance appearance() {
        return new Appearance(6, "dashed");
    }

    /**
     * Writes ε into the step's perturbation buffer and returns ∇f_γ(x + ε).
     *
     * @param step the step; its perturbation buffer is modified
     * @return a new tensor d
     */
    @Override
    public Tensor direction(Step step) {
        double[] x = step.x().toArray();
        double[] eps = AsamPerturbation.of(x, step.gradient().toArray(), step.rho(), etaAsam);
        step.x().backend().upload(eps, 0, step.perturbation(), 0, eps.length);
        return step.gradientAt();
    }

    /** Registers {@code asam[:ETA_A]}. */
    public static final class Provider implements UpdateRule.Provider {
        /** The provider (found by {@link java.util.ServiceLoader}). */
        public Provider() {
        }

        @Override
        public String name() {
            return "asam";
        }

        @Override
        public String usage() {
            return "asam[:ETA_A]";
        }

        @Override
        public UpdateRule create(String argument) {
            return new Asam(AsamPerturbation.parse("asam", argument));
        }
    }
}
