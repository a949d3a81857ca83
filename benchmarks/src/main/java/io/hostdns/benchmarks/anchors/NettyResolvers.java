package io.hostdns.benchmarks.anchors;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.resolver.ResolvedAddressTypes;
import io.netty.resolver.dns.DnsNameResolver;
import io.netty.resolver.dns.DnsNameResolverBuilder;
import io.netty.resolver.dns.DnsNameResolverChannelStrategy;
import io.netty.resolver.dns.NoopAuthoritativeDnsServerCache;
import io.netty.resolver.dns.NoopDnsCache;
import io.netty.resolver.dns.NoopDnsCnameCache;
import io.netty.resolver.dns.SequentialDnsServerAddressStreamProvider;
import io.netty.resolver.dns.SingletonDnsServerAddressStreamProvider;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Netty's {@code DnsNameResolver} as the anchors ran it: one epoll event loop, one upstream, no search
 * domains, IPv4 only, 2 s query timeout. Owns the event loop group; closing closes the resolver and the group.
 *
 * <p>System properties for the uncached variant: {@code bench.netty.rcvbuf} (SO_RCVBUF in bytes of the
 * resolver's datagram channel; unset = OS default) and {@code bench.netty.strategy}
 * ({@code ChannelPerResolver}, Netty's default, or {@code ChannelPerResolution}).
 */
public final class NettyResolvers implements AutoCloseable {

    private final EventLoopGroup group;
    private final DnsNameResolver resolver;

    private NettyResolvers(EventLoopGroup group, DnsNameResolver resolver) {
        this.group = group;
        this.resolver = resolver;
    }

    /** A resolver with Netty's default caches (used for the cache-hit benchmark). */
    public static NettyResolvers cached(InetSocketAddress upstream) {
        EventLoopGroup group = epollGroup();
        return new NettyResolvers(group, baseBuilder(group, upstream).build());
    }

    /**
     * A resolver with Netty's default caches that counts the queries it writes in {@code written}, with
     * in-flight consolidation of up to {@code consolidateCacheSize} names (0 = Netty's default, off).
     */
    public static NettyResolvers cachedCounting(InetSocketAddress upstream, int consolidateCacheSize,
                                                AtomicLong written) {
        EventLoopGroup group = epollGroup();
        return new NettyResolvers(group, baseBuilder(group, upstream)
                .dnsQueryLifecycleObserverFactory(new CountingQueryObserver(written))
                .consolidateCacheSize(consolidateCacheSize)
                .build());
    }

    /** A resolver with every cache disabled, so each resolve sends one A query. */
    public static NettyResolvers uncached(InetSocketAddress upstream) {
        EventLoopGroup group = epollGroup();
        DnsNameResolverBuilder builder = baseBuilder(group, upstream)
                .resolveCache(NoopDnsCache.INSTANCE)
                .cnameCache(NoopDnsCnameCache.INSTANCE)
                .authoritativeDnsServerCache(NoopAuthoritativeDnsServerCache.INSTANCE)
                .datagramChannelStrategy(DnsNameResolverChannelStrategy.valueOf(
                        System.getProperty("bench.netty.strategy", "ChannelPerResolver")));
        int rcvbuf = Integer.getInteger("bench.netty.rcvbuf", 0);
        if (rcvbuf > 0) {
            builder.datagramChannelFactory(() -> {
                EpollDatagramChannel channel = new EpollDatagramChannel();
                channel.config().setReceiveBufferSize(rcvbuf);
                return channel;
            });
        }
        return new NettyResolvers(group, builder.build());
    }

    /**
     * A resolver with every cache disabled over {@code servers} in order, each query timing out after
     * {@code queryTimeoutMillis} and then going to the next server (at most one query per server).
     */
    public static NettyResolvers sequential(List<InetSocketAddress> servers, long queryTimeoutMillis) {
        EventLoopGroup group = epollGroup();
        return new NettyResolvers(group, baseBuilder(group, servers.get(0))
                .nameServerProvider(new SequentialDnsServerAddressStreamProvider(servers))
                .queryTimeoutMillis(queryTimeoutMillis)
                .maxQueriesPerResolve(servers.size())
                .resolveCache(NoopDnsCache.INSTANCE)
                .cnameCache(NoopDnsCnameCache.INSTANCE)
                .authoritativeDnsServerCache(NoopAuthoritativeDnsServerCache.INSTANCE)
                .build());
    }

    private static EventLoopGroup epollGroup() {
        Epoll.ensureAvailability();
        return new MultiThreadIoEventLoopGroup(1, EpollIoHandler.newFactory());
    }

    private static DnsNameResolverBuilder baseBuilder(EventLoopGroup group, InetSocketAddress upstream) {
        return new DnsNameResolverBuilder(group.next())
                .datagramChannelType(EpollDatagramChannel.class)
                .nameServerProvider(new SingletonDnsServerAddressStreamProvider(upstream))
                .resolvedAddressTypes(ResolvedAddressTypes.IPV4_ONLY)
                .searchDomains(List.of())
                .ndots(1)
                .queryTimeoutMillis(2_000)
                .maxQueriesPerResolve(1);
    }

    /** The resolver. */
    public DnsNameResolver resolver() {
        return resolver;
    }

    @Override
    public void close() {
        resolver.close();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
