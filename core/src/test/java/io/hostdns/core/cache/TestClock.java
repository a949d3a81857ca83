package io.hostdns.core.cache;

import com.github.benmanes.caffeine.cache.Ticker;
import io.hostdns.core.Resolver;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import reactor.test.scheduler.VirtualTimeScheduler;

/** One virtual clock for a cache under test: the Caffeine ticker and the Reactor scheduler. */
final class TestClock {

    final VirtualTimeScheduler scheduler = VirtualTimeScheduler.create();
    final Ticker ticker = () -> scheduler.now(TimeUnit.NANOSECONDS);

    void advance(Duration d) {
        scheduler.advanceTimeBy(d);
    }

    void advanceSeconds(long seconds) {
        advance(Duration.ofSeconds(seconds));
    }

    /** A cache on this clock, with synchronous Caffeine maintenance. */
    CachingResolver cache(Resolver delegate, CacheOptions options) {
        return CachingResolver.builder(delegate).options(options).ticker(ticker).scheduler(scheduler)
                .executor(Runnable::run).build();
    }
}
