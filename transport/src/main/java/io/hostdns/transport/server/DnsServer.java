package io.hostdns.transport.server;

import io.hostdns.core.Resolver;
import io.hostdns.transport.DnsResources;
import io.netty.channel.EventLoopGroup;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.netty.resources.LoopResources;
import org.jspecify.annotations.Nullable;
import org.slf4j.event.Level;

/**
 * A DNS server that answers UDP and TCP queries on every listen address from a {@link Resolver} pipeline:
 * the piece that turns a resolver into a forwarder.
 *
 * <p>An immutable builder in the style of Reactor Netty's {@code UdpServer}: every method returns a new
 * {@code DnsServer} and leaves this one as it was; {@link #start()} binds and returns a
 * {@link RunningDnsServer}. For each listen address a UDP and a TCP socket are bound (for port 0 the TCP
 * socket takes the port the UDP one got). A socket that fails to bind does not stop the others: it shows
 * as FAILED in {@link RunningDnsServer#status()}, is logged at WARN and is retried with backoff, as is a
 * socket whose channel dies later.
 *
 * <pre>{@code
 * RunningDnsServer server = DnsServer.create()
 *         .resolver(pipeline)                                  // any Resolver: cache, hosts, upstreams...
 *         .listen(new InetSocketAddress("127.0.0.53", 53))
 *         .runOn(resources)                                     // the DnsResources of the upstream clients
 *         .start()
 *         .block();
 * ...
 * server.shutdown(Duration.ofSeconds(5)).block();               // stop accepting, finish in-flight, close
 * }</pre>
 *
 * <p>Defaults: clients from loopback only, query timeout 5 s (SERVFAIL + EDE 22 after it), TCP idle
 * timeout 10 s, TCP read timeout 3 s, 256 TCP connections, 32 queries in flight per TCP connection, 4096
 * per UDP socket, UDP replies at most min(client EDNS size, 4096) bytes, a 4 MiB UDP receive buffer,
 * rebuild backoff 100 ms to 10 s. Without {@link #runOn(DnsResources)} (or another {@code runOn}) the
 * server creates event loops of its own (epoll when available) and shuts them down with itself.
 */
public final class DnsServer {

    private final ServerSettings settings;

    private DnsServer(ServerSettings settings) {
        this.settings = settings;
    }

    /** A server with the defaults, no resolver and no listen address yet. */
    public static DnsServer create() {
        return new DnsServer(new ServerSettings());
    }

    private DnsServer with(Consumer<ServerSettings> change) {
        ServerSettings copy = settings.copy();
        change.accept(copy);
        return new DnsServer(copy);
    }

    /** The pipeline that answers the queries. */
    public DnsServer resolver(Resolver resolver) {
        Objects.requireNonNull(resolver, "resolver");
        return with(s -> s.resolver = resolver);
    }

    /** The addresses to listen on (UDP and TCP each), IPv4 or IPv6; port 0 picks a free one. */
    public DnsServer listen(List<InetSocketAddress> addresses) {
        List<InetSocketAddress> copy = List.copyOf(addresses);
        return with(s -> s.listen = copy);
    }

    /** {@link #listen(List)} with the given addresses. */
    public DnsServer listen(InetSocketAddress... addresses) {
        return listen(List.of(addresses));
    }

    /** Runs on the caller's event loops (e.g. those of a {@code DnsResources}); they are not shut down with the server. */
    public DnsServer runOn(EventLoopGroup eventLoops) {
        Objects.requireNonNull(eventLoops, "eventLoops");
        return with(s -> {
            s.eventLoops = eventLoops;
            s.eventLoopsNative = false;
            s.loopResources = null;
        });
    }

    /**
     * Runs on the event loops of {@code resources}, shared with the transport clients built on them (epoll
     * when available); the server does not shut them down.
     */
    public DnsServer runOn(DnsResources resources) {
        Objects.requireNonNull(resources, "resources");
        // Reactor Netty hands out its epoll loops behind a wrapper group that does not say it is epoll;
        // the resources know, and SO_REUSEPORT (udpSocketsPerAddress) needs to.
        boolean nativeLoops = resources.isNative();
        return runOn(resources.eventLoops()).with(s -> s.eventLoopsNative = nativeLoops);
    }

    /** Runs on the caller's Reactor Netty loop resources; they are not disposed with the server. */
    public DnsServer runOn(LoopResources loops) {
        Objects.requireNonNull(loops, "loops");
        return with(s -> {
            s.loopResources = loops;
            s.eventLoops = null;
            s.eventLoopsNative = false;
        });
    }

    /** The client networks answered; others are refused. Default {@link ClientAcl#loopback()}. */
    public DnsServer acl(ClientAcl acl) {
        Objects.requireNonNull(acl, "acl");
        return with(s -> s.acl = acl);
    }

    /**
     * Limits the queries each client network may send (see {@link ClientRateLimit}: token bucket per /24 or
     * /56, TC=1 or REFUSED past it). Default: no rate limit (the default ACL admits loopback only).
     */
    public DnsServer rateLimit(ClientRateLimit limit) {
        Objects.requireNonNull(limit, "limit");
        return with(s -> s.rateLimit = limit);
    }

    /**
     * Counts into {@code counters} instead of a new set per start: give one set to several servers (or to the
     * servers that replace each other) to read their totals in one place, as a forwarder does for its metrics.
     * {@link RunningDnsServer#counters()} then reads the shared totals.
     */
    public DnsServer counters(RunningDnsServer.Counters counters) {
        Objects.requireNonNull(counters, "counters");
        return with(s -> s.counters = counters);
    }

    /** The longest the server waits for the pipeline before answering SERVFAIL (EDE 22). Default 5 s. */
    public DnsServer queryTimeout(Duration timeout) {
        Duration checked = positive(timeout, "queryTimeout");
        return with(s -> s.queryTimeout = checked);
    }

    /**
     * The SLF4J level of the per-query log line on logger {@code io.hostdns.querylog} (default DEBUG,
     * so nothing per query at INFO); null for no per-query line at all.
     */
    public DnsServer queryLogLevel(@Nullable Level level) {
        return with(s -> s.queryLogLevel = level);
    }

    /** A TCP connection with nothing in flight and nothing read for this long is closed. Default 10 s. */
    public DnsServer tcpIdleTimeout(Duration timeout) {
        Duration checked = positive(timeout, "tcpIdleTimeout");
        return with(s -> s.tcpIdleTimeout = checked);
    }

    /** A TCP message must arrive completely within this time of its first byte. Default 3 s. */
    public DnsServer tcpReadTimeout(Duration timeout) {
        Duration checked = positive(timeout, "tcpReadTimeout");
        return with(s -> s.tcpReadTimeout = checked);
    }

    /** The most TCP connections open at once per listen address; more are closed at once. Default 256. */
    public DnsServer maxTcpConnections(int max) {
        int checked = atLeast(max, 1, "maxTcpConnections");
        return with(s -> s.maxTcpConnections = checked);
    }

    /** The most queries in flight on one TCP connection; past it the server stops reading. Default 32. */
    public DnsServer maxTcpQueriesPerConnection(int max) {
        int checked = atLeast(max, 1, "maxTcpQueriesPerConnection");
        return with(s -> s.maxTcpQueriesPerConnection = checked);
    }

    /** The most queries in flight on one UDP socket; past it the server stops reading. Default 4096. */
    public DnsServer maxUdpQueriesInFlight(int max) {
        int checked = atLeast(max, 1, "maxUdpQueriesInFlight");
        return with(s -> s.maxUdpQueriesInFlight = checked);
    }

    /** The largest UDP reply sent, whatever the client advertises (512..65535). Default 4096. */
    public DnsServer maxUdpPayload(int max) {
        if (max < 512 || max > 65535) {
            throw new IllegalArgumentException("maxUdpPayload must be 512..65535, was " + max);
        }
        return with(s -> s.maxUdpPayload = max);
    }

    /**
     * The receive buffer asked for each UDP socket, which absorbs bursts (the kernel caps it at
     * {@code net.core.rmem_max}). Default 4 MiB.
     */
    public DnsServer udpReceiveBufferSize(int bytes) {
        int checked = atLeast(bytes, 4096, "udpReceiveBufferSize");
        return with(s -> s.udpReceiveBufferSize = checked);
    }

    /**
     * How many queued UDP requests one system call reads on the native epoll transport (recvmmsg), 1..64; 1
     * reads them one by one (recvmsg). Either way a request longer than 2048 bytes is cut there and answered
     * FORMERR. Default 8.
     */
    public DnsServer udpReadBatch(int datagrams) {
        if (datagrams < 1 || datagrams > 64) {
            throw new IllegalArgumentException("udpReadBatch must be 1..64, was " + datagrams);
        }
        return with(s -> s.udpReadBatch = datagrams);
    }

    /**
     * How many UDP sockets to bind per listen address (1..64), sharing the port with SO_REUSEPORT so that
     * several event loops read queries in parallel (the dnsdist/unbound way to use more than one core).
     * Needs the native epoll transport; elsewhere one socket is used and a warning logged. Default 1.
     */
    public DnsServer udpSocketsPerAddress(int sockets) {
        if (sockets < 1 || sockets > 64) {
            throw new IllegalArgumentException("udpSocketsPerAddress must be 1..64, was " + sockets);
        }
        return with(s -> s.udpSocketsPerAddress = sockets);
    }

    /** The wait before rebuilding a failed listener: {@code min}, doubling up to {@code max}. */
    public DnsServer rebuildBackoff(Duration min, Duration max) {
        Duration lo = positive(min, "rebuildBackoff min");
        Duration hi = positive(max, "rebuildBackoff max");
        if (hi.compareTo(lo) < 0) {
            throw new IllegalArgumentException("rebuildBackoff max " + hi + " is below min " + lo);
        }
        return with(s -> {
            s.rebuildMinBackoff = lo;
            s.rebuildMaxBackoff = hi;
        });
    }

    /**
     * The scheduler for listener rebuild delays and the clock of latency measurement. (Query timeouts run
     * on the channels' event loops.) Default {@code Schedulers.parallel()}.
     */
    public DnsServer timer(Scheduler timer) {
        Objects.requireNonNull(timer, "timer");
        return with(s -> s.timer = timer);
    }

    /**
     * Whether {@link #start()} fails when not one socket could be bound (default true). With false it emits
     * the server anyway, every socket FAILED and rebuilt with backoff like any failed socket until it binds
     * or the server shuts down: for a supervisor that starts one server per listen address and decides
     * itself what counts as started (the host DNS forwarder does).
     */
    public DnsServer failIfNoneBinds(boolean fail) {
        return with(s -> s.failIfNoneBinds = fail);
    }

    /**
     * Binds every listener. Emits the running server once each socket was tried once (failed ones keep
     * being retried); errors only when no socket at all could be bound (unless {@link #failIfNoneBinds}
     * is off), or when no resolver or no listen address was given.
     */
    public Mono<RunningDnsServer> start() {
        return Mono.defer(() -> {
            if (settings.resolver == null) {
                return Mono.error(new IllegalStateException("DnsServer needs a resolver"));
            }
            if (settings.listen.isEmpty()) {
                return Mono.error(new IllegalStateException("DnsServer needs at least one listen address"));
            }
            return RunningDnsServer.start(settings.copy());
        });
    }

    private static Duration positive(Duration value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, was " + value);
        }
        return value;
    }

    private static int atLeast(int value, int min, String name) {
        if (value < min) {
            throw new IllegalArgumentException(name + " must be >= " + min + ", was " + value);
        }
        return value;
    }
}
