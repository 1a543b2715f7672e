package org.samsde.sde.optim;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

import org.samsde.core.tensor.Tensor;
import org.samsde.sde.Registry;

/**
 * The rule of a discrete method of the SAM family: the update direction d on a batch γ, which the
 * {@link Optimizer}'s base step turns into x ← x − η·d (or a momentum step). A perturbed method
 * writes its perturbation ε into {@link Step#perturbation()} and returns ∇f_γ(x + ε)
 * ({@link Step#gradientAt}); both gradients use the same batch.
 *
 * <p>Built-in: {@link Sgd}, {@link Sam}, {@link Usam}, {@link Dnsam}, {@link ReverseSam},
 * {@link Egr}, {@link EigenSam}. A user's rule (ASAM, GSAM, m-sharpness, …) implements this
 * interface and runs through ensembles, records, studies and figures like the built-in ones;
 * registered with a {@code META-INF/services/org.samsde.sde.optim.UpdateRule$Provider} entry, the
 * command line finds it by name. Rules are immutable and shared by every trajectory; what changes
 * along a trajectory lives in its {@link RuleState}.
 */
public interface UpdateRule {

    /** @return the name in commands and records, e.g. {@code sam} */
    String name();

    /** @return whether the rule perturbs the parameters before its gradient (its ε is recorded and aligned with v₁) */
    boolean perturbs();

    /**
     * @return the rule's name for legends, e.g. {@code Reverse-SAM}; the name by default (see
     *     {@link org.samsde.sde.Dynamics#displayName()})
     */
    default String displayName() {
        return name();
    }

    /** @return how the rule asks to be drawn in figures, or null to take the palette in order (the default) */
    default org.samsde.sde.Appearance appearance() {
        return null;
    }

    /**
     * The rule's linear-stability threshold on a quadratic, for its plain full-batch step of size
     * η (docs/stability.md): a threshold of the family ηλ(1 + (a + b/‖∇f‖)λ) = 2, which figures draw
     * on the λ_max panels of full-batch runs. None by default.
     *
     * @param eta η of one update
     * @param rho ρ
     * @return the threshold, or null when the rule declares none
     */
    default org.samsde.sde.Stability stability(double eta, double rho) {
        return null;
    }

    /**
     * @param x0 the initial parameters; not modified
     * @param seed the trajectory's seed
     * @return the rule's state for one trajectory, or null when it keeps none
     */
    default RuleState init(Tensor x0, long seed) {
        return null;
    }

    /**
     * The update direction of this step.
     *
     * @param step the step's batch, gradient, buffers and state; its perturbation buffer is modified
     * @return a new tensor d
     */
    Tensor direction(Step step);

    /** What a rule keeps along one trajectory, saved in checkpoints. */
    interface RuleState {
        /**
         * @param out the stream
         * @throws IOException on write failure
         */
        void save(DataOutput out) throws IOException;

        /**
         * @param in the stream
         * @throws IOException when it does not fit
         */
        void load(DataInput in) throws IOException;
    }

    /**
     * @param name a registered rule's name, e.g. {@code eigen-sam}
     * @return the rule with its default options
     * @throws IllegalArgumentException listing the registered names when none matches
     */
    static UpdateRule byName(String name) {
        return Registry.create(Provider.class, name, "optimizer");
    }

    /** Registers a rule under a name, for {@link java.util.ServiceLoader}. */
    interface Provider extends Registry.Provider<UpdateRule> {
    }

    /** A provider of one rule that takes no argument: subclass it with a public no-argument constructor. */
    abstract class Fixed implements Provider {
        private final UpdateRule rule;

        /** @param rule the rule */
        protected Fixed(UpdateRule rule) {
            this.rule = rule;
        }

        @Override
        public String name() {
            return rule.name();
        }

        @Override
        public UpdateRule create(String argument) {
            Registry.noArgument(rule.name(), argument);
            return rule;
        }
    }
}
