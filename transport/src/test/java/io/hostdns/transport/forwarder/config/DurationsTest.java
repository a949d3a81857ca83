package io.hostdns.transport.forwarder.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DurationsTest {

    @ParameterizedTest
    @CsvSource({"2s,2000", "500ms,500", "4.5s,4500", "1m,60000", "1d,86400000", "1h,3600000", "0s,0",
            "1.5m,90000", "10 s,10000", "2S,2000"})
    void parse_acceptsNumberAndUnit(String text, long millis) {
        assertThat(Durations.parse("hostDNS.timeouts.attempt", text)).isEqualTo(Duration.ofMillis(millis));
    }

    @ParameterizedTest
    @ValueSource(strings = {"5", "-1s", "2 seconds", "s", "1.0005s", "", "1e3ms"})
    void parse_refusesWhatIsNotADuration_namingFieldValueAndFormat(String text) {
        assertThatThrownBy(() -> Durations.parse("hostDNS.timeouts.attempt", text))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("hostDNS.timeouts.attempt must be a duration with a unit (ms, s, m, h, d)")
                .hasMessageEndingWith("got '" + text + "'")
                .extracting(e -> ((ConfigException) e).path()).isEqualTo("hostDNS.timeouts.attempt");
    }

    @ParameterizedTest
    @CsvSource({"4500,4.5s", "2000,2s", "500,500ms", "60000,1m", "86400000,1d", "0,0ms", "1250,1250ms"})
    void format_isReadBackByParse(long millis, String text) {
        assertThat(Durations.format(Duration.ofMillis(millis))).isEqualTo(text);
        assertThat(Durations.parse("x", text)).isEqualTo(Duration.ofMillis(millis));
    }
}
