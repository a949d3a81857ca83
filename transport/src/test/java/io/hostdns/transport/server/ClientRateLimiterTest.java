package io.hostdns.transport.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import reactor.test.scheduler.VirtualTimeScheduler;

class ClientRateLimiterTest {

    private final VirtualTimeScheduler clock = VirtualTimeScheduler.create();

    private static InetAddress ip(String literal) throws Exception {
        return InetAddress.getByName(literal);
    }

    private static int allowed(ClientRateLimiter limiter, InetAddress client, int attempts) {
        int ok = 0;
        for (int i = 0; i < attempts; i++) {
            if (limiter.tryAcquire(client)) {
                ok++;
            }
        }
        return ok;
    }

    @Test
    void burstPasses_thenTheRateRefills() throws Exception {
        ClientRateLimiter limiter = new ClientRateLimiter(ClientRateLimit.of(10, 5), clock);
        InetAddress client = ip("192.0.2.1");

        assertThat(allowed(limiter, client, 20)).isEqualTo(5);
        clock.advanceTimeBy(Duration.ofMillis(300)); // 3 tokens at 10/s
        assertThat(allowed(limiter, client, 20)).isEqualTo(3);
        clock.advanceTimeBy(Duration.ofSeconds(60)); // never more than the burst
        assertThat(allowed(limiter, client, 20)).isEqualTo(5);
    }

    @Test
    void clientsOfOneSlash24_shareABucket_otherNetworksDoNot() throws Exception {
        ClientRateLimiter limiter = new ClientRateLimiter(ClientRateLimit.of(1, 2), clock);

        assertThat(allowed(limiter, ip("192.0.2.1"), 1) + allowed(limiter, ip("192.0.2.200"), 3)).isEqualTo(2);
        assertThat(allowed(limiter, ip("192.0.3.1"), 3)).isEqualTo(2);
        assertThat(allowed(limiter, ip("::ffff:192.0.2.7"), 1)).as("IPv4-mapped counts as IPv4").isZero();
    }

    @Test
    void ipv6Clients_areGroupedBySlash56() throws Exception {
        ClientRateLimiter limiter = new ClientRateLimiter(ClientRateLimit.of(1, 2), clock);

        assertThat(allowed(limiter, ip("2001:db8:0:1200::1"), 1) + allowed(limiter, ip("2001:db8:0:12ff::9"), 3))
                .isEqualTo(2);
        assertThat(allowed(limiter, ip("2001:db8:0:1300::1"), 3)).as("another /56").isEqualTo(2);
    }

    @Test
    void trackedClients_stayBounded_underAddressSpraying() throws Exception {
        ClientRateLimiter limiter = new ClientRateLimiter(ClientRateLimit.of(1, 1).withMaxTrackedClients(100), clock);
        for (int i = 0; i < 5_000; i++) {
            limiter.tryAcquire(InetAddress.getByAddress(new byte[] {10, (byte) (i >> 8), (byte) i, 1}));
        }
        assertThat(limiter.trackedClients()).isLessThanOrEqualTo(100);
    }

    @Test
    void badSettings_areRejected_namingTheField() {
        assertThatThrownBy(() -> ClientRateLimit.of(0, 1)).hasMessageContaining("queriesPerSecond");
        assertThatThrownBy(() -> ClientRateLimit.of(1, 0)).hasMessageContaining("burst");
        assertThatThrownBy(() -> ClientRateLimit.of(1, 1).withPrefixes(33, 56)).hasMessageContaining("ipv4Prefix");
        assertThatThrownBy(() -> ClientRateLimit.of(1, 1).withPrefixes(24, 65)).hasMessageContaining("ipv6Prefix");
    }
}
