package io.hostdns.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UpstreamIdTest {

    @Test
    void toString_padsTheIndexToThreeDigits_thenProtocolAndAddress() {
        assertThat(new UpstreamId(0, Protocol.UDP, "192.168.1.22:53")).hasToString("#000 udp 192.168.1.22:53");
        assertThat(new UpstreamId(7, Protocol.TCP, "9.9.9.9:53")).hasToString("#007 tcp 9.9.9.9:53");
        assertThat(new UpstreamId(42, Protocol.UDP, "a")).hasToString("#042 udp a");
        assertThat(new UpstreamId(123, Protocol.UDP, "a")).hasToString("#123 udp a");
        assertThat(new UpstreamId(1234, Protocol.UDP, "a")).hasToString("#1234 udp a");
    }
}
