package org.samsde.sde.model;

import org.samsde.sde.Registry;

/**
 * A time stepper for dX = −b(X)dt + √η·S(X)dW: advances a trajectory's state by Δt from the
 * model's drift estimate and noise draw, driven by the trajectory's {@link BrownianPath}.
 * Implementations document their strong and weak order and their cost per step in passes.
 * Built-in: {@link EulerMaruyama}; expectations of two Euler–Maruyama solves are extrapolated by
 * {@link Richardson}. A user's integrator is registered with a
 * {@code META-INF/services/org.samsde.sde.model.Integrator$Provider} entry.
 */
public interface Integrator {

    /** @return the name in specifications and records, e.g. {@code euler} */
    String name();

    /**
     * Advances the state by one step.
     *
     * @param solver the model, estimators and coefficients
     * @param state the trajectory; modified
     * @param dt Δt
     */
    void step(SdeSolver solver, SdeSolver.State state, double dt);

    /**
     * @param spec a registered integrator's specification, e.g. {@code euler}
     * @return the integrator
     * @throws IllegalArgumentException naming the problem
     */
    static Integrator parse(String spec) {
        return Registry.create(Provider.class, spec, "integrator");
    }

    /** Registers an integrator under a name, for {@link java.util.ServiceLoader}. */
    interface Provider extends Registry.Provider<Integrator> {
    }
}
