package org.samsde.core;

/**
 * Bad input from a user: a file, an option, a model specification or a parameter vector that
 * cannot be used. The message is one line that names the input and the problem; the command line
 * turns it into exit code 2 without a stack trace.
 */
public class InvalidInputException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** @param message one line naming the input and what is wrong with it */
    public InvalidInputException(String message) {
        super(oneLine(message));
    }

    /**
     * @param message one line naming the input and what is wrong with it
     * @param cause the underlying failure, kept for {@code --debug}
     */
    public InvalidInputException(String message, Throwable cause) {
        super(oneLine(message), cause);
    }

    /**
     * Keeps a message on one line whatever it quotes from the input: control characters (line
     * breaks included) become \\uXXXX escapes.
     *
     * @param message the message
     * @return the message with control characters escaped
     */
    static String oneLine(String message) {
        if (message == null) {
            return null;
        }
        StringBuilder s = new StringBuilder(message.length());
        for (int i = 0; i < message.length(); i++) {
            char c = message.charAt(i);
            if (Character.isISOControl(c)) {
                s.append(String.format("\\u%04x", (int) c));
            } else {
                s.append(c);
            }
        }
        return s.toString();
    }
}
