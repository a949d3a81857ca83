package io.hostdns.benchmarks.hostdns;

import io.hostdns.benchmarks.CachedLookup;
import io.hostdns.core.Answer;
import io.hostdns.core.AnswerSource;
import io.hostdns.core.Query;
import io.hostdns.core.Resolver;
import io.hostdns.core.cache.CachingResolver;
import io.hostdns.core.dnssec.SignedZone;
import io.hostdns.core.dnssec.ValidatingResolver;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Type;
import reactor.core.publisher.Mono;

/**
 * hostdns resolving {@code A www.signed.bench.} with DO set on the calling thread, from memory: the upstream
 * is a map of responses signed once at setup (ECDSA P-256, core's test fixture {@link SignedZone}), so what
 * is measured is validation and caching, not I/O. Three paths:
 * <ul>
 *   <li>{@code validated-miss}: {@link ValidatingResolver} over the upstream, its keys prewarmed: each lookup
 *       is one upstream answer (decoded), one RRSIG verified, the secure answer rebuilt with AD set;</li>
 *   <li>{@code validated-hit}: a default {@link CachingResolver} over that validator, prewarmed: a hit;</li>
 *   <li>{@code unvalidated-hit}: a default {@link CachingResolver} straight over the upstream: the same hit
 *       without validation underneath.</li>
 * </ul>
 * The upstream counts its calls; {@link #close()} fails the run when a path asked it more than it should.
 */
public final class HostdnsDnssecLookup implements CachedLookup {

    private final String path;
    private final Query query;
    private final Resolver resolver;
    private final @Nullable CachingResolver cache;
    private final AtomicLong upstreamCalls = new AtomicLong();
    private long lookups;

    public HostdnsDnssecLookup(String path) {
        this.path = path;
        SignedZone zone = SignedZone.create("signed.bench");
        try {
            zone.add(new ARecord(zone.name("www"), DClass.IN, 3600, InetAddress.getByName("192.0.2.1")));
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
        this.query = Query.of(zone.name("www"), Type.A).withDnssecOk(true);
        Map<String, Answer> signed = new ConcurrentHashMap<>();
        for (Query q : new Query[] {query, Query.of(zone.origin(), Type.DNSKEY)}) {
            signed.put(q.name() + "/" + q.type(), zone.answer(q.withDnssecOk(true)));
        }
        Resolver upstream = q -> Mono.fromSupplier(() -> {
            upstreamCalls.incrementAndGet();
            return signed.get(q.name() + "/" + q.type());
        });
        Resolver validator = ValidatingResolver.over(upstream, zone.anchor());
        this.cache = switch (path) {
            case "validated-miss" -> null;
            case "validated-hit" -> CachingResolver.builder(validator).build();
            case "unvalidated-hit" -> CachingResolver.builder(upstream).build();
            default -> throw new IllegalArgumentException(
                    "path must be validated-miss, validated-hit or unvalidated-hit, was " + path);
        };
        this.resolver = cache != null ? cache : validator;
        Answer first = (Answer) lookup();
        boolean authenticated = (first.wire().get(3) & 0x20) != 0;
        if (authenticated == path.equals("unvalidated-hit")) {
            throw new IllegalStateException(path + ": the prewarming answer has AD=" + authenticated + ": " + first);
        }
        upstreamCalls.set(0);
        lookups = 0;
    }

    @Override
    public Object lookup() {
        SyncCapture capture = new SyncCapture();
        resolver.resolve(query).subscribe(capture);
        lookups++;
        return capture.answer();
    }

    /** Whether {@code answer} is what this path must give: AD set when validated; from the cache on a hit. */
    public boolean expected(Answer answer) {
        boolean authenticated = (answer.wire().get(3) & 0x20) != 0;
        boolean hit = answer.source().kind() == AnswerSource.Kind.CACHE;
        return authenticated != path.equals("unvalidated-hit") && hit == (cache != null);
    }

    @Override
    public void close() {
        if (cache != null) {
            cache.dispose();
        }
        long expectedCalls = cache == null ? lookups : 0;
        if (upstreamCalls.get() != expectedCalls) {
            throw new IllegalStateException(path + ": the upstream was asked " + upstreamCalls.get() + " times for "
                    + lookups + " lookups (expected " + expectedCalls + "): the keys were not cached or hits missed");
        }
    }
}
