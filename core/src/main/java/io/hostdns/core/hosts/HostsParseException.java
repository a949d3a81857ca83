package io.hostdns.core.hosts;

/**
 * A line of a hosts file that cannot be used. The message names the source, the line number, the
 * line as written and why it was refused, e.g. {@code /etc/hosts:7: '10.0.0.300 db': not an IP address}.
 */
public class HostsParseException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String source;
    private final int lineNumber;
    private final String line;
    private final String reason;

    public HostsParseException(String source, int lineNumber, String line, String reason) {
        super(source + ":" + lineNumber + ": '" + line + "': " + reason);
        this.source = source;
        this.lineNumber = lineNumber;
        this.line = line;
        this.reason = reason;
    }

    /** Where the text came from, e.g. a path. */
    public String source() {
        return source;
    }

    /** The 1-based line number. */
    public int lineNumber() {
        return lineNumber;
    }

    /** The line as written. */
    public String line() {
        return line;
    }

    /** Why it was refused. */
    public String reason() {
        return reason;
    }
}
