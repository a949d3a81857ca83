package io.hostdns.transport.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.RecvByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.UncheckedBooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The read loop a {@link BatchReadAllocator} drives, as Netty's epoll datagram channel calls it: after each
 * recvmmsg the channel reports the bytes it offered (every slot) and those the datagrams filled (slot size per
 * datagram), then asks whether to read again, always passing "maybe more data".
 */
class BatchReadAllocatorTest {

    private static final int SLOT = 2048;
    private static final int BATCH = 8;

    private EmbeddedChannel channel;
    private RecvByteBufAllocator.ExtendedHandle handle;

    @BeforeEach
    void newHandle() {
        channel = new EmbeddedChannel();
        handle = (RecvByteBufAllocator.ExtendedHandle) new BatchReadAllocator(SLOT, BATCH).newHandle();
        handle.reset(channel.config());
    }

    @AfterEach
    void close() {
        channel.finishAndReleaseAll();
    }

    /** One recvmmsg that received {@code datagrams} of the batch; whether the channel would read again. */
    private boolean read(int datagrams) {
        handle.attemptedBytesRead(SLOT * BATCH);
        handle.lastBytesRead(SLOT * datagrams);
        handle.incMessagesRead(datagrams);
        return handle.continueReading(UncheckedBooleanSupplier.TRUE_SUPPLIER);
    }

    @Test
    void aReadThatLeftSlotsEmptyEndsTheWakeUp() {
        assertThat(read(2)).as("2 of 8 slots: the socket was drained").isFalse();
    }

    @Test
    void fullReadsGoOnUpToTheCap() {
        for (int i = 1; i < BatchReadAllocator.FULL_READS; i++) {
            assertThat(read(BATCH)).as("full read %d", i).isTrue();
        }
        assertThat(read(BATCH)).as("full read %d, the last one of a wake-up", BatchReadAllocator.FULL_READS)
                .isFalse();
    }

    @Test
    void aShortReadAfterFullOnesEndsTheWakeUp() {
        assertThat(read(BATCH)).isTrue();
        assertThat(read(3)).isFalse();
    }

    @Test
    void eachWakeUpStartsAfresh() {
        for (int i = 0; i < BatchReadAllocator.FULL_READS; i++) {
            read(BATCH);
        }
        handle.readComplete();
        handle.reset(channel.config());
        assertThat(read(BATCH)).as("the count of a new wake-up starts at zero").isTrue();
    }

    @Test
    void noReadAgainWhileAutoReadIsOff() {
        channel.config().setAutoRead(false);
        assertThat(read(BATCH)).as("the handler stopped reading (too many queries in flight)").isFalse();
    }

    @Test
    void buffersHoldTheWholeBatch() {
        assertThat(handle.guess()).isEqualTo(SLOT * BATCH);
    }
}
