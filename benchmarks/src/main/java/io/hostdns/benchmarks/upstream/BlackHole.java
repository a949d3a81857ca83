package io.hostdns.benchmarks.upstream;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.DatagramChannel;

/**
 * An upstream that never answers: a UDP socket bound on 127.0.0.1 that is never read, so queries sent to
 * it are queued by the kernel up to its receive buffer and then dropped, and no reply (not even an ICMP
 * port-unreachable, since the port is bound) ever comes back. No thread; closing frees the port.
 */
public final class BlackHole implements BenchUpstream {

    private final DatagramChannel channel;
    private final InetSocketAddress address;

    private BlackHole(DatagramChannel channel) throws IOException {
        this.channel = channel;
        this.address = (InetSocketAddress) channel.getLocalAddress();
    }

    /** Binds a free port on 127.0.0.1. */
    public static BlackHole start() {
        try {
            DatagramChannel channel = DatagramChannel.open();
            channel.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            return new BlackHole(channel);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot bind the black hole", e);
        }
    }

    @Override
    public InetSocketAddress address() {
        return address;
    }

    @Override
    public String label() {
        return "BLACK HOLE (bound, never answers) on 127.0.0.1:" + address.getPort();
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String toString() {
        return label();
    }
}
