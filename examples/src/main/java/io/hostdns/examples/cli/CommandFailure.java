package io.hostdns.examples.cli;

/**
 * A command ran and failed for a reason its message explains completely (the cause is kept for
 * {@code --verbose}): printed as one line, exit {@link HostDnsCli#EXIT_FAILURE}.
 */
public final class CommandFailure extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** A failure described completely by {@code message}, caused by {@code cause}. */
    public CommandFailure(String message, Throwable cause) {
        super(message, cause);
    }

    /** A failure described completely by {@code message}, with no underlying exception. */
    public CommandFailure(String message) {
        super(message);
    }
}
