package io.hostdns.transport.forwarder;

import io.hostdns.core.Answer;
import io.hostdns.core.AnswerSource;
import io.hostdns.core.Query;
import io.hostdns.core.Resolver;
import io.hostdns.core.Upstream;
import io.hostdns.core.UpstreamId;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * Finds forwarding loops the CoreDNS way: {@link #check} sends each upstream a query for a random name
 * {@code <random>.<random>.hostdns-loop-check. HINFO}; the {@linkplain #stage(Resolver) stage} at the top of
 * our own pipeline recognises those names when they come back into one of our listeners, counts them, and
 * answers NXDOMAIN so that the probe does not go round again. An upstream whose probe came back loops.
 * Probes of other forwarders (a name under the zone that is not ours) are forwarded like any query.
 */
final class LoopDetector {

    /** The zone of every loop probe name. */
    static final Name ZONE = Name.fromConstantString("hostdns-loop-check.");

    private static final Logger log = LoggerFactory.getLogger(LoopDetector.class);

    private final Map<Name, UpstreamId> outstanding = new ConcurrentHashMap<>();
    private final Set<UpstreamId> looped = ConcurrentHashMap.newKeySet();
    private final LongAdder probesSeen = new LongAdder();

    /** {@code next}, with our own loop probes answered (and counted) here. */
    Resolver stage(Resolver next) {
        return query -> {
            if (!query.name().subdomain(ZONE)) {
                return next.resolve(query);
            }
            UpstreamId upstream = outstanding.get(query.name());
            if (upstream == null) {
                return next.resolve(query);
            }
            probesSeen.increment();
            looped.add(upstream);
            return Mono.fromSupplier(() -> nxdomain(query));
        };
    }

    /** Our own probes that came back into a listener, since start. */
    long probesSeen() {
        return probesSeen.sum();
    }

    /**
     * Probes every upstream at once and completes empty when none loops, or with a
     * {@link HostDnsForwarder.LoopException} naming those whose probe came back. Upstream answers and failures are
     * otherwise ignored; each probe waits at most {@code timeout}.
     */
    Mono<Void> check(List<Upstream> upstreams, Duration timeout, Scheduler timer) {
        return Mono.defer(() -> {
            Map<Name, UpstreamId> mine = new ConcurrentHashMap<>();
            for (Upstream upstream : upstreams) {
                mine.put(probeName(), upstream.id());
            }
            outstanding.putAll(mine);
            return Flux.fromIterable(mine.entrySet())
                    .flatMap(probe -> send(probe.getKey(), upstreams, probe.getValue(), timeout, timer))
                    .then(Mono.defer(() -> verdict(mine)))
                    .doFinally(signal -> mine.keySet().forEach(outstanding::remove));
        });
    }

    private static Mono<Answer> send(Name name, List<Upstream> upstreams, UpstreamId id, Duration timeout,
                                     Scheduler timer) {
        Upstream upstream = upstreams.stream().filter(u -> u.id().equals(id)).findFirst().orElseThrow();
        return upstream.resolver().resolve(Query.of(name, Type.HINFO))
                .timeout(timeout, timer)
                .onErrorResume(error -> {
                    log.debug("loop probe to {} got no answer: {}", id, error.toString());
                    return Mono.empty();
                });
    }

    private Mono<Void> verdict(Map<Name, UpstreamId> mine) {
        List<UpstreamId> loops = mine.values().stream().filter(looped::contains).distinct().toList();
        looped.removeAll(mine.values());
        if (loops.isEmpty()) {
            return Mono.empty();
        }
        return Mono.error(new HostDnsForwarder.LoopException(loops, "forwarding loop: a query sent to " + loops
                + " came back to this forwarder; remove it from the upstreams (or stop it forwarding to us)"));
    }

    private static Name probeName() {
        HexFormat hex = HexFormat.of();
        ThreadLocalRandom random = ThreadLocalRandom.current();
        try {
            return Name.fromString(hex.toHexDigits(random.nextLong()) + "." + hex.toHexDigits(random.nextLong()), ZONE);
        } catch (TextParseException e) {
            throw new IllegalStateException("hex labels are valid DNS labels", e);
        }
    }

    private static Answer nxdomain(Query query) {
        Message reply = new Message(0);
        reply.getHeader().setFlag(Flags.QR);
        reply.getHeader().setFlag(Flags.RD);
        reply.getHeader().setFlag(Flags.RA);
        reply.getHeader().setRcode(Rcode.NXDOMAIN);
        reply.addRecord(Record.newRecord(query.name(), query.type(), query.dclass()), Section.QUESTION);
        return Answer.of(reply, AnswerSource.LOCAL);
    }
}
