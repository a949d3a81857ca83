package io.hostdns.examples.cli;

import io.hostdns.transport.UpstreamSpec;
import io.hostdns.transport.forwarder.config.ConfigException;
import io.hostdns.transport.forwarder.config.HostDnsConfig;
import io.hostdns.transport.forwarder.config.ListenAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The configuration a command runs with: the {@code --config} file, or the newcomer defaults (listen
 * {@value #DEFAULT_LISTEN}, the upstreams of {@code /etc/resolv.conf} except ourselves), with the
 * {@code --listen} and {@code --upstream} options replacing the file's lists. Every bad value is a
 * {@link UsageException} naming the option or field.
 */
final class EffectiveConfig {

    /** Where {@code serve} listens without a configuration: port 53 needs privileges, 5353 does not. */
    static final String DEFAULT_LISTEN = "127.0.0.1:5353";

    private EffectiveConfig() {
    }

    /**
     * The configuration from {@code file} (or the defaults) with {@code listen} and {@code upstreams}
     * replacing its lists when not empty.
     *
     * @param resolvConf where the default upstreams are read from when neither the file nor
     *                   {@code upstreams} gives any
     */
    static HostDnsConfig resolve(Optional<HostDnsConfig> file, List<String> listen, List<String> upstreams,
                                 Path resolvConf) {
        try {
            HostDnsConfig base = file.orElse(null);
            List<ListenAddress> listeners = !listen.isEmpty() ? parseListen(listen)
                    : base != null ? base.listen() : parseListen(List.of(DEFAULT_LISTEN));
            List<UpstreamSpec> resolvers;
            if (!upstreams.isEmpty()) {
                resolvers = parseUpstreams(upstreams);
            } else if (base != null) {
                resolvers = base.resolvers();
            } else {
                resolvers = SystemResolvers.upstreams(resolvConf, listeners);
                if (resolvers.isEmpty()) {
                    throw new UsageException("no upstream: " + resolvConf + " names no name server other than "
                            + "ourselves; give --upstream SPEC (e.g. --upstream 1.1.1.1), --config FILE or --demo");
                }
            }
            HostDnsConfig c = base != null ? base : HostDnsConfig.defaults();
            return c.toBuilder().resolvers(resolvers).listen(listeners).build();
        } catch (ConfigException e) {
            throw new UsageException(e.getMessage(), e);
        }
    }

    private static List<ListenAddress> parseListen(List<String> texts) {
        List<ListenAddress> parsed = new ArrayList<>();
        for (String text : texts) {
            parsed.add(ListenAddress.parse("--listen", text));
        }
        return parsed;
    }

    private static List<UpstreamSpec> parseUpstreams(List<String> specs) {
        List<UpstreamSpec> parsed = new ArrayList<>();
        for (String spec : specs) {
            try {
                parsed.add(UpstreamSpec.parse(spec));
            } catch (IllegalArgumentException e) {
                throw new UsageException("--upstream: " + e.getMessage(), e);
            }
        }
        return parsed;
    }
}
