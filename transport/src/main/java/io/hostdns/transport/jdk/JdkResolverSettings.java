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
 *   <li>{@value #TIMEOUT_MILLIS}: the most one lookup may take, in milliseconds (default 5000).</li>
 * </ul>
 * With no upstreams, names the hosts file does not know go to the JDK's built-in resolver; with neither
 * property hostdns answers nothing itself and every name goes to the built-in resolver.
 *
 * @param hosts     the hosts file, or null
 * @param upstreams the upstream specs, in order (empty: none)
 * @param timeout   the budget of one lookup
 */
public record JdkResolverSettings(@Nullable Path hosts, List<String> upstreams, Duration timeout) {

    public static final String HOSTS = "hostdns.hosts";
    public static final String UPSTREAMS = "hostdns.upstreams";
    public static final String TIMEOUT_MILLIS = "hostdns.timeoutMillis";

    public JdkResolverSettings {
        upstreams = List.copyOf(upstreams);
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException(TIMEOUT_MILLIS + " must be positive, was " + timeout.toMillis());
        }
    }

    /**
     * The settings in {@code properties} (normally {@link System#getProperties()}).
     *
     * @throws IllegalArgumentException naming the property when a value is unusable
     */
    public static JdkResolverSettings from(Properties properties) {
        String hosts = properties.getProperty(HOSTS, "").trim();
        List<String> upstreams = new ArrayList<>();
        for (String spec : properties.getProperty(UPSTREAMS, "").split(",")) {
            if (!spec.isBlank()) {
                upstreams.add(spec.trim());
            }
        }
        String timeout = properties.getProperty(TIMEOUT_MILLIS, "5000").trim();
        long millis;
        try {
            millis = Long.parseLong(timeout);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(TIMEOUT_MILLIS + " must be a number of milliseconds, was '"
                    + timeout + "'", e);
        }
        return new JdkResolverSettings(hosts.isEmpty() ? null : Path.of(hosts), upstreams, Duration.ofMillis(millis));
    }
}
