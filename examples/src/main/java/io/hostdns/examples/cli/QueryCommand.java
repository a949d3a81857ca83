package io.hostdns.examples.cli;

import io.hostdns.core.Answer;
import io.hostdns.core.Protocol;
import io.hostdns.core.Query;
import io.hostdns.core.Resolvers;
import io.hostdns.core.Upstream;
import io.hostdns.transport.DnsResources;
import io.hostdns.transport.UpstreamFactory;
import io.hostdns.transport.UpstreamSpec;
import io.hostdns.transport.https.DohResolver;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import org.xbill.DNS.Type;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code hostdns query [@SERVER[:PORT]] NAME [TYPE]}: asks one question and prints the response like
 * dig. Over UDP by default (retried over TCP when truncated), or {@code --tcp}, {@code --tls},
 * {@code --https}. Without {@code @SERVER} it asks the first name server of /etc/resolv.conf, as dig does.
 * With {@code --config} it asks the local pipeline of that configuration in-process (hosts, cache,
 * upstreams) instead of a server, and {@code --trace} prints each step.
 */
@Command(name = "query", mixinStandardHelpOptions = true, description = "Ask one question and print the response like dig.",
        sortOptions = false)
final class QueryCommand implements Callable<Integer> {

    private static final Duration STOP_BUDGET = Duration.ofSeconds(5);

    @Parameters(arity = "1..3", paramLabel = "[@SERVER[:PORT]] NAME [TYPE]",
            description = "The server (default: the first name server of /etc/resolv.conf), the name, and the "
                    + "type (default A).")
    List<String> words = new ArrayList<>();

    @ArgGroup(exclusive = true)
    @Nullable Transport transport;

    static final class Transport {
        @Option(names = "--tcp", description = "Use TCP.") boolean tcp;
        @Option(names = "--tls", description = "Use DNS over TLS (port 853).") boolean tls;
        @Option(names = "--https", description = "Use DNS over HTTPS (port 443, path /dns-query).") boolean https;
    }

    @Option(names = "--trace", description = "With --config: print each step of the local pipeline.")
    boolean trace;

    @Option(names = "--dnssec", description = "Set DO: ask for the DNSSEC records (RRSIG, NSEC...), as dig +dnssec.")
    boolean dnssec;

    @Option(names = "--cd", description = "Set CD: ask for the answer unvalidated, as dig +cd.")
    boolean checkingDisabled;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "5s", converter = DurationConverter.class,
            description = "The whole query's budget, e.g. 500ms or 5s (default ${DEFAULT-VALUE}).")
    Duration timeout = Duration.ofSeconds(5);

    @Mixin
    TrustOption tls = new TrustOption();

    @Mixin
    ConfigOption config = new ConfigOption();

    @Spec
    @Nullable CommandSpec spec;

    @Override
    public Integer call() {
        QueryWords parsed = QueryWords.parse(words);
        PrintWriter out = Objects.requireNonNull(spec).commandLine().getOut();
        Query query = Query.of(parsed.name(), parsed.type()).withDnssecOk(dnssec).withCheckingDisabled(checkingDisabled);
        if (config.given()) {
            if (parsed.server() != null) {
                throw new UsageException("give either @SERVER or --config: with --config the query runs "
                        + "through the local pipeline, not a server");
            }
            if (transport != null) {
                throw new UsageException("--tcp, --tls and --https choose how to reach @SERVER; with --config "
                        + "the configured upstreams decide");
            }
            return LocalQuery.run(config.load().orElseThrow(), query, trace, timeout, out);
        }
        if (trace) {
            throw new UsageException("--trace follows the local pipeline: add --config FILE "
                    + "(or drop --trace to ask a server)");
        }
        String server = parsed.server() != null ? parsed.server() : defaultServer();
        UpstreamSpec target = ServerAddress.spec(server, protocol(), tls.tlsName);
        out.print(ask(target, query));
        out.flush();
        return 0;
    }

    private String ask(UpstreamSpec target, Query query) {
        DnsResources resources = DnsResources.create("hostdns-query", 1);
        Upstream upstream = null;
        try {
            upstream = UpstreamFactory.create(resources).trust(tls.trust()).create(0, target);
            long start = System.nanoTime();
            Answer answer = Resolvers.withDeadline(upstream.resolver(), timeout).resolve(query)
                    .block(timeout.plusSeconds(1));
            Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
            return DigOutput.render(query, Objects.requireNonNull(answer, "answer"), ServerAddress.label(target),
                    elapsed);
        } finally {
            // DoH keeps its HTTP/2 connection in a pool of its own: close it before the event loops
            if (upstream != null && upstream.resolver() instanceof DohResolver doh) {
                doh.disposeLater().block(STOP_BUDGET);
            }
            resources.disposeLater().block(STOP_BUDGET);
        }
    }

    private Protocol protocol() {
        Transport t = transport;
        if (t == null) {
            return Protocol.UDP;
        }
        return t.tcp ? Protocol.TCP : t.tls ? Protocol.TLS : t.https ? Protocol.HTTPS : Protocol.UDP;
    }

    private static String defaultServer() {
        List<String> servers = SystemResolvers.read(SystemResolvers.RESOLV_CONF).nameservers();
        if (servers.isEmpty()) {
            throw new UsageException("no server: " + SystemResolvers.RESOLV_CONF
                    + " names none; give @SERVER, e.g. @127.0.0.1:5353");
        }
        return servers.get(0);
    }

    /**
     * The positional words: an optional {@code @SERVER}, the name, an optional type.
     *
     * @param server the server without its {@code @}, or null
     * @param name   the name as typed
     * @param type   the type's number
     */
    record QueryWords(@Nullable String server, String name, int type) {

        static QueryWords parse(List<String> words) {
            List<String> rest = new ArrayList<>(words);
            String server = null;
            for (int i = 0; i < rest.size(); i++) {
                if (rest.get(i).startsWith("@")) { // anywhere, as dig allows
                    server = rest.remove(i).substring(1);
                    break;
                }
            }
            if (rest.isEmpty()) {
                throw new UsageException("a NAME to look up is needed, e.g. hostdns query @127.0.0.1:5353 www.demo.test");
            }
            if (rest.size() > 2) {
                throw new UsageException("too many arguments: " + String.join(" ", rest)
                        + " (expected [@SERVER[:PORT]] NAME [TYPE])");
            }
            int type = Type.A;
            if (rest.size() == 2) {
                type = Type.value(rest.get(1).toUpperCase(java.util.Locale.ROOT));
                if (type < 0) {
                    throw new UsageException("unknown record type '" + rest.get(1) + "' (e.g. A, AAAA, MX, TXT, NS)");
                }
            }
            try {
                Query.of(rest.get(0), type);
            } catch (IllegalArgumentException e) {
                throw new UsageException("'" + rest.get(0) + "' is not a valid DNS name", e);
            }
            return new QueryWords(server, rest.get(0), type);
        }
    }
}
