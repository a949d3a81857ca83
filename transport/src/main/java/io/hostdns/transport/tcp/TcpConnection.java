package io.hostdns.transport.tcp;

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
import io.netty.handler.timeout.IdleStateEvent;
import org.jspecify.annotations.Nullable;

/**
 * One TCP connection of a {@link TcpDnsClient} (RFC 7766): many queries pipelined on it, each under an
 * ID unique on this connection, their replies matched by ID in whatever order they come. When the
 * connection dies (reset, closed by the server, failed TLS handshake) every query still in flight on
 * it fails at once with a {@link DnsNetworkException}; it closes itself when idle with nothing pending.
 */
final class TcpConnection extends SimpleChannelInboundHandler<ByteBuf> {

    private final UpstreamId upstream;
    private final AnswerSource source;
    private final PendingQueries pending;
    private final TcpDnsClient.Stats stats;
    private volatile @Nullable ChannelFuture connect;
    private volatile @Nullable Throwable failure;

    TcpConnection(UpstreamId upstream, PendingQueries pending, TcpDnsClient.Stats stats) {
        super(ByteBuf.class, true);
        this.upstream = upstream;
        this.source = AnswerSource.upstream(upstream);
        this.pending = pending;
        this.stats = stats;
    }

    void attach(ChannelFuture connectFuture) {
        this.connect = connectFuture;
        connectFuture.addListener(f -> {
            if (!f.isSuccess()) {
                pending.failAll(e -> TransportErrors.map(upstream, "TCP connect", f.cause()));
            }
        });
    }

    PendingQueries pending() {
        return pending;
    }

    /** Whether new queries may still be sent here: connecting, or connected and open. */
    boolean isUsable() {
        ChannelFuture f = connect;
        return f != null && (!f.isDone() || (f.isSuccess() && f.channel().isActive()));
    }

    Channel channel() {
        return connect.channel();
    }

    /** Sends {@code wire} (with its 2-byte length) once connected; a failure fails the entry at once. */
    void send(PendingQueries.Entry entry, byte[] wire) {
        ChannelFuture f = connect;
        if (f.isDone()) {
            write(f, entry, wire);
        } else {
            f.addListener(done -> write(f, entry, wire));
        }
    }

    private void write(ChannelFuture f, PendingQueries.Entry entry, byte[] wire) {
        if (!f.isSuccess()) {
            pending.fail(entry, TransportErrors.map(upstream, "TCP connect", f.cause()));
            return;
        }
        if (!pending.isPending(entry)) {
            return; // cancelled while connecting
        }
        Channel channel = f.channel();
        ByteBuf frame = channel.alloc().buffer(2 + wire.length).writeShort(wire.length).writeBytes(wire);
        stats.sent.increment();
        channel.writeAndFlush(frame).addListener(w -> {
            if (!w.isSuccess()) {
                pending.fail(entry, TransportErrors.map(upstream, "TCP send", w.cause()));
            }
        });
        pending.startTimer(entry, channel.eventLoop());
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, ByteBuf frame) {
        byte[] wire = ByteBufUtil.getBytes(frame);
        int id = ResponseCheck.id(wire);
        PendingQueries.Entry entry = id < 0 ? null : pending.get(id);
        if (id < 0) {
            stats.droppedMalformed.increment();
        } else if (entry == null) {
            stats.droppedUnknownId.increment();
        } else {
            switch (ResponseCheck.check(wire, entry.query())) {
                case MALFORMED -> stats.droppedMalformed.increment();
                case WRONG_QUESTION -> stats.droppedWrongQuestion.increment();
                case MATCH -> {
                    stats.accepted.increment();
                    pending.complete(entry, Answer.of(wire, source));
                }
            }
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        // RFC 7766 §6.2.3: close an idle connection, but not while queries wait on it
        if (event instanceof IdleStateEvent && pending.size() == 0) {
            ctx.close();
        } else {
            ctx.fireUserEventTriggered(event);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        failure = cause;
        ctx.close();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        Throwable cause = failure;
        int inFlight = pending.size();
        pending.failAll(e -> cause != null ? TransportErrors.map(upstream, "TCP connection", cause)
                : new DnsNetworkException(upstream, "TCP connection closed with " + inFlight + " queries in flight", null));
        ctx.fireChannelInactive();
    }
}
