package io.hostdns.benchmarks.upstream;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.util.concurrent.atomic.AtomicLong;
import org.xbill.DNS.Message;

/**
 * An upstream that loses the first datagram of every query: answers {@link BenchZone} like
 * {@link InProcessResponder}, but drops a query for a name whose previous query was answered (or that was never
 * asked), and answers the next one for it (the client's retransmission). In-process, loopback only, one thread.
 */
public final class LossyResponder implements BenchUpstream {

    private final DatagramChannel channel;
    private final InetSocketAddress address;
    private final Thread reader;
    /** Per bench-zone name: its first datagram was dropped and the next one is answered. Reader thread only. */
    private final boolean[] droppedOnce = new boolean[BenchZone.SIZE];
    private final AtomicLong dropped = new AtomicLong();

    private LossyResponder(DatagramChannel channel) throws IOException {
        this.channel = channel;
        this.address = (InetSocketAddress) channel.getLocalAddress();
        this.reader = new Thread(this::serve, "bench-lossy-responder");
        this.reader.setDaemon(true);
    }

    /** Binds a free port on 127.0.0.1 and starts answering every second datagram of each name. */
    public static LossyResponder start() {
        try {
            DatagramChannel channel = DatagramChannel.open();
            channel.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            LossyResponder responder = new LossyResponder(channel);
            responder.reader.start();
            return responder;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot bind the lossy responder", e);
        }
    }

    private void serve() {
        ByteBuffer in = ByteBuffer.allocate(4096);
        while (channel.isOpen()) {
            try {
                in.clear();
                SocketAddress client = channel.receive(in);
                in.flip();
                byte[] request = new byte[in.remaining()];
                in.get(request);
                int index = BenchZone.indexOf(new Message(request).getQuestion().getName());
                if (index >= 0 && !droppedOnce[index]) {
                    droppedOnce[index] = true;
                    dropped.incrementAndGet();
                    continue;
                }
                if (index >= 0) {
                    droppedOnce[index] = false;
                }
                byte[] response = InProcessResponder.answer(request);
                if (response != null) {
                    channel.send(ByteBuffer.wrap(response), client);
                }
            } catch (ClosedChannelException closed) {
                return;
            } catch (IOException e) {
                if (!channel.isOpen()) {
                    return;
                }
                // one unreadable datagram: the next one is unaffected
            }
        }
    }

    /** Datagrams dropped so far. */
    public long dropped() {
        return dropped.get();
    }

    @Override
    public InetSocketAddress address() {
        return address;
    }

    @Override
    public String label() {
        return "IN-PROCESS responder dropping the first datagram of every query on 127.0.0.1:" + address.getPort();
    }

    @Override
    public void close() {
        try {
            channel.close();
            reader.join(5_000);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return label();
    }
}
