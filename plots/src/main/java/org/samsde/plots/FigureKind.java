package org.samsde.plots;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The figures the toolkit draws, by the name {@code samsde plot --kind} takes. */
public enum FigureKind {
    /** Six panels of training curves per method with 95% bands (train, sde, compare). */
    COMPARE,
    /** SAM's alignment with the top eigenvector, and λ_max per method (train runs). */
    ALIGNMENT,
    /** The Hessian eigenvalue histogram or SLQ density with the outlier count (spectrum). */
    SPECTRUM,
    /** Gap against η, or weak error against Δt, on log-log axes with fitted slopes (study). */
    APPROX,
    /** Train and test loss of SAM, Reverse-SAM and EGR (train runs). */
    LOSSES,
    /** Each drift estimator's and noise sampler's error against the noise ratio (study fidelity). */
    FIDELITY,
    /** The noise ratio r over training and a plug-in drift's estimated bias (train, sde, compare). */
    NOISE;

    /** @return the lower-case name used on the command line */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * @param name a kind's label, any case
     * @return the kind
     * @throws IllegalArgumentException naming the choices when the name is unknown
     */
    public static FigureKind parse(String name) {
        for (FigureKind k : values()) {
            if (k.label().equalsIgnoreCase(name)) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown figure kind '" + name + "' (expected one of "
                + Arrays.stream(values()).map(FigureKind::label).collect(Collectors.joining(", ")) + ")");
    }
}
