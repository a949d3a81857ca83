package io.hostdns.core.internal.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import reactor.test.scheduler.VirtualTimeScheduler;

class CoarseTickerTest {

    private final VirtualTimeScheduler scheduler = VirtualTimeScheduler.create();
    private final AtomicLong source = new AtomicLong(1_000);

    @Test
    void read_answersTheLastPeriodicReading_andTheSourceAfterDispose() {
        CoarseTicker ticker = new CoarseTicker(source::get, scheduler, Duration.ofMillis(10));
        assertThat(ticker.read()).isEqualTo(1_000);

        source.set(5_000);
        assertThat(ticker.read()).as("not yet re-read").isEqualTo(1_000);
        scheduler.advanceTimeBy(Duration.ofMillis(10));
        assertThat(ticker.read()).isEqualTo(5_000);

        ticker.dispose();
        source.set(9_000);
        scheduler.advanceTimeBy(Duration.ofMillis(100));
        assertThat(ticker.read()).isEqualTo(9_000);
        assertThat(ticker.isDisposed()).isTrue();
    }
}
