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
        super(message);
    }

    /**
     * @param message one line naming the input and what is wrong with it
     * @param cause the underlying failure, kept for {@code --debug}
     */
    public InvalidInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
