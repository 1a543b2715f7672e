package org.samsde.sde.optim;

/**
 * The discrete methods, by their update x ← x − η·d with, on batch γ and n_γ = g_γ/‖g_γ‖:
 * <ul>
 *   <li>SGD: d = g_γ(x);</li>
 *   <li>SAM: d = ∇f_γ(x + ρn_γ);</li>
 *   <li>USAM: d = ∇f_γ(x + ρg_γ);</li>
 *   <li>DNSAM: d = ∇f_γ(x + ρg_γ/‖∇f(x)‖), normalised by the full-batch gradient;</li>
 *   <li>Reverse-SAM: d = ∇f_γ(x − ρn_γ);</li>
 *   <li>EGR: d = g_γ + ρH_γ g_γ/‖g_γ‖, descent on f_γ + ρ‖g_γ‖;</li>
 *   <li>Eigen-SAM: see {@link EigenSamOptions}.</li>
 * </ul>
 * A normalisation by a zero gradient defines the normalised vector as 0 (so SAM at a stationary
 * point takes an SGD step), never NaN.
 */
public enum Method {
    /** Stochastic gradient descent. */
    SGD("sgd"),
    /** Sharpness-Aware Minimization (Foret et al. 2021). */
    SAM("sam"),
    /** Unnormalised SAM. */
    USAM("usam"),
    /** SAM normalised by the full-batch gradient norm. */
    DNSAM("dnsam"),
    /** SAM with the perturbation reversed. */
    REVERSE_SAM("reverse-sam"),
    /** Explicit gradient-norm regularisation. */
    EGR("egr"),
    /** Eigen-SAM (Luo et al. 2024). */
    EIGEN_SAM("eigen-sam");

    private final String label;

    Method(String label) {
        this.label = label;
    }

    /** @return the name in commands and records */
    public String label() {
        return label;
    }

    /**
     * @param name a label such as {@code sam}
     * @return the method
     * @throws IllegalArgumentException listing the labels when none matches
     */
    public static Method byLabel(String name) {
        for (Method m : values()) {
            if (m.label.equalsIgnoreCase(name)) {
                return m;
            }
        }
        StringBuilder s = new StringBuilder();
        for (Method m : values()) {
            s.append(s.length() == 0 ? "" : ", ").append(m.label);
        }
        throw new IllegalArgumentException("unknown optimizer '" + name + "' (expected one of " + s + ")");
    }
}
