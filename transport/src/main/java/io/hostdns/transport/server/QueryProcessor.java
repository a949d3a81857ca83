package io.hostdns.transport.server;

import io.hostdns.core.Answer;
import io.hostdns.core.DnsTimeoutException;
import io.hostdns.core.MalformedResponseException;
import io.hostdns.core.Protocol;
import io.hostdns.core.Query;
import io.hostdns.core.Resolver;
import io.hostdns.core.internal.wire.WireHeader;
import io.hostdns.transport.internal.CacheFront;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Type;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * Turns one request packet into the reply bytes for it, whatever the transport: decode, reject what is
 * not a standard query, resolve through the pipeline, write the reply (truncated to {@code limit}), map
 * pipeline failures to SERVFAIL with an Extended DNS Error, count and log. The returned {@code Mono}
 * never errors; it is empty when the packet is dropped unanswered.
 */
final class QueryProcessor {

    private static final Logger log = LoggerFactory.getLogger(QueryProcessor.class);
    private static final byte[] NO_OPTIONS = new byte[0];

    private final Resolver resolver;
    private final Duration queryTimeout;
    private final int maxUdpPayload;
    private final Scheduler timer;
    private final RunningDnsServer.Counters counters;
    private final QueryLog queryLog;
    private final WarnLimiter warnings;
    private final @Nullable ClientRateLimiter rateLimiter;

    QueryProcessor(Resolver resolver, Duration queryTimeout, int maxUdpPayload, Scheduler timer, RunningDnsServer.Counters counters) {
        this(resolver, queryTimeout, maxUdpPayload, timer, counters, new QueryLog());
    }

    QueryProcessor(Resolver resolver, Duration queryTimeout, int maxUdpPayload, Scheduler timer, RunningDnsServer.Counters counters,
                   QueryLog queryLog) {
        this(resolver, queryTimeout, maxUdpPayload, timer, counters, queryLog, null);
    }

    QueryProcessor(Resolver resolver, Duration queryTimeout, int maxUdpPayload, Scheduler timer, RunningDnsServer.Counters counters,
                   QueryLog queryLog, @Nullable ClientRateLimiter rateLimiter) {
        this.rateLimiter = rateLimiter;
        this.queryLog = queryLog;
        this.resolver = Objects.requireNonNull(resolver, "resolver");
        this.queryTimeout = queryTimeout;
        this.maxUdpPayload = maxUdpPayload;
        this.timer = timer;
        this.counters = counters;
        this.warnings = new WarnLimiter(timer, 1, TimeUnit.SECONDS);
    }

    /**
     * The reply to {@code packet} from {@code client}; empty to drop it. Called on the event loop, which
     * is also {@code loop}: the query timeout's timer runs there.
     */
    Mono<byte[]> process(byte[] packet, InetSocketAddress client, Protocol protocol, ScheduledExecutorService loop) {
        (protocol == Protocol.UDP ? counters.udpQueries : counters.tcpQueries).increment();
        DnsRequest request = RequestDecoder.decode(packet);
        if (request == null) {
            counters.droppedMalformed.increment();
            return Mono.empty();
        }
        counters.kinds.request(protocol, request.query());
        byte[] limited = overLimit(request, client, protocol);
        if (limited != null) {
            return Mono.just(limited);
        }
        switch (request.verdict()) {
            case FORMERR:
                counters.formErr.increment();
                return Mono.just(rejected(request, Rcode.FORMERR, client, protocol));
            case NOTIMP:
                counters.notImp.increment();
                return Mono.just(rejected(request, Rcode.NOTIMP, client, protocol));
            case BADVERS:
                counters.formErr.increment();
                return Mono.just(rejected(request, Rcode.BADVERS, client, protocol));
            default:
                break;
        }
        Query query = Objects.requireNonNull(request.query(), "query");
        int limit = protocol == Protocol.UDP ? Math.min(request.udpPayloadSize(), maxUdpPayload) : ReplyWriter.TCP_LIMIT;
        long start = timer.now(TimeUnit.NANOSECONDS);
        return QueryDeadline.within(Mono.defer(() -> resolver.resolve(query)), queryTimeout, loop,
                        () -> new DnsTimeoutException(null, queryTimeout))
                .switchIfEmpty(Mono.error(() -> new IllegalStateException("the resolver completed without an answer")))
                .map(answer -> answered(request, answer, limit, client, protocol, start))
                .onErrorResume(error -> Mono.just(failed(request, error, client, protocol, start)));
    }

    /**
     * A cache-hit path for one event loop ({@link CachedReplies}), or null when the resolver is not a
     * {@link CacheFront} (a plain resolver's hits are only known by resolving).
     */
    @Nullable CachedReplies newCachedReplies() {
        return resolver instanceof CacheFront front ? new CachedReplies(front, maxUdpPayload) : null;
    }

    /** Whether requests may take the cache-hit path now: not while the query log writes a line per query. */
    boolean cachedRepliesAllowed() {
        return !queryLog.enabled();
    }

    /**
     * Admits a request whose reply the cache-hit path has ready: counts it as {@link #process} does and takes
     * its client's rate limit; false when the client is over the limit (then {@link #process} answers it, as
     * limited, and counts it).
     */
    boolean admitCached(InetSocketAddress client, Protocol protocol, CachedReplies hit) {
        ClientRateLimiter limiter = rateLimiter;
        if (limiter != null && !limiter.tryAcquire(client.getAddress())) {
            return false; // a refused acquire takes no token, so process() sees the same verdict
        }
        (protocol == Protocol.UDP ? counters.udpQueries : counters.tcpQueries).increment();
        counters.kinds.answered(protocol, hit.hitType(), hit.hitRcode());
        return true;
    }

    /** The REFUSED reply for a client outside the ACL; empty when the packet has no readable header. */
    Mono<byte[]> refuse(byte[] packet, InetSocketAddress client, Protocol protocol) {
        counters.refusedByAcl.increment();
        DnsRequest request = RequestDecoder.decode(packet);
        if (request == null) {
            return Mono.empty();
        }
        counters.kinds.request(protocol, request.query());
        return Mono.just(rejected(request, Rcode.REFUSED, client, protocol));
    }

    /** The reply for a client over its rate limit (TC=1 over UDP with slip, else REFUSED); null when within it. */
    private byte @Nullable [] overLimit(DnsRequest request, InetSocketAddress client, Protocol protocol) {
        ClientRateLimiter limiter = rateLimiter;
        if (limiter == null) {
            return null;
        }
        boolean slip = limiter.limit().overLimit() == ClientRateLimit.OverLimit.SLIP;
        if ((slip && protocol != Protocol.UDP) || limiter.tryAcquire(client.getAddress())) {
            return null;
        }
        counters.rateLimited.increment();
        if (slip) {
            ReplyWriter.Reply reply = ReplyWriter.error(request, Rcode.NOERROR, NO_OPTIONS);
            byte[] wire = reply.wire();
            WireHeader.setFlags(wire, WireHeader.flags(wire) | WireHeader.FLAG_TC); // nothing here, ask again over TCP
            queryLog.logRejected(client, protocol, reply);
            counters.kinds.reply(wire);
            return wire;
        }
        return rejected(request, Rcode.REFUSED, client, protocol);
    }

    private byte[] rejected(DnsRequest request, int rcode, InetSocketAddress client, Protocol protocol) {
        ReplyWriter.Reply reply = ReplyWriter.error(request, rcode, NO_OPTIONS);
        queryLog.logRejected(client, protocol, reply);
        counters.kinds.reply(reply.wire());
        return reply.wire();
    }

    private byte[] answered(DnsRequest request, Answer answer, int limit, InetSocketAddress client,
                            Protocol protocol, long start) {
        ReplyWriter.Reply reply;
        try {
            reply = ReplyWriter.fromAnswer(request, answer.wireBytes(), limit, NO_OPTIONS, fromLocalData(answer));
        } catch (IOException e) {
            throw new MalformedResponseException(answer.source().upstream(), "cannot relay answer: " + e.getMessage(), e);
        }
        if (reply.truncated() && protocol == Protocol.UDP) {
            counters.truncated.increment();
        }
        if (queryLog.enabled()) {
            queryLog.log(client, protocol, Objects.requireNonNull(request.query()), reply, answer.source().toString(),
                    answer.attempts(), timer.now(TimeUnit.NANOSECONDS) - start);
        }
        counters.kinds.reply(reply.wire());
        return reply.wire();
    }

    /**
     * Whether {@code answer} comes from this node's own data (static hosts, member names, answers made here),
     * the only ones that may keep AA: a cached or forwarded answer is not authoritative here, whatever the
     * upstream said (unbound and dnsmasq clear it too).
     */
    private static boolean fromLocalData(Answer answer) {
        return switch (answer.source().kind()) {
            case HOSTS, MEMBER, LOCAL -> true;
            case CACHE, STALE, UPSTREAM -> false;
        };
    }

    private byte[] failed(DnsRequest request, Throwable error, InetSocketAddress client, Protocol protocol, long start) {
        counters.servfailOnError.increment();
        Query query = Objects.requireNonNull(request.query());
        // one line with the cause, no stack trace (the typed errors say it all), at most one a second
        long suppressed = warnings.tryAcquire();
        if (suppressed >= 0) {
            log.warn("{} {} from {} over {}: SERVFAIL, {}{}", query.name(), Type.string(query.type()), client,
                    protocol.label(), error, suppressed == 0 ? "" : " (" + suppressed + " more failures since the last warning)");
        }
        ReplyWriter.Reply reply = ReplyWriter.error(request, Rcode.SERVFAIL, FailureReplies.edeFor(error).toWire());
        queryLog.log(client, protocol, query, reply, FailureReplies.kind(error), 0,
                timer.now(TimeUnit.NANOSECONDS) - start);
        counters.kinds.reply(reply.wire());
        return reply.wire();
    }
}
