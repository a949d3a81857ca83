package io.hostdns.transport;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.SocketProtocolFamily;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.channels.spi.SelectorProvider;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.netty.resources.LoopResources;

/**
 * The event loops and channels that hostdns transport clients run on: create one, hand it to every
 * client that should share it, dispose it when done.
 *
 * <p>Event loops are epoll where the native transport loads (Linux) and NIO otherwise; they are either
 * <em>owned</em> ({@link #create(String, int)}: disposed with this object) or <em>shared</em>
 * ({@link #shared(LoopResources)}: a caller's Reactor Netty loops, left running on dispose). Every
 * channel a client opens is {@linkplain #track(Channel) tracked}; {@link #disposeLater()} closes them
 * all and then, for owned loops, shuts the threads down, so afterwards no channel, thread or timer of
 * this object is left. There is no static default instance: two callers share loops only by passing
 * the same {@code DnsResources}.
 */
public final class DnsResources implements Disposable {

    private static final Logger log = LoggerFactory.getLogger(DnsResources.class);

    private final LoopResources loops;
    private final boolean owned;
    private final boolean nativeTransport;
    private final EventLoopGroup group;
    private final Set<Channel> channels = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean disposed = new AtomicBoolean();

    private DnsResources(LoopResources loops, boolean owned) {
        this.loops = loops;
        this.owned = owned;
        this.nativeTransport = Epoll.isAvailable();
        this.group = loops.onClient(nativeTransport);
        if (!nativeTransport) {
            log.debug("epoll not available, using NIO: {}", String.valueOf(Epoll.unavailabilityCause()));
        }
    }

    /**
     * Owned event loops: {@code threads} daemon threads named {@code namePrefix-epoll-N} (or {@code -nio-N}),
     * shut down by {@link #dispose()}.
     */
    public static DnsResources create(String namePrefix, int threads) {
        Objects.requireNonNull(namePrefix, "namePrefix");
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, was " + threads);
        }
        return new DnsResources(LoopResources.create(namePrefix, threads, true), true);
    }

    /** Shared event loops owned by the caller: {@link #dispose()} closes our channels but leaves the loops running. */
    public static DnsResources shared(LoopResources loops) {
        return new DnsResources(Objects.requireNonNull(loops, "loops"), false);
    }

    /** The event loops channels are registered with. */
    public EventLoopGroup eventLoops() {
        return group;
    }

    /** Whether the native epoll transport is in use (else NIO). */
    public boolean isNative() {
        return nativeTransport;
    }

    /** A new, unregistered UDP channel of the address family of {@code remote}. */
    public DatagramChannel newDatagramChannel(InetAddress remote) {
        SocketProtocolFamily family = family(remote);
        return nativeTransport ? new EpollDatagramChannel(family) : new NioDatagramChannel(family);
    }

    /** A new, unregistered TCP channel of the address family of {@code remote}. */
    public SocketChannel newSocketChannel(InetAddress remote) {
        SocketProtocolFamily family = family(remote);
        return nativeTransport ? new EpollSocketChannel(family)
                : new NioSocketChannel(SelectorProvider.provider(), family);
    }

    private static SocketProtocolFamily family(InetAddress address) {
        return address instanceof Inet6Address ? SocketProtocolFamily.INET6 : SocketProtocolFamily.INET;
    }

    /**
     * Tracks a channel a client opened so {@link #dispose()} closes it; it is forgotten when it closes.
     * A channel handed in after disposal is closed at once.
     */
    public void track(Channel channel) {
        channels.add(channel);
        channel.closeFuture().addListener(f -> channels.remove(channel));
        if (disposed.get()) {
            channel.close();
        }
    }

    /** How many tracked channels are open now. */
    public int openChannels() {
        return channels.size();
    }

    /** Whether {@link #dispose()} or {@link #disposeLater()} was called. */
    @Override
    public boolean isDisposed() {
        return disposed.get();
    }

    /** Starts {@link #disposeLater()} without waiting for it. */
    @Override
    public void dispose() {
        disposeLater().subscribe(null, e -> log.warn("dispose failed", e));
    }

    /**
     * Closes every tracked channel, then shuts owned event loops down (quiet period 0, at most 5 s);
     * completes when all of it is done. Calling it again only waits for the same outcome.
     */
    public Mono<Void> disposeLater() {
        return Mono.defer(() -> {
            disposed.set(true);
            List<Mono<Void>> closes = new ArrayList<>();
            for (Channel channel : channels) {
                closes.add(toMono(channel.close()));
            }
            Mono<Void> closed = Mono.when(closes);
            return owned ? closed.then(loops.disposeLater(Duration.ZERO, Duration.ofSeconds(5))) : closed;
        });
    }

    private static Mono<Void> toMono(ChannelFuture future) {
        return Mono.create(sink -> future.addListener(f -> sink.success()));
    }

    @Override
    public String toString() {
        return "DnsResources[" + (nativeTransport ? "epoll" : "nio") + (owned ? ", owned" : ", shared")
                + ", channels=" + channels.size() + (disposed.get() ? ", disposed" : "") + "]";
    }
}
