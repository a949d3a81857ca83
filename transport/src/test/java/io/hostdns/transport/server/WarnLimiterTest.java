package io.hostdns.transport.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import reactor.test.scheduler.VirtualTimeScheduler;

class WarnLimiterTest {

    @Test
    void tryAcquire_allowsOneLinePerInterval_andReportsHowManyWereSuppressed() {
        VirtualTimeScheduler clock = VirtualTimeScheduler.create();
        WarnLimiter limiter = new WarnLimiter(clock, 1, TimeUnit.SECONDS);

        assertThat(limiter.tryAcquire()).isZero();
        assertThat(limiter.tryAcquire()).isEqualTo(-1);
        assertThat(limiter.tryAcquire()).isEqualTo(-1);
        clock.advanceTimeBy(Duration.ofMillis(999));
        assertThat(limiter.tryAcquire()).isEqualTo(-1);
        clock.advanceTimeBy(Duration.ofMillis(1));

        assertThat(limiter.tryAcquire()).isEqualTo(3);
        assertThat(limiter.tryAcquire()).isEqualTo(-1);
        clock.advanceTimeBy(Duration.ofSeconds(5));
        assertThat(limiter.tryAcquire()).isEqualTo(1);
    }
}
