package io.hostdns.transport.testing;

import io.hostdns.core.Protocol;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.xbill.DNS.Message;

/** The UDP side of {@link FakeDnsServer}; the instance without an other-port socket only sends spoofs. */
final class FakeUdpListener extends SimpleChannelInboundHandler<DatagramPacket> {

    private final FakeDnsServer server;
    private final @Nullable Channel otherPort;

    FakeUdpListener(FakeDnsServer server, @Nullable Channel otherPort) {
        this.server = server;
        this.otherPort = otherPort;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) throws IOException {
        if (otherPort == null) {
            return; // the spoofing socket ignores what it receives
        }
        Message message = new Message(ByteBufUtil.getBytes(packet.content()));
        FakeRequest request = new FakeRequest(message, Protocol.UDP, packet.sender(), 0);
        server.dispatch(request, new Out(ctx.channel(), otherPort, packet.sender()));
    }

    private record Out(Channel channel, Channel otherPort, InetSocketAddress client) implements ReplyChannel {

        @Override
        public Protocol protocol() {
            return Protocol.UDP;
        }

        @Override
        public void send(byte[] wire) {
            channel.writeAndFlush(new DatagramPacket(Unpooled.wrappedBuffer(wire), client));
        }

        @Override
        public void sendFromOtherPort(byte[] wire) {
            otherPort.writeAndFlush(new DatagramPacket(Unpooled.wrappedBuffer(wire), client));
        }

        @Override
        public void close() {
            // nothing to close on UDP: the client simply gets no reply
        }

        @Override
        public void schedule(Duration delay, Runnable action) {
            channel.eventLoop().schedule(action, delay.toNanos(), TimeUnit.NANOSECONDS);
        }
    }
}
