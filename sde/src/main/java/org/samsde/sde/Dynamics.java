package org.samsde.sde;

import org.samsde.core.objective.Objective;
import org.samsde.core.tensor.Tensor;

/**
 * A discrete-time evolution of parameters: an optimiser, or a numerical solution of an SDE
 * sampled at the optimiser's steps (SDE time t = k·η).
 *
 * <p>Order of use: {@link #init} once per trajectory, then {@link #step} for k = 0, 1, …, N−1.
 * The configuration object is immutable and shared by all trajectories; everything that changes
 * lives in the {@link State}, which the caller passes in and out, so one configuration can drive
 * many trajectories on many threads.
 *
 * @param <S> the state type
 */
public interface Dynamics<S extends Dynamics.State> {

    /** @return the method's label in records, e.g. {@code sam} or {@code sam3} */
    String name();

    /**
     * @return what the label stands for, for legends and provenance: the method, and any
     *     approximation it makes (e.g. "sam2, plug-in drift (DNSAM-type)"); the label by default
     */
    default String description() {
        return name();
    }

    /**
     * @return the method's name for legends, e.g. {@code SAM SDE, order 2 (Compagnoni et al.)}; the
     *     label by default
     */
    default String displayName() {
        return name();
    }

    /**
     * @return whether the method perturbs the parameters before its gradient, so that its ε is
     *     recorded and an alignment of ε with v₁ is defined (false by default)
     */
    default boolean perturbs() {
        return false;
    }

    /** @return how the method asks to be drawn, or null to take the palette in order (the default) */
    default Appearance appearance() {
        return null;
    }

    /** @return {@link MethodKind#SDE} when the method is a numerical SDE solution ({@link #solver()} non-null), else discrete */
    default MethodKind kind() {
        return solver() == null ? MethodKind.DISCRETE : MethodKind.SDE;
    }

    /**
     * @return the method's linear-stability threshold on a quadratic ({@link Stability}), where it
     *     has one at its own settings, for the λ_max panels of its runs; null by default
     */
    default Stability stability() {
        return null;
    }

    /** @return the objective this evolution descends */
    Objective objective();

    /** @return the SDE time of one step, η (the base rate of a schedule), so that step k is time k·η */
    double timeStep();

    /** @return how the method draws batches, or whose batch statistics a model carries (full batch by default) */
    default Sampling sampling() {
        return Sampling.full();
    }

    /**
     * For a method that stands for a model through a biased estimate of its drift (a plug-in
     * drift), the estimated relative error of the drift's ρ terms at x, from a few fresh batches;
     * NaN where the drift is unbiased (the default).
     *
     * @param x the point; not modified
     * @param seed the seed of the fresh batches
     * @return the relative error, or NaN
     */
    default double driftBias(Tensor x, long seed) {
        return Double.NaN;
    }

    /**
     * The numerical SDE solution this method is, for step-size refinement
     * ({@link org.samsde.sde.run.StepSizes}); null for a discrete method (the default).
     *
     * @return the solver, or null
     */
    default org.samsde.sde.model.SdeSolver solver() {
        return null;
    }

    /**
     * @param x0 the initial parameters; not modified (copied)
     * @param seed the trajectory's seed; every random number of the trajectory derives from it
     * @return the state at step 0
     */
    S init(Tensor x0, long seed);

    /**
     * Advances the state from step k to step k+1.
     *
     * @param state the trajectory; modified
     * @param k the current step, 0-based
     * @param total N, the number of steps of the run (for schedules)
     */
    void step(S state, int k, int total);

    /**
     * Writes everything of the state that later steps depend on (parameters, buffers, random
     * streams), so that {@link #load} into a fresh {@link #init} state continues bitwise as if
     * never interrupted.
     *
     * @param state the trajectory; not modified
     * @param out the stream
     * @throws java.io.IOException on write failure
     */
    void save(S state, java.io.DataOutput out) throws java.io.IOException;

    /**
     * Restores a state written by {@link #save} of the same configuration.
     *
     * @param state a state from {@link #init} with the same seed; modified
     * @param in the stream
     * @throws java.io.IOException when the checkpoint does not fit
     */
    void load(S state, java.io.DataInput in) throws java.io.IOException;

    /** The mutable part of a trajectory. */
    abstract class State {
        private final Tensor x;

        /** @param x the parameters, owned by this state */
        protected State(Tensor x) {
            this.x = x;
        }

        /** @return the current parameters (owned by the state; read only for callers) */
        public final Tensor x() {
            return x;
        }

        /** @return the perturbation ε of the last step, or null when the method has none or no step was taken */
        public abstract Tensor perturbation();
    }
}
