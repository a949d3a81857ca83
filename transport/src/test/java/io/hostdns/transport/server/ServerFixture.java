package io.hostdns.transport.server;

import io.hostdns.core.Protocol;
import io.hostdns.core.Resolver;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Objects;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;
import org.xbill.DNS.Message;
import org.xbill.DNS.SimpleResolver;

/**
 * A server on 127.0.0.1 (ephemeral port) scripted by a lambda {@link Resolver}, with blocking clients for
 * the test thread: dnsjava {@link SimpleResolver} and a raw UDP socket. Close it to shut the server down.
 */
final class ServerFixture implements AutoCloseable {

    static final InetSocketAddress LOOPBACK_ANY_PORT = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);

    final RunningDnsServer server;

    private ServerFixture(RunningDnsServer server) {
        this.server = server;
    }

    /** A server on 127.0.0.1 answering from {@code resolver}, configured further by {@code config}. */
    static ServerFixture start(Resolver resolver, UnaryOperator<DnsServer> config) {
        DnsServer builder = config.apply(DnsServer.create().resolver(resolver).listen(LOOPBACK_ANY_PORT)
                .rebuildBackoff(Duration.ofMillis(20), Duration.ofMillis(200)));
        return new ServerFixture(Objects.requireNonNull(builder.start().block(Duration.ofSeconds(10))));
    }

    static ServerFixture start(Resolver resolver) {
        return start(resolver, UnaryOperator.identity());
    }

    InetSocketAddress udp() {
        return Objects.requireNonNull(server.address(Protocol.UDP), "no running udp listener");
    }

    InetSocketAddress tcp() {
        return Objects.requireNonNull(server.address(Protocol.TCP), "no running tcp listener");
    }

    /** A dnsjava client of this server: UDP (TCP retry on TC) or TCP only, 2 s timeout, no retries. */
    SimpleResolver client(boolean tcp) {
        SimpleResolver resolver = new SimpleResolver(tcp ? tcp() : udp());
        resolver.setTCP(tcp);
        resolver.setTimeout(Duration.ofSeconds(2));
        return resolver;
    }

    Message send(Message query, boolean tcp) throws IOException {
        return client(tcp).send(query);
    }

    /** Sends {@code packet} over UDP and returns the reply bytes, or null when none comes within {@code wait}. */
    byte @Nullable [] rawUdp(byte[] packet, Duration wait) throws IOException {
        return rawUdp(udp(), packet, wait);
    }

    static byte @Nullable [] rawUdp(InetSocketAddress to, byte[] packet, Duration wait) throws IOException {
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(to.getAddress(), 0))) {
            socket.setSoTimeout((int) wait.toMillis());
            socket.send(new DatagramPacket(packet, packet.length, to));
            byte[] buffer = new byte[65535];
            DatagramPacket reply = new DatagramPacket(buffer, buffer.length);
            try {
                socket.receive(reply);
            } catch (SocketTimeoutException e) {
                return null;
            }
            return java.util.Arrays.copyOf(buffer, reply.getLength());
        }
    }

    @Override
    public void close() {
        server.shutdown(Duration.ofSeconds(1)).block(Duration.ofSeconds(10));
    }
}
