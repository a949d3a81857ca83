package io.hostdns.transport.udp;

import io.hostdns.core.Answer;
import io.hostdns.core.DnsNetworkException;
import io.hostdns.core.Query;
import io.hostdns.core.Resolver;
import io.hostdns.core.UpstreamId;
import io.hostdns.transport.DnsResources;
import io.hostdns.transport.PendingQueries;
import io.hostdns.transport.TransportErrors;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * A {@link Resolver} that asks one upstream over UDP, hardened as RFC 5452 asks and as Netty's resolver
 * is not:
 * <ul>
 *   <li>a random 16-bit ID per query from this client's own {@code SecureRandom};</li>
 *   <li>queries spread over a pool of sockets on random ephemeral ports (see {@link UdpDnsClientBuilder#sockets}
 *       for why a pool, and why 8), each with a large receive buffer so hundreds in flight lose nothing, and
 *       each replaced by a socket on a new port after {@link UdpDnsClientBuilder#queriesPerSocket} queries;</li>
 *   <li>a response is accepted only when its source address and port, ID and question (type, class, name
 *       case-insensitively) match a query in flight on that socket; anything else is dropped and counted
 *       in {@link #stats()} while the query keeps waiting;</li>
 *   <li>EDNS0 with the query's payload size (1232 by default), capped at the client's receive size;</li>
 *   <li>a truncated (TC=1) answer is asked again over TCP of the same upstream.</li>
 * </ul>
 *
 * <p>Errors name the upstream. ICMP "port unreachable" (reported on connected sockets) fails the queries
 * on that socket at once with {@link DnsNetworkException}; "network is unreachable" or "no route to host"
 * on send fails at once with {@link io.hostdns.core.DnsUnreachableException}. A query not answered within
 * the {@linkplain UdpDnsClientBuilder#queryTimeout query timeout} (default 10 s) fails with a
 * {@link io.hostdns.core.DnsTimeoutException}, so a resolution always ends; combinators put their own,
 * shorter attempt timeouts and deadlines around it. Cancelling frees the pending slot and its timer at once.
 */
public final class UdpDnsClient implements Resolver, Disposable {

    private final UpstreamId upstream;
    private final UdpSocketPool pool;
    private final UdpStats stats;
    private final int maxPayload;
    private final @Nullable Resolver tcpFallback;
    private final @Nullable Disposable ownedFallback;
    private final Scheduler clock;
    private final AtomicBoolean disposed = new AtomicBoolean();

    UdpDnsClient(UpstreamId upstream, UdpSocketPool pool, UdpStats stats, int maxPayload,
                 @Nullable Resolver tcpFallback, @Nullable Disposable ownedFallback, Scheduler clock) {
        this.upstream = upstream;
        this.pool = pool;
        this.stats = stats;
        this.maxPayload = maxPayload;
        this.tcpFallback = tcpFallback;
        this.ownedFallback = ownedFallback;
        this.clock = clock;
    }

    /** A builder for a client of {@code upstream} at {@code remote}, on {@code resources}' event loops. */
    public static UdpDnsClientBuilder builder(DnsResources resources, UpstreamId upstream, InetSocketAddress remote) {
        return new UdpDnsClientBuilder(resources, upstream, remote);
    }

    @Override
    public Mono<Answer> resolve(Query query) {
        Query sent = query.udpPayloadSize() > maxPayload ? query.withUdpPayloadSize(maxPayload) : query;
        return Mono.<Answer>create(sink -> send(sent, sink))
                .flatMap(answer -> answer.truncated() ? retryOverTcp(query, answer) : Mono.just(answer))
                .elapsed(clock)
                .map(t -> t.getT2().withElapsed(Duration.ofMillis(t.getT1())));
    }

    private void send(Query query, reactor.core.publisher.MonoSink<Answer> sink) {
        if (disposed.get()) {
            sink.error(new DnsNetworkException(upstream, "client is disposed", null));
            return;
        }
        UdpSocket socket;
        try {
            socket = pool.pick();
        } catch (RuntimeException e) {
            sink.error(TransportErrors.map(upstream, "UDP socket", e));
            return;
        }
        PendingQueries.Entry entry = socket.pending().register(query, sink);
        if (entry == null) {
            sink.error(new DnsNetworkException(upstream, "no free message ID on the socket", null));
            return;
        }
        socket.send(entry);
    }

    private Mono<Answer> retryOverTcp(Query query, Answer truncated) {
        if (tcpFallback == null) {
            return Mono.just(truncated);
        }
        stats.truncatedRetries.increment();
        return tcpFallback.resolve(query).map(a -> a.withAttempts(truncated.attempts() + a.attempts()));
    }

    /** The upstream this client asks. */
    public UpstreamId upstream() {
        return upstream;
    }

    /** Counters of this client: sent, accepted, dropped by reason, TC retries. */
    public UdpStats stats() {
        return stats;
    }

    /** Queries waiting for a UDP response now. */
    public int pendingCount() {
        return pool.pendingCount();
    }

    /** Sockets open now (at most the pool size). */
    public int openSockets() {
        return pool.openSockets();
    }

    /** Sockets rotated out that still wait for their last answers. */
    public int retiredSockets() {
        return pool.retiredSockets();
    }

    /** Closes the sockets (and the TCP fallback it built); queries in flight fail with {@link DnsNetworkException}. */
    @Override
    public void dispose() {
        if (disposed.compareAndSet(false, true)) {
            pool.closeAll();
            if (ownedFallback != null) {
                ownedFallback.dispose();
            }
        }
    }

    @Override
    public boolean isDisposed() {
        return disposed.get();
    }

    @Override
    public String toString() {
        return "UdpDnsClient[" + upstream + "]";
    }
}
