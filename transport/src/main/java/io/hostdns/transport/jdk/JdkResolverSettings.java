package io.hostdns.transport.jdk;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.jspecify.annotations.Nullable;

/**
 * How the JDK resolver provider resolves, read once from system properties when the JDK loads it:
 * <ul>
 *   <li>{@value #HOSTS}: a file in {@code /etc/hosts} format whose names hostdns answers itself;</li>
 *   <li>{@value #UPSTREAMS}: comma-separated upstream specs ({@code 192.0.2.53}, {@code udp://IP:port},
 *       {@code tcp://IP:port}) asked, through a cache, for every other name;</li>
 *   <li>{@value #TIMEOUT_MILLIS}: the most one lookup may take, in milliseconds (default 5000);</li>
 *   <li>{@value #ATTEMPT_TIMEOUT_MILLIS}: the most one attempt to one upstream may take, in milliseconds
 *       (default 2000; cut to what remains of the lookup's budget).</li>
 * </ul>
 * With no upstreams, names the hosts file does not know go to the JDK's built-in resolver; with neither
 * property hostdns answers nothing itself and every name goes to the built-in resolver.
 *
 * @param hosts     the hosts file, or null
 * @param upstreams the upstream specs, in order (empty: none)
 * @param timeout        the budget of one lookup
 * @param attemptTimeout the budget of one attempt to one upstream
 */
record JdkResolverSettings(@Nullable Path hosts, List<String> upstreams, Duration timeout,
                                  Duration attemptTimeout) {

    public static final String HOSTS = "hostdns.hosts";
    public static final String UPSTREAMS = "hostdns.upstreams";
    public static final String TIMEOUT_MILLIS = "hostdns.timeoutMillis";
    public static final String ATTEMPT_TIMEOUT_MILLIS = "hostdns.attemptTimeoutMillis";

    public JdkResolverSettings {
        upstreams = List.copyOf(upstreams);
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException(TIMEOUT_MILLIS + " must be positive, was " + timeout.toMillis());
        }
        if (attemptTimeout.isNegative() || attemptTimeout.isZero()) {
            throw new IllegalArgumentException(ATTEMPT_TIMEOUT_MILLIS + " must be positive, was "
                    + attemptTimeout.toMillis());
        }
    }

    /**
     * The settings in {@code properties} (normally {@link System#getProperties()}).
     *
     * @throws IllegalArgumentException naming the property when a value is unusable
     */
    static JdkResolverSettings from(Properties properties) {
        String hosts = properties.getProperty(HOSTS, "").trim();
        List<String> upstreams = new ArrayList<>();
        for (String spec : properties.getProperty(UPSTREAMS, "").split(",")) {
            if (!spec.isBlank()) {
                upstreams.add(spec.trim());
            }
        }
        return new JdkResolverSettings(hosts.isEmpty() ? null : Path.of(hosts), upstreams,
                millis(properties, TIMEOUT_MILLIS, "5000"), millis(properties, ATTEMPT_TIMEOUT_MILLIS, "2000"));
    }

    private static Duration millis(Properties properties, String key, String fallback) {
        String value = properties.getProperty(key, fallback).trim();
        try {
            return Duration.ofMillis(Long.parseLong(value));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a number of milliseconds, was '" + value + "'", e);
        }
    }
}
