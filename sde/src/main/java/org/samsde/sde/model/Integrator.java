package org.samsde.sde.model;

import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;

import org.samsde.core.tensor.Tensor;
import org.samsde.sde.Registry;

/**
 * A time stepper for dX = −b(X)dt + √η·S(X)dW, as a diffrax solver is: it sees the equation only
 * through its {@link Terms} (the drift estimate, the noise driven by the trajectory's
 * {@link BrownianPath}, and η), never the solver or the trajectory's state, and advances the
 * parameters from t₀ to t₀ + Δt. {@link SdeSolver} builds the terms of each trajectory and calls
 * {@link #step} m times per step of η.
 *
 * <p>Implementations declare their weak order ({@link #order}), which {@code samsde study weak}
 * ({@link org.samsde.sde.study.WeakOrderStudy}) checks for every registered integrator, and
 * document their strong order and cost per step in passes. Built-in: {@link EulerMaruyama};
 * expectations of two solves are extrapolated by {@link Richardson}. A user's integrator is
 * registered with a {@code META-INF/services/org.samsde.sde.model.Integrator$Provider} entry.
 */
public interface Integrator {

    /** @return the name in specifications and records, e.g. {@code euler} */
    String name();

    /**
     * @return p ≥ 1, the weak order in Δt the integrator claims for smooth coefficients:
     *     |E φ(X_T^{Δt}) − E φ(X_T)| = O(Δt^p); checked by the weak-order study
     */
    int order();

    /**
     * Advances the parameters by one step, from t₀ to t₀ + Δt.
     *
     * @param terms the drift, the noise and η of the trajectory
     * @param x the parameters at t₀; modified to those at t₀ + Δt
     * @param t0 the start of the step, in SDE time
     * @param dt Δt &gt; 0
     */
    void step(Terms terms, Tensor x, double t0, double dt);

    /**
     * The terms of dX = −b(X)dt + √η·S(X)dW for one trajectory, as an integrator evaluates them:
     * the drift estimator and the noise sampler bound to the trajectory's batch stream and
     * Brownian path. Evaluations advance the batch stream (fresh batches per call); the noise of an
     * interval [t₀, t₀ + Δt] draws the path's increment over it.
     */
    interface Terms {

        /**
         * The drift estimate b̂ at x.
         *
         * @param x the point; not modified
         * @return the estimate, owned by the caller
         */
        DriftEstimate drift(Tensor x);

        /**
         * One draw ξ′ of the noise at x over [t₀, t₀ + Δt], driven by Z = (W(t₀ + Δt) − W(t₀))/√Δt
         * of the trajectory's path; the step adds √(η·Δt)·ξ′.
         *
         * @param x the point; not modified
         * @param drift the step's drift estimate at x (a sampler may reuse its increments); not modified
         * @param t0 the start of the interval
         * @param dt Δt &gt; 0
         * @return a new tensor, or null when there is no noise here
         * @throws IllegalStateException when the path cannot serve the interval (a sequential path
         *     serves consecutive intervals only)
         */
        Tensor noise(Tensor x, DriftEstimate drift, double t0, double dt);

        /** @return η, the noise scale of the equation (and the SDE time of one optimiser step) */
        double eta();
    }

    /**
     * @param spec a registered integrator's specification, e.g. {@code euler}
     * @return the integrator
     * @throws IllegalArgumentException naming the problem
     */
    static Integrator parse(String spec) {
        return Registry.create(Provider.class, spec, "integrator");
    }

    /**
     * @return every registered integrator ({@link Provider#standard} of each provider on the class
     *     path), in class-path order
     */
    static List<Integrator> registered() {
        List<Integrator> out = new ArrayList<>();
        for (Provider p : ServiceLoader.load(Provider.class, Registry.class.getClassLoader())) {
            out.add(p.standard());
        }
        return out;
    }

    /** Registers an integrator under a name, for {@link java.util.ServiceLoader}. */
    interface Provider extends Registry.Provider<Integrator> {

        /**
         * @return the integrator that stands for this provider where every registered integrator is
         *     checked ({@link Integrator#registered}): {@code create(null)} by default; a provider
         *     whose integrator needs an argument overrides it
         */
        default Integrator standard() {
            return create(null);
        }
    }
}
