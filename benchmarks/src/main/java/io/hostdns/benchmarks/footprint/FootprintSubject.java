package io.hostdns.benchmarks.footprint;

import io.hostdns.core.Answer;
import io.hostdns.core.AnswerSource;
import io.hostdns.core.Protocol;
import io.hostdns.core.Query;
import io.hostdns.core.Resolver;
import io.hostdns.core.UpstreamId;
import io.hostdns.core.cache.CacheOptions;
import io.hostdns.core.cache.CachingResolver;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.resolver.dns.DefaultDnsCache;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.concurrent.TimeUnit;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.Cache;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;
import reactor.core.publisher.Mono;

/**
 * One cache filled as its resolver fills it on a miss, with {@code n} distinct A answers
 * ({@code host<i>.footprint.test.}, one record, TTL 3600): hostdns' {@link CachingResolver} (default options
 * except the bound and no prefetch), Netty's {@link DefaultDnsCache} (what {@code DnsNameResolver} stores, with
 * the expiry task it schedules per entry), dnsjava's {@link Cache} via {@code addMessage}.
 */
public interface FootprintSubject extends AutoCloseable {

    /** Stores answers for hosts 0..n-1. */
    void fill(int n);

    /** Looks every host up once (hostdns builds its served-answer memo on a hit). */
    void hitAll(int n);

    /** How many of hosts 0..n-1 the cache holds (its own count where it keeps one). */
    long entries(int n);

    @Override
    void close();

    /** The subject named {@code impl}: hostdns, netty or dnsjava. */
    static FootprintSubject of(String impl, int n) {
        return switch (impl) {
            case "hostdns" -> new Hostdns(n);
            case "netty" -> new Netty();
            case "dnsjava" -> new Dnsjava(n);
            default -> throw new IllegalArgumentException("impl must be hostdns, netty or dnsjava, was " + impl);
        };
    }

    static Name name(int i) {
        return Name.fromConstantString("host" + i + ".footprint.test.");
    }

    static InetAddress address(int i) {
        try {
            return InetAddress.getByAddress(new byte[] {127, 2, (byte) (i >>> 8), (byte) i});
        } catch (UnknownHostException e) {
            throw new IllegalStateException("a literal address is always valid", e);
        }
    }

    static Message response(Name name, int i) {
        Message m = Query.of(name, Type.A).toMessage(i & 0xFFFF);
        m.getHeader().setFlag(Flags.QR);
        m.addRecord(new ARecord(name, DClass.IN, 3600, address(i)), Section.ANSWER);
        return m;
    }

    /** hostdns' cache; each answer is made by the delegate when asked. */
    final class Hostdns implements FootprintSubject {
        private final CachingResolver cache;

        Hostdns(int n) {
            AnswerSource upstream = AnswerSource.upstream(new UpstreamId(0, Protocol.UDP, "127.0.0.1:53"));
            Resolver delegate = q -> Mono.fromSupplier(() -> Answer.of(response(q.name(),
                    Integer.parseInt(q.name().getLabelString(0).substring(4))), upstream));
            this.cache = CachingResolver.builder(delegate)
                    .options(CacheOptions.DEFAULTS.withMaximumEntries(n).withPrefetch(CacheOptions.Prefetch.DISABLED))
                    .executor(Runnable::run)
                    .build();
        }

        @Override
        public void fill(int n) {
            hitAll(n);
        }

        @Override
        public void hitAll(int n) {
            for (int i = 0; i < n; i++) {
                cache.resolve(Query.of(name(i), Type.A)).subscribe();
            }
        }

        @Override
        public long entries(int n) {
            return cache.stats().size();
        }

        @Override
        public void close() {
            cache.dispose();
        }
    }

    /** Netty's default cache, as its resolver fills it (hostname key, address, TTL, the resolver's loop). */
    final class Netty implements FootprintSubject {
        private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        private final DefaultDnsCache cache = new DefaultDnsCache();

        @Override
        public void fill(int n) {
            for (int i = 0; i < n; i++) {
                cache.cache("host" + i + ".footprint.test", null, address(i), 3600, group.next());
            }
        }

        @Override
        public void hitAll(int n) {
            for (int i = 0; i < n; i++) {
                cache.get("host" + i + ".footprint.test", null);
            }
        }

        @Override
        public long entries(int n) {
            long found = 0; // Netty keeps no count: look every name up
            for (int i = 0; i < n; i++) {
                found += cache.get("host" + i + ".footprint.test", null) == null ? 0 : 1;
            }
            return found;
        }

        @Override
        public void close() {
            cache.clear();
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    /** dnsjava's cache, filled from whole responses as {@code LookupSession} does. */
    final class Dnsjava implements FootprintSubject {
        private final Cache cache = new Cache(DClass.IN);

        Dnsjava(int n) {
            cache.setMaxEntries(n);
        }

        @Override
        public void fill(int n) {
            for (int i = 0; i < n; i++) {
                cache.addMessage(response(name(i), i));
            }
        }

        @Override
        public void hitAll(int n) {
            for (int i = 0; i < n; i++) {
                cache.lookupRecords(name(i), Type.A, 0);
            }
        }

        @Override
        public long entries(int n) {
            return cache.getSize();
        }

        @Override
        public void close() {
            cache.clearCache();
        }
    }
}
