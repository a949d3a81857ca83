package io.hostdns.examples.cli;

import io.hostdns.core.search.ResolvConf;
import io.hostdns.transport.UpstreamSpec;
import io.hostdns.transport.forwarder.config.HostDnsConfig;
import io.hostdns.transport.forwarder.config.ListenAddress;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import org.xbill.DNS.Name;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code hostdns resolv-conf}: the resolvers the forwarder would use (defaults and routes, in order, with
 * those IPv6 leaves out), where it listens, and the resolv.conf it would write to send the host's queries to
 * itself, keeping or clearing the search domains of the current file as configured. Writes nothing.
 */
@Command(name = "resolv-conf", mixinStandardHelpOptions = true, description = "Show the effective resolvers and the resolv.conf hostdns would write.",
        sortOptions = false)
final class ResolvConfCommand implements Callable<Integer> {

    @Mixin
    ConfigOption config = new ConfigOption();

    @Option(names = {"-l", "--listen"}, paramLabel = "ADDR:PORT",
            description = "Listen addresses to point at, instead of the configured ones.")
    List<String> listen = new ArrayList<>();

    @Spec
    @Nullable CommandSpec spec;

    @Override
    public Integer call() {
        HostDnsConfig c = EffectiveConfig.resolve(config.load(), listen, List.of(), SystemResolvers.RESOLV_CONF);
        PrintWriter out = Objects.requireNonNull(spec).commandLine().getOut();
        out.println("Resolvers (in order; the first healthy one is asked first):");
        resolvers(out, c.resolvers(), c.disableIPv6());
        for (Map.Entry<Name, List<UpstreamSpec>> route : c.routes().entrySet()) {
            out.println("Route " + route.getKey() + " (names under it go only to these):");
            resolvers(out, route.getValue(), c.disableIPv6());
        }
        out.println("Listening on: " + String.join(", ", c.listenAddresses().stream().map(ListenAddress::toString)
                .toList()));
        ResolvConf current = SystemResolvers.read(c.resolvConf().path());
        out.println();
        ResolvConf generated;
        try {
            generated = c.resolvConfFor(current);
        } catch (IllegalArgumentException e) {
            out.println("No resolv.conf: a resolv.conf cannot name a port, and no listen address is on port 53. "
                    + "Listen on port 53 (e.g. --listen 127.0.0.53:53) for the host to use the forwarder.");
            out.flush();
            return 0;
        }
        out.println("resolv.conf for " + c.resolvConf().path() + " ("
                + (c.resolvConf().write() ? "written by serve, under a comment line"
                        : "not written: hostDNS.resolvConf.write is off")
                + (c.resolvConf().keepSearch() ? "; search domains kept" : "; search domains cleared") + "):");
        out.print(generated.text());
        out.flush();
        return 0;
    }

    private static void resolvers(PrintWriter out, List<UpstreamSpec> upstreams, boolean disableIPv6) {
        for (int i = 0; i < upstreams.size(); i++) {
            UpstreamSpec u = upstreams.get(i);
            boolean ipv6 = u.isIpv6();
            out.printf("  %d. %s%s%n", i + 1, u, disableIPv6 && ipv6 ? "  (skipped: disableIPv6 is on)" : "");
        }
    }
}
