package io.hostdns.transport.testing;

import io.hostdns.core.Protocol;
import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An in-process DNS server for tests: UDP and TCP on one ephemeral loopback port, every request recorded
 * and answered by a {@link FakeDnsHandler} script (see {@link FakeReply} for the faults it can play).
 * Runs on its own single NIO event loop, shut down by {@link #close()}. Further TCP listeners (e.g. TLS,
 * with an {@code SslHandler} added by the layer) can be started with {@link #addTcpListener}; any other
 * listener (e.g. an HTTPS one on {@link #eventLoops()}) hands its requests to {@link #dispatch} with its
 * own {@link ReplyChannel}, so every script and recording works the same over every transport.
 * Modelled on CoreDNS' {@code plugin/pkg/dnstest/server.go}.
 */
public final class FakeDnsServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(FakeDnsServer.class);
    private static final int BIND_ATTEMPTS = 20;

    private final FakeDnsHandler handler;
    private final int reverseBatch;
    private final EventLoopGroup group;
    private final List<Channel> channels = new ArrayList<>();
    private final Queue<FakeRequest> requests = new ConcurrentLinkedQueue<>();
    private final AtomicInteger tcpConnections = new AtomicInteger();
    private final AtomicInteger openTcp = new AtomicInteger();
    private Channel otherPort;
    private int port;

    private FakeDnsServer(FakeDnsHandler handler, int reverseBatch) {
        this.handler = handler;
        this.reverseBatch = reverseBatch;
        this.group = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("fake-dns", true),
                NioIoHandler.newFactory());
    }

    /** Starts a server answering every request through {@code handler}. */
    public static FakeDnsServer start(FakeDnsHandler handler) {
        return start(handler, 1);
    }

    /**
     * Starts a server whose TCP connections hold replies until {@code reverseBatch} are ready and then
     * send them in reverse order (RFC 7766 out-of-order replies); 1 sends each at once.
     */
    public static FakeDnsServer start(FakeDnsHandler handler, int reverseBatch) {
        FakeDnsServer server = new FakeDnsServer(handler, reverseBatch);
        try {
            server.bind();
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
        return server;
    }

    private void bind() {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        otherPort = new Bootstrap().group(group).channel(NioDatagramChannel.class)
                .handler(new FakeUdpListener(this, null)).bind(loopback, 0).syncUninterruptibly().channel();
        channels.add(otherPort);
        RuntimeException last = null;
        for (int attempt = 0; attempt < BIND_ATTEMPTS; attempt++) {
            int tcpPort = addTcpListener(Protocol.TCP, ch -> { });
            try {
                channels.add(new Bootstrap().group(group).channel(NioDatagramChannel.class)
                        .handler(new FakeUdpListener(this, otherPort)).bind(loopback, tcpPort)
                        .syncUninterruptibly().channel());
                port = tcpPort;
                return;
            } catch (RuntimeException e) { // UDP port taken by someone else: try another TCP port
                last = e;
                channels.remove(channels.size() - 1).close().syncUninterruptibly();
            }
        }
        throw new IllegalStateException("no port free for both UDP and TCP", last);
    }

    /**
     * Starts another TCP listener on an ephemeral loopback port whose connections first get {@code layer}
     * (e.g. an {@code SslHandler}), then the same DNS framing and handler; requests are recorded with
     * {@code protocol}. Returns its port.
     */
    public int addTcpListener(Protocol protocol, Consumer<Channel> layer) {
        Channel server = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        layer.accept(ch);
                        FakeTcpConnection.install(ch, FakeDnsServer.this, protocol,
                                tcpConnections.incrementAndGet(), reverseBatch);
                    }
                })
                .bind(InetAddress.getLoopbackAddress(), 0).syncUninterruptibly().channel();
        channels.add(server);
        return ((InetSocketAddress) server.localAddress()).getPort();
    }

    /** The server's event loop group, for listeners added by other transports. */
    public EventLoopGroup eventLoops() {
        return group;
    }

    /** Records {@code request} and carries out the handler's reply on {@code out}; call on the event loop. */
    public void dispatch(FakeRequest request, ReplyChannel out) {
        requests.add(request);
        try {
            handler.handle(request).perform(request, out);
        } catch (RuntimeException e) {
            log.warn("fake DNS handler failed for {}; request dropped", request.name(), e);
        }
    }

    void tcpOpened() {
        openTcp.incrementAndGet();
    }

    void tcpClosed() {
        openTcp.decrementAndGet();
    }

    /** The UDP and TCP port. */
    public int port() {
        return port;
    }

    /** The loopback address and port the server listens on. */
    public InetSocketAddress address() {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
    }

    /** The port the "other port" replies come from. */
    public int otherPort() {
        return ((InetSocketAddress) otherPort.localAddress()).getPort();
    }

    /** Every request received so far, in arrival order. */
    public List<FakeRequest> requests() {
        return List.copyOf(requests);
    }

    /** TCP connections accepted since start. */
    public int tcpConnectionsAccepted() {
        return tcpConnections.get();
    }

    /** TCP connections open now. */
    public int openTcpConnections() {
        return openTcp.get();
    }

    /** Closes every socket and stops the event loop; waits for it (call from a test thread). */
    @Override
    public void close() {
        for (Channel channel : channels) {
            channel.close();
        }
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
