package org.samsde.core.data;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.samsde.core.InvalidInputException;

/** Checks on the messages of rejected specification strings. */
final class SpecOptionsAssertions {

    private SpecOptionsAssertions() {}

    /** Asserts a one-line message about the named specification that names the key as a key. */
    static void assertNamesKey(InvalidInputException e, String key, String name) {
        String message = e.getMessage();
        assertTrue(message.startsWith(name), message);
        assertTrue(message.contains(key + "=") || message.contains("'" + key + "'") || message.contains(key + " must"),
                "message does not name the key " + key + ": " + message);
        assertFalse(message.contains("\n"), message);
    }
}
