package io.hostdns.transport.forwarder.config;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * An invalid configuration value. The message always names the field path (for instance
 * {@code hostDNS.resolvers[1]}), the offending value and what would have been accepted, so that a
 * user can fix the file without reading code.
 */
public class ConfigException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String path;

    /** A failure described completely by {@code message}, which must name {@code path}. */
    public ConfigException(String path, String message, @Nullable Throwable cause) {
        super(message, cause);
        this.path = Objects.requireNonNull(path, "path");
    }

    /**
     * The standard form: "{@code <path> must be <allowed>, got <value>}".
     *
     * @param path    the field path, e.g. {@code hostDNS.timeouts.attempt}
     * @param value   what was given (rendered quoted when it is a string)
     * @param allowed what would be accepted, phrased to follow "must be"
     */
    public static ConfigException invalid(String path, @Nullable Object value, String allowed) {
        return new ConfigException(path, path + " must be " + allowed + ", got " + render(value), null);
    }

    /** The field path the error is about. */
    public String path() {
        return path;
    }

    static String render(@Nullable Object value) {
        if (value == null) {
            return "null";
        }
        return value instanceof CharSequence ? "'" + value + "'" : String.valueOf(value);
    }
}
