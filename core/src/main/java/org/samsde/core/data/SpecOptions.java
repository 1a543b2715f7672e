package org.samsde.core.data;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.samsde.core.InvalidInputException;

/**
 * The options of a data specification string {@code NAME} or {@code NAME:key=value,key=value},
 * as used by {@link Blobs#parse} and {@link TeacherStudent#parse}, with the syntax given in the
 * package documentation; and the range check of a generator's options.
 */
final class SpecOptions {

    private static final Pattern INTEGER = Pattern.compile("[+-]?\\d+");
    private static final Pattern REAL = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

    private final String spec;
    private final String name;
    private final Map<String, String> values;

    private SpecOptions(String spec, String name, Map<String, String> values) {
        this.spec = spec;
        this.name = name;
        this.values = values;
    }

    /**
     * Splits a specification into its options.
     *
     * @param spec the whole specification, {@code name} or {@code name:options}
     * @param name the expected name before the colon
     * @param keys the keys this specification accepts
     * @return the options
     * @throws InvalidInputException if the name differs or an entry is malformed, unknown or
     *     repeated
     */
    static SpecOptions parse(String spec, String name, List<String> keys) {
        if (spec == null) {
            throw new InvalidInputException(name + " spec is missing");
        }
        String body;
        if (spec.equals(name)) {
            body = "";
        } else if (spec.startsWith(name + ":")) {
            body = spec.substring(name.length() + 1);
        } else {
            throw new InvalidInputException(name + " spec '" + spec + "' does not start with '" + name + ":'");
        }
        Map<String, String> values = new LinkedHashMap<>();
        if (!body.isBlank()) {
            for (String entry : body.split(",", -1)) {
                int eq = entry.indexOf('=');
                if (entry.isBlank()) {
                    throw new InvalidInputException(name + " spec '" + spec + "' has an empty option (a stray comma)");
                }
                if (eq < 0) {
                    throw new InvalidInputException(name + " spec '" + spec + "': option '" + entry.trim()
                            + "' has no '=' (expected key=value)");
                }
                String key = entry.substring(0, eq).trim();
                String value = entry.substring(eq + 1).trim();
                if (!keys.contains(key)) {
                    throw new InvalidInputException(name + " spec '" + spec + "': unknown key '" + key
                            + "' (known keys: " + String.join(", ", keys) + ")");
                }
                if (values.put(key, value) != null) {
                    throw new InvalidInputException(name + " spec '" + spec + "': key '" + key + "' is given twice");
                }
            }
        }
        return new SpecOptions(spec, name, values);
    }

    /**
     * Checks one option of a generator configuration.
     *
     * @param ok whether the value is in range
     * @param name the specification name, such as {@code blobs}
     * @param key the option
     * @param value the value, for the message
     * @param requirement what the value must be, completing "KEY must be ..."
     * @throws InvalidInputException naming the option if {@code ok} is false
     */
    static void checkRange(boolean ok, String name, String key, Object value, String requirement) {
        if (!ok) {
            throw new InvalidInputException(name + " option " + key + "=" + value + " is out of range: "
                    + key + " must be " + requirement);
        }
    }

    /** @return whether the key was given */
    boolean has(String key) {
        return values.containsKey(key);
    }

    /**
     * @param key the option
     * @param fallback the value when the key is absent
     * @return the option as an int
     * @throws InvalidInputException if the value is not a decimal integer within the range of int
     */
    int intValue(String key, int fallback) {
        long value = longValue(key, fallback);
        if (value != (int) value) {
            throw badValue(key, "an integer between " + Integer.MIN_VALUE + " and " + Integer.MAX_VALUE);
        }
        return (int) value;
    }

    /**
     * @param key the option
     * @param fallback the value when the key is absent
     * @return the option as a long
     * @throws InvalidInputException if the value is not a decimal integer within the range of long
     */
    long longValue(String key, long fallback) {
        String text = values.get(key);
        if (text == null) {
            return fallback;
        }
        if (INTEGER.matcher(text).matches()) {
            try {
                return Long.parseLong(text);
            } catch (NumberFormatException e) {
                // too many digits: reported below
            }
        }
        throw badValue(key, "an integer");
    }

    /**
     * @param key the option
     * @param fallback the value when the key is absent
     * @return the option as a double
     * @throws InvalidInputException if the value is not a decimal real number with a finite value
     */
    double doubleValue(String key, double fallback) {
        String text = values.get(key);
        if (text == null) {
            return fallback;
        }
        if (REAL.matcher(text).matches()) {
            double value = Double.parseDouble(text);
            if (Double.isFinite(value)) {
                return value;
            }
        }
        throw badValue(key, "a finite real number");
    }

    /**
     * @param key the option
     * @param fallback the value when the key is absent
     * @param allowed the accepted values
     * @return the option, one of {@code allowed}
     * @throws InvalidInputException if the value is not one of {@code allowed}
     */
    String choice(String key, String fallback, List<String> allowed) {
        String text = values.get(key);
        if (text == null) {
            return fallback;
        }
        if (!allowed.contains(text)) {
            throw badValue(key, "one of " + String.join(", ", allowed));
        }
        return text;
    }

    /**
     * @param key the option
     * @return the option's text, or null when absent
     * @throws InvalidInputException if the value is empty
     */
    String text(String key) {
        String text = values.get(key);
        if (text != null && text.isEmpty()) {
            throw badValue(key, "a non-empty value");
        }
        return text;
    }

    private InvalidInputException badValue(String key, String expected) {
        return new InvalidInputException(name + " spec '" + spec + "': " + key + " must be " + expected
                + ", got '" + values.get(key) + "'");
    }
}
