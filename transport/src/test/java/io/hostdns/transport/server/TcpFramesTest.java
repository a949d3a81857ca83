package io.hostdns.transport.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

class TcpFramesTest {

    private final ByteBufAllocator alloc = PooledByteBufAllocator.DEFAULT;

    @Test
    void headIncomplete_isFalse_whileCompleteMessagesWaitToBeTaken() {
        TcpFrames frames = new TcpFrames();
        try {
            frames.append(alloc, Unpooled.wrappedBuffer(new byte[] {0, 1, 7, 0, 1, 8}));

            assertThat(frames.headIncomplete()).isFalse();
            assertThat(frames.hasBufferedBytes()).isTrue();
            assertThat(frames.next()).containsExactly(7);
            assertThat(frames.next()).containsExactly(8);
        } finally {
            frames.release();
        }
    }

    @Test
    void next_cutsMessagesAcrossReadBoundaries_andReportsPartialFrames() {
        TcpFrames frames = new TcpFrames();
        ByteBuf first = Unpooled.wrappedBuffer(new byte[] {0, 3, 1, 2, 3, 0, 2, 9});
        ByteBuf second = Unpooled.wrappedBuffer(new byte[] {8, 0, 0});
        try {
            frames.append(alloc, first);
            assertThat(frames.next()).containsExactly(1, 2, 3);
            assertThat(frames.next()).isNull();
            assertThat(frames.headIncomplete()).isTrue();

            frames.append(alloc, second);
            assertThat(frames.next()).containsExactly(9, 8);
            assertThat(frames.next()).isNull(); // the zero-length frame holds nothing to answer
            assertThat(frames.headIncomplete()).isFalse();
            assertThat(frames.hasBufferedBytes()).isFalse();
            assertThat(first.refCnt()).isZero();
            assertThat(second.refCnt()).isZero();
        } finally {
            frames.release();
        }
    }
}
