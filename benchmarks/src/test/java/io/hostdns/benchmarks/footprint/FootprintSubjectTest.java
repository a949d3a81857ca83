package io.hostdns.benchmarks.footprint;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FootprintSubjectTest {

    @ParameterizedTest
    @ValueSource(strings = {"hostdns", "netty", "dnsjava"})
    void fill_storesOneEntryPerHost_andHitsKeepThem(String impl) {
        try (FootprintSubject subject = FootprintSubject.of(impl, 500)) {
            assertThat(subject.entries(500)).isZero();

            subject.fill(500);
            subject.hitAll(500);

            assertThat(subject.entries(500)).isEqualTo(500);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"hostdns", "dnsjava"})
    void fill_beyondTheBound_keepsAtMostTheBound(String impl) {
        try (FootprintSubject subject = FootprintSubject.of(impl, 100)) {
            subject.fill(300);

            assertThat(subject.entries(300)).isBetween(1L, 100L);
        }
    }
}
