package org.samsde.sde;

import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.function.Function;

/**
 * Finds the open building blocks (SDE models, drift estimators, noise samplers, integrators,
 * update rules) by name through {@link ServiceLoader}: the built-in ones and any that a user puts
 * on the class path with a {@code META-INF/services} entry for the provider type.
 *
 * <p>A specification is {@code NAME} or {@code NAME:ARGUMENT} (e.g. {@code mc:8},
 * {@code isotropic:0.1}); the provider named NAME receives ARGUMENT (null when absent) and
 * validates it.
 */
public final class Registry {
    private Registry() {
    }

    /**
     * A named factory of one kind of building block, registered with {@link ServiceLoader}.
     *
     * @param <T> what it makes
     */
    public interface Provider<T> {
        /** @return the name in specifications, records and the command line, e.g. {@code mc} */
        String name();

        /** @return how to write a specification, e.g. {@code mc:M} */
        default String usage() {
            return name();
        }

        /**
         * @param argument the text after the colon, or null when there is none
         * @return the building block
         * @throws IllegalArgumentException naming the problem when the argument does not fit
         */
        T create(String argument);
    }

    /**
     * @param <T> what the providers make
     * @param <P> the provider type
     * @param type the provider interface
     * @param spec {@code NAME} or {@code NAME:ARGUMENT}
     * @param what what is being looked up, for messages (e.g. "drift estimator")
     * @return the building block
     * @throws IllegalArgumentException listing the known names when none matches
     */
    public static <T, P extends Provider<T>> T create(Class<P> type, String spec, String what) {
        String s = spec == null ? "" : spec.trim();
        int colon = s.indexOf(':');
        String name = colon < 0 ? s : s.substring(0, colon);
        String argument = colon < 0 ? null : s.substring(colon + 1);
        for (P p : ServiceLoader.load(type, Registry.class.getClassLoader())) {
            if (p.name().equalsIgnoreCase(name)) {
                return p.create(argument);
            }
        }
        throw new IllegalArgumentException("unknown " + what + " '" + spec + "' (expected one of " + String.join(", ", usages(type)) + ")");
    }

    /**
     * @param <P> the provider type
     * @param type the provider interface
     * @return every registered provider's usage, in class-path order
     */
    public static <P extends Provider<?>> List<String> usages(Class<P> type) {
        return each(type, Provider::usage);
    }

    /**
     * @param <P> the provider type
     * @param type the provider interface
     * @return every registered provider's name (the NAME of its specifications), in class-path order
     */
    public static <P extends Provider<?>> List<String> names(Class<P> type) {
        return each(type, Provider::name);
    }

    private static <P extends Provider<?>> List<String> each(Class<P> type, Function<P, String> what) {
        List<String> out = new ArrayList<>();
        for (P p : ServiceLoader.load(type, Registry.class.getClassLoader())) {
            out.add(what.apply(p));
        }
        return out;
    }

    /**
     * @param <P> the provider type
     * @param type the provider interface
     * @param spec {@code NAME} or {@code NAME:ARGUMENT}
     * @return whether a registered provider is named NAME
     */
    public static <P extends Provider<?>> boolean has(Class<P> type, String spec) {
        String s = spec == null ? "" : spec.trim();
        int colon = s.indexOf(':');
        String name = colon < 0 ? s : s.substring(0, colon);
        for (P p : ServiceLoader.load(type, Registry.class.getClassLoader())) {
            if (p.name().equalsIgnoreCase(name)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Parses the whole-number argument of a specification.
     *
     * @param spec the whole specification, for messages
     * @param argument the argument, or null
     * @param min the smallest value allowed
     * @return the number
     * @throws IllegalArgumentException naming the problem
     */
    public static int intArgument(String spec, String argument, int min) {
        if (argument == null) {
            throw new IllegalArgumentException("'" + spec + "' needs a whole number after the colon");
        }
        int m;
        try {
            m = Integer.parseInt(argument.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + spec + ":" + argument + "': " + argument + " is not a whole number");
        }
        if (m < min) {
            throw new IllegalArgumentException("'" + spec + ":" + argument + "' needs at least " + min + ", got " + m);
        }
        return m;
    }

    /**
     * Parses the decimal argument of a specification, e.g. σ in {@code isotropic:0.1}: a finite
     * number, at least {@code min} (or above it when {@code minExcluded}).
     *
     * @param spec the name, for messages
     * @param argument the argument, or null
     * @param min the bound
     * @param minExcluded whether the bound itself is refused (a value must exceed it)
     * @return the number
     * @throws IllegalArgumentException naming the problem: no argument, not a number, not finite or
     *     below the bound
     */
    public static double decimalArgument(String spec, String argument, double min, boolean minExcluded) {
        if (argument == null) {
            throw new IllegalArgumentException("'" + spec + "' needs a number after the colon");
        }
        double v;
        try {
            v = Double.parseDouble(argument.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + spec + ":" + argument + "': " + argument + " is not a number");
        }
        if (!Double.isFinite(v) || (minExcluded ? !(v > min) : !(v >= min))) {
            throw new IllegalArgumentException("'" + spec + ":" + argument + "' needs a finite number " + (minExcluded ? "> " : ">= ")
                    + min + ", got " + argument.trim());
        }
        return v;
    }

    /**
     * Rejects an argument given to a building block that takes none.
     *
     * @param spec the name
     * @param argument the argument, or null
     * @throws IllegalArgumentException when an argument was given
     */
    public static void noArgument(String spec, String argument) {
        if (argument != null) {
            throw new IllegalArgumentException("'" + spec + "' takes no argument, got '" + spec + ":" + argument + "'");
        }
    }
}
