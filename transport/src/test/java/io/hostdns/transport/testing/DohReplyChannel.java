package io.hostdns.transport.testing;

import io.hostdns.core.Protocol;
import io.netty.channel.EventLoopGroup;
import java.nio.channels.ClosedChannelException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;

/**
 * Lets a {@link FakeDnsServer} script answer a DoH request: the first response it sends becomes the
 * HTTP reply (200, {@code application/dns-message}); one HTTP exchange carries one response, so
 * later sends (e.g. the genuine reply after a forged one) are ignored. Closing aborts the exchange,
 * which {@link FakeDohServer} turns into a reset stream (HTTP/2) or a closed connection (HTTP/1.1).
 */
final class DohReplyChannel implements ReplyChannel {

    private final MonoSink<DohReply> sink;
    private final EventLoopGroup loops;

    DohReplyChannel(MonoSink<DohReply> sink, EventLoopGroup loops) {
        this.sink = sink;
        this.loops = loops;
    }

    /** A handler that hands every DoH query to {@code server}'s script, recorded there as {@link Protocol#HTTPS}. */
    static DohHandler dispatchingTo(FakeDnsServer server) {
        return exchange -> Mono.create(sink -> server.dispatch(
                new FakeRequest(exchange.query(), Protocol.HTTPS, exchange.client(), 0),
                new DohReplyChannel(sink, server.eventLoops())));
    }

    @Override
    public Protocol protocol() {
        return Protocol.HTTPS;
    }

    @Override
    public void send(byte[] wire) {
        sink.success(new DohReply(200, DohReply.DNS_MESSAGE, wire));
    }

    @Override
    public void sendFromOtherPort(byte[] wire) {
        send(wire); // HTTPS has no other port: the connection is the authentication
    }

    @Override
    public void close() {
        sink.error(new ClosedChannelException());
    }

    @Override
    public void onAbandoned(Runnable action) {
        sink.onCancel(action::run);
    }

    @Override
    public void schedule(Duration delay, Runnable action) {
        loops.schedule(action, delay.toNanos(), TimeUnit.NANOSECONDS);
    }
}
