package io.hostdns.benchmarks.upstream;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A slow upstream for the hedging benchmark: answers {@link BenchZone} like {@link InProcessResponder},
 * but sends each reply {@code delayMillis} after the query arrived. In-process, loopback only, one reading
 * thread plus one timer thread; at most {@link #MAX_PENDING} replies wait at once (beyond that a query
 * is dropped and counted in {@link #dropped()}), so a flood cannot grow it without bound.
 */
public final class DelayingResponder implements BenchUpstream {

    /** Replies that may wait for their delay at once. */
    public static final int MAX_PENDING = 4096;

    private final DatagramChannel channel;
    private final InetSocketAddress address;
    private final long delayMillis;
    private final ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, r -> {
        Thread t = new Thread(r, "bench-delaying-responder-timer");
        t.setDaemon(true);
        return t;
    });
    private final Thread reader;
    private final AtomicLong dropped = new AtomicLong();

    private DelayingResponder(DatagramChannel channel, long delayMillis) throws IOException {
        this.channel = channel;
        this.address = (InetSocketAddress) channel.getLocalAddress();
        this.delayMillis = delayMillis;
        this.timer.setRemoveOnCancelPolicy(true);
        this.reader = new Thread(this::serve, "bench-delaying-responder");
        this.reader.setDaemon(true);
    }

    /** Binds a free port on 127.0.0.1 and starts answering, each reply {@code delayMillis} late. */
    public static DelayingResponder start(long delayMillis) {
        if (delayMillis < 0) {
            throw new IllegalArgumentException("delay must be >= 0, was " + delayMillis);
        }
        try {
            DatagramChannel channel = DatagramChannel.open();
            channel.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            DelayingResponder responder = new DelayingResponder(channel, delayMillis);
            responder.reader.start();
            return responder;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot bind the delaying responder", e);
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
                byte[] response = InProcessResponder.answer(request);
                if (response == null) {
                    continue;
                }
                if (timer.getQueue().size() >= MAX_PENDING) {
                    dropped.incrementAndGet();
                    continue;
                }
                timer.schedule(() -> send(response, client), delayMillis, TimeUnit.MILLISECONDS);
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

    private void send(byte[] response, SocketAddress client) {
        try {
            channel.send(ByteBuffer.wrap(response), client);
        } catch (IOException e) {
            // closed meanwhile, or the client went away: that reply is lost, as on a network
        }
    }

    /** Queries dropped because {@link #MAX_PENDING} replies were already waiting. */
    public long dropped() {
        return dropped.get();
    }

    @Override
    public InetSocketAddress address() {
        return address;
    }

    @Override
    public String label() {
        return "IN-PROCESS responder delaying every reply by " + delayMillis + " ms on 127.0.0.1:" + address.getPort();
    }

    @Override
    public void close() {
        timer.shutdownNow();
        try {
            channel.close();
            reader.join(5_000);
            timer.awaitTermination(5, TimeUnit.SECONDS);
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
