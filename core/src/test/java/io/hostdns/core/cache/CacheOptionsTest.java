package io.hostdns.core.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class CacheOptionsTest {

    @Test
    void defaults_matchTheDesign() {
        CacheOptions d = CacheOptions.DEFAULTS;
        assertThat(d.minTtl()).isEqualTo(Duration.ofSeconds(5));
        assertThat(d.maxTtl()).isEqualTo(Duration.ofHours(1));
        assertThat(d.negative()).isEqualTo(new CacheOptions.Negative(Duration.ofSeconds(5), Duration.ofSeconds(10),
                Duration.ofSeconds(5), Duration.ofSeconds(5)));
        assertThat(d.stale().enabled()).isTrue();
        assertThat(d.stale().maxStaleAge()).isEqualTo(Duration.ofDays(1));
        assertThat(d.stale().answerTimeout()).isEqualTo(Duration.ofMillis(1800));
        assertThat(d.stale().answerTtl()).isEqualTo(Duration.ofSeconds(30));
        assertThat(d.prefetch()).isEqualTo(new CacheOptions.Prefetch(10, 1));
    }

    @Test
    void invalidValues_areRejected_namingTheField() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> CacheOptions.DEFAULTS.withTtlRange(Duration.ofSeconds(10), Duration.ofSeconds(5)))
                .withMessageContaining("positive minTtl");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> CacheOptions.Negative.DEFAULTS.withServfailTtl(Duration.ofSeconds(-1)))
                .withMessageContaining("servfailTtl");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> CacheOptions.ServeStale.DEFAULTS.withAnswerTimeout(Duration.ofMillis(-1)))
                .withMessageContaining("staleAnswerTimeout");
        assertThatIllegalArgumentException().isThrownBy(() -> new CacheOptions.Prefetch(101, 1))
                .withMessageContaining("thresholdPercent");
        assertThatIllegalArgumentException().isThrownBy(() -> CacheOptions.DEFAULTS.withMaximumEntries(-1))
                .withMessageContaining("maximumEntries");
    }

    @Test
    void withers_changeOnlyTheirField() {
        CacheOptions changed = CacheOptions.DEFAULTS.withMaximumEntries(5).withPrefetch(CacheOptions.Prefetch.DISABLED);
        assertThat(changed.maximumEntries()).isEqualTo(5);
        assertThat(changed.prefetch()).isEqualTo(CacheOptions.Prefetch.DISABLED);
        assertThat(changed.withMaximumEntries(10_000).withPrefetch(CacheOptions.Prefetch.DEFAULTS)).isEqualTo(CacheOptions.DEFAULTS);
    }
}
