package org.samsde.sde;

import java.util.Locale;

/** What kind of evolution a method is: a discrete optimiser, or the numerical solution of an SDE. */
public enum MethodKind {
    /** A discrete method (an optimiser). */
    DISCRETE,
    /** A numerical SDE solution sampled at the optimiser's steps. */
    SDE;

    /** @return the name in records: {@code discrete} or {@code sde} */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
