package org.samsde.sde.model;

import org.samsde.core.tensor.Tensor;
import org.samsde.core.tensor.Vectors;
import org.samsde.sde.Registry;

/**
 * Euler–Maruyama: X ← X − b̂(X)·Δt + √(η·Δt)·ξ′ with b̂ and ξ′ from the trajectory's
 * {@link Integrator.Terms terms} (the solver's {@link DriftEstimator} and {@link NoiseSampler}),
 * driven by Z = ΔW/√Δt of the trajectory's path over [t₀, t₀ + Δt].
 *
 * <p>Method properties: strong order ½ for multiplicative and 1 for additive noise; weak order 1
 * in Δt (Kloeden and Platen 1992, Thm. 14.1.5), declared by {@link #order}; weak order 2 for
 * expectations with {@link Richardson} extrapolation (Talay and Tubaro 1990). Noise: multiplicative,
 * state-dependent Σ̃, not assumed diagonal. Cost per step: one drift estimate and one noise draw
 * (their passes are documented by the estimator and the sampler).
 */
public record EulerMaruyama() implements Integrator {

    @Override
    public String name() {
        return "euler";
    }

    /** @return 1 */
    @Override
    public int order() {
        return 1;
    }

    @Override
    public void step(Integrator.Terms terms, Tensor x, double t0, double dt) {
        try (DriftEstimate b = terms.drift(x)) {
            Tensor xi = terms.noise(x, b, t0, dt);
            if (xi != null) {
                Vectors.scale(Math.sqrt(terms.eta() * dt), xi);
            }
            advance(x, b.mean(), dt, xi);
            if (xi != null) {
                xi.close();
            }
        }
    }

    /**
     * X ← X − b·Δt + noise.
     *
     * @param x the state; modified
     * @param drift b(X); not modified
     * @param dt Δt
     * @param noise the scaled noise increment, or null for none; not modified
     */
    public static void advance(Tensor x, Tensor drift, double dt, Tensor noise) {
        Vectors.axpy(-dt, drift, x);
        if (noise != null) {
            Vectors.axpy(1.0, noise, x);
        }
    }

    /** Registers {@code euler}. */
    public static final class Provider implements Integrator.Provider {
        @Override
        public String name() {
            return "euler";
        }

        @Override
        public Integrator create(String argument) {
            Registry.noArgument("euler", argument);
            return new EulerMaruyama();
        }
    }
}
