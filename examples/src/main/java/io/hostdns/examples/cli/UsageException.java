package io.hostdns.examples.cli;

/**
 * A bad argument or bad input found while a command runs (after parsing): the CLI prints its message
 * as one line and exits with {@link HostDnsCli#EXIT_USAGE}.
 */
public final class UsageException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** A usage error described completely by {@code message}. */
    public UsageException(String message) {
        super(message);
    }

    /** A usage error caused by {@code cause}, described completely by {@code message}. */
    public UsageException(String message, Throwable cause) {
        super(message, cause);
    }
}
