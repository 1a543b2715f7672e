package org.samsde.cli;

import org.samsde.core.InvalidInputException;

/** One-line checks of numeric options. */
final class Checks {
    private Checks() {
    }

    static void positive(String option, double value) {
        if (!(value > 0) || !Double.isFinite(value)) {
            throw new InvalidInputException(option + " must be a positive finite number, got " + value);
        }
    }

    static void positive(String option, long value) {
        if (value <= 0) {
            throw new InvalidInputException(option + " must be a positive whole number, got " + value);
        }
    }

    static void nonNegative(String option, double value) {
        if (!(value >= 0) || !Double.isFinite(value)) {
            throw new InvalidInputException(option + " must be a finite number >= 0, got " + value);
        }
    }

    /**
     * Runs a constructor or parser whose IllegalArgumentException means bad input.
     *
     * @param <T> the result type
     * @param what a label for the message (an option name)
     * @param body the code
     * @return its result
     */
    static <T> T input(String what, java.util.function.Supplier<T> body) {
        try {
            return body.get();
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(what + ": " + e.getMessage(), e);
        }
    }

    static void inRange(String option, double value, double lo, double hi) {
        if (!(value >= lo && value <= hi)) {
            throw new InvalidInputException(option + " must be in [" + lo + ", " + hi + "], got " + value);
        }
    }
}
