package io.hostdns.transport.udp;

import io.hostdns.core.Answer;
import io.hostdns.core.AnswerSource;
import io.hostdns.core.DnsNetworkException;
import io.hostdns.core.UpstreamId;
import io.hostdns.transport.internal.PendingQueries;
import io.hostdns.transport.internal.ResponseCheck;
import io.hostdns.transport.internal.TransportErrors;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;
import java.net.InetSocketAddress;
import java.net.PortUnreachableException;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * One UDP socket of a {@link UdpDnsClient}'s pool, with the table of queries in flight on it. Every
 * datagram it receives is checked (RFC 5452) against the upstream address and port, a pending ID and
 * that query's question; only a full match completes a query, anything else is dropped and counted
 * while the query keeps waiting for the genuine answer.
 */
final class UdpSocket extends SimpleChannelInboundHandler<DatagramPacket> {

    private final UpstreamId upstream;
    private final InetSocketAddress remote;
    private final boolean connected;
    private final UdpDnsClient.Stats stats;
    private final PendingQueries pending;
    private final AnswerSource source;
    private final AtomicInteger uses = new AtomicInteger();
    private volatile boolean drainable;
    private volatile @Nullable ScheduledFuture<?> graceTimer;
    private volatile @Nullable ScheduledFuture<?> lingerTimer;
    private volatile ChannelFuture ready;
    private volatile UdpSender sender;

    UdpSocket(UpstreamId upstream, InetSocketAddress remote, boolean connected, UdpDnsClient.Stats stats,
              PendingQueries pending) {
        super(DatagramPacket.class, true);
        this.upstream = upstream;
        this.remote = remote;
        this.connected = connected;
        this.stats = stats;
        this.pending = pending;
        this.source = AnswerSource.upstream(upstream);
    }

    void attach(ChannelFuture bindOrConnect) {
        this.sender = new UdpSender(upstream, remote, connected, stats, pending, bindOrConnect);
        this.ready = bindOrConnect;
    }

    PendingQueries pending() {
        return pending;
    }

    Channel channel() {
        return ready.channel();
    }

    /** Counts one more query for this socket; returns the count including it. */
    int use() {
        return uses.incrementAndGet();
    }

    /**
     * Takes the socket out of service: once {@code grace} has passed (so that callers that picked it just
     * before it was replaced have registered their query) it closes as soon as no query is pending on it,
     * and at the latest after {@code linger} (stragglers then fail with a network error; their callers gave
     * up long ago).
     */
    void retire(Duration grace, Duration linger) {
        Channel channel = channel();
        graceTimer = channel.eventLoop().schedule(() -> {
            drainable = true;
            closeIfDrained(channel);
        }, grace.toNanos(), TimeUnit.NANOSECONDS);
        lingerTimer = channel.eventLoop().schedule(() -> {
            channel.close();
        }, linger.toNanos(), TimeUnit.NANOSECONDS);
    }

    private void closeIfDrained(Channel channel) {
        if (drainable && pending.size() == 0) {
            channel.close();
        }
    }

    /** Whether the socket failed or was closed (a pool replaces it). */
    boolean isClosed() {
        ChannelFuture f = ready;
        return (f.isDone() && !f.isSuccess()) || (f.isDone() && !f.channel().isOpen());
    }

    /** Sends {@code entry}'s query once the socket is bound (batched, see {@link UdpSender}); failures fail it. */
    void send(PendingQueries.Entry entry) {
        sender.send(entry);
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
        if (!remote.equals(packet.sender())) {
            stats.droppedWrongSource.increment();
            return;
        }
        ByteBuf content = packet.content();
        byte[] wire = ByteBufUtil.getBytes(content);
        int id = ResponseCheck.id(wire);
        if (id < 0) {
            stats.droppedMalformed.increment();
            return;
        }
        PendingQueries.Entry entry = pending.get(id);
        if (entry == null) {
            stats.droppedUnknownId.increment();
            return;
        }
        switch (ResponseCheck.check(wire, entry.query())) {
            case MALFORMED -> stats.droppedMalformed.increment();
            case WRONG_QUESTION -> stats.droppedWrongQuestion.increment();
            case MATCH -> {
                // a truncated answer completes the UDP attempt too; the client retries it over TCP
                stats.accepted.increment();
                pending.complete(entry, Answer.of(wire, source));
                closeIfDrained(ctx.channel());
            }
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // ICMP port unreachable reaches a connected socket as an error on the next read: every query on
        // this socket went to the same closed port, so fail them all now instead of letting them time out.
        pending.failAll(e -> TransportErrors.map(upstream, "UDP receive", cause));
        if (!(cause instanceof PortUnreachableException)) {
            ctx.close(); // an unexpected socket error: the pool opens a fresh socket for the next query
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        for (ScheduledFuture<?> timer : new ScheduledFuture<?>[] {graceTimer, lingerTimer}) {
            if (timer != null) {
                timer.cancel(false);
            }
        }
        pending.failAll(e -> new DnsNetworkException(upstream, "UDP socket closed", null));
        ctx.fireChannelInactive();
    }
}
